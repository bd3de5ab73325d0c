/**
 * The Markdown report (`--markdown FILE`): the summary, a Mermaid diagram of the topology that renders on GitHub
 * (regions as subgraphs holding the replica, service and alarms; the global routing in its own subgraph), then the
 * same tables as the printed plan. Mermaid ids are letters, digits and underscores only; every label is quoted.
 */
import { displayType, keySettings } from "./key-settings";
import { regionSections, summaryLine } from "./render-text";
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

export function mermaid(plan: PlanJson): string {
    const lines = ["flowchart LR", `  clients[${label("clients")}]`];
    const edges: string[] = [];
    const drainedNodes: string[] = [];
    const of = (type: string) => plan.resources.filter((r) => r.type === type);
    const served = (r: PlanResource) => regionServed(r, plan.regions);
    const svc = (region: string) => nodeId("svc", region);
    const db = (region: string) => nodeId("db", region);

    // Regions: service, replica, alarms.
    const tables = of(TYPES.table);
    const replicaRegions = new Map<string, string>();
    for (const t of tables) {
        replicaRegions.set(t.region, `DynamoDB ${String(input(t, "name") ?? t.name)} · home replica`);
        for (const rep of (input(t, "replicas") as any[] | undefined) ?? []) replicaRegions.set(rep.regionName, "DynamoDB replica");
    }
    const witness = tables.map((t) => input(t, "globalTableWitness")?.regionName).find(Boolean) as string | undefined;
    for (const region of plan.regions) {
        const drained = plan.drain.includes(region);
        const title = `${region}${region === plan.homeRegion ? " · home" : ""}${drained ? " · drained" : ""}`;
        lines.push(`  subgraph ${nodeId("region", region)} [${label(title)}]`);
        const fns = of(TYPES.lambda).filter((r) => r.region === region);
        const apis = of(TYPES.api).filter((r) => r.region === region);
        const domains = of(TYPES.domain).filter((r) => r.region === region);
        const parts = [
            ...fns.map((f) => `Lambda ${f.name}`),
            ...(apis.length ? ["HTTP API"] : []),
            ...domains.map((d) => String(input(d, "domainName") ?? d.name)),
        ];
        lines.push(`    ${svc(region)}[${label(parts.length ? `service: ${parts.join(" · ")}` : "service")}]`);
        if (drained) drainedNodes.push(svc(region));
        if (replicaRegions.has(region)) {
            lines.push(`    ${db(region)}[${label(replicaRegions.get(region)!)}]`);
            edges.push(`  ${svc(region)} --> ${db(region)}`);
        }
        const alarms = of(TYPES.alarm).filter((r) => r.region === region).length;
        if (alarms > 0) lines.push(`    ${nodeId("alarms", region)}[${label(`${alarms} CloudWatch alarm${alarms === 1 ? "" : "s"}`)}]`);
        lines.push("  end");
    }
    if (witness) {
        lines.push(`  subgraph ${nodeId("region", witness)} [${label(`${witness} · witness`)}]`);
        lines.push(`    ${db(witness)}[${label("DynamoDB witness")}]`);
        lines.push("  end");
    }
    const home = tables[0]?.region;
    if (home) {
        for (const region of [...replicaRegions.keys(), ...(witness ? [witness] : [])]) {
            if (region !== home) edges.push(`  ${db(home)} <-->|${label("replication")}| ${db(region)}`);
        }
    }

    // Global routing: Route 53 records and checks, or the Cloudflare load balancer, monitor and pools.
    lines.push(`  subgraph global [${label("global")}]`);
    const checkNode = new Map<string, string>();
    for (const hc of of(TYPES.healthCheck)) {
        const id = nodeId("hc", hc.name);
        checkNode.set(hc.id, id);
        const region = served(hc);
        const what =
            input(hc, "type") === "CALCULATED"
                ? `calculated check ${hc.name}: ${input(hc, "childHealthThreshold")} of ${(input(hc, "childHealthchecks") ?? []).length}`
                : `${input(hc, "type")} check ${region ?? hc.name}`;
        lines.push(`    ${id}[${label(what)}]`);
        if (input(hc, "type") !== "CALCULATED" && region) edges.push(`  ${id} -.->|${label("probes")}| ${svc(region)}`);
    }
    for (const hc of of(TYPES.healthCheck)) {
        for (const child of (input(hc, "childHealthchecks") as string[] | undefined) ?? []) {
            const to = checkNode.get(child);
            if (to) edges.push(`  ${nodeId("hc", hc.name)} --> ${to}`);
        }
    }
    const records = of(TYPES.record).filter((r) => served(r));
    if (records.length > 0) {
        const names = [...new Set(records.map((r) => String(input(r, "name"))))];
        lines.push(`    dns[${label(`Route 53 ${names.join(", ")}`)}]`);
        edges.push("  clients --> dns");
    }
    for (const rec of records) {
        const id = nodeId("rec", rec.name);
        const region = served(rec)!;
        lines.push(`    ${id}[${label(`${input(rec, "type")} record · ${region}`)}]`);
        edges.push(`  dns --> ${id}`);
        edges.push(plan.drain.includes(region) ? `  ${id} -.->|${label("drained")}| ${svc(region)}` : `  ${id} --> ${svc(region)}`);
        const gate = checkNode.get(String(input(rec, "healthCheckId")));
        if (gate) edges.push(`  ${id} -.->|${label("health")}| ${gate}`);
        if (plan.drain.includes(region)) drainedNodes.push(id);
    }
    for (const lb of of(TYPES.loadBalancer)) {
        lines.push(`    ${nodeId("lb", lb.name)}[${label(`Cloudflare load balancer ${input(lb, "name")}`)}]`);
        edges.push(`  clients --> ${nodeId("lb", lb.name)}`);
    }
    for (const mon of of(TYPES.monitor)) lines.push(`    ${nodeId("mon", mon.name)}[${label(`monitor ${input(mon, "path") ?? ""}`.trim())}]`);
    for (const pool of of(TYPES.pool)) {
        const id = nodeId("pool", pool.name);
        const region = served(pool);
        lines.push(`    ${id}[${label(`pool ${region ?? pool.name}${input(pool, "enabled") === false ? " · disabled" : ""}`)}]`);
        for (const lb of of(TYPES.loadBalancer)) edges.push(`  ${nodeId("lb", lb.name)} --> ${id}`);
        for (const mon of of(TYPES.monitor)) edges.push(`  ${nodeId("mon", mon.name)} -.-> ${id}`);
        if (region) edges.push(input(pool, "enabled") === false ? `  ${id} -.->|${label("drained")}| ${svc(region)}` : `  ${id} --> ${svc(region)}`);
        if (input(pool, "enabled") === false) drainedNodes.push(id);
    }
    lines.push("  end");
    lines.push(...edges);
    lines.push("  classDef drained stroke-dasharray: 5 5,opacity:0.6");
    if (drainedNodes.length > 0) lines.push(`  class ${drainedNodes.join(",")} drained`);
    return lines.join("\n");
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
    out.push("## Policies", "", `${plan.policies.length} rules evaluated at the ${plan.policyEnv} levels. ${plan.policyPack.note}.`, "");
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
