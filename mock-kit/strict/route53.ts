/**
 * Route 53: CreateHealthCheck, ChangeResourceRecordSets (one CREATE per `aws.route53.Record`) and CreateHostedZone.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
import {
    AWS_REGIONS,
    ROUTE53_CHECKER_REGIONS,
    ROUTE53_FAILURE_THRESHOLD,
    ROUTE53_MIN_CHECKER_REGIONS,
    ROUTE53_REQUEST_INTERVALS,
} from "../../packages/aws-facts";
import { computeOutputs } from "../outputs";
import { routedRecord, routingAgainstSet, routingValues } from "./route53-routing";
import { Problems, Resource, ResourceRule, StrictState, dnsKey, dnsNameProblem, fqdn, inZone, list, zoneIdOf } from "./common";

/** Limits only the API checks (the shared ones come from aws-facts). */
export const ROUTE53_LIMITS = {
    childHealthChecks: 256,
    setIdentifier: { min: 1, max: 128 },
} as const;

const ENDPOINT_CHECKS = ["HTTP", "HTTPS", "HTTP_STR_MATCH", "HTTPS_STR_MATCH", "TCP"];
const CHECK_TYPES = [...ENDPOINT_CHECKS, "CALCULATED", "CLOUDWATCH_METRIC", "RECOVERY_CONTROL"];
const RECORD_TYPES = ["A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT"];
const ROUTING_POLICIES = [
    "latencyRoutingPolicies",
    "weightedRoutingPolicies",
    "geolocationRoutingPolicies",
    "failoverRoutingPolicies",
    "geoproximityRoutingPolicy",
    "cidrRoutingPolicy",
    "multivalueAnswerRoutingPolicy",
];

function parameter(message: string): string {
    return `InvalidInput: Invalid parameter : ${message}`;
}

function changeBatch(message: string): string {
    return `InvalidChangeBatch: [${message}]`;
}

/**
 * "You can't configure a calculated health check to monitor the health of other calculated health checks" (Route 53
 * Developer Guide, "Values that you specify when you create or update health checks", Health checks to monitor).
 */
function calculatedChildren(r: Resource, s: StrictState, p: Problems): void {
    for (const child of list<string>(r.inputs.childHealthchecks)) {
        if (s.healthChecks.get(child) === "CALCULATED") {
            p.add(parameter(`A calculated health check can't monitor other calculated health checks; child ${child} is CALCULATED`));
        }
    }
}

const healthCheck: ResourceRule = {
    remember(r, s) {
        if (typeof r.inputs.type !== "string") return;
        s.healthChecks.set(computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region }).id, r.inputs.type);
    },
    check(r, s) {
        const i = r.inputs;
        const p = new Problems("InvalidInput");
        p.oneOf("healthCheckConfig.type", i.type, CHECK_TYPES);
        if (ENDPOINT_CHECKS.includes(i.type)) {
            if (typeof i.requestInterval === "number" && !ROUTE53_REQUEST_INTERVALS.includes(i.requestInterval)) {
                p.add(parameter(`RequestInterval must be 10 or 30, got ${i.requestInterval}`));
            }
            p.between("healthCheckConfig.failureThreshold", i.failureThreshold, ROUTE53_FAILURE_THRESHOLD.min, ROUTE53_FAILURE_THRESHOLD.max);
            if (Array.isArray(i.regions)) {
                p.length("healthCheckConfig.regions", i.regions, ROUTE53_MIN_CHECKER_REGIONS, 64);
                i.regions.forEach((x: unknown, n: number) => p.oneOf(`healthCheckConfig.regions.${n + 1}.member`, x, ROUTE53_CHECKER_REGIONS));
            }
            const https = String(i.type).startsWith("HTTPS");
            if (https && r.absent("fqdn")) {
                p.add(parameter(`A health check of type ${i.type} needs FullyQualifiedDomainName: it is the SNI name and the Host header the endpoint's certificate is checked against`));
            } else if (r.absent("fqdn") && r.absent("ipAddress")) {
                p.add(parameter(`A health check of type ${i.type} needs an IPAddress or a FullyQualifiedDomainName`));
            }
            p.length("healthCheckConfig.fullyQualifiedDomainName", i.fqdn, 0, 255);
            const bad = typeof i.fqdn === "string" ? dnsNameProblem(i.fqdn) : undefined;
            if (bad) p.add(parameter(`FullyQualifiedDomainName ${i.fqdn} ${bad}`));
            p.between("healthCheckConfig.port", i.port, 1, 65535);
            p.length("healthCheckConfig.resourcePath", i.resourcePath, 0, 255);
            if (i.searchString !== undefined && !String(i.type).endsWith("_STR_MATCH")) {
                p.add(parameter(`SearchString is only allowed with HTTP_STR_MATCH and HTTPS_STR_MATCH, not ${i.type}`));
            }
        }
        // A routing control's check watches the control only (CDK aws-cdk#34262: with FailureThreshold,
        // RequestInterval or MeasureLatency set, Route 53 refuses it as an invalid request).
        if (i.type === "RECOVERY_CONTROL") {
            if (r.absent("routingControlArn")) p.add(parameter("A health check of type RECOVERY_CONTROL needs RoutingControlArn"));
            for (const key of ["fqdn", "ipAddress", "port", "resourcePath", "requestInterval", "failureThreshold", "measureLatency", "regions", "childHealthchecks"]) {
                if (!r.absent(key)) p.add(parameter(`A health check of type RECOVERY_CONTROL must not have ${key} specified.`));
            }
        } else if (!r.absent("routingControlArn")) {
            p.add(parameter(`RoutingControlArn applies only to health checks of type RECOVERY_CONTROL, not ${i.type}`));
        }
        if (i.type === "CALCULATED") {
            p.between("healthCheckConfig.healthThreshold", i.childHealthThreshold, 0, ROUTE53_LIMITS.childHealthChecks);
            p.length("healthCheckConfig.childHealthChecks", i.childHealthchecks, 0, ROUTE53_LIMITS.childHealthChecks);
            const endpointOnly: [string, string][] = [
                ["requestInterval", "a request interval"],
                ["failureThreshold", "a failure threshold"],
                ["regions", "checker regions"],
                ["fqdn", "a domain name"],
                ["ipAddress", "an IP address"],
            ];
            for (const [key, what] of endpointOnly) {
                if (!r.absent(key)) p.add(parameter(`Calculated health checks must not have ${what} specified.`));
            }
            calculatedChildren(r, s, p);
        }
        return p.list();
    },
};

interface RecordKey {
    zoneId: string;
    name: string;
    type: string;
    setIdentifier?: string;
}

function recordKey(r: Resource): RecordKey | undefined {
    const i = r.inputs;
    if (typeof i.zoneId !== "string" || typeof i.name !== "string" || typeof i.type !== "string") return undefined;
    if (!r.absent("setIdentifier") && i.setIdentifier === undefined) return undefined;
    return { zoneId: zoneIdOf(i.zoneId), name: dnsKey(i.name), type: i.type, setIdentifier: i.setIdentifier };
}

/** ResourceRecordSet: one of an alias target or a TTL with records; a set identifier exactly with a routing policy. */
function recordShape(r: Resource, p: Problems): void {
    const i = r.inputs;
    const field = "changeBatch.changes.1.member.resourceRecordSet";
    p.oneOf(`${field}.type`, i.type, RECORD_TYPES);
    p.between(`${field}.tTL`, i.ttl, 0, 2147483647);
    p.length(`${field}.setIdentifier`, i.setIdentifier, ROUTE53_LIMITS.setIdentifier.min, ROUTE53_LIMITS.setIdentifier.max);
    list(i.latencyRoutingPolicies).forEach((l: any) => p.oneOf(`${field}.region`, l.region, AWS_REGIONS));

    const change = `Change with [Action=CREATE, Name=${i.name}, Type=${i.type}, SetIdentifier=${i.setIdentifier ?? "null"}]`;
    const shapeKnown = ["aliases", "ttl", "records"].every((k) => r.absent(k) || i[k] !== undefined);
    if (shapeKnown) {
        const alias = list(i.aliases).length > 0;
        const ttl = !r.absent("ttl");
        const records = list(i.records).length > 0;
        const exactlyOne = "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId]";
        if (alias && (ttl || records)) p.add(`InvalidInput: Invalid request: ${exactlyOne}, but found more than one in ${change}`);
        else if (!alias && !(ttl && records)) p.add(`InvalidInput: Invalid request: ${exactlyOne}, but found none in ${change}`);
    }
    // An alias target is an AWS resource named by its hosted zone (API_AliasTarget, `HostedZoneId`, required); a
    // host name outside AWS has no zone and needs a CNAME instead.
    list(i.aliases).forEach((a: any, n: number) => {
        if (r.absent(`aliases.${n}.zoneId`) || a.zoneId === "") {
            p.add(`InvalidInput: Invalid request: Missing field 'HostedZoneId' in AliasTarget (to ${a.name ?? "an unknown name"}) of ${change}`);
        }
    });
    const routed = ROUTING_POLICIES.some((k) => {
        const v = i[k];
        return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false;
    });
    if (routed && r.absent("setIdentifier")) p.add(`InvalidInput: Invalid request: Missing field 'SetIdentifier' in ${change}`);
    if (!routed && !r.absent("setIdentifier")) {
        p.add(`InvalidInput: Invalid request: A SetIdentifier needs a routing policy (weighted, latency, failover, geolocation, geoproximity, CIDR or multivalue answer) in ${change}`);
    }
    if (typeof i.name === "string") {
        const bad = dnsNameProblem(i.name);
        if (bad) p.add(`InvalidInput: Invalid request: DNS name ${fqdn(i.name)} ${bad}`);
    }
}

/** The zone, the record sets already there, and ACM's expectations for validation records. */
function recordContext(r: Resource, p: Problems, s: StrictState): void {
    const i = r.inputs;
    const key = recordKey(r);
    if (!key) return;
    const zoneName = s.zones.get(key.zoneId);
    const zoneShown = zoneName ? fqdn(zoneName) : key.zoneId;
    if (zoneName && !inZone(key.name, zoneName)) {
        p.add(changeBatch(`RRSet with DNS name ${fqdn(key.name)} is not permitted in zone ${zoneShown}`));
    } else if (zoneName && key.type === "CNAME" && key.name === zoneName) {
        p.add(changeBatch(`RRSet of type CNAME with DNS name ${fqdn(key.name)} is not permitted at apex in zone ${zoneShown}`));
    }

    const existing = s.records.get(`${key.zoneId}|${key.name}`) ?? [];
    const sameType = existing.filter((e) => e.type === key.type);
    const sid = key.setIdentifier === undefined ? "" : `, set-identifier='${key.setIdentifier}'`;
    if (sameType.some((e) => e.setIdentifier === key.setIdentifier)) {
        // allowOverwrite turns the CREATE into an UPSERT, which Route 53 accepts (and which silently takes the record over).
        if (i.allowOverwrite !== true) {
            p.add(changeBatch(`Tried to create resource record set [name='${fqdn(key.name)}', type='${key.type}'${sid}] but it already exists`));
        }
    } else if (sameType.some((e) => (e.setIdentifier === undefined) !== (key.setIdentifier === undefined))) {
        p.add(
            changeBatch(
                key.setIdentifier === undefined
                    ? `RRSet with DNS name ${fqdn(key.name)}, type ${key.type} cannot be created as RRSets with a routing policy exist with the same name and type.`
                    : `RRSet with DNS name ${fqdn(key.name)}, type ${key.type}, SetIdentifier ${key.setIdentifier} cannot be created as a simple RRSet exists with the same name and type.`,
            ),
        );
    }
    const conflict = existing.find((e) => e.type !== key.type && (e.type === "CNAME" || key.type === "CNAME"));
    if (conflict) {
        p.add(changeBatch(`RRSet of type ${key.type} with DNS name ${fqdn(key.name)} is not permitted because a conflicting RRSet of type ${conflict.type} with the same DNS name already exists in zone ${zoneShown}`));
    }

    const expected = s.validationRecords.get(key.name);
    if (expected && Array.isArray(i.records) && i.records.every((v: unknown) => v !== undefined)) {
        const values = (i.records as string[]).map((v) => dnsKey(v));
        if (key.type !== expected.resourceRecordType || values.length !== 1 || values[0] !== dnsKey(expected.resourceRecordValue)) {
            p.add(
                `ACM: certificate ${expected.certificateArn} stays PENDING_VALIDATION: its DNS validation record ${fqdn(key.name)} must be ${expected.resourceRecordType} ${expected.resourceRecordValue}, got ${key.type} ${i.records.join(", ")}`,
            );
        }
    }
}

const record: ResourceRule = {
    check(r, s) {
        const p = new Problems("InvalidInput");
        recordShape(r, p);
        recordContext(r, p, s);
        routingValues(r, p);
        const key = recordKey(r);
        if (key) routingAgainstSet(r, s.records.get(`${key.zoneId}|${key.name}`) ?? [], p);
        return p.list();
    },
    remember(r, s) {
        const key = recordKey(r);
        if (!key) return;
        const k = `${key.zoneId}|${key.name}`;
        const existing = s.records.get(k) ?? [];
        if (!existing.some((e) => e.type === key.type && e.setIdentifier === key.setIdentifier)) {
            s.records.set(k, [...existing, { type: key.type, setIdentifier: key.setIdentifier, ...routedRecord(r) }]);
        }
    },
};

const zone: ResourceRule = {
    check(r) {
        const name = r.inputs.name;
        const bad = typeof name === "string" ? dnsNameProblem(name) : undefined;
        return bad ? [`InvalidDomainName: ${name} ${bad}`] : [];
    },
    remember(r, s) {
        if (typeof r.inputs.name !== "string") return;
        const id = computeOutputs({ type: r.type, name: r.name, inputs: r.inputs, region: r.region }).id;
        s.zones.set(zoneIdOf(id), dnsKey(r.inputs.name));
    },
};

export const ROUTE53_RULES: Record<string, ResourceRule> = {
    "aws:route53/healthCheck:HealthCheck": healthCheck,
    "aws:route53/record:Record": record,
    "aws:route53/zone:Zone": zone,
};
