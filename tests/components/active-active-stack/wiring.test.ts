/**
 * The pieces compose without casts: RegionalService's `domainTarget` is LatencyRouting's `target` type, and the
 * stack hands it over as it is. (The type half is kept by `tsc`: this file would not compile otherwise.)
 */
import * as pulumi from "@pulumi/pulumi";
import { parseConfig } from "../../../config";
import { routingArgs } from "../../../components/active-active-stack/wiring";
import type { DomainTarget, LatencyRoutingRegion, RegionalService } from "../../../components";
import { configSource } from "../../helpers/config-source";

test("the stack passes each region's domainTarget to LatencyRouting as it is", () => {
    const settings = parseConfig(configSource("dev"));
    const services: Record<string, RegionalService> = {};
    for (const region of settings.regions) {
        const target: pulumi.Output<DomainTarget> = pulumi.output({ name: `d-${region}.example`, zoneId: "Z1" });
        services[region] = { healthCheckHostname: pulumi.output(`${region}.example`), domainTarget: target } as Partial<RegionalService> as RegionalService;
    }
    const regions: LatencyRoutingRegion[] = routingArgs(settings, services, { aws: {}, global: {} as never }).regions;
    expect(regions.map((r) => r.target)).toEqual(settings.regions.map((region) => services[region]!.domainTarget));
    for (const [i, region] of settings.regions.entries()) expect(regions[i]!.target).toBe(services[region]!.domainTarget);
});
