/**
 * Every policy of the pack, in report order: per-resource rules by service, then the stack rules.
 * index.ts hands this list to `new PolicyPack`; the harness (harness.ts) runs it in-process.
 */
import type { Policies } from "@pulumi/policy";
import { tableCustomerKmsKey } from "./dynamodb/table-customer-kms-key";
import { tableDeletionProtectionEnabled } from "./dynamodb/table-deletion-protection-enabled";
import { tablePitrEnabled } from "./dynamodb/table-pitr-enabled";
import { tableStreamsNewAndOldImages } from "./dynamodb/table-streams-new-and-old-images";
import { tableOnDemandThroughputCapped } from "./dynamodb/table-on-demand-throughput-capped";
import { tableKeyInStack } from "./dynamodb/table-key-in-stack";
import { grantAllowedGrantee } from "./kms/grant-allowed-grantee";
import { functionNoSecretEnvironment } from "./lambda/function-no-secret-environment";
import { functionUrlIamAuth } from "./lambda/function-url-iam-auth";
import { attachedPolicyAllowed } from "./iam/attached-policy-allowed";
import { resourcePolicyNoPublicPrincipal } from "./iam/resource-policy-no-public-principal";
import { servicePrincipalSourceCondition } from "./iam/service-principal-source-condition";
import { routeAuthorized } from "./apigateway/route-authorized";
import { topicKmsEncrypted } from "./sns/topic-kms-encrypted";
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
import { standbyWarm } from "./stack/standby-warm";
import { geolocationDefault } from "./route53/geolocation-default";
import { weightedServingRegions } from "./route53/weighted-serving-regions";
import { iamAuthRegionPinned } from "./stack/iam-auth-region-pinned";
import { jwtIssuerOutsideRegions } from "./stack/jwt-issuer-outside-regions";
import { minRegions } from "./stack/min-regions";
import { modeledRto } from "./stack/modeled-rto";
import { regionParity } from "./stack/region-parity";
import { accountQuotas } from "./stack/account-quotas";
import { strongConsistencyTopology } from "./stack/strong-consistency-topology";
import { tableProtected } from "./stack/table-protected";

export const policies: Policies = [
    tablePitrEnabled,
    tableCustomerKmsKey,
    tableDeletionProtectionEnabled,
    tableStreamsNewAndOldImages,
    tableOnDemandThroughputCapped,
    keyRotationEnabled,
    keyPolicyNoWildcardPrincipal,
    grantAllowedGrantee,
    functionReservedConcurrency,
    functionRuntimeSupported,
    functionNoSecretEnvironment,
    functionUrlIamAuth,
    policyNoWildcardActions,
    policyNoWildcardResources,
    attachedPolicyAllowed,
    resourcePolicyNoPublicPrincipal,
    servicePrincipalSourceCondition,
    domainNameTls12,
    stageAccessLogging,
    stageThrottling,
    routeAuthorized,
    topicKmsEncrypted,
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
    tableKeyInStack,
    minRegions,
    regionParity,
    strongConsistencyTopology,
    modeledRto,
    drainKeepsServingRegions,
    geolocationDefault,
    weightedServingRegions,
    standbyWarm,
    tableProtected,
    allRegionsUnhealthyAlarm,
    alarmActionsReachSubscriber,
    iamAuthRegionPinned,
    jwtIssuerOutsideRegions,
    accountQuotas,
];

