/**
 * Explicit providers: one `aws.Provider` per region (`aws-<region>`), us-west-2 for ARC's configuration API when
 * routing controls are on, and a Cloudflare provider when that traffic layer is on. Default providers are disabled
 * in every stack file, so a resource that forgets its provider fails instead of landing in whatever region the
 * environment points at.
 *
 * No provider calls STS or IAM when it configures: `skipCredentialsValidation` skips STS GetCallerIdentity and
 * `skipRequestingAccountId` the account-id lookup (hashicorp/aws-sdk-go-base v2, `GetAwsAccountIDAndPartition`:
 * with both set it returns no account and the region's partition, calling nothing). An impaired region's STS can
 * then not stop the update that drains it; the account id comes from `active-active:accountId` instead, and the
 * program builds the ARNs the provider would have built from its own (docs/recovery-control.md).
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import type { StackConfig } from "./config";
import { ARC_CONFIG_REGION, ROUTE53_METRICS_REGION } from "./packages/aws-facts";
import { rememberProviderRegion } from "./components/provider-region";
import type { StackProviders } from "./components/active-active-stack";

/** The stack's providers, in the shape ActiveActiveStack takes. */
export type Providers = StackProviders;

export function awsProviderName(region: string): string {
    return `aws-${region}`;
}

/** The inputs of every AWS provider: its region, and no STS or IAM lookups. */
export function awsProviderArgs(region: string): aws.ProviderArgs {
    return { region: region as aws.Region, skipCredentialsValidation: true, skipRequestingAccountId: true };
}

export function createProviders(config: StackConfig): Providers {
    const regions = [...config.regions];
    if (!regions.includes(ROUTE53_METRICS_REGION)) regions.push(ROUTE53_METRICS_REGION);
    const arc = config.routing.recoveryControl !== false;
    if (arc && !regions.includes(ARC_CONFIG_REGION)) regions.push(ARC_CONFIG_REGION);
    const byRegion: Record<string, aws.Provider> = {};
    for (const region of regions) {
        byRegion[region] = rememberProviderRegion(new aws.Provider(awsProviderName(region), awsProviderArgs(region)), region);
    }
    // The Cloudflare provider reads its token from its own secret config (cloudflare:apiToken) or
    // CLOUDFLARE_API_TOKEN; we never pass it.
    const cf = config.traffic === "cloudflare" ? new cloudflare.Provider("cloudflare", {}) : undefined;
    return { aws: byRegion, global: byRegion[ROUTE53_METRICS_REGION]!, recoveryControl: arc ? byRegion[ARC_CONFIG_REGION] : undefined, cloudflare: cf };
}
