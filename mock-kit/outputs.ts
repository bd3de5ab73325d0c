/**
 * Realistic computed outputs for the resources the program registers, so that references between resources
 * (ARNs in the right region and account, stream ARNs, health check ids, API endpoints) look like AWS's.
 * Every id is derived from the resource's type and name, so two runs of the same program give the same plan.
 */
import { createHash } from "crypto";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_PARTITION = "aws";

/** API Gateway's hosted zone per region, as AWS publishes it; what a regional custom domain aliases into. */
const API_GATEWAY_ZONES: Record<string, string> = {
    "us-east-1": "Z1UJRXOUMOOFQ8",
    "us-east-2": "ZOJJZC49E0EPZ",
    "us-west-1": "Z2MUQ32089INYE",
    "us-west-2": "Z2OJLYMUO9EFXC",
    "ca-central-1": "Z19DQILCV0OWEC",
    "eu-west-1": "ZLY8HYME6SFDD",
    "eu-west-2": "ZJ5UAJN8Y3Z2Q",
    "eu-west-3": "Z3KY65QIEKYHQQ",
    "eu-central-1": "Z1U9ULNL0V5AJ3",
    "eu-north-1": "Z3UWIKFBOOGXPP",
    "ap-northeast-1": "Z1YSHQZHG15GKL",
    "ap-northeast-2": "Z20JF4UZKIW1U8",
    "ap-southeast-1": "ZL327KTPIQFUL",
    "ap-southeast-2": "Z2RPCDW04V8134",
    "ap-south-1": "Z3VO1THU9YC4UR",
    "sa-east-1": "ZCMLWB8V5SYIT",
};

/** The hosted zone of API Gateway's regional endpoints in a region (a placeholder for regions not listed). */
export function apiGatewayZoneId(region: string): string {
    return API_GATEWAY_ZONES[region] ?? "Z0000000000000";
}

export function stableHex(seed: string, length = 16): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
    const h = stableHex(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Resource types AWS gives no ARN of their own (attachments, permissions, mappings). */
const TYPES_WITHOUT_ARN = new Set([
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:lambda/permission:Permission",
    "aws:appautoscaling/policy:Policy",
]);

export interface OutputContext {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** The region of the resource's provider; undefined for global services without one. */
    region: string | undefined;
    /**
     * False when the provider skips the account-id lookup (`skipRequestingAccountId`): outputs the provider builds
     * from its own account id then have an empty account field. @default true
     */
    accountIdKnown?: boolean;
}

/** A resource being given its outputs: the rules of its type set `id` and add to `state`. */
interface Draft {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** The resource's own `region` input (aws 7), else its provider's, else us-east-1. */
    region: string;
    /** What ids derive from, so that two runs of one program agree. */
    seed: string;
    /** The physical name (see `physicalName`). */
    physical: string;
    id: string;
    state: Record<string, any>;
    /** See OutputContext. */
    accountIdKnown: boolean;
}

function arnOf(d: Draft, service: string, resource: string, region: string = d.region): string {
    return `arn:${MOCK_PARTITION}:${service}:${region}:${MOCK_ACCOUNT_ID}:${resource}`;
}

// Pulumi's autonaming: the given name, else the given prefix plus a random suffix (26 characters when a prefix is
// given, as the AWS provider does), else the logical name plus a short suffix.
function physicalName(name: string, inputs: Record<string, any>, seed: string): string {
    return (
        (inputs.name as string | undefined) ??
        (inputs.namePrefix !== undefined ? `${inputs.namePrefix}${stableHex(seed, 26)}` : `${name}-${stableHex(seed, 7)}`)
    );
}

function tableOutputs(d: Draft): void {
    const tableName = (d.inputs.name as string | undefined) ?? d.physical;
    d.id = tableName;
    d.state.name = tableName;
    d.state.arn = arnOf(d, "dynamodb", `table/${tableName}`);
    const label = "2026-01-01T00:00:00.000";
    d.state.streamArn = d.inputs.streamEnabled ? `${d.state.arn}/stream/${label}` : undefined;
    d.state.streamLabel = d.inputs.streamEnabled ? label : undefined;
    d.state.replicas = ((d.inputs.replicas as any[] | undefined) ?? []).map((r) => {
        const rArn = arnOf(d, "dynamodb", `table/${tableName}`, r.regionName);
        return { ...r, arn: rArn, streamArn: `${rArn}/stream/${label}`, streamLabel: label };
    });
}

function kmsKeyOutputs(d: Draft): void {
    d.id = uuid(d.seed);
    d.state.keyId = d.id;
    d.state.arn = arnOf(d, "kms", `key/${d.id}`);
}

function kmsAliasOutputs(d: Draft): void {
    const target = String(d.inputs.targetKeyId);
    d.id = d.inputs.name;
    d.state.arn = arnOf(d, "kms", String(d.inputs.name));
    d.state.targetKeyArn = target.startsWith("arn:") ? d.inputs.targetKeyId : arnOf(d, "kms", `key/${d.inputs.targetKeyId}`);
}

function iamRoleOutputs(d: Draft): void {
    d.state.name = d.physical;
    d.state.arn = `arn:${MOCK_PARTITION}:iam::${MOCK_ACCOUNT_ID}:role/${d.physical}`;
    d.state.uniqueId = `AROA${stableHex(d.seed, 16).toUpperCase()}`;
}

function iamPolicyOutputs(d: Draft): void {
    d.state.arn = `arn:${MOCK_PARTITION}:iam::${MOCK_ACCOUNT_ID}:policy/${d.physical}`;
    d.id = d.state.arn;
}

/** API Gateway invokes a function (or an alias) through this ARN. */
function invokeArn(region: string, functionArn: string): string {
    return `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

function lambdaFunctionOutputs(d: Draft): void {
    d.state.name = d.physical;
    d.state.arn = arnOf(d, "lambda", `function:${d.physical}`);
    d.state.version = d.inputs.publish ? "1" : "$LATEST";
    d.state.qualifiedArn = `${d.state.arn}:${d.state.version}`;
    d.state.invokeArn = invokeArn(d.region, d.state.arn);
    d.state.qualifiedInvokeArn = invokeArn(d.region, d.state.qualifiedArn);
}

function lambdaAliasOutputs(d: Draft): void {
    const fn = String(d.inputs.functionName);
    const fnArn = fn.startsWith("arn:") ? fn : arnOf(d, "lambda", `function:${fn}`);
    d.state.arn = `${fnArn}:${d.inputs.name}`;
    d.state.invokeArn = invokeArn(d.region, d.state.arn);
}

function httpApiOutputs(d: Draft): void {
    d.id = stableHex(d.seed, 10);
    d.state.apiEndpoint = `https://${d.id}.execute-api.${d.region}.amazonaws.com`;
    // The provider builds it from its own account id (terraform-provider-aws apigatewayv2 `apiInvokeARN`:
    // `RegionalARN(ctx, "execute-api", apiID)`), empty when it skips the account-id lookup.
    d.state.executionArn = `arn:${MOCK_PARTITION}:execute-api:${d.region}:${d.accountIdKnown ? MOCK_ACCOUNT_ID : ""}:${d.id}`;
    d.state.arn = `arn:${MOCK_PARTITION}:apigateway:${d.region}::/apis/${d.id}`;
}

function shortIdOutputs(d: Draft): void {
    d.id = stableHex(d.seed, 7);
}

function domainNameOutputs(d: Draft): void {
    d.id = String(d.inputs.domainName);
    const cfg = ((d.inputs.domainNameConfiguration as any) ?? {}) as Record<string, any>;
    d.state.domainNameConfiguration = {
        ...cfg,
        targetDomainName: `d-${stableHex(d.seed, 10)}.execute-api.${d.region}.amazonaws.com`,
        hostedZoneId: apiGatewayZoneId(d.region),
    };
    d.state.arn = `arn:${MOCK_PARTITION}:apigateway:${d.region}::/domainnames/${d.id}`;
}

function certificateOutputs(d: Draft): void {
    d.id = arnOf(d, "acm", `certificate/${uuid(d.seed)}`);
    d.state.arn = d.id;
    // ACM derives the validation record from the account and the name, so every region asks for the same one.
    const names = [d.inputs.domainName, ...((d.inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
    d.state.domainValidationOptions = names.map((n: string) => ({
        domainName: n,
        resourceRecordName: `_${stableHex(`${MOCK_ACCOUNT_ID}:${n}`, 32)}.${n}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: `_${stableHex(`value:${MOCK_ACCOUNT_ID}:${n}`, 32)}.acm-validations.aws.`,
    }));
}

function healthCheckOutputs(d: Draft): void {
    d.id = uuid(d.seed);
    d.state.arn = `arn:${MOCK_PARTITION}:route53:::healthcheck/${d.id}`;
}

function recordOutputs(d: Draft): void {
    const i = d.inputs;
    d.id = `${i.zoneId}_${i.name}_${i.type}${i.setIdentifier ? `_${i.setIdentifier}` : ""}`;
    d.state.fqdn = i.name;
}

/** An ARN of `service` with the physical name (or a path ending in it) as its resource. */
function arnWith(service: string, resource: (d: Draft) => string): (d: Draft) => void {
    return (d) => {
        d.state.arn = arnOf(d, service, resource(d));
    };
}

/** Cloudflare ids are 32 hex characters; AWS types without a rule of their own get an ARN of their service. */
function defaultOutputs(d: Draft): void {
    if (d.type.startsWith("cloudflare:")) {
        d.id = stableHex(d.seed, 32);
    } else if (!d.inputs.arn && d.type.startsWith("aws:") && !TYPES_WITHOUT_ARN.has(d.type)) {
        d.state.arn = arnOf(d, d.type.split(":")[1]?.split("/")[0] ?? "aws", d.physical);
    }
}

/** ARC's configuration resources are global: their ARNs carry no region. A cluster has five regional endpoints. */
const ARC_ENDPOINT_REGIONS = ["ap-northeast-1", "ap-southeast-2", "eu-west-1", "us-east-1", "us-west-2"];
function arcArn(d: Draft, resource: string): string {
    return `arn:${MOCK_PARTITION}:route53-recovery-control::${MOCK_ACCOUNT_ID}:${resource}`;
}
const ARC_OUTPUTS: Readonly<Record<string, (d: Draft) => void>> = {
    "aws:route53recoverycontrol/cluster:Cluster": (d) => {
        d.state.arn = arcArn(d, `cluster/${uuid(d.seed)}`);
        d.id = d.state.arn;
        d.state.status = "DEPLOYED";
        d.state.clusterEndpoints = ARC_ENDPOINT_REGIONS.map((region) => ({ region, endpoint: `https://host-${stableHex(d.seed + region, 6)}.${region}.example.route53-recovery-cluster.amazonaws.com/v1` }));
    },
    "aws:route53recoverycontrol/controlPanel:ControlPanel": (d) => {
        d.state.arn = arcArn(d, `controlpanel/${stableHex(d.seed, 32)}`);
        d.id = d.state.arn;
    },
    "aws:route53recoverycontrol/routingControl:RoutingControl": (d) => {
        d.state.arn = `${d.inputs.controlPanelArn ?? arcArn(d, "controlpanel/default")}/routingcontrol/${stableHex(d.seed, 16)}`;
        d.id = d.state.arn;
    },
    "aws:route53recoverycontrol/safetyRule:SafetyRule": (d) => {
        d.state.arn = `${d.inputs.controlPanelArn ?? arcArn(d, "controlpanel/default")}/safetyrule/${stableHex(d.seed, 16)}`;
        d.id = d.state.arn;
    },
};

const OUTPUTS_BY_TYPE: Readonly<Record<string, (d: Draft) => void>> = {
    ...ARC_OUTPUTS,
    "aws:dynamodb/table:Table": tableOutputs,
    "aws:kms/key:Key": kmsKeyOutputs,
    "aws:kms/replicaKey:ReplicaKey": kmsKeyOutputs,
    "aws:kms/alias:Alias": kmsAliasOutputs,
    "aws:iam/role:Role": iamRoleOutputs,
    "aws:iam/policy:Policy": iamPolicyOutputs,
    "aws:iam/rolePolicy:RolePolicy": (d) => {
        d.id = `${d.inputs.role}:${d.physical}`;
    },
    "aws:lambda/function:Function": lambdaFunctionOutputs,
    "aws:lambda/alias:Alias": lambdaAliasOutputs,
    "aws:apigatewayv2/api:Api": httpApiOutputs,
    "aws:apigatewayv2/stage:Stage": shortIdOutputs,
    "aws:apigatewayv2/integration:Integration": shortIdOutputs,
    "aws:apigatewayv2/route:Route": shortIdOutputs,
    "aws:apigatewayv2/authorizer:Authorizer": shortIdOutputs,
    "aws:apigatewayv2/apiMapping:ApiMapping": shortIdOutputs,
    "aws:apigatewayv2/domainName:DomainName": domainNameOutputs,
    "aws:acm/certificate:Certificate": certificateOutputs,
    "aws:acm/certificateValidation:CertificateValidation": (d) => {
        d.id = String(d.inputs.certificateArn);
    },
    "aws:cloudwatch/logGroup:LogGroup": arnWith("logs", (d) => `log-group:${d.physical}`),
    "aws:cloudwatch/metricAlarm:MetricAlarm": arnWith("cloudwatch", (d) => `alarm:${d.physical}`),
    "aws:sns/topic:Topic": (d) => {
        d.state.arn = arnOf(d, "sns", d.physical);
        d.id = d.state.arn;
    },
    "aws:route53/healthCheck:HealthCheck": healthCheckOutputs,
    "aws:route53/record:Record": recordOutputs,
    "aws:codedeploy/application:Application": arnWith("codedeploy", (d) => `application:${d.physical}`),
    "aws:codedeploy/deploymentGroup:DeploymentGroup": arnWith("codedeploy", (d) => `deploymentgroup:${d.inputs.appName}/${d.physical}`),
    "aws:appautoscaling/target:Target": (d) => {
        d.id = `${d.inputs.serviceNamespace}/${d.inputs.resourceId}/${d.inputs.scalableDimension}`;
    },
};

/** Returns the id and the state (inputs plus computed outputs) the cloud would report for a new resource. */
export function computeOutputs(ctx: OutputContext): { id: string; state: Record<string, any> } {
    const { type, name, inputs } = ctx;
    const seed = `${type}::${name}`;
    const physical = physicalName(name, inputs, seed);
    // aws 7 resources may name their own region; it wins over the provider's.
    const region = (inputs.region as string | undefined) ?? ctx.region ?? "us-east-1";
    const draft: Draft = { type, name, inputs, region, seed, physical, id: physical, state: { ...inputs, name: physical }, accountIdKnown: ctx.accountIdKnown ?? true };
    (OUTPUTS_BY_TYPE[type] ?? defaultOutputs)(draft);
    return { id: draft.id, state: draft.state };
}

/** Answers for the few provider functions the program may call; anything else is an error. */
export function computeInvoke(token: string, region: string | undefined): Record<string, any> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:${MOCK_PARTITION}:iam::${MOCK_ACCOUNT_ID}:user/mock`,
                userId: "AIDAMOCKUSER",
                id: MOCK_ACCOUNT_ID,
            };
        case "aws:index/getPartition:getPartition":
            return { partition: MOCK_PARTITION, dnsSuffix: "amazonaws.com", id: MOCK_PARTITION, reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getRegion:getRegion":
            return { name: region ?? "us-east-1", region: region ?? "us-east-1", id: region ?? "us-east-1" };
        default:
            throw new Error(`mock kit: unmocked provider function ${token}; add it to mock-kit/outputs.ts if the program really needs it`);
    }
}
