/**
 * The active-active component library: what another Pulumi program imports by package name,
 *
 *   import { GlobalTable, RegionalService, LatencyRouting } from "active-active";
 *
 * and nothing else: each component with its args, defaults and validators. Helpers stay in their modules.
 * `index.ts` at the repository root is this repository's own use of them (the reference stack).
 */
export { ActiveActiveStack } from "./active-active-stack";
export type {
    ActiveActiveSettings,
    ActiveActiveStackArgs,
    ActiveActiveStackOutputs,
    DeployedTable,
    DeploymentOutput,
    DeploymentRecord,
    ResilienceFigures,
    StackCloudflareSettings,
    StackFailover,
    StackProviders,
    StackServiceSettings,
    StackTableSettings,
} from "./active-active-stack";

export { GLOBAL_TABLE_DEFAULTS, GlobalTable, validateGlobalTableArgs, validateGlobalTableTopology, validateProviderAccounts, validateReplicaChanges } from "./global-table";
export type {
    Consistency,
    GlobalSecondaryIndexSpec,
    GlobalTableArgs,
    GlobalTableAutoscaling,
    GlobalTableBilling,
    IndexProjection,
    KeyAttribute,
    LocalSecondaryIndexSpec,
    OnDemandBilling,
    ProvisionedBilling,
    ReplicaChangeInput,
} from "./global-table";

export { DEFAULT_ALARM_THRESHOLDS, DEFAULT_DEPLOYMENT_CONFIG, REGIONAL_SERVICE_DEFAULTS, RegionalService, validateRegionalServiceArgs } from "./regional-service";
export type {
    AlarmThresholds,
    DomainTarget,
    ExternalMode,
    LambdaMode,
    RegionalServiceArgs,
    RegionalServiceMode,
    RegionalServiceSettings,
    SafeDeploymentOutputs,
    ServiceAuth,
} from "./regional-service";
export { ValidationRecords, VALIDATION_RECORD_TTL_SECONDS } from "./certificate-validation";
export type { CloudflareValidationArgs, Route53ValidationArgs, ValidationRecordsArgs } from "./certificate-validation";
export { APP_ENTRY, appArchive, BundleError, bundleSource, LAMBDA_HANDLER } from "./bundle";
export { rememberProviderRegion } from "./provider-region";

export { LATENCY_ROUTING_DEFAULTS, LatencyRouting, validateLatencyRoutingArgs } from "./latency-routing";
export type { LatencyRoutingArgs, LatencyRoutingRegion } from "./latency-routing";
export { CLOUDFLARE_LOAD_BALANCER_DEFAULTS, CloudflareLoadBalancer, validateCloudflareLoadBalancerArgs } from "./cloudflare-load-balancer";
export type { CloudflareLoadBalancerArgs, CloudflareLoadBalancerRegion, SteeringPolicy } from "./cloudflare-load-balancer";

export { ArgsError } from "./problems";
export type { Problem } from "./problems";
