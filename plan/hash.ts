/**
 * Content hashes of assets and archives, so the plan shows the Lambda code as `sha256:...` of its bytes: two plans
 * of the same code diff clean, and a code change shows as one changed line.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";

function sha256(data: string | Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

/**
 * Hashes of text assets already seen in this process. A fleet's functions share one bundle text (a 20-service,
 * 8-region plan has 160 copies of the same string), and hashing it again each time was 0.55 s of that plan. Keyed
 * on the text itself, so an entry can only ever give that text's hash; bounded so a long-lived process stays small.
 */
const textHashes = new Map<string, string>();
const TEXT_HASHES_KEPT = 16;

function sha256OfText(text: string): string {
    let hash = textHashes.get(text);
    if (hash === undefined) {
        hash = sha256(text);
        if (textHashes.size >= TEXT_HASHES_KEPT) textHashes.delete(textHashes.keys().next().value!);
        textHashes.set(text, hash);
    }
    return hash;
}

/** Hash of a file or directory tree: relative paths and contents, in sorted order. */
function hashPath(p: string): string {
    if (!fs.existsSync(p)) return sha256(`missing:${p}`);
    const stat = fs.statSync(p);
    if (stat.isFile()) return sha256(fs.readFileSync(p));
    const lines: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir).sort()) {
            const full = path.join(dir, entry);
            if (fs.statSync(full).isDirectory()) walk(full);
            else lines.push(`${path.relative(p, full)}\0${sha256(fs.readFileSync(full))}\n`);
        }
    };
    walk(p);
    return sha256(lines.join(""));
}

/** Content hash of an asset or archive. Remote ones cannot be fetched offline: their URI is hashed instead. */
export async function hashAsset(a: pulumi.asset.Asset | pulumi.asset.Archive): Promise<string> {
    const anyA = a as any;
    if (anyA.assets !== undefined) {
        const members = (await anyA.assets) as Record<string, pulumi.asset.Asset | pulumi.asset.Archive>;
        const lines: string[] = [];
        for (const name of Object.keys(members).sort()) lines.push(`${name}\0${await hashAsset(members[name]!)}\n`);
        return sha256(lines.join(""));
    }
    if (anyA.text !== undefined) return sha256OfText(String(await anyA.text));
    if (anyA.path !== undefined) return hashPath(String(await anyA.path));
    if (anyA.uri !== undefined) return sha256(`uri:${await anyA.uri}`);
    return sha256("empty");
}
