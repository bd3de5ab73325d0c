/**
 * Every policy of the pack, in report order: per-resource rules by service, then the stack rules.
 * index.ts hands this list to `new PolicyPack`; the harness (harness.ts) runs it in-process.
 */
import type { Policies } from "@pulumi/policy";
import { tableCustomerKmsKey } from "./dynamodb/table-customer-kms-key";
import { tableDeletionProtectionEnabled } from "./dynamodb/table-deletion-protection-enabled";
import { tablePitrEnabled } from "./dynamodb/table-pitr-enabled";
import { tableStreamsNewAndOldImages } from "./dynamodb/table-streams-new-and-old-images";
import { keyPolicyNoWildcardPrincipal } from "./kms/key-policy-no-wildcard-principal";
import { keyRotationEnabled } from "./kms/key-rotation-enabled";
import { functionReservedConcurrency } from "./lambda/function-reserved-concurrency";
import { functionRuntimeSupported } from "./lambda/function-runtime-supported";
import { policyNoWildcardActions } from "./iam/policy-no-wildcard-actions";
import { policyNoWildcardResources } from "./iam/policy-no-wildcard-resources";
import { domainNameTls12 } from "./apigateway/domain-name-tls-1-2";
import { stageAccessLogging } from "./apigateway/stage-access-logging";
import { stageThrottling } from "./apigateway/stage-throttling";
import { logGroupKmsEncrypted } from "./logs/log-group-kms-encrypted";
import { logGroupRetention } from "./logs/log-group-retention";
import { healthCheckCheckerRegions } from "./route53/health-check-checker-regions";
import { healthCheckEnabled } from "./route53/health-check-enabled";
import { healthCheckFailoverBudget } from "./route53/health-check-failover-budget";
import { healthCheckHttpsSni } from "./route53/health-check-https-sni";
import { healthCheckNotInverted } from "./route53/health-check-not-inverted";
import { latencyRecordHealthChecked } from "./route53/latency-record-health-checked";
import { latencyRecordIdentified } from "./route53/latency-record-identified";
import { loadBalancerFallbackPool } from "./cloudflare/load-balancer-fallback-pool";
import { monitorHttps } from "./cloudflare/monitor-https";
import { poolHasMonitor } from "./cloudflare/pool-has-monitor";
import { requiredTags } from "./tags/required-tags";
import { allRegionsUnhealthyAlarm } from "./stack/all-regions-unhealthy-alarm";
import { alarmActionsReachSubscriber } from "./stack/alarm-actions-reach-subscriber";
import { drainKeepsServingRegions } from "./stack/drain-keeps-serving-regions";
import { iamAuthRegionPinned } from "./stack/iam-auth-region-pinned";
import { jwtIssuerOutsideRegions } from "./stack/jwt-issuer-outside-regions";
import { minRegions } from "./stack/min-regions";
import { modeledRto } from "./stack/modeled-rto";
import { regionParity } from "./stack/region-parity";
import { strongConsistencyTopology } from "./stack/strong-consistency-topology";

export const policies: Policies = [
    tablePitrEnabled,
    tableCustomerKmsKey,
    tableDeletionProtectionEnabled,
    tableStreamsNewAndOldImages,
    keyRotationEnabled,
    keyPolicyNoWildcardPrincipal,
    functionReservedConcurrency,
    functionRuntimeSupported,
    policyNoWildcardActions,
    policyNoWildcardResources,
    domainNameTls12,
    stageAccessLogging,
    stageThrottling,
    logGroupRetention,
    logGroupKmsEncrypted,
    healthCheckHttpsSni,
    healthCheckFailoverBudget,
    healthCheckCheckerRegions,
    healthCheckEnabled,
    healthCheckNotInverted,
    latencyRecordIdentified,
    latencyRecordHealthChecked,
    loadBalancerFallbackPool,
    poolHasMonitor,
    monitorHttps,
    requiredTags,
    minRegions,
    regionParity,
    strongConsistencyTopology,
    modeledRto,
    drainKeepsServingRegions,
    allRegionsUnhealthyAlarm,
    alarmActionsReachSubscriber,
    iamAuthRegionPinned,
    jwtIssuerOutsideRegions,
];

