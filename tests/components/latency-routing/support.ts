/** Args and a deployment of LatencyRouting shaped like the prod stack's, for the tests of its folder. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LatencyRouting, LatencyRoutingArgs } from "../../../components/latency-routing";
import { ACCOUNT, pinnedDomainTarget, pinnedName, regionalDomainTarget, SERVICE_NAME, TRAFFIC, ZONE_ID } from "../../fixtures/common";
import { CHECKER_REGIONS } from "../../fixtures/route53/health-check";
import { deployComponent } from "../../helpers/deploy";

export const REGION_SETS: Record<number, string[]> = {
    2: ["us-east-1", "eu-west-1"],
    3: ["us-east-1", "us-west-2", "eu-west-1"],
    5: ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"],
};

export function argsFor(regions: string[], extra: Partial<LatencyRoutingArgs> = {}): LatencyRoutingArgs {
    return {
        zoneId: ZONE_ID,
        serviceName: SERVICE_NAME,
        // Inputs wired from other resources arrive as Outputs; the pinned name is known up front.
        regions: regions.map((region) => ({
            region,
            healthCheckHostname: pinnedName(region),
            target: pulumi.output(regionalDomainTarget(region)),
            pinned: { name: pinnedName(region), target: pulumi.output(pinnedDomainTarget(region)) },
        })),
        checkerRegions: CHECKER_REGIONS,
        account: { id: pulumi.output(ACCOUNT) },
        ...extra,
    };
}

/** LatencyRouting named `app-traffic` under the us-east-1 provider. */
export function deploy(args: LatencyRoutingArgs) {
    return deployComponent(() => {
        const provider = new aws.Provider("aws-us-east-1", { region: "us-east-1" });
        return new LatencyRouting(TRAFFIC, args, { provider });
    });
}
