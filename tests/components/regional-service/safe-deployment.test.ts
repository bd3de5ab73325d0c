import { DEFAULT_DEPLOYMENT_CONFIG } from "../../../components/regional-service";
import { child, deploy, Deployed, JWT_WITH_CANARY, REGIONS } from "../../fixtures/regional-service";

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
        });
    });

    test.each(REGIONS)("%s: CodeDeploy canary with rollback on this region's service alarms", async (region) => {
        const app = child(d.kit, "aws:codedeploy/application:Application", region, "deploy");
        const role = child(d.kit, "aws:iam/role:Role", region, "deploy-role");
        const alarm = (role: string) => child(d.kit, "aws:cloudwatch/metricAlarm:MetricAlarm", region, role);
        const fn = child(d.kit, "aws:lambda/function:Function", region, "fn");
        expect(app.inputs).toEqual({ name: fn.outputs.name, computePlatform: "Lambda", tags: { env: "test" } });
        expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
            { Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        expect(child(d.kit, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", region, "deploy-policy").inputs).toEqual({
            role: role.outputs.name,
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda",
        });
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
                alarms: ["5xx-rate", "p99-latency", "throttles", "live-errors"].map((r) => `${fn.outputs.name}-${r}`),
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
        expect(group.dependsOn).toContain(child(d.kit, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", region, "deploy-policy").urn);
        expect(await d.kit.unwrap(d.services[region]!.canary)).toEqual({
            applicationName: fn.outputs.name,
            deploymentGroupName: "live",
            functionName: fn.outputs.name,
            aliasName: "live",
            latestVersion: fn.outputs.version,
        });
    });
});
