/**
 * ActiveActiveStack (`activeactive:stack:ActiveActive`): the whole active-active deployment of one environment.
 * One list of regions drives everything: a GlobalTable with a replica per region, a RegionalService per region,
 * and one traffic layer (Route 53 latency routing or a Cloudflare load balancer) over the regional services.
 * Child logical names are part of the URN and kept: `<name>-table`, `<name>-<region>`, `<name>-routing` or
 * `<name>-lb`, and `<name>` for the shared DNS validation record. A fleet (`settings.services`) has these once per
 * service, with `<name>-<service>` in place of `<name>`.
 */
import * as pulumi from "@pulumi/pulumi";
import { GlobalTable } from "../global-table";
import { RegionalService } from "../regional-service";
import { LatencyRouting } from "../latency-routing";
import type { CloudflareLoadBalancer } from "../cloudflare-load-balancer";
import type { ActiveActiveSettings, ActiveActiveStackArgs, ActiveActiveStackOutputs, DeploymentRecord, ResilienceFigures, StackProviders } from "./args";
import { awsProviderFor, createValidationRecords, loadBalancerArgs, routingArgs, serviceArgs, stackOutputs, tableArgs } from "./wiring";

export type * from "./args";

/** What one service of the stack is made of: its table, a regional service per region and its traffic layer. */
export interface ServiceUnit {
    table: GlobalTable;
    services: Record<string, RegionalService>;
    routing?: LatencyRouting;
    loadBalancer?: CloudflareLoadBalancer;
    outputs: ActiveActiveStackOutputs;
}

export class ActiveActiveStack extends pulumi.ComponentResource {
    readonly table: GlobalTable;
    readonly services: Record<string, RegionalService>;
    readonly routing?: LatencyRouting;
    readonly loadBalancer?: CloudflareLoadBalancer;
    /** With `settings.services`: each service's children by service name (the fields above are the first's). */
    readonly fleet?: Record<string, ServiceUnit>;
    /** The modeled RTO and RPO of the environment's failover plan, as exported. */
    readonly resilience: ResilienceFigures;
    private readonly outputs: ActiveActiveStackOutputs;

    constructor(name: string, args: ActiveActiveStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:stack:ActiveActive", name, {}, opts);
        const { settings, providers } = args;
        // One service keeps the names it always had; a fleet's services are named `<name>-<service>`, each guarded
        // by what its own previous deployment recorded (the `services` output).
        const units = settings.services
            ? settings.services.map((svc) => this.createUnit(`${name}-${svc.name}`, svc.settings, providers, args.deployedServices?.[svc.name]))
            : [this.createUnit(name, settings, providers, args.deployed)];
        const first = units[0]!;
        ({ table: this.table, services: this.services, routing: this.routing, loadBalancer: this.loadBalancer } = first);
        if (settings.services) {
            this.fleet = Object.fromEntries(settings.services.map((svc, i) => [svc.name, units[i]!]));
            this.outputs = { ...first.outputs, services: Object.fromEntries(settings.services.map((svc, i) => [svc.name, units[i]!.outputs])) };
        } else {
            this.outputs = first.outputs;
        }
        this.resilience = this.outputs.resilience;
        this.registerOutputs(this.outputs);
    }

    /** One service: a GlobalTable, a RegionalService per region, and its routed name on the stack's traffic layer. */
    private createUnit(name: string, settings: ActiveActiveSettings, providers: StackProviders, deployed: DeploymentRecord | undefined): ServiceUnit {
        const table = new GlobalTable(`${name}-table`, tableArgs(settings, providers, deployed), { parent: this });
        const validation = createValidationRecords(name, settings, providers, this);
        const services: Record<string, RegionalService> = {};
        for (const region of settings.regions) {
            services[region] = new RegionalService(`${name}-${region}`, serviceArgs(settings, region, table, validation), {
                parent: this,
                provider: awsProviderFor(providers, region),
            });
        }
        let routing: LatencyRouting | undefined;
        let loadBalancer: CloudflareLoadBalancer | undefined;
        if (settings.traffic === "route53") {
            routing = new LatencyRouting(`${name}-routing`, routingArgs(settings, services, providers), { parent: this, provider: providers.global });
        } else {
            // Required on the Cloudflare path only, so a Route 53 stack never loads the Cloudflare SDK.
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { CloudflareLoadBalancer: LoadBalancer } = require("../cloudflare-load-balancer") as typeof import("../cloudflare-load-balancer");
            loadBalancer = new LoadBalancer(`${name}-lb`, loadBalancerArgs(settings, services), { parent: this, provider: providers.cloudflare! });
        }
        return { table, services, routing, loadBalancer, outputs: stackOutputs(settings, table, services, routing, loadBalancer) };
    }

    /** The stack outputs `index.ts` exports (built once, also registered as this component's outputs). */
    stackOutputs(): ActiveActiveStackOutputs {
        return this.outputs;
    }
}
