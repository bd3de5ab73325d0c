/**
 * Content hashes of assets and archives.
 */
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { hashAsset } from "../../plan/hash";
import { ROOT } from "./support";

test("assets hash by content: same bytes, same hash; archive member names count", async () => {
    const archive = (name: string, text: string) => new pulumi.asset.AssetArchive({ [name]: new pulumi.asset.StringAsset(text) });
    const a = await hashAsset(archive("index.js", "exports.handler = 1;"));
    expect(await hashAsset(archive("index.js", "exports.handler = 1;"))).toBe(a);
    expect(await hashAsset(archive("index.js", "exports.handler = 2;"))).not.toBe(a);
    expect(await hashAsset(archive("main.js", "exports.handler = 1;"))).not.toBe(a);
    expect(await hashAsset(new pulumi.asset.FileAsset(path.join(ROOT, "package.json")))).toMatch(/^[0-9a-f]{64}$/);
});

test("a text asset hashes to the sha256 of its text, also when seen again after many other texts", async () => {
    const { createHash } = await import("crypto");
    const expected = (text: string) => createHash("sha256").update(text).digest("hex");
    const texts = Array.from({ length: 40 }, (_, i) => `exports.handler = ${i};`);
    for (const round of [1, 2]) {
        for (const t of texts) expect([round, await hashAsset(new pulumi.asset.StringAsset(t))]).toEqual([round, expected(t)]);
    }
});
