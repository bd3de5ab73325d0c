/**
 * Explicit providers: one `aws.Provider` per region (`aws-<region>`), plus a Cloudflare provider when that
 * traffic layer is on. Default providers are disabled in every stack file, so a resource that forgets its
 * provider fails instead of landing in whatever region the environment points at.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import type { StackConfig } from "./config";
import { ROUTE53_METRICS_REGION } from "./packages/aws-facts";
import { rememberProviderRegion } from "./components/provider-region";
import type { StackProviders } from "./components/active-active-stack";

/** The stack's providers, in the shape ActiveActiveStack takes. */
export type Providers = StackProviders;

export function awsProviderName(region: string): string {
    return `aws-${region}`;
}

export function createProviders(config: StackConfig): Providers {
    const regions = [...config.regions];
    if (!regions.includes(ROUTE53_METRICS_REGION)) regions.push(ROUTE53_METRICS_REGION);
    const byRegion: Record<string, aws.Provider> = {};
    for (const region of regions) {
        byRegion[region] = rememberProviderRegion(new aws.Provider(awsProviderName(region), { region: region as aws.Region }), region);
    }
    const cf = config.traffic === "cloudflare" ? new cloudflare.Provider("cloudflare", cloudflareCredentials()) : undefined;
    return { aws: byRegion, global: byRegion[ROUTE53_METRICS_REGION]!, cloudflare: cf };
}

/**
 * The Cloudflare provider's token. An explicit provider takes no `cloudflare:` stack config of its own (only its
 * args; pulumi/pulumi-aws#1307 explains the design), so the program reads the secret `cloudflare:apiToken` and
 * hands it over, as a secret Output (never a plain getter, which would strip its secretness into the state).
 * Unset, the provider falls back to CLOUDFLARE_API_TOKEN; config/checks.ts requires one of the two for an update
 * and refuses the global API key (cloudflare:apiKey, CLOUDFLARE_API_KEY).
 */
export function cloudflareCredentials(): cloudflare.ProviderArgs {
    const apiToken = new pulumi.Config("cloudflare").getSecret("apiToken");
    return apiToken === undefined ? {} : { apiToken };
}
