/**
 * Route 53 routing-policy facts: what a record of each policy may carry, and the continent every region sits on
 * (which the default geolocation map is built from).
 *
 * Sources:
 * - ResourceRecordSet (Route 53 API Reference): `Weight` 0-255 ("If you set Weight to 0 for all of the records in
 *   the group, traffic is routed to all resources with equal probability"); `Failover` PRIMARY | SECONDARY, one of
 *   each per name and type; `GeoLocation`: "You can't create two geolocation resource record sets that specify the
 *   same geographic location", "If you don't create a * resource record set, Route 53 returns a 'no answer'
 *   response for queries from those locations", "You can't create non-geolocation resource record sets that have
 *   the same values for the Name and Type elements as geolocation resource record sets".
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html
 * - GeoLocation (API Reference): ContinentCode AF | AN | AS | EU | OC | NA | SA; CountryCode ISO 3166-1 alpha-2 or `*`.
 *   https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html
 * - GeoProximityLocation: Bias -99 to 99 (terraform-provider-aws internal/service/route53/record.go validates
 *   `validation.IntBetween(-99, 99)`). https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoProximityLocation.html
 * - A record set mixes no policies: Route 53 refuses "RRSet with DNS name ..., type A, SetIdentifier ... cannot be
 *   created as a non-weighted set exists with the same name and type" (kubernetes-sigs/external-dns#4345, #3141).
 */

/** The Route 53 routing policies this library deploys, `latency` the default. */
export const ROUTE53_ROUTING_POLICIES = ["latency", "weighted", "geoproximity", "geolocation", "failover"] as const;
export type Route53RoutingPolicy = (typeof ROUTE53_ROUTING_POLICIES)[number];

/** Weighted records: `Weight` 0-255. */
export const ROUTE53_WEIGHT = { min: 0, max: 255 } as const;
/** Geoproximity records: `Bias` -99 to 99 (0 leaves the region's area as the distance makes it). */
export const ROUTE53_GEOPROXIMITY_BIAS = { min: -99, max: 99 } as const;
/** Route 53's continent codes (API GeoLocation, `ContinentCode`). */
export const ROUTE53_CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;
export type Continent = (typeof ROUTE53_CONTINENTS)[number];
/** The country code of the default geolocation record: every location no other record names. */
export const ROUTE53_DEFAULT_LOCATION = "*";
/** Country codes: ISO 3166-1 alpha-2 (API GeoLocation, `CountryCode`, 1-2 characters). */
export const COUNTRY_CODE = { pattern: /^[A-Z]{2}$/, allowed: "an ISO 3166-1 alpha-2 country code such as DE" } as const;

/**
 * The continent of each region's location (AWS Regions page: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
 * The Middle East and Israel are Asia, Mexico and Canada North America, as in Route 53's continent list.
 */
const CONTINENT_BY_PREFIX: ReadonlyArray<[RegExp, Continent]> = [
    [/^(us|ca|mx)-/, "NA"],
    [/^sa-/, "SA"],
    [/^eu-/, "EU"],
    [/^af-/, "AF"],
    // Sydney, Melbourne and Auckland; the other ap- regions are in Asia.
    [/^ap-southeast-(2|4|6)$/, "OC"],
    [/^(ap|me|il)-/, "AS"],
];

/** The continent a region's data centres are on, or undefined for a name no rule knows. */
export function continentOf(region: string): Continent | undefined {
    return CONTINENT_BY_PREFIX.find(([pattern]) => pattern.test(region))?.[1];
}
