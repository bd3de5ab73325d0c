/**
 * What the plan tests share: the stacks, reading a stack file's values, the plan of a result, and a check of the
 * Mermaid block against the subset of the syntax the report uses (so that it renders on GitHub).
 */
import * as path from "path";
import { loadStackConfig } from "../../mock-kit";
import { cmp } from "../../plan/topology";
import type { PlanResult } from "../../plan/run";
import type { PlanJson } from "../../plan/types";

export const STACKS = ["dev", "staging", "prod"] as const;
export const ROOT = path.resolve(__dirname, "../..");
export const STACK_TRACE = /^\s+at .*:\d+/m;

export function stackRegions(stack: string): string[] {
    return JSON.parse(loadStackConfig(stack).config["active-active:regions"]!);
}

export function stackValue(stack: string, key: string): unknown {
    return JSON.parse(loadStackConfig(stack).config[`active-active:${key}`]!);
}

/** Everything a user could see of a plan. */
export function everything(r: PlanResult): string {
    return [r.text, r.errorText, r.markdown ?? "", JSON.stringify(r.json ?? {}), r.problems.join("\n")].join("\n");
}

export function plan(r: PlanResult): PlanJson {
    if (!r.json) throw new Error(`no plan JSON (exit ${r.exitCode}): ${r.errorText}`);
    return r.json;
}

export function regionMentioned(name: string, regions: string[]): string | undefined {
    return regions.find((g) => new RegExp(`(^|-)${g}(-|$)`).test(name));
}

export function keysSorted(value: unknown): boolean {
    if (Array.isArray(value)) return value.every(keysSorted);
    if (value === null || typeof value !== "object") return true;
    const keys = Object.keys(value);
    return keys.every((k, i) => i === 0 || cmp(keys[i - 1]!, k) < 0) && Object.values(value).every(keysSorted);
}

/**
 * The Mermaid block of a report, checked: ids of letters, digits and underscores, every label quoted, every edge
 * between defined nodes.
 */
export function mermaidOf(md: string): { block: string; nodes: Set<string> } {
    const found = /```mermaid\n([\s\S]*?)\n```/.exec(md);
    if (!found) throw new Error("no mermaid block");
    const lines = found[1]!.split("\n");
    expect(lines[0]).toBe("flowchart LR");
    const id = "[A-Za-z][A-Za-z0-9_]*";
    const quoted = '"[^"]*"';
    const nodes = new Set<string>();
    const used: string[] = [];
    let depth = 0;
    for (const line of lines.slice(1)) {
        let m: RegExpExecArray | null;
        if ((m = new RegExp(`^\\s*subgraph (${id}) \\[${quoted}\\]$`).exec(line))) {
            nodes.add(m[1]!);
            depth++;
        } else if (/^\s*end$/.test(line)) depth--;
        else if ((m = new RegExp(`^\\s*(${id})\\[${quoted}\\]$`).exec(line))) nodes.add(m[1]!);
        else if ((m = new RegExp(`^\\s*(${id}) (-->|-\\.->|<-->)(\\|${quoted}\\|)? (${id})$`).exec(line))) used.push(m[1]!, m[4]!);
        else if ((m = /^\s*class ([A-Za-z0-9_,]+) drained$/.exec(line))) used.push(...m[1]!.split(","));
        else if (!/^\s*classDef drained .*$/.test(line)) throw new Error(`not valid Mermaid here: ${line}`);
        expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    for (const u of used) expect(nodes).toContain(u);
    for (const n of nodes) expect(["end", "graph", "subgraph", "class", "classDef"]).not.toContain(n);
    return { block: found[1]!, nodes };
}
