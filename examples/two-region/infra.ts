/**
 * Two regions from the library's parts: a DynamoDB global table with a replica in each region, the service in each
 * region (Lambda behind an HTTP API on the service name and on a region-pinned name), and Route 53 latency records
 * with a health check per region over them. `program` is what `index.ts` runs under `pulumi up`; the unit test runs
 * the same function under `active-active/testing`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { GlobalTable, LatencyRouting, RegionalService, ValidationRecords } from "active-active";

export const REGIONS = ["us-east-1", "eu-west-1"];
export const HOME_REGION = "us-east-1";

export function program() {
    const config = new pulumi.Config();
    const domain = config.require("domain");
    const zoneId = config.require("hostedZoneId");
    const accountId = config.require("accountId");
    const alarmEmail = config.require("alarmEmail");

    // One explicit provider per region: every child of a regional component gets its region from its provider.
    const providers: Record<string, aws.Provider> = {};
    for (const region of REGIONS) {
        providers[region] = new aws.Provider(`aws-${region}`, { region: region as aws.Region, skipCredentialsValidation: true, skipRequestingAccountId: true });
    }

    const table = new GlobalTable("orders", {
        regions: REGIONS,
        homeRegion: HOME_REGION,
        providers,
        accountId,
        partitionKey: { name: "pk", type: "S" },
        sortKey: { name: "sk", type: "S" },
    });

    // One DNS record validates the certificate of every region (they share the validation name).
    const validation = new ValidationRecords("orders", { kind: "route53", zoneId, provider: providers[HOME_REGION]! });

    const services = REGIONS.map(
        (region) =>
            new RegionalService(
                `orders-${region}`,
                {
                    region,
                    regions: REGIONS,
                    sizedForRegionCount: REGIONS.length,
                    // Every setting not given here takes REGIONAL_SERVICE_DEFAULTS; auth has no default issuer.
                    mode: { kind: "lambda", validation, auth: { type: "jwt", issuer: config.require("issuer"), audience: [domain] } },
                    domain,
                    tableName: table.tableName,
                    tableArn: table.tableArns[region]!,
                    kmsKeyArn: table.kmsKeyArns[region]!,
                    consistency: "eventual",
                    ttlAttribute: null,
                    partitionKey: "pk",
                    sortKey: "sk",
                    alarmEmail,
                },
                { provider: providers[region] },
            ),
    );

    const routing = new LatencyRouting(
        "orders-routing",
        {
            zoneId,
            serviceName: domain,
            // Each region's service as it is: domainTarget is the latency record's target, pinned its own name.
            regions: services.map((service) => ({ region: service.region, healthCheckHostname: service.healthCheckHostname, target: service.domainTarget, pinned: service.pinned })),
            checkerRegions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
            account: { id: accountId },
            alarmEmail,
        },
        // Route 53 and its health-check metrics live in us-east-1.
        { provider: providers["us-east-1"] },
    );

    return {
        endpoint: `https://${domain}`,
        tableName: table.tableName,
        regionalEndpoints: Object.fromEntries(services.map((s) => [s.region, pulumi.interpolate`https://${s.healthCheckHostname}`])),
        healthCheckIds: routing.healthCheckIds,
    };
}
