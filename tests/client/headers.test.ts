/**
 * The Idempotency-Key the client sends: one header, whatever case the caller spelled it in. Two headers of one name
 * are joined by fetch ("k1, <uuid>"), and the app would then see a key no retry of the caller's ever repeats.
 * The network is a recording fetch here: what is asserted is the client's own header logic.
 */
import { ActiveActiveClient } from "../../client";

function recording(): { sent: Record<string, string>[]; client: ActiveActiveClient } {
    const sent: Record<string, string>[] = [];
    const fetch = (async (_url: string, init: { headers: Record<string, string> }) => {
        sent.push(init.headers);
        return new Response("{}", { status: 201, headers: { "content-type": "application/json" } });
    }) as unknown as typeof globalThis.fetch;
    const client = new ActiveActiveClient({ regions: [{ region: "us-east-1", baseUrl: "http://east.invalid" }], fetch, newIdempotencyKey: () => "generated" });
    return { sent, client };
}

const keyHeaders = (h: Record<string, string>) => Object.entries(h).filter(([name]) => name.toLowerCase() === "idempotency-key");

test.each([["idempotency-key"], ["Idempotency-Key"], ["IDEMPOTENCY-KEY"]])("a key the caller put in the headers as %s is sent once, unchanged", async (name) => {
    const { sent, client } = recording();
    await client.request("POST", "/items", { body: { a: 1 }, headers: { [name]: "k1" } });
    expect(sent.map(keyHeaders)).toEqual([[["Idempotency-Key", "k1"]]]);
});

test("without a key in the options or the headers, a POST gets one generated key", async () => {
    const { sent, client } = recording();
    await client.request("POST", "/items", { body: { a: 1 } });
    expect(sent.map(keyHeaders)).toEqual([[["Idempotency-Key", "generated"]]]);
});

test("the idempotencyKey option wins over a header of that name", async () => {
    const { sent, client } = recording();
    await client.request("POST", "/items", { body: { a: 1 }, idempotencyKey: "opt", headers: { "idempotency-key": "hdr" } });
    expect(sent.map(keyHeaders)).toEqual([[["Idempotency-Key", "opt"]]]);
});
