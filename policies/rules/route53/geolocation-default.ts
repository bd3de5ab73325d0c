/**
 * active-active-geolocation-default
 *
 * Requires: every geolocation record set (records of one name and type with `geolocationRoutingPolicies`) has a
 * default record (country `*`).
 * Why: "If you don't create a * resource record set, Route 53 returns a 'no answer' response for queries from those
 * locations" (API ResourceRecordSet, GeoLocation): users outside the map, and users whose resolver Route 53 cannot
 * place, get no address at all, in every region's health.
 * Severity: high.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 */
import { stackRule } from "../../lib/policy";
import { recordSets } from "../../lib/record-sets";
import { asList, str } from "../../lib/values";

export const geolocationDefault = stackRule({
    name: "active-active-geolocation-default",
    description: "A geolocation record set has a default (country *) record.",
    severity: "high",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
    remediationSteps: 'Set active-active:routing.geolocation.default to "nearest" (the default) or a region.',
    validate: ({ resources }, report, notApplicable) => {
        const sets = recordSets(resources, "geolocationRoutingPolicies");
        if (sets.size === 0) notApplicable("no geolocation records");
        for (const [key, records] of sets) {
            const locations = records.map((r) => asList(r.props.geolocationRoutingPolicies as Record<string, unknown>[])[0] ?? {});
            if (locations.some((l) => str(l.country) === "*")) continue;
            const mapped = locations.map((l) => str(l.continent) ?? str(l.country) ?? "?").join(", ");
            report(`geolocation record set ${key} maps ${mapped} and has no default record: Route 53 answers nothing to every other location; allowed: a record with country "*"`, records[0]!.urn);
        }
    },
});
