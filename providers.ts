/**
 * Explicit providers: one `aws.Provider` per region (`aws-<region>`), plus a Cloudflare provider when that
 * traffic layer is on. Default providers are disabled in every stack file, so a resource that forgets its
 * provider fails instead of landing in whatever region the environment points at.
 */
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
    // The Cloudflare provider reads its token from its own secret config (cloudflare:apiToken) or
    // CLOUDFLARE_API_TOKEN; we never pass it.
    const cf = config.traffic === "cloudflare" ? new cloudflare.Provider("cloudflare", {}) : undefined;
    return { aws: byRegion, global: byRegion[ROUTE53_METRICS_REGION]!, cloudflare: cf };
}
