// A CDK v2 app shaped like the prod stack's plan, for `npm run bench` to time `synth` against our plan: the same
// three regions; per region a KMS-encrypted table replica, the service and health functions with their roles and log
// groups, an HTTP API with a JWT authorizer, per-method item routes and /health, two custom domains (the service
// name and the region-pinned name) on one certificate, alarms and a KMS-encrypted alarm topic with an email
// subscriber; globally the health checks (an HTTPS check and a calculated gate per region, an all-regions check)
// and a latency record per region. Plain JavaScript, so nothing is compiled before it runs.
//
// Usage: node bench/cdk/app.js [outdir]. Stack traces of constructs are off (context aws:cdk:disable-stack-trace),
// CDK's built-in template validation is off (builtinCloudFormationValidation) and synth skips construct validation:
// the cheapest synth CDK offers, as the issue measured it ("template validation off").
"use strict";
const path = require("path");
const os = require("os");
const cdk = require("aws-cdk-lib");
const { Duration, RemovalPolicy } = cdk;
const dynamodb = require("aws-cdk-lib/aws-dynamodb");
const lambda = require("aws-cdk-lib/aws-lambda");
const apigw = require("aws-cdk-lib/aws-apigatewayv2");
const { HttpLambdaIntegration } = require("aws-cdk-lib/aws-apigatewayv2-integrations");
const { HttpJwtAuthorizer } = require("aws-cdk-lib/aws-apigatewayv2-authorizers");
const acm = require("aws-cdk-lib/aws-certificatemanager");
const route53 = require("aws-cdk-lib/aws-route53");
const cloudwatch = require("aws-cdk-lib/aws-cloudwatch");
const actions = require("aws-cdk-lib/aws-cloudwatch-actions");
const sns = require("aws-cdk-lib/aws-sns");
const subs = require("aws-cdk-lib/aws-sns-subscriptions");
const kms = require("aws-cdk-lib/aws-kms");
const logs = require("aws-cdk-lib/aws-logs");

const ACCOUNT = "123456789012";
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const DOMAIN = "api.example.com";
const ZONE = { hostedZoneId: "Z0123456789PRDEXAMPLE", zoneName: "example.com" };

const outdir = process.argv[2] ?? path.join(os.tmpdir(), "bench-cdk.out");
// BENCH_CDK_VALIDATE=1 keeps CDK's default CloudFormation template validation (cfn-lint in WebAssembly, ~4 s here).
const app = new cdk.App({ outdir, builtinCloudFormationValidation: process.env.BENCH_CDK_VALIDATE === "1", context: { "aws:cdk:disable-stack-trace": true } });

const home = new cdk.Stack(app, "table", { env: { account: ACCOUNT, region: REGIONS[0] }, crossRegionReferences: false });
const table = new dynamodb.TableV2(home, "table", {
    partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
    sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
    billing: dynamodb.Billing.onDemand({ maxReadRequestUnits: 24000, maxWriteRequestUnits: 6000 }),
    encryption: dynamodb.TableEncryptionV2.customerManagedKey(
        new kms.Key(home, "table-key", { enableKeyRotation: true }),
        Object.fromEntries(REGIONS.slice(1).map((r) => [r, `arn:aws:kms:${r}:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`])),
    ),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    replicas: REGIONS.slice(1).map((region) => ({ region, deletionProtection: true })),
    globalSecondaryIndexes: [{ indexName: "by-owner", partitionKey: { name: "owner", type: dynamodb.AttributeType.STRING } }],
});

const endpoints = {};
for (const region of REGIONS) {
    const s = new cdk.Stack(app, `service-${region}`, { env: { account: ACCOUNT, region } });
    const zone = route53.HostedZone.fromHostedZoneAttributes(s, "zone", ZONE);
    const pinned = `${region}.${DOMAIN}`;
    const cert = new acm.Certificate(s, "cert", { domainName: DOMAIN, subjectAlternativeNames: [pinned], validation: acm.CertificateValidation.fromDns(zone) });
    const fn = (name, memory) =>
        new lambda.Function(s, name, {
            runtime: lambda.Runtime.NODEJS_20_X,
            architecture: lambda.Architecture.ARM_64,
            handler: "index.handler",
            code: lambda.Code.fromInline("exports.handler = async () => ({ statusCode: 200 });"),
            memorySize: memory,
            timeout: Duration.seconds(10),
            reservedConcurrentExecutions: name === "fn" ? 100 : 5,
            logGroup: new logs.LogGroup(s, `${name}-logs`, { retention: logs.RetentionDays.ONE_MONTH }),
            environment: { TABLE_NAME: `${table.tableName}`, REGION: region },
        });
    const service = fn("fn", 1024);
    const health = fn("health-fn", 256);
    const tableArn = `arn:aws:dynamodb:${region}:${ACCOUNT}:table/active-active-table`;
    service.addToRolePolicy(new cdk.aws_iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"], resources: [tableArn, `${tableArn}/index/*`] }));
    health.addToRolePolicy(new cdk.aws_iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [tableArn] }));
    const domain = new apigw.DomainName(s, "domain", { domainName: DOMAIN, certificate: cert });
    const pinnedDomain = new apigw.DomainName(s, "pinned-domain", { domainName: pinned, certificate: cert });
    const api = new apigw.HttpApi(s, "api", { createDefaultStage: false, disableExecuteApiEndpoint: false });
    const stage = api.addStage("stage", { stageName: "$default", autoDeploy: true, throttle: { rateLimit: 500, burstLimit: 1000 } });
    new apigw.ApiMapping(s, "mapping", { api, domainName: domain, stage });
    new apigw.ApiMapping(s, "pinned-mapping", { api, domainName: pinnedDomain, stage });
    const authorizer = new HttpJwtAuthorizer("jwt", "https://issuer.example.com/", { jwtAudience: ["orders-api"] });
    const items = new HttpLambdaIntegration("items", service);
    for (const [method, route, scope] of [
        [apigw.HttpMethod.GET, "/items/{id}", "items:read"],
        [apigw.HttpMethod.PUT, "/items/{id}", "items:write"],
        [apigw.HttpMethod.DELETE, "/items/{id}", "items:write"],
        [apigw.HttpMethod.GET, "/items", "items:read"],
        [apigw.HttpMethod.POST, "/items", "items:write"],
    ]) {
        api.addRoutes({ path: route, methods: [method], integration: items, authorizer, authorizationScopes: [scope] });
    }
    api.addRoutes({ path: "/health", methods: [apigw.HttpMethod.GET], integration: new HttpLambdaIntegration("health", health) });
    new route53.ARecord(s, "pinned-record", { zone, recordName: pinned, target: route53.RecordTarget.fromAlias(new cdk.aws_route53_targets.ApiGatewayv2DomainProperties(pinnedDomain.regionalDomainName, pinnedDomain.regionalHostedZoneId)) });
    const topicKey = new kms.Key(s, "topic-key", { enableKeyRotation: true });
    const topic = new sns.Topic(s, "alarms", { masterKey: topicKey });
    topic.addSubscription(new subs.EmailSubscription("oncall@example.com"));
    const alarm = (name, metric, threshold) =>
        new cloudwatch.Alarm(s, name, { metric, threshold, evaluationPeriods: 3, treatMissingData: cloudwatch.TreatMissingData.BREACHING }).addAlarmAction(new actions.SnsAction(topic));
    alarm("errors", service.metricErrors({ period: Duration.minutes(1) }), 5);
    alarm("throttles", service.metricThrottles({ period: Duration.minutes(1) }), 1);
    alarm("api-5xx", api.metricServerError({ period: Duration.minutes(1) }), 10);
    alarm("latency", api.metricLatency({ period: Duration.minutes(1), statistic: "p99" }), 2000);
    alarm("cert-expiry", new cloudwatch.Metric({ namespace: "AWS/CertificateManager", metricName: "DaysToExpiry", dimensionsMap: { CertificateArn: cert.certificateArn }, period: Duration.days(1) }), 45);
    new lambda.Alias(s, "live", { aliasName: "live", version: service.currentVersion });
    endpoints[region] = { pinned, target: domain.regionalDomainName, zoneId: domain.regionalHostedZoneId };
}

const global = new cdk.Stack(app, "routing", { env: { account: ACCOUNT, region: "us-east-1" } });
const zone = route53.HostedZone.fromHostedZoneAttributes(global, "zone", ZONE);
const gates = [];
for (const region of REGIONS) {
    const check = new route53.CfnHealthCheck(global, `${region}-check`, {
        healthCheckConfig: { type: "HTTPS", fullyQualifiedDomainName: endpoints[region].pinned, resourcePath: "/health", requestInterval: 10, failureThreshold: 3, enableSni: true, regions: ["us-east-1", "eu-west-1", "ap-southeast-1"] },
    });
    const gate = new route53.CfnHealthCheck(global, `${region}-gate`, { healthCheckConfig: { type: "CALCULATED", childHealthChecks: [check.attrHealthCheckId], healthThreshold: 1 } });
    gates.push(gate);
    new route53.CfnRecordSet(global, `${region}-record`, {
        hostedZoneId: ZONE.hostedZoneId,
        name: DOMAIN,
        type: "A",
        setIdentifier: region,
        region,
        healthCheckId: gate.attrHealthCheckId,
        aliasTarget: { dnsName: `d-${region}.execute-api.${region}.amazonaws.com`, hostedZoneId: "Z1UJRXOUMOOFQ8", evaluateTargetHealth: true },
    });
}
new route53.CfnHealthCheck(global, "any-region", { healthCheckConfig: { type: "CALCULATED", childHealthChecks: gates.map((g) => g.attrHealthCheckId), healthThreshold: 1 } });
const globalTopic = new sns.Topic(global, "routing-alarms", { masterKey: new kms.Key(global, "routing-topic-key", { enableKeyRotation: true }) });
globalTopic.addSubscription(new subs.EmailSubscription("oncall@example.com"));
for (const [i, g] of gates.entries()) {
    new cloudwatch.Alarm(global, `gate-${REGIONS[i]}`, {
        metric: new cloudwatch.Metric({ namespace: "AWS/Route53", metricName: "HealthCheckStatus", dimensionsMap: { HealthCheckId: g.attrHealthCheckId }, period: Duration.minutes(1), statistic: "Minimum" }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
    }).addAlarmAction(new actions.SnsAction(globalTopic));
}
void zone;

const assembly = app.synth({ skipValidation: true });
if (process.env.BENCH_CDK_COUNT) {
    const resources = assembly.stacks.reduce((n, st) => n + Object.keys(st.template.Resources ?? {}).length, 0);
    console.log(JSON.stringify({ stacks: assembly.stacks.length, resources }));
}
