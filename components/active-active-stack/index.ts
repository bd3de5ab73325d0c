/**
 * ActiveActiveStack (`activeactive:stack:ActiveActive`): the whole active-active deployment of one environment.
 * One list of regions drives everything: a GlobalTable with a replica per region, a RegionalService per region,
 * and one traffic layer (Route 53 latency routing or a Cloudflare load balancer) over the regional services.
 * Child logical names are part of the URN and kept: `<name>-table`, `<name>-<region>`, `<name>-routing` or
 * `<name>-lb`, and `<name>` for the shared DNS validation record.
 */
import * as pulumi from "@pulumi/pulumi";
import { GlobalTable } from "../global-table";
import { RegionalService } from "../regional-service";
import { LatencyRouting } from "../latency-routing";
import { CloudflareLoadBalancer } from "../cloudflare-load-balancer";
import type { ActiveActiveStackArgs, ActiveActiveStackOutputs, ResilienceFigures } from "./args";
import { awsProviderFor, createValidationRecords, loadBalancerArgs, routingArgs, serviceArgs, stackOutputs, tableArgs } from "./wiring";

export type * from "./args";

export class ActiveActiveStack extends pulumi.ComponentResource {
    readonly table: GlobalTable;
    readonly services: Record<string, RegionalService> = {};
    readonly routing?: LatencyRouting;
    readonly loadBalancer?: CloudflareLoadBalancer;
    /** The modeled RTO and RPO of the environment's failover plan, as exported. */
    readonly resilience: ResilienceFigures;
    private readonly outputs: ActiveActiveStackOutputs;

    constructor(name: string, args: ActiveActiveStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:stack:ActiveActive", name, {}, opts);
        const { settings, providers } = args;
        this.table = new GlobalTable(`${name}-table`, tableArgs(settings, providers, args.deployed), { parent: this });

        const validation = createValidationRecords(name, settings, providers, this);
        for (const region of settings.regions) {
            this.services[region] = new RegionalService(`${name}-${region}`, serviceArgs(settings, region, this.table, validation), {
                parent: this,
                provider: awsProviderFor(providers, region),
            });
        }

        if (settings.traffic === "route53") {
            this.routing = new LatencyRouting(`${name}-routing`, routingArgs(settings, this.services, providers), { parent: this, provider: providers.global });
        } else {
            this.loadBalancer = new CloudflareLoadBalancer(`${name}-lb`, loadBalancerArgs(settings, this.services), {
                parent: this,
                provider: providers.cloudflare!,
            });
        }

        this.outputs = stackOutputs(settings, this.table, this.services, this.routing, this.loadBalancer);
        this.resilience = this.outputs.resilience;
        this.registerOutputs(this.outputs);
    }

    /** The stack outputs `index.ts` exports (built once, also registered as this component's outputs). */
    stackOutputs(): ActiveActiveStackOutputs {
        return this.outputs;
    }
}
