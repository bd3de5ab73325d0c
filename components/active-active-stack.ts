/**
 * ActiveActiveStack (`activeactive:stack:ActiveActive`): the whole active-active deployment for one environment.
 * One list of regions drives everything: a GlobalTable with a replica per region, a RegionalService per region,
 * and one traffic layer (Route 53 latency routing or a Cloudflare load balancer) over the regional services.
 */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config";
import type { Providers } from "../providers";

export interface ActiveActiveStackArgs {
    config: StackConfig;
    providers: Providers;
}

export class ActiveActiveStack extends pulumi.ComponentResource {
    readonly regions: string[];

    constructor(name: string, args: ActiveActiveStackArgs, opts?: pulumi.ComponentResourceOptions) {
        super("activeactive:stack:ActiveActive", name, {}, opts);
        this.regions = args.config.regions;
        this.registerOutputs({ regions: this.regions });
    }

    /** The stack outputs `index.ts` exports. */
    stackOutputs(): Record<string, unknown> {
        return { regions: this.regions };
    }
}
