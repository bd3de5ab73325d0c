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
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type * as cloudflare from "@pulumi/cloudflare";
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
    const cf = config.traffic === "cloudflare" ? new (loadCloudflare().Provider)("cloudflare", cloudflareCredentials()) : undefined;
    return { aws: byRegion, global: byRegion[ROUTE53_METRICS_REGION]!, recoveryControl: arc ? byRegion[ARC_CONFIG_REGION] : undefined, cloudflare: cf };
}

/**
 * @pulumi/cloudflare, loaded only when the Cloudflare layer is chosen: a Route 53 stack never pays for loading it
 * (it stays a regular dependency, so types resolve for every consumer).
 */
export function loadCloudflare(): typeof cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require("@pulumi/cloudflare");
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
