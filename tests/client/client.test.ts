/**
 * active-active/client against the real app served locally in two regions on one dynalite table (issue 18): a region
 * killed mid-run costs each request at most one failed attempt, a timeout at most once, and no write runs twice. No
 * wall clock is asserted: attempts and their outcomes are counted.
 */
import { ActiveActiveClient, AllRegionsFailedError, type ClientResponse } from "../../client";
import { startDynamoServer, type DynamoServer } from "../helpers/dynamo-server";
import { LocalRegion } from "./regions";

let db: DynamoServer;
let east: LocalRegion;
let west: LocalRegion;
let counter = 0;

beforeEach(async () => {
    db ??= await startDynamoServer();
    east = await new LocalRegion("us-east-1", db).start();
    west = await new LocalRegion("eu-west-1", db).start();
});
afterEach(async () => {
    await east.stop();
    await west.stop();
});
afterAll(async () => db.close());

/** A client of the two regions; attempts time out after `timeoutMs` (generous, so that a loaded machine never times out a healthy region: only a hung one reaches it). */
function client(timeoutMs = 2500): ActiveActiveClient {
    return new ActiveActiveClient({ regions: [east, west].map((r) => ({ region: r.region, baseUrl: r.baseUrl })), attemptTimeoutMs: timeoutMs, budgetMs: 60_000 });
}

/** UpdateItem calls on one item, in both regions: how many times its write ran. */
function writesOf(id: string): number {
    return [east, west].flatMap((r) => r.app.commands).filter((c) => c.action === "dynamodb:UpdateItem" && c.body.includes(`#${id}"`)).length;
}

async function writeMany(c: ActiveActiveClient, n: number, killAt: number, kill: () => void): Promise<{ id: string; res: ClientResponse }[]> {
    const out: { id: string; res: ClientResponse }[] = [];
    for (let i = 0; i < n; i++) {
        if (i === killAt) kill();
        const id = `client-${++counter}`;
        out.push({ id, res: await c.request("PUT", `/items/${id}`, { body: { data: { value: i } } }) });
    }
    return out;
}

const failures = (r: ClientResponse) => r.attempts.filter((a) => a.outcome !== "ok");

test("both regions up: every request answers from the first region in one attempt, each write once", async () => {
    const results = await writeMany(client(), 4, -1, () => undefined);
    expect(results.map(({ res }) => [res.status, res.region, res.attempts.length])).toEqual(Array(4).fill([201, "us-east-1", 1]));
    expect(results.map(({ id }) => writesOf(id))).toEqual([1, 1, 1, 1]);
});

test("a region killed mid-run (connections refused): one failed attempt for the next request, none after, no duplicate write", async () => {
    const results = await writeMany(client(), 6, 3, () => east.kill());
    expect(results.map(({ res }) => [res.status, res.region, failures(res).map((a) => a.outcome)])).toEqual([
        [201, "us-east-1", []],
        [201, "us-east-1", []],
        [201, "us-east-1", []],
        [201, "eu-west-1", ["connection"]],
        [201, "eu-west-1", []],
        [201, "eu-west-1", []],
    ]);
    expect(results.map(({ id }) => writesOf(id))).toEqual([1, 1, 1, 1, 1, 1]);
});

test("a region that hangs: the request costs one timeout, then the same request answers from the next region", async () => {
    const results = await writeMany(client(), 4, 2, () => (east.failure = "hang"));
    expect(results.map(({ res }) => [res.region, failures(res).map((a) => a.outcome)])).toEqual([
        ["us-east-1", []],
        ["us-east-1", []],
        ["eu-west-1", ["timeout"]],
        ["eu-west-1", []],
    ]);
    expect(results.map(({ id }) => writesOf(id))).toEqual([1, 1, 1, 1]);
});

test("a region that commits the write and then hangs: the retry carries the same Idempotency-Key and is replayed, not run again", async () => {
    const results = await writeMany(client(), 3, 1, () => (east.failure = "commit-then-hang"));
    const [, retried] = results;
    expect([retried!.res.status, retried!.res.region, failures(retried!.res).map((a) => a.outcome)]).toEqual([201, "eu-west-1", ["timeout"]]);
    expect(retried!.res.headers.get("idempotent-replayed")).toBe("true");
    // The write ran once, in us-east-1, before its answer was lost.
    expect(results.map(({ id }) => writesOf(id))).toEqual([1, 1, 1]);
    expect(east.handled).toBe(2);
});

test("a 502 from one region is retried on the next; a 4xx is not", async () => {
    east.failure = "bad-gateway";
    const c = client();
    const ok = await c.request("PUT", `/items/client-${++counter}`, { body: { data: { value: 1 } } });
    expect([ok.status, ok.attempts]).toEqual([201, [{ region: "us-east-1", outcome: "server-error", status: 502 }, { region: "eu-west-1", outcome: "ok", status: 201 }]]);
    const missing = await c.request("GET", "/items/never-written");
    expect([missing.status, missing.attempts]).toEqual([404, [{ region: "eu-west-1", outcome: "ok", status: 404 }]]);
});

test("every region down: the request fails with every attempt named", async () => {
    east.kill();
    west.kill();
    const error = await client().request("PUT", "/items/nowhere", { body: { data: { value: 1 } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllRegionsFailedError);
    expect((error as AllRegionsFailedError).attempts).toEqual([
        { region: "us-east-1", outcome: "connection" },
        { region: "eu-west-1", outcome: "connection" },
    ]);
});
