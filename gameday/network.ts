/**
 * Which regions can reach which: a region that is down reaches nobody, a partition cuts the links between its two
 * sides. Replication, strong-consistency quorums and health checkers ask here; faults change it.
 */
export class Network {
    private readonly down = new Set<string>();
    /** Each partition isolates a set of regions from the rest. */
    private readonly partitions: Set<string>[] = [];
    private readonly listeners: (() => void)[] = [];

    isDown(region: string): boolean {
        return this.down.has(region);
    }

    setDown(region: string, down: boolean): void {
        if (down) this.down.add(region);
        else this.down.delete(region);
        this.changed();
    }

    /** Isolates `side` from every region not in it, until `heal` is called with the same handle. */
    partition(side: readonly string[]): Set<string> {
        const set = new Set(side);
        this.partitions.push(set);
        this.changed();
        return set;
    }

    heal(handle: Set<string>): void {
        const i = this.partitions.indexOf(handle);
        if (i >= 0) this.partitions.splice(i, 1);
        this.changed();
    }

    /** True when a message can go from `a` to `b` now. */
    reachable(a: string, b: string): boolean {
        if (a === b) return !this.down.has(a);
        if (this.down.has(a) || this.down.has(b)) return false;
        return this.partitions.every((p) => p.has(a) === p.has(b));
    }

    /** Called after every change (replication resends what was held back). */
    onChange(listener: () => void): void {
        this.listeners.push(listener);
    }

    private changed(): void {
        for (const l of this.listeners) l();
    }
}
