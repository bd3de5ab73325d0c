/**
 * Route 53's rules for the routing policies of a record set (records of one name and type): one policy per set,
 * weights 0-255, geoproximity bias -99..99, Route 53's continent codes and unique geolocation locations, one PRIMARY
 * and one SECONDARY failover record. Sources: aws-facts routing.ts (API ResourceRecordSet, GeoLocation,
 * GeoProximityLocation; "cannot be created as a non-weighted set exists with the same name and type",
 * kubernetes-sigs/external-dns#4345). Messages follow Route 53's InvalidChangeBatch wording where it is known.
 */
import { COUNTRY_CODE, ROUTE53_CONTINENTS, ROUTE53_DEFAULT_LOCATION, ROUTE53_GEOPROXIMITY_BIAS, ROUTE53_WEIGHT } from "../../packages/aws-facts";
import { fqdn, list, Problems, Resource, StrictState } from "./common";

const POLICY_FIELDS: Record<string, string> = {
    latencyRoutingPolicies: "latency",
    weightedRoutingPolicies: "weighted",
    geolocationRoutingPolicies: "geolocation",
    failoverRoutingPolicies: "failover",
    geoproximityRoutingPolicy: "geoproximity",
    cidrRoutingPolicy: "cidr",
    multivalueAnswerRoutingPolicy: "multivalue",
};

/** What the record set remembers of each record for the rules across records. */
export interface RoutedRecord {
    policy?: string;
    failover?: string;
    location?: string;
}

export function routedRecord(r: Resource): RoutedRecord {
    const i = r.inputs;
    const field = Object.keys(POLICY_FIELDS).find((k) => (Array.isArray(i[k]) ? i[k].length > 0 : i[k] !== undefined && i[k] !== false));
    const geo = list<any>(i.geolocationRoutingPolicies)[0];
    return {
        policy: field ? POLICY_FIELDS[field] : undefined,
        failover: list<any>(i.failoverRoutingPolicies)[0]?.type,
        location: geo ? `${geo.continent ?? ""}|${geo.country ?? ""}|${geo.subdivision ?? ""}` : undefined,
    };
}

/** Each policy's own values. */
export function routingValues(r: Resource, p: Problems): void {
    const i = r.inputs;
    list<any>(i.weightedRoutingPolicies).forEach((w) => p.between("changeBatch.changes.1.member.resourceRecordSet.weight", w.weight, ROUTE53_WEIGHT.min, ROUTE53_WEIGHT.max));
    const bias = i.geoproximityRoutingPolicy?.bias;
    if (bias !== undefined) p.between("changeBatch.changes.1.member.resourceRecordSet.geoProximityLocation.bias", bias, ROUTE53_GEOPROXIMITY_BIAS.min, ROUTE53_GEOPROXIMITY_BIAS.max);
    list<any>(i.failoverRoutingPolicies).forEach((f) => p.oneOf("changeBatch.changes.1.member.resourceRecordSet.failover", f.type, ["PRIMARY", "SECONDARY"]));
    for (const g of list<any>(i.geolocationRoutingPolicies)) {
        if (g.continent !== undefined && g.country !== undefined) p.add("InvalidInput: Invalid request: a GeoLocation names a ContinentCode or a CountryCode, not both");
        if (g.continent !== undefined) p.oneOf("changeBatch.changes.1.member.resourceRecordSet.geoLocation.continentCode", g.continent, ROUTE53_CONTINENTS);
        if (g.country !== undefined && g.country !== ROUTE53_DEFAULT_LOCATION && !COUNTRY_CODE.pattern.test(g.country)) {
            p.add(`InvalidInput: Invalid request: CountryCode ${g.country} is not ${COUNTRY_CODE.allowed} or ${ROUTE53_DEFAULT_LOCATION}`);
        }
    }
}

/** Against the records of the same name and type already created. */
export function routingAgainstSet(r: Resource, existing: (RoutedRecord & { type: string; setIdentifier?: string })[], p: Problems): void {
    const i = r.inputs;
    const mine = routedRecord(r);
    const same = existing.filter((e) => e.type === i.type && e.setIdentifier !== undefined);
    const head = `RRSet with DNS name ${fqdn(i.name)}, type ${i.type}, SetIdentifier ${i.setIdentifier}`;
    if (mine.policy && same.some((e) => e.policy !== mine.policy)) {
        p.add(`InvalidChangeBatch: [${head} cannot be created as a non-${mine.policy} set exists with the same name and type.]`);
    }
    if (mine.failover && same.some((e) => e.failover === mine.failover)) {
        p.add(`InvalidChangeBatch: [${head} cannot be created: a ${mine.failover} failover record exists with the same name and type (one PRIMARY and one SECONDARY per name and type)]`);
    }
    if (mine.location && same.some((e) => e.location === mine.location)) {
        p.add(`InvalidChangeBatch: [${head} cannot be created: a geolocation record for the same location exists with the same name and type]`);
    }
}

/** Once every record is in: a failover set has both halves (a lone PRIMARY never fails over; a lone SECONDARY is never primary). */
export function unfinishedFailoverSets(s: StrictState): string[] {
    const out: string[] = [];
    for (const [key, records] of s.records) {
        const name = key.split("|")[1]!;
        for (const type of new Set(records.map((x) => x.type))) {
            const kinds = records.filter((x) => x.type === type && x.failover).map((x) => x.failover!);
            if (kinds.length > 0 && (!kinds.includes("PRIMARY") || !kinds.includes("SECONDARY"))) {
                out.push(`Route 53: the failover record set ${fqdn(name)} ${type} has ${kinds.join(" and ")} only; allowed: one PRIMARY and one SECONDARY record`);
            }
        }
    }
    return out;
}
