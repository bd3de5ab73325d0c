/**
 * Checks across keys, run on the keys that parsed. A rule that has a home elsewhere is called there, in this
 * stack's key names: the strong-consistency topology and key types (aws-facts), regions and drain
 * (components/traffic-checks.ts), duplicates (`listedTwice`). The rest are the reference stack's own rules.
 */
import { CLOUDFLARE_MIN_INTERVAL_SECONDS } from "../packages/failover-model";
import {
    didYouMean, eventualWitnessProblems, isDefaultExecuteApiHost, keyTypeConflicts, KeyUse, listedTwice, missing, notOneOfTheRegions,
    parseArn, Problem, problem, rehome, ROUTE53_METRICS_REGION, show, strongConsistencyProblems, TopologyKeys,
} from "../packages/aws-facts";
import { DrainKeys, regionsAndDrainProblems } from "../components/traffic-checks";
import { authProblems, healthTimeoutProblems, pinnedNameProblems, routeThrottleProblems } from "../components/regional-service/validate";
import { provisionedBillingProblems } from "../components/global-table/validate";
import { capacityProblems, trafficShareProblems } from "./capacity";
import { routingModeProblems } from "./routing";
import { keyPath } from "./issues";
import { Parsed, STACK_KEY_SCHEMA } from "./schema";
import { ConfigSource, decode } from "./source";

const TOPOLOGY_KEYS: TopologyKeys = {
    regions: keyPath("regions"),
    witnessRegion: keyPath("witnessRegion"),
    ttlAttribute: keyPath("table", ["ttlAttribute"]),
    localSecondaryIndexes: keyPath("table", ["localSecondaryIndexes"]),
};
const DRAIN_KEYS: DrainKeys = { regions: keyPath("regions"), drain: keyPath("drain") };
const TABLE = keyPath("table");

/** Every cross-key problem, in the order a reader meets the keys. */
export function crossKeyProblems(p: Parsed, source: ConfigSource): Problem[] {
    return [
        ...regionProblems(p),
        ...consistencyProblems(p, source),
        ...zoneProblems(p, source),
        ...trafficProblems(p, source),
        ...(p.health ? listedTwice(p.health.checkerRegions, keyPath("health", ["checkerRegions"]), "each region once") : []),
        ...tableKeyProblems(p),
        ...alarmProblems(p),
        ...alarmDestinationProblems(p),
        ...routingProblems(p),
        ...cloudflareProblems(p),
        // A region being removed stays listed until its removal is done, so entries need not be in `regions`;
        // the GlobalTable checks them against what is deployed.
        ...(p.unprotectReplicas && p.regions ? listedTwice(p.unprotectReplicas, keyPath("unprotectReplicas"), "each region once") : []),
        ...serviceProblems(p),
        ...trafficShareProblems(p),
        ...capacityProblems(p),
        ...billingProblems(p, source),
        ...recoveryControlProblems(p),
        ...routingModeProblems(p, source),
    ];
}

/** ARC routing controls switch Route 53 health checks: they mean nothing behind Cloudflare. */
export function recoveryControlProblems(p: Parsed): Problem[] {
    const rc = p.routing?.recoveryControl;
    if (!rc || p.traffic !== "cloudflare") return [];
    return [problem(keyPath("routing", ["recoveryControl"]), rc, 'applies only with traffic "route53" (routing controls switch Route 53 health checks)', 'false with traffic "cloudflare"', "recovery-control-cloudflare")];
}

/** Regions once each, the home region among them, and a drain that leaves one serving. */
export function regionProblems(p: Parsed): Problem[] {
    if (!p.regions) return [];
    const regions = p.regions;
    const found = regionsAndDrainProblems(regions, p.drain ?? [], DRAIN_KEYS);
    const isDrain = (x: Problem) => x.path.startsWith(DRAIN_KEYS.drain);
    const home = p.homeRegion && !regions.includes(p.homeRegion)
        ? [notOneOfTheRegions(keyPath("homeRegion"), p.homeRegion, regions, regions.join(", "), "home-region-unknown")]
        : [];
    return [...found.filter((x) => !isDrain(x)), ...home, ...found.filter(isDrain)];
}

/** Strong consistency's topology and features; a witness only with it. */
export function consistencyProblems(p: Parsed, source: ConfigSource): Problem[] {
    // A witness that failed to parse is reported already; counting regions without it would add a second problem.
    const witnessUnreadable = !p.witnessRegion && source.values.witnessRegion !== undefined;
    if (p.consistency === "strong" && p.regions && !witnessUnreadable) {
        const topology = {
            regions: p.regions,
            witnessRegion: p.witnessRegion,
            ttlAttribute: p.table?.ttlAttribute,
            localSecondaryIndexes: p.table?.localSecondaryIndexes.map((i) => i.name),
        };
        return strongConsistencyProblems(topology, TOPOLOGY_KEYS);
    }
    return p.consistency ? eventualWitnessProblems(p.consistency, p.witnessRegion, TOPOLOGY_KEYS) : [];
}

/** The zone is named, never guessed from the domain (api.example.co.uk lives in example.co.uk), and holds it. */
export function zoneProblems(p: Parsed, source: ConfigSource): Problem[] {
    const problems: Problem[] = [];
    if (source.values.zoneName === undefined) {
        const example = p.domain ? p.domain.split(".").slice(1).join(".") || p.domain : "example.com";
        problems.push(missing(keyPath("zoneName"), "is required", `the DNS zone that contains ${keyPath("domain")} (e.g. ${example})`, "zone-required"));
    }
    const zone = p.zoneName;
    if (p.domain && zone && p.domain !== zone && !p.domain.endsWith(`.${zone}`)) {
        problems.push(problem(keyPath("domain"), p.domain, `is not inside the zone "${zone}"`, `${zone} or a name ending in .${zone}`, "domain-outside-zone"));
    }
    return problems;
}

/** What each traffic layer needs: a hosted zone, or Cloudflare's ids and (for an update) its token. */
export function trafficProblems(p: Parsed, source: ConfigSource): Problem[] {
    const problems: Problem[] = [];
    if (p.traffic === "route53" && !p.hostedZoneId && source.values.hostedZoneId === undefined) {
        problems.push(missing(keyPath("hostedZoneId"), 'is required with traffic "route53"', `the id of the public hosted zone of ${p.zoneName ?? "the domain"} (Z...)`, "hosted-zone-required"));
    }
    if (p.traffic !== "cloudflare") return problems;
    if (!p.cloudflare && source.values.cloudflare === undefined) {
        problems.push(missing(keyPath("cloudflare"), 'is required with traffic "cloudflare"', '{"accountId": "<32 hex>", "zoneId": "<32 hex>"}', "cloudflare-required"));
    }
    // The program hands the provider only a scoped token (providers.ts): the secret, else CLOUDFLARE_API_TOKEN.
    const tokenKey = "cloudflare:apiToken";
    const hasToken = source.allKeys.includes(tokenKey) || !!source.env.CLOUDFLARE_API_TOKEN;
    if (source.isUpdate && !hasToken) {
        problems.push(missing(tokenKey, "is not set", `\`pulumi config set --secret ${tokenKey} ...\` or the CLOUDFLARE_API_TOKEN environment variable`, "cloudflare-token"));
    }
    // The global API key can do anything the account can; it is refused wherever the provider could pick it up.
    const globalKeys = [...(source.allKeys.includes("cloudflare:apiKey") ? ["cloudflare:apiKey"] : []), ...(source.env.CLOUDFLARE_API_KEY ? ["CLOUDFLARE_API_KEY"] : [])];
    for (const key of globalKeys) {
        problems.push(missing(key, "is set (the account-wide global API key)", "unset, with a scoped API token as the secret cloudflare:apiToken or CLOUDFLARE_API_TOKEN", "cloudflare-global-key"));
    }
    return problems;
}

/** Index names once each; one type per key attribute across the table and its indexes. */
export function tableKeyProblems(p: Parsed): Problem[] {
    if (!p.table) return [];
    const { partitionKey, sortKey, globalSecondaryIndexes: gsis, localSecondaryIndexes: lsis } = p.table;
    const gsiPath = keyPath("table", ["globalSecondaryIndexes"]);
    const names = rehome(listedTwice(gsis.map((g) => g.name), gsiPath, "each index name once"), (path) => `${path}.name`);
    const uses: KeyUse[] = [
        { path: keyPath("table", ["partitionKey"]), attribute: partitionKey },
        { path: keyPath("table", ["sortKey"]), attribute: sortKey },
        ...gsis.flatMap((g, i) => [
            { path: `${gsiPath}[${i}].partitionKey`, attribute: g.partitionKey },
            { path: `${gsiPath}[${i}].sortKey`, attribute: g.sortKey },
        ]),
        ...lsis.map((l, i) => ({ path: keyPath("table", ["localSecondaryIndexes", i, "sortKey"]), attribute: l.sortKey })),
    ];
    return [...names, ...keyTypeConflicts(uses)];
}

/** Alarm actions must target a topic in the alarm's region. */
export function alarmProblems(p: Parsed): Problem[] {
    return Object.entries(p.alarms?.snsTopicArns ?? {}).flatMap(([region, arn]) => {
        const arnRegion = parseArn(arn)?.region;
        if (arnRegion === region) return [];
        const path = keyPath("alarms", ["snsTopicArns", region]);
        return [problem(path, arn, `is a topic in ${arnRegion}`, `a topic in ${region} (alarm actions must target a topic in the alarm's region)`, "alarm-topic-region")];
    });
}

/**
 * Every alarm topic the stack creates reaches someone in a protected stack: `alarms.email` is subscribed to each,
 * or each region (and us-east-1, home of the Route 53 alarms) names a topic of its own.
 */
export function alarmDestinationProblems(p: Parsed): Problem[] {
    if (!p.protect || !p.alarms || p.alarms.email || !p.regions) return [];
    const regional = p.service?.mode === "external" ? [] : p.regions;
    const needed = [...new Set([...regional, ...(p.traffic === "route53" ? [ROUTE53_METRICS_REGION] : [])])];
    const lacking = needed.filter((r) => !p.alarms!.snsTopicArns[r]);
    if (lacking.length === 0) return [];
    const why = `a destination is required in a protected stack: the alarm topics of ${lacking.join(", ")} would page nobody`;
    const allowed = `${keyPath("alarms", ["email"])} (subscribed to every alarm topic; confirm the subscription), or ${keyPath("alarms", ["snsTopicArns"])} for ${lacking.join(", ")}`;
    return [missing(keyPath("alarms"), why, allowed, "alarm-destination")];
}

/** An alias record carries its target's TTL; an external endpoint is no alias target. */
export function routingProblems(p: Parsed): Problem[] {
    if (!p.routing || p.routing.recordType !== "alias") return [];
    const problems: Problem[] = [];
    if (p.routing.cnameTtlSeconds !== undefined) {
        problems.push(problem(keyPath("routing", ["cnameTtlSeconds"]), p.routing.cnameTtlSeconds, "applies only to CNAME records", 'unset with recordType "alias" (an alias record carries its target\'s TTL)', "alias-ttl"));
    }
    if (p.service?.mode === "external" && p.traffic !== "cloudflare") {
        const why = 'is "alias" with service mode "external": Route 53 aliases only to AWS resources in a hosted zone';
        problems.push(problem(keyPath("routing", ["recordType"]), "alias", why, '"auto" or "cname" (one CNAME per region)', "alias-external"));
    }
    return problems;
}

/** The plan's smallest monitor interval; a TTL only for an unproxied load balancer. */
export function cloudflareProblems(p: Parsed): Problem[] {
    if (!p.cloudflare) return [];
    const problems: Problem[] = [];
    const { plan, monitorIntervalSeconds: interval, proxied, ttlSeconds } = p.cloudflare;
    const minimum = CLOUDFLARE_MIN_INTERVAL_SECONDS[plan];
    if (interval !== undefined && interval < minimum) {
        const reason = `is below the minimum of plan "${plan}"`;
        problems.push(problem(keyPath("cloudflare", ["monitorIntervalSeconds"]), interval, reason, `at least ${minimum} (or set ${keyPath("cloudflare", ["plan"])} to your plan)`, "cloudflare-interval"));
    }
    if (proxied && ttlSeconds !== undefined) {
        problems.push(problem(keyPath("cloudflare", ["ttlSeconds"]), ttlSeconds, "applies only to an unproxied load balancer", "unset with proxied true", "cloudflare-ttl"));
    }
    return problems;
}

/**
 * Bring-your-own endpoints cover exactly the regions; the app needs a sort key; health checks end in time; the item
 * routes have an authorizer (a JWT one with its issuer and audience: no default issuer, never open routes); the
 * write routes' throttle is the lower one.
 */
export function serviceProblems(p: Parsed): Problem[] {
    if (!p.service) return [];
    const service = p.service;
    const problems: Problem[] = [];
    if (p.regions) {
        const regions: readonly string[] = p.regions;
        const lacking = service.mode === "external" ? regions.filter((r) => !service.endpoints[r]) : [];
        if (lacking.length > 0) {
            problems.push(problem(keyPath("service", ["endpoints"]), service.endpoints, `lacks ${lacking.join(", ")}`, 'one hostname per region with mode "external"', "endpoints-missing"));
        }
        for (const r of Object.keys(service.endpoints)) {
            if (!regions.includes(r)) problems.push(missing(keyPath("service", ["endpoints", r]), `is not one of the regions${didYouMean(r, regions)}`, regions.join(", "), "endpoint-unknown-region"));
        }
        if (service.mode === "lambda" && p.domain) problems.push(...pinnedNameProblems(p.domain, regions, keyPath("domain")));
    }
    for (const [r, host] of Object.entries(service.endpoints)) {
        if (isDefaultExecuteApiHost(host)) {
            const allowed = "a hostname that serves the service name (an API's custom domain target d-<id>.execute-api..., or your own)";
            problems.push(problem(keyPath("service", ["endpoints", r]), host, "is an API's default execute-api endpoint, which never serves the service name", allowed, "endpoint-default-execute-api"));
        }
    }
    if (service.mode === "lambda" && p.table && p.table.sortKey === null) {
        const why = "the reference app stores heartbeats, items and idempotency records under one partition key scheme with a sort key";
        problems.push(problem(keyPath("table", ["sortKey"]), null, "leaves the table without a sort key", `a sort key (${show(STACK_KEY_SCHEMA.sortKey)}) with service mode "lambda" (${why})`, "sort-key-required"));
    }
    problems.push(...healthTimeoutProblems(service.healthTimeoutMs, service.timeoutSeconds, keyPath("service", ["healthTimeoutMs"])));
    if (service.mode === "lambda") {
        problems.push(...authProblems(service.auth as Parameters<typeof authProblems>[0], keyPath("service", ["auth"])));
        problems.push(...routeThrottleProblems(service, keyPath("service")));
    }
    return problems;
}

/** Provisioned billing cannot carry replicas (GlobalTable's rule); capacity is set only for provisioned billing. */
export function billingProblems(p: Parsed, source: ConfigSource): Problem[] {
    if (p.table?.billingMode === "PROVISIONED") return provisionedBillingProblems(keyPath("table", ["billingMode"]), "PROVISIONED");
    if (!p.table || p.table.billingMode !== "PAY_PER_REQUEST" || !source.values.table) return [];
    const raw = decode(source.values.table);
    if (!raw || typeof raw !== "object") return [];
    return ["readCapacity", "writeCapacity"]
        .filter((field) => field in raw)
        .map((field) => problem(keyPath("table", [field]), (raw as Record<string, unknown>)[field], 'is set with billingMode "PAY_PER_REQUEST"', 'only with billingMode "PROVISIONED"', "capacity-on-demand"));
}
