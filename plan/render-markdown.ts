/**
 * The Markdown report (`--markdown FILE`): the summary, a Mermaid diagram of the topology that renders on GitHub
 * (regions as subgraphs holding the replica, service and alarms; the global routing in its own subgraph), then the
 * same tables as the printed plan. Mermaid ids are letters, digits and underscores only; every label is quoted.
 */
import { displayType, keySettings } from "./key-settings";
import { evaluatedRules, regionSections, summaryLine } from "./render-text";
import { regionServed, TYPES } from "./topology";
import type { PlanJson, PlanResource } from "./types";

/** A Mermaid node id: letters, digits and underscores (never a keyword such as `end`, thanks to the prefix). */
export function nodeId(prefix: string, key: string): string {
    return `${prefix}_${key.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A quoted Mermaid label: quotes and angle brackets as entities, so no label can break the syntax. */
export function label(text: string): string {
    return `"${text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;").replace(/[\r\n]+/g, " ")}"`;
}

function input(r: PlanResource, key: string): any {
    return (r.inputs as Record<string, any>)[key];
}

/** The diagram as it is built: node lines (inside subgraphs), edges (after them), and the nodes drawn as drained. */
interface Diagram {
    plan: PlanJson;
    lines: string[];
    edges: string[];
    drained: string[];
}

const svc = (region: string) => nodeId("svc", region);
const db = (region: string) => nodeId("db", region);

function of(plan: PlanJson, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/** Where the table has a replica (its home region and each `replicas` entry), with the node's label. */
function replicaLabels(tables: PlanResource[]): Map<string, string> {
    const labels = new Map<string, string>();
    for (const t of tables) {
        labels.set(t.region, `DynamoDB ${String(input(t, "name") ?? t.name)} · home replica`);
        for (const rep of (input(t, "replicas") as any[] | undefined) ?? []) labels.set(rep.regionName, "DynamoDB replica");
    }
    return labels;
}

/** One subgraph per region: its service, its replica and its alarms. */
function regionSubgraph(d: Diagram, region: string, replicas: Map<string, string>): void {
    const { plan } = d;
    const drained = plan.drain.includes(region);
    const title = `${region}${region === plan.homeRegion ? " · home" : ""}${drained ? " · drained" : ""}`;
    d.lines.push(`  subgraph ${nodeId("region", region)} [${label(title)}]`);
    const inRegion = (type: string) => of(plan, type).filter((r) => r.region === region);
    const parts = [
        ...inRegion(TYPES.lambda).map((f) => `Lambda ${f.name}`),
        ...(inRegion(TYPES.api).length ? ["HTTP API"] : []),
        ...inRegion(TYPES.domain).map((r) => String(input(r, "domainName") ?? r.name)),
    ];
    d.lines.push(`    ${svc(region)}[${label(parts.length ? `service: ${parts.join(" · ")}` : "service")}]`);
    if (drained) d.drained.push(svc(region));
    if (replicas.has(region)) {
        d.lines.push(`    ${db(region)}[${label(replicas.get(region)!)}]`);
        d.edges.push(`  ${svc(region)} --> ${db(region)}`);
    }
    const alarms = inRegion(TYPES.alarm).length;
    if (alarms > 0) d.lines.push(`    ${nodeId("alarms", region)}[${label(`${alarms} CloudWatch alarm${alarms === 1 ? "" : "s"}`)}]`);
    d.lines.push("  end");
}

/** The regions, the witness, and replication from the home replica to every other. */
function regionsPart(d: Diagram): void {
    const tables = of(d.plan, TYPES.table);
    const replicas = replicaLabels(tables);
    const witness = tables.map((t) => input(t, "globalTableWitness")?.regionName).find(Boolean) as string | undefined;
    for (const region of d.plan.regions) regionSubgraph(d, region, replicas);
    if (witness) {
        d.lines.push(`  subgraph ${nodeId("region", witness)} [${label(`${witness} · witness`)}]`);
        d.lines.push(`    ${db(witness)}[${label("DynamoDB witness")}]`);
        d.lines.push("  end");
    }
    const home = tables[0]?.region;
    if (!home) return;
    for (const region of [...replicas.keys(), ...(witness ? [witness] : [])]) {
        if (region !== home) d.edges.push(`  ${db(home)} <-->|${label("replication")}| ${db(region)}`);
    }
}

/** Route 53: the checks (what each probes, which gate hangs off which), then the records and their gates. */
function route53Part(d: Diagram): void {
    const { plan } = d;
    const served = (r: PlanResource) => regionServed(r, plan.regions);
    const checkNode = new Map<string, string>();
    for (const hc of of(plan, TYPES.healthCheck)) {
        const id = nodeId("hc", hc.name);
        checkNode.set(hc.id, id);
        const region = served(hc);
        const what =
            input(hc, "type") === "CALCULATED"
                ? `calculated check ${hc.name}: ${input(hc, "childHealthThreshold")} of ${(input(hc, "childHealthchecks") ?? []).length}`
                : `${input(hc, "type")} check ${region ?? hc.name}`;
        d.lines.push(`    ${id}[${label(what)}]`);
        if (input(hc, "type") !== "CALCULATED" && region) d.edges.push(`  ${id} -.->|${label("probes")}| ${svc(region)}`);
    }
    for (const hc of of(plan, TYPES.healthCheck)) {
        for (const child of (input(hc, "childHealthchecks") as string[] | undefined) ?? []) {
            const to = checkNode.get(child);
            if (to) d.edges.push(`  ${nodeId("hc", hc.name)} --> ${to}`);
        }
    }
    const records = of(plan, TYPES.record).filter((r) => served(r));
    if (records.length > 0) {
        const names = [...new Set(records.map((r) => String(input(r, "name"))))];
        d.lines.push(`    dns[${label(`Route 53 ${names.join(", ")}`)}]`);
        d.edges.push("  clients --> dns");
    }
    for (const rec of records) {
        const id = nodeId("rec", rec.name);
        const region = served(rec)!;
        d.lines.push(`    ${id}[${label(`${input(rec, "type")} record · ${region}`)}]`);
        d.edges.push(`  dns --> ${id}`);
        d.edges.push(plan.drain.includes(region) ? `  ${id} -.->|${label("drained")}| ${svc(region)}` : `  ${id} --> ${svc(region)}`);
        const gate = checkNode.get(String(input(rec, "healthCheckId")));
        if (gate) d.edges.push(`  ${id} -.->|${label("health")}| ${gate}`);
        if (plan.drain.includes(region)) d.drained.push(id);
    }
}

/** Cloudflare: the load balancer, its monitor, and a pool per region (disabled when drained). */
function cloudflarePart(d: Diagram): void {
    const { plan } = d;
    const balancers = of(plan, TYPES.loadBalancer);
    const monitors = of(plan, TYPES.monitor);
    for (const lb of balancers) {
        d.lines.push(`    ${nodeId("lb", lb.name)}[${label(`Cloudflare load balancer ${input(lb, "name")}`)}]`);
        d.edges.push(`  clients --> ${nodeId("lb", lb.name)}`);
    }
    for (const mon of monitors) d.lines.push(`    ${nodeId("mon", mon.name)}[${label(`monitor ${input(mon, "path") ?? ""}`.trim())}]`);
    for (const pool of of(plan, TYPES.pool)) {
        const id = nodeId("pool", pool.name);
        const region = regionServed(pool, plan.regions);
        const disabled = input(pool, "enabled") === false;
        d.lines.push(`    ${id}[${label(`pool ${region ?? pool.name}${disabled ? " · disabled" : ""}`)}]`);
        for (const lb of balancers) d.edges.push(`  ${nodeId("lb", lb.name)} --> ${id}`);
        for (const mon of monitors) d.edges.push(`  ${nodeId("mon", mon.name)} -.-> ${id}`);
        if (region) d.edges.push(disabled ? `  ${id} -.->|${label("drained")}| ${svc(region)}` : `  ${id} --> ${svc(region)}`);
        if (disabled) d.drained.push(id);
    }
}

export function mermaid(plan: PlanJson): string {
    const d: Diagram = { plan, lines: ["flowchart LR", `  clients[${label("clients")}]`], edges: [], drained: [] };
    regionsPart(d);
    d.lines.push(`  subgraph global [${label("global")}]`);
    route53Part(d);
    cloudflarePart(d);
    d.lines.push("  end", ...d.edges, "  classDef drained stroke-dasharray: 5 5,opacity:0.6");
    if (d.drained.length > 0) d.lines.push(`  class ${d.drained.join(",")} drained`);
    return d.lines.join("\n");
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

export function renderMarkdown(plan: PlanJson): string {
    const out = [`# Plan: stack ${plan.stack}`, "", summaryLine(plan), "", "## Topology", "", "```mermaid", mermaid(plan), "```", "", "## Resources", ""];
    for (const { region, resources } of regionSections(plan)) {
        out.push(`### ${region} (${resources.length})`, "");
        if (resources.length === 0) {
            out.push("none", "");
            continue;
        }
        out.push("| Type | Name | Key settings |", "|---|---|---|");
        for (const r of resources) out.push(`| \`${displayType(r.type)}\` | ${cell(r.name)} | ${cell(keySettings(r))} |`);
        out.push("");
    }
    out.push("## Policies", "", `${evaluatedRules(plan)} at the ${plan.policyEnv} levels. ${plan.policyPack.note}.`, "");
    if (plan.violations.length > 0) {
        out.push("| Level | Policy | Resource | Message |", "|---|---|---|---|");
        for (const v of plan.violations) out.push(`| ${v.enforcementLevel} | ${cell(v.policy)} | ${cell(v.resource)} | ${cell(v.message)} |`);
    } else {
        out.push("No violations.");
    }
    const r = plan.resilience;
    out.push(
        "",
        "## Resilience",
        "",
        `RTO target ${r.rtoTargetSeconds} s; modeled RTO ${r.rtoSeconds} s (${r.traffic}, figures from ${r.source}). ` +
            `RPO ${r.rpoSeconds} s (${r.consistency}${r.rpoSla ? "" : ", no SLA"}).`,
        "",
        "| Region failure | RTO | Target | RPO | Fails over to |",
        "|---|---|---|---|---|",
        ...r.perRegion.map(
            (p) =>
                `| ${p.region}${p.serving ? "" : " (drained)"} | ${p.rtoSeconds === null ? "none" : `${p.rtoSeconds} s`} | ` +
                `${p.rtoSeconds === null ? "-" : p.meetsTarget ? "met" : "**missed**"} | ${p.rpoSeconds} s | ${cell(p.failoverTo.join(", ") || p.note)} |`,
        ),
        "",
    );
    const effects = r.drain.drained.length > 0 ? r.drain.effects : r.drain.ifDrained;
    out.push(r.drain.drained.length > 0 ? `Drained: ${r.drain.drained.join(", ")}.` : "Nothing drained. Draining one region would change only routing:", "");
    for (const e of effects) {
        const drainedButLive = r.drain.drained.includes(e.region) && !e.inEffect;
        out.push(
            drainedButLive
                ? `- **${e.region}**: **warning**: no closed gate check or disabled pool found; the program did not take it out of rotation.`
                : `- **${e.region}**: ${e.gatedOff.map((g) => `\`${g.name}\``).join(", ") || "no routing resource found"} ` +
                      `out of rotation; serving ${e.serving.join(", ") || "none"}; ` +
                      `${e.replicaStays ? "its replica stays and keeps replicating" : "no replica there"}.`,
        );
    }
    out.push("", `Result: exit ${plan.exitCode}.`, "");
    return out.join("\n");
}
