/**
 * Each component's docs say which outputs of its children it reads ("What <Component> reads from its children"),
 * so a user writing their own mocks knows what to return. This keeps those tables true: the whole program runs
 * under mocks that answer Pulumi's echo-inputs state plus only the documented outputs, and must register exactly
 * what it registers under the kit's full outputs (same resources, same inputs). An output a component reads but
 * its docs leave out changes an input (or fails the run) and fails this test.
 */
import * as fs from "fs";
import * as path from "path";
import { loadStackConfig, MockKit, MockKitOptions, RecordedResource } from "../../mock-kit";

const ROOT = path.resolve(__dirname, "../..");
const DOCS = ["docs/global-table.md", "docs/regional-service.md", "docs/traffic.md"];

/** Component -> child type -> the top-level outputs its docs say it reads. */
export function documentedReads(): Map<string, Map<string, string[]>> {
    const out = new Map<string, Map<string, string[]>>();
    for (const doc of DOCS) {
        const lines = fs.readFileSync(path.join(ROOT, doc), "utf8").split("\n");
        for (let i = 0; i < lines.length; i++) {
            const heading = /^#+ What (\w+) reads from its children$/.exec(lines[i]!);
            if (!heading) continue;
            const table = new Map<string, string[]>();
            let j = i + 1;
            while (j < lines.length && !lines[j]!.startsWith("|")) j++;
            for (j += 2; j < lines.length && lines[j]!.startsWith("|"); j++) {
                const [, child, outputs] = lines[j]!.split("|").map((c) => c.trim());
                const type = /^`([^`]+)`/.exec(child!)![1]!;
                table.set(type, [...outputs!.matchAll(/`([A-Za-z]+)[^`]*`/g)].map((m) => m[1]!));
            }
            out.set(heading[1]!, table);
        }
    }
    return out;
}

/** Every documented output of a type, whichever component reads it. */
function keptOutputs(): Map<string, Set<string>> {
    const kept = new Map<string, Set<string>>();
    for (const table of documentedReads().values()) {
        for (const [type, keys] of table) kept.set(type, new Set([...(kept.get(type) ?? []), ...keys]));
    }
    return kept;
}

const echoPlusDocumented: MockKitOptions["shapeOutputs"] = ({ type, inputs, computed }) => {
    const state: Record<string, any> = { ...inputs };
    for (const key of keptOutputs().get(type) ?? []) if (key in computed) state[key] = computed[key];
    return state;
};

async function run(stack: string, overrides: Record<string, unknown>, shapeOutputs?: MockKitOptions["shapeOutputs"]): Promise<{ type: string; name: string; inputs: Record<string, unknown> }[]> {
    const { config, secretKeys } = loadStackConfig(stack, overrides);
    const kit = MockKit.install({ config, secretKeys, stack, shapeOutputs });
    const { main } = await import("../../program");
    await kit.runProgram(() => main());
    // Registration order follows when outputs resolve, which the mocks' answers change; the set is what counts.
    // As plain data: an archive is compared by what it holds.
    return kit.resources.map((r: RecordedResource) => ({ type: r.type, name: r.name, inputs: JSON.parse(JSON.stringify(r.inputs)) })).sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

test("each component's docs have the table of what it reads from its children", () => {
    expect([...documentedReads().keys()].sort()).toEqual(["CloudflareLoadBalancer", "GlobalTable", "LatencyRouting", "RegionalService"]);
});

test.each([
    ["prod (Route 53, canary deployments)", "prod", {}],
    ["prod behind Cloudflare", "prod", { traffic: "cloudflare" }],
    ["dev with ARC routing controls", "dev", { "routing.recoveryControl": true }],
])("%s: echo-inputs mocks plus the documented outputs register exactly what the kit's full outputs do", async (_, stack, overrides) => {
    const full = await run(stack, overrides);
    const documented = await run(stack, overrides, echoPlusDocumented);
    expect(documented).toEqual(full);
});
