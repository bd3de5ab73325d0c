/**
 * DynamoDB global-table replication between the regions' engines, on simulated time.
 *
 * Eventual (MREC, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html):
 * every write is replicated asynchronously to every other replica, item by item, usually within a second (lag drawn
 * from the scenario's distribution); conflicts resolve last writer wins per item on the write's timestamp, applied as
 * a conditional write that needs the incoming timestamp to be newer. A replica that cannot be reached gets what it
 * missed when it can again (the same page: data not yet replicated is replicated when the replica recovers).
 *
 * Strong (MRSC, same page): a write returns only once it is replicated to at least one other region, so it and a
 * strongly consistent read need this region to reach a majority of the table's three regions (a witness counts);
 * eventually consistent reads are answered locally. A write to an item being modified from another region at the
 * same time fails with ReplicatedWriteConflictException (retryable). A cut-off replica catches up once it is back.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Engine } from "./engine";
import type { LatencyMatrix } from "./geography";
import type { Network } from "./network";
import type { Random, Scheduler } from "./scheduler";

export type Key = Record<string, AttributeValue>;

export interface LagModel {
    /** Fixed part of the replication lag, ms. */
    baseMs: number;
    /** Mean of the exponential part, ms. */
    meanExtraMs: number;
}

interface Stamp {
    at: number;
    seq: number;
}

/** One write as it happened in its origin region, and when each peer first held it. */
export interface WriteRecord {
    key: string;
    origin: string;
    at: number;
    seq: number;
    /** The client operation behind an item write (its `data.op`), if any. */
    op: string | null;
    isItem: boolean;
    /** Region -> simulated time the write was applied there (the origin at `at`). */
    visibleAt: Record<string, number>;
    /** Regions where last writer wins dropped it (a newer concurrent write was there). */
    lostAt: string[];
}

interface Pending {
    write: WriteRecord;
    key: Key;
    target: string;
    item: Key | null;
}

export class Replication {
    readonly writes: WriteRecord[] = [];
    private readonly stamps = new Map<string, Map<string, Stamp>>();
    private readonly lastArrival = new Map<string, number>();
    private readonly held: Pending[] = [];
    private seq = 0;

    constructor(
        private readonly sched: Scheduler,
        private readonly rng: Random,
        private readonly engines: ReadonlyMap<string, Engine>,
        private readonly network: Network,
        private readonly latency: LatencyMatrix,
        private readonly table: { tableName: string; partitionKey: string; sortKey: string },
        readonly consistency: "eventual" | "strong",
        private readonly witness: string | null,
        private readonly lag: LagModel,
    ) {
        for (const r of engines.keys()) this.stamps.set(r, new Map());
        network.onChange(() => this.release());
    }

    keyString(key: Key): string {
        return `${key[this.table.partitionKey]?.S ?? ""}|${key[this.table.sortKey]?.S ?? ""}`;
    }

    /** Strong mode: the regions that vote (replicas and the witness). */
    private voters(): string[] {
        return [...this.engines.keys(), ...(this.witness !== null ? [this.witness] : [])];
    }

    /** Strong mode: whether `region` reaches a majority of the voters now. */
    hasQuorum(region: string): boolean {
        const voters = this.voters();
        const reached = voters.filter((v) => v === region ? !this.network.isDown(v) : this.network.reachable(region, v)).length;
        return reached * 2 > voters.length;
    }

    /** Strong mode: the extra time a write takes, the round trip to the nearest reachable voter. */
    quorumRttMs(region: string): number {
        const peers = this.voters().filter((v) => v !== region && this.network.reachable(region, v));
        return Math.min(...peers.map((p) => this.latency.regionRtt(region, p)));
    }

    /** Strong mode: true when another region wrote this item within the replication round trip (a concurrent write). */
    conflicts(region: string, key: Key): boolean {
        const last = this.lastOriginWrite.get(this.keyString(key));
        return last !== undefined && last.region !== region && this.sched.now - last.at < this.latency.regionRtt(region, last.region);
    }

    private readonly lastOriginWrite = new Map<string, { region: string; at: number }>();

    /** A write the app made in `region` succeeded: stamp it, read the item back and send it to every peer. */
    async captured(region: string, key: Key): Promise<void> {
        const k = this.keyString(key);
        const stamp = { at: this.sched.now, seq: this.seq++ };
        this.stamps.get(region)!.set(k, stamp);
        this.lastOriginWrite.set(k, { region, at: stamp.at });
        const engine = this.engines.get(region)!;
        const got = await engine.raw.send(new GetItemCommand({ TableName: this.table.tableName, Key: key, ConsistentRead: true }));
        const item = got.Item ?? null;
        const isItem = (key[this.table.sortKey]?.S ?? "") === "item";
        const op = item?.data?.M?.op?.S ?? null;
        const write: WriteRecord = { key: k, origin: region, at: stamp.at, seq: stamp.seq, op, isItem, visibleAt: { [region]: stamp.at }, lostAt: [] };
        this.writes.push(write);
        for (const target of this.engines.keys()) {
            if (target === region) continue;
            const pending = { write, key, target, item };
            if (!this.network.reachable(region, target)) this.held.push(pending);
            else if (this.consistency === "strong") await this.apply(pending);
            else this.schedule(pending);
        }
    }

    private schedule(p: Pending): void {
        const lagMs = this.lag.baseMs + this.rng.exponential(this.lag.meanExtraMs);
        // Items replicate in order per item: a later write never overtakes an earlier one on the same link.
        const link = `${p.write.origin}>${p.target}|${p.write.key}`;
        const at = Math.max(this.sched.now + lagMs, this.lastArrival.get(link) ?? 0);
        this.lastArrival.set(link, at);
        this.sched.at(at, () => {
            if (!this.network.reachable(p.write.origin, p.target)) this.held.push(p);
            else void this.sched.track(this.apply(p));
        });
    }

    /** Last writer wins: the incoming write lands only if it is newer than what the target holds. */
    private async apply(p: Pending): Promise<void> {
        const stamps = this.stamps.get(p.target)!;
        const current = stamps.get(p.write.key);
        if (current !== undefined && (current.at > p.write.at || (current.at === p.write.at && current.seq > p.write.seq))) {
            p.write.lostAt.push(p.target);
            return;
        }
        stamps.set(p.write.key, { at: p.write.at, seq: p.write.seq });
        const engine = this.engines.get(p.target)!;
        if (p.item === null) await engine.raw.send(new DeleteItemCommand({ TableName: this.table.tableName, Key: p.key }));
        else await engine.raw.send(new PutItemCommand({ TableName: this.table.tableName, Item: p.item }));
        p.write.visibleAt[p.target] = this.sched.now;
    }

    /** Sends what a cut link held back, now that the network changed. */
    private release(): void {
        const ready = this.held.filter((p) => this.network.reachable(p.write.origin, p.target));
        if (ready.length === 0) return;
        for (const p of ready) this.held.splice(this.held.indexOf(p), 1);
        ready.sort((a, b) => a.write.seq - b.write.seq);
        // A strong-consistency replica catches up before it serves again; an eventual one gets the backlog with lag.
        if (this.consistency === "strong") void this.sched.track(this.applyAll(ready));
        else for (const p of ready) this.schedule(p);
    }

    private async applyAll(ready: Pending[]): Promise<void> {
        for (const p of ready) await this.apply(p);
    }

    /** Writes still held back by a cut link (not yet sent). */
    backlog(): number {
        return this.held.length;
    }
}
