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
}

/** Returns the id and the state (inputs plus computed outputs) the cloud would report for a new resource. */
export function computeOutputs(ctx: OutputContext): { id: string; state: Record<string, any> } {
    const { type, name, inputs } = ctx;
    // aws 7 resources may name their own region; it wins over the provider's.
    const region = (inputs.region as string | undefined) ?? ctx.region ?? "us-east-1";
    const acct = MOCK_ACCOUNT_ID;
    const seed = `${type}::${name}`;
    const arn = (service: string, resource: string, reg: string = region) =>
        `arn:${MOCK_PARTITION}:${service}:${reg}:${acct}:${resource}`;
    // Pulumi's autonaming: the given name, else the given prefix plus a random suffix (26 characters when a prefix
    // is given, as the AWS provider does), else the logical name plus a short suffix.
    const physical =
        (inputs.name as string | undefined) ??
        (inputs.namePrefix !== undefined ? `${inputs.namePrefix}${stableHex(seed, 26)}` : `${name}-${stableHex(seed, 7)}`);
    const state: Record<string, any> = { ...inputs, name: physical };
    let id = physical;

    switch (type) {
        case "aws:dynamodb/table:Table": {
            const tableName = (inputs.name as string | undefined) ?? physical;
            id = tableName;
            state.name = tableName;
            state.arn = arn("dynamodb", `table/${tableName}`);
            const label = "2026-01-01T00:00:00.000";
            state.streamArn = inputs.streamEnabled ? `${state.arn}/stream/${label}` : undefined;
            state.streamLabel = inputs.streamEnabled ? label : undefined;
            state.replicas = ((inputs.replicas as any[] | undefined) ?? []).map((r) => {
                const rArn = arn("dynamodb", `table/${tableName}`, r.regionName);
                return { ...r, arn: rArn, streamArn: `${rArn}/stream/${label}`, streamLabel: label };
            });
            break;
        }
        case "aws:kms/key:Key":
        case "aws:kms/replicaKey:ReplicaKey": {
            id = uuid(seed);
            state.keyId = id;
            state.arn = arn("kms", `key/${id}`);
            break;
        }
        case "aws:kms/alias:Alias":
            id = inputs.name;
            state.arn = arn("kms", String(inputs.name));
            state.targetKeyArn = String(inputs.targetKeyId).startsWith("arn:") ? inputs.targetKeyId : arn("kms", `key/${inputs.targetKeyId}`);
            break;
        case "aws:iam/role:Role":
            state.name = physical;
            state.arn = `arn:${MOCK_PARTITION}:iam::${acct}:role/${physical}`;
            state.uniqueId = `AROA${stableHex(seed, 16).toUpperCase()}`;
            break;
        case "aws:iam/policy:Policy":
            state.arn = `arn:${MOCK_PARTITION}:iam::${acct}:policy/${physical}`;
            id = state.arn;
            break;
        case "aws:iam/rolePolicy:RolePolicy":
            id = `${inputs.role}:${physical}`;
            break;
        case "aws:lambda/function:Function": {
            state.name = physical;
            state.arn = arn("lambda", `function:${physical}`);
            state.version = inputs.publish ? "1" : "$LATEST";
            state.qualifiedArn = `${state.arn}:${state.version}`;
            state.invokeArn = `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${state.arn}/invocations`;
            state.qualifiedInvokeArn = `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${state.qualifiedArn}/invocations`;
            break;
        }
        case "aws:lambda/alias:Alias": {
            const fn = String(inputs.functionName);
            const fnArn = fn.startsWith("arn:") ? fn : arn("lambda", `function:${fn}`);
            state.arn = `${fnArn}:${inputs.name}`;
            state.invokeArn = `arn:${MOCK_PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${state.arn}/invocations`;
            break;
        }
        case "aws:apigatewayv2/api:Api": {
            id = stableHex(seed, 10);
            state.apiEndpoint = `https://${id}.execute-api.${region}.amazonaws.com`;
            state.executionArn = arn("execute-api", id);
            state.arn = `arn:${MOCK_PARTITION}:apigateway:${region}::/apis/${id}`;
            break;
        }
        case "aws:apigatewayv2/stage:Stage":
        case "aws:apigatewayv2/integration:Integration":
        case "aws:apigatewayv2/route:Route":
        case "aws:apigatewayv2/authorizer:Authorizer":
        case "aws:apigatewayv2/apiMapping:ApiMapping":
            id = stableHex(seed, 7);
            break;
        case "aws:apigatewayv2/domainName:DomainName": {
            id = String(inputs.domainName);
            const cfg = ((inputs.domainNameConfiguration as any) ?? {}) as Record<string, any>;
            state.domainNameConfiguration = {
                ...cfg,
                targetDomainName: `d-${stableHex(seed, 10)}.execute-api.${region}.amazonaws.com`,
                hostedZoneId: API_GATEWAY_ZONES[region] ?? "Z0000000000000",
            };
            state.arn = `arn:${MOCK_PARTITION}:apigateway:${region}::/domainnames/${id}`;
            break;
        }
        case "aws:acm/certificate:Certificate": {
            id = arn("acm", `certificate/${uuid(seed)}`);
            state.arn = id;
            // ACM derives the validation record from the account and the name, so every region asks for the same one.
            const names = [inputs.domainName, ...((inputs.subjectAlternativeNames as string[] | undefined) ?? [])];
            state.domainValidationOptions = names.map((d: string) => ({
                domainName: d,
                resourceRecordName: `_${stableHex(`${acct}:${d}`, 32)}.${d}.`,
                resourceRecordType: "CNAME",
                resourceRecordValue: `_${stableHex(`value:${acct}:${d}`, 32)}.acm-validations.aws.`,
            }));
            break;
        }
        case "aws:acm/certificateValidation:CertificateValidation":
            id = String(inputs.certificateArn);
            break;
        case "aws:cloudwatch/logGroup:LogGroup":
            state.arn = arn("logs", `log-group:${physical}`);
            break;
        case "aws:cloudwatch/metricAlarm:MetricAlarm":
            state.arn = arn("cloudwatch", `alarm:${physical}`);
            break;
        case "aws:sns/topic:Topic":
            state.arn = arn("sns", physical);
            id = state.arn;
            break;
        case "aws:route53/healthCheck:HealthCheck":
            id = uuid(seed);
            state.arn = `arn:${MOCK_PARTITION}:route53:::healthcheck/${id}`;
            break;
        case "aws:route53/record:Record":
            id = `${inputs.zoneId}_${inputs.name}_${inputs.type}${inputs.setIdentifier ? `_${inputs.setIdentifier}` : ""}`;
            state.fqdn = inputs.name;
            break;
        case "aws:codedeploy/application:Application":
            state.arn = arn("codedeploy", `application:${physical}`);
            break;
        case "aws:codedeploy/deploymentGroup:DeploymentGroup":
            state.arn = arn("codedeploy", `deploymentgroup:${inputs.appName}/${physical}`);
            break;
        case "aws:appautoscaling/target:Target":
            id = `${inputs.serviceNamespace}/${inputs.resourceId}/${inputs.scalableDimension}`;
            break;
        default:
            if (type.startsWith("cloudflare:")) {
                id = stableHex(seed, 32);
            } else if (!inputs.arn && type.startsWith("aws:") && !TYPES_WITHOUT_ARN.has(type)) {
                const service = type.split(":")[1]?.split("/")[0] ?? "aws";
                state.arn = arn(service, physical);
            }
    }
    return { id, state };
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
