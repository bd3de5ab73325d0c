import { DEFAULT_DEPLOYMENT_CONFIG } from "../../../components/regional-service";
import { MOCK_ACCOUNT_ID } from "../../../mock-kit";
import { child, deploy, Deployed, JWT_WITH_CANARY, REGIONS, wildcardGrants } from "../../fixtures/regional-service";

const DEPLOY_ALARMS = ["5xx-rate", "p99-latency", "throttles", "live-errors"];

describe("safe deployments", () => {
    let d: Deployed;
    beforeAll(async () => {
        d = await deploy(JWT_WITH_CANARY);
    });

    test.each(REGIONS)("%s: the API invokes the live alias, which Pulumi sets once and CodeDeploy moves after", (region) => {
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        const alias = child(d.kit, "aws:lambda/alias:Alias", region, "live");
        expect(fn.inputs.publish).toBe(true);
        expect(alias.inputs).toEqual({ name: "live", functionName: fn.outputs.name, functionVersion: fn.outputs.version });
        expect(alias.ignoreChanges).toEqual(["functionVersion", "routingConfig"]);
        expect(child(d.kit, "aws:apigatewayv2/integration:Integration", region, "integration").inputs.integrationUri).toBe(alias.outputs.arn);
        const api = child(d.kit, "aws:apigatewayv2/api:Api", region, "api");
        expect(child(d.kit, "aws:lambda/permission:Permission", region, "invoke").inputs).toEqual({
            function: fn.outputs.name,
            qualifier: "live",
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            // Built from the account: the provider's executionArn has an empty account (skipRequestingAccountId).
            sourceArn: `arn:aws:execute-api:${region}:123456789012:${api.id}/*/*`,
            sourceAccount: MOCK_ACCOUNT_ID,
        });
    });

    test.each(REGIONS)("%s: CodeDeploy canary with rollback on this region's service alarms", async (region) => {
        const app = child(d.kit, "aws:codedeploy/application:Application", region, "deploy");
        const role = child(d.kit, "aws:iam/role:Role", region, "deploy-role");
        const alarm = (role: string) => child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, role);
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        expect(app.inputs).toEqual({ name: fn.outputs.name, computePlatform: "Lambda", tags: { env: "test" } });
        // Only CodeDeploy acting for this account's deployment groups of this application may assume it.
        expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
            {
                Effect: "Allow",
                Principal: { Service: "codedeploy.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": MOCK_ACCOUNT_ID },
                    ArnLike: { "aws:SourceArn": `arn:aws:codedeploy:${region}:${MOCK_ACCOUNT_ID}:deploymentgroup:${fn.outputs.name}/*` },
                },
            },
        ]);
        const rolePolicy = child(d.kit, "aws:iam/rolePolicy:RolePolicy", region, "deploy-role-policy");
        expect(rolePolicy.inputs.role).toBe(role.id);
        const doc = JSON.parse(rolePolicy.inputs.policy);
        expect(doc).toEqual({
            Version: "2012-10-17",
            Statement: [
                { Sid: "ShiftLiveAlias", Effect: "Allow", Action: ["lambda:GetAlias", "lambda:UpdateAlias"], Resource: `${fn.outputs.arn}:live` },
                { Sid: "ReadProvisionedConcurrency", Effect: "Allow", Action: ["lambda:GetProvisionedConcurrencyConfig"], Resource: [fn.outputs.arn, `${fn.outputs.arn}:live`] },
                {
                    Sid: "ReadDeploymentAlarms",
                    Effect: "Allow",
                    Action: ["cloudwatch:DescribeAlarms"],
                    Resource: DEPLOY_ALARMS.map((a) => `arn:aws:cloudwatch:${region}:${MOCK_ACCOUNT_ID}:alarm:${fn.outputs.name}-${a}`),
                },
                { Sid: "NotifyAlarmTopic", Effect: "Allow", Action: ["sns:Publish"], Resource: child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn },
                { Sid: "InvokeOwnHooks", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:CodeDeployHook_*` },
            ],
        });
        expect(wildcardGrants(doc)).toEqual([]);
        // No AWS managed policy (AWSCodeDeployRoleForLambda grants lambda:UpdateAlias and sns:Publish on "*").
        expect(d.kit.resourcesOfType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).toEqual([]);
        const group = child(d.kit, "aws:codedeploy/deploymentGroup:DeploymentGroup", region, "deploy-group");
        expect(group.inputs).toEqual({
            appName: fn.outputs.name,
            deploymentGroupName: "live",
            serviceRoleArn: role.outputs.arn,
            deploymentConfigName: DEFAULT_DEPLOYMENT_CONFIG,
            deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
            autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
            // This region's service alarms and the alias's errors; not replication lag, which a deploy does not cause.
            alarmConfiguration: {
                enabled: true,
                alarms: DEPLOY_ALARMS.map((r) => `${fn.outputs.name}-${r}`),
            },
            tags: { env: "test" },
        });
        expect(["5xx-rate", "p99-latency", "throttles", "replication-latency", "live-errors"].map((r) => alarm(r).inputs.name)).toEqual(
            ["5xx-rate", "p99-latency", "throttles", "replication-latency", "live-errors"].map((r) => `${fn.outputs.name}-${r}`),
        );
        const liveErrors = alarm("live-errors").inputs;
        expect([liveErrors.namespace, liveErrors.metricName, liveErrors.dimensions, liveErrors.statistic, liveErrors.threshold, liveErrors.alarmActions]).toEqual([
            "AWS/Lambda",
            "Errors",
            { FunctionName: fn.outputs.name, Resource: `${fn.outputs.name}:live` },
            "Sum",
            0,
            [child(d.kit, "aws:sns/topic:Topic", region, "alarms").outputs.arn],
        ]);
        expect(group.dependsOn).toContain(rolePolicy.urn);
        expect(await d.kit.unwrap(d.services[region]!.canary)).toEqual({
            applicationName: fn.outputs.name,
            deploymentGroupName: "live",
            functionName: fn.outputs.name,
            aliasName: "live",
            latestVersion: fn.outputs.version,
        });
    });
});
