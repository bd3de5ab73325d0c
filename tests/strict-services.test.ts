/**
 * Strict mocks, the regional service's resources: Lambda, API Gateway v2 custom domain, KMS, IAM and CloudWatch.
 * Each fixture is what RegionalService (or GlobalTable, for the table keys and aliases) registers in us-east-1 for
 * prod; each constraint rejects one mutation with the API's message.
 */
import { computeOutputs } from "../mock-kit/outputs";
import { createStrictValidator, StrictValidator } from "../mock-kit/strict";

const ACCOUNT = "123456789012";
const CERT_ARN = (region: string) => `arn:aws:acm:${region}:${ACCOUNT}:certificate/699bb671-e4f9-c804-19f5-5470e76ed957`;

const FUNCTION = {
    architectures: ["arm64"],
    environment: { variables: { CONSISTENCY: "eventual", REGION: "us-east-1", PEER_REGIONS: "us-west-2,eu-west-1", TABLE_NAME: "active-active-table-prod" } },
    handler: "index.handler",
    loggingConfig: { logFormat: "JSON" },
    memorySize: 1024,
    publish: true,
    reservedConcurrentExecutions: 75,
    role: `arn:aws:iam::${ACCOUNT}:role/active-active-us-east-1-fn-role-d1d54b0`,
    runtime: "nodejs22.x",
    timeout: 10,
} as Record<string, any>;

const DOMAIN = {
    domainName: "api.example.com",
    domainNameConfiguration: { certificateArn: CERT_ARN("us-east-1"), endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
} as Record<string, any>;

const KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "AccountAdministersThroughIam", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "CloudWatchAlarmsPublishToTopic", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
    ],
};
const KEY = { deletionWindowInDays: 30, description: "logs and alarm topic", enableKeyRotation: true, policy: JSON.stringify(KEY_POLICY) } as Record<string, any>;
const ALIAS = { name: "alias/dynamodb/active-active-table-prod-us-east-1", targetKeyId: "f4c44603-622d-95c5-6686-31d6410df4e9" } as Record<string, any>;

const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const ROLE = { assumeRolePolicy: JSON.stringify(TRUST), tags: {} } as Record<string, any>;
const FN_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "TableReplica",
            Effect: "Allow",
            Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
            Resource: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/active-active-table-prod`],
        },
        { Sid: "OwnLogGroup", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:fn-logs:*` },
    ],
};
const ROLE_POLICY = { role: "active-active-us-east-1-fn-role-d1d54b0", policy: JSON.stringify(FN_POLICY) } as Record<string, any>;

const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:active-active-routing-alarms-47a807d`;
const ALARM = {
    alarmActions: [TOPIC],
    okActions: [TOPIC],
    comparisonOperator: "LessThanThreshold",
    dimensions: { HealthCheckId: "405934e1-9412-9baf-40d4-f2719b905ec5" },
    evaluationPeriods: 1,
    metricName: "HealthCheckStatus",
    namespace: "AWS/Route53",
    period: 60,
    statistic: "Minimum",
    threshold: 1,
    treatMissingData: "breaching",
} as Record<string, any>;
const LOG_GROUP = { kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/45bed560-5805-ce61-f8b0-ec1f15d9205d`, namePrefix: "/activeactive/active-active-us-east-1/function-", retentionInDays: 90 } as Record<string, any>;

const check = (type: string, inputs: Record<string, any>, v: StrictValidator = createStrictValidator(), region = "us-east-1") =>
    v.validate({ type, name: "r", inputs, region });

function mutated(base: Record<string, any>, mutate: (t: Record<string, any>) => void): Record<string, any> {
    const t = structuredClone(base);
    mutate(t);
    return t;
}

type Mutation = [string, (t: Record<string, any>) => void, string[]];
const schema = (exception: string, ...violations: string[]) =>
    `${exception}: ${violations.length} validation error${violations.length === 1 ? "" : "s"} detected: ${violations.join("; ")}`;
const policyOf = (doc: unknown) => JSON.stringify(doc);

describe("aws:lambda/function:Function", () => {
    const FN = "aws:lambda/function:Function";
    const ve = (...v: string[]) => schema("ValidationException", ...v);

    test("the program's function passes", () => {
        expect(check(FN, FUNCTION)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "a deprecated runtime",
            (t) => (t.runtime = "nodejs16.x"),
            ["InvalidParameterValueException: The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions."],
        ],
        [
            "a runtime that does not exist",
            (t) => (t.runtime = "node22"),
            [ve("Value 'node22' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [dotnet6, dotnet8, dotnet10, java8.al2, java11, java17, java21, java25, nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, provided.al2, provided.al2023, python3.9, python3.10, python3.11, python3.12, python3.13, python3.14, ruby3.2, ruby3.3, ruby3.4]")],
        ],
        ["64 MB of memory", (t) => (t.memorySize = 64), [ve("Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128")]],
        ["10241 MB of memory", (t) => (t.memorySize = 10241), [ve("Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240")]],
        ["a timeout of 0 s", (t) => (t.timeout = 0), [ve("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
        ["a timeout of 901 s", (t) => (t.timeout = 901), [ve("Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900")]],
        [
            "a role name instead of its ARN",
            (t) => (t.role = "active-active-us-east-1-fn-role"),
            [ve("Value 'active-active-us-east-1-fn-role' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role\\/?[a-zA-Z_0-9+=,.@\\-_/]+")],
        ],
        ["a 65-character name", (t) => (t.name = "f".repeat(65)), [ve(`Value '${"f".repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`)]],
        ["two architectures", (t) => (t.architectures = ["arm64", "x86_64"]), [ve("Value '[arm64, x86_64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1")]],
        ["100 MB of ephemeral storage", (t) => (t.ephemeralStorage = { size: 100 }), [ve("Value '100' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512")]],
        [
            "more than 4 KB of environment",
            (t) => (t.environment.variables = { BIG: "x".repeat(4096) }),
            [`InvalidParameterValueException: Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"BIG":"${"x".repeat(4096)}"}`],
        ],
        [
            "reserved concurrency leaving less than 100 unreserved",
            (t) => (t.reservedConcurrentExecutions = 901),
            ["InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100]."],
        ],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(FN, mutated(FUNCTION, mutate))).toEqual(expected);
    });

    test("reserved concurrency adds up over the functions of one region, not across regions", () => {
        const v = createStrictValidator();
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: 450 }, v)).toEqual([]);
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: 450 }, v, "us-west-2")).toEqual([]);
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: 450 }, v)).toEqual([]);
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: 1 }, v)).toEqual([
            "InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
        ]);
    });

    test("the account limit is an option: a new account's 400 leaves room for 300", () => {
        const v = createStrictValidator({ lambdaConcurrencyLimit: 400 });
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: 301 }, v)).toEqual([
            "InvalidParameterValueException: Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
        ]);
    });

    test("-1 (no reservation) is never counted", () => {
        expect(check(FN, { ...FUNCTION, reservedConcurrentExecutions: -1 })).toEqual([]);
    });

    test.each<Mutation>([
        ["0 provisioned executions", (t) => (t.provisionedConcurrentExecutions = 0), [schema("ValidationException", "Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
        ["the $LATEST qualifier", (t) => (t.qualifier = "$LATEST"), ["InvalidParameterValueException: Provisioned Concurrency Configs cannot be applied to unpublished function versions."]],
    ])("provisioned concurrency with %s is rejected", (_, mutate, expected) => {
        const base = { functionName: "active-active-us-east-1-fn-0fe1781", qualifier: "live", provisionedConcurrentExecutions: 5 };
        expect(check("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", base)).toEqual([]);
        expect(check("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", mutated(base, mutate))).toEqual(expected);
    });
});

describe("aws:apigatewayv2/domainName:DomainName", () => {
    const DN = "aws:apigatewayv2/domainName:DomainName";

    test("the program's regional custom domain passes", () => {
        expect(check(DN, DOMAIN)).toEqual([]);
    });

    test.each<Mutation>([
        ["security policy TLS_1_0", (t) => (t.domainNameConfiguration.securityPolicy = "TLS_1_0"), ["BadRequestException: Security policy TLS_1_0 is not supported for HTTP APIs; use TLS_1_2"]],
        ["endpoint type EDGE", (t) => (t.domainNameConfiguration.endpointType = "EDGE"), ["BadRequestException: Endpoint type EDGE is not supported for this API's domain names; use REGIONAL"]],
        [
            "a certificate from another region",
            (t) => (t.domainNameConfiguration.certificateArn = CERT_ARN("us-west-2")),
            [`BadRequestException: Certificate ${CERT_ARN("us-west-2")} is in us-west-2; a REGIONAL domain name in us-east-1 needs an ACM certificate in us-east-1`],
        ],
        [
            "an IAM server certificate",
            (t) => (t.domainNameConfiguration.certificateArn = `arn:aws:iam::${ACCOUNT}:server-certificate/api`),
            [`BadRequestException: Invalid certificate ARN: arn:aws:iam::${ACCOUNT}:server-certificate/api; a domain name needs an ACM certificate`],
        ],
        ["an invalid domain name", (t) => (t.domainName = "api..example.com"), ["BadRequestException: Invalid domain name api..example.com: it has an empty label"]],
    ])("%s is rejected", (_, mutate, expected) => {
        expect(check(DN, mutated(DOMAIN, mutate))).toEqual(expected);
    });

    function withCertificate(domainName: string): { v: StrictValidator; arn: string } {
        const v = createStrictValidator();
        const cert = { domainName, validationMethod: "DNS" };
        expect(check("aws:acm/certificate:Certificate", cert, v)).toEqual([]);
        const arn = computeOutputs({ type: "aws:acm/certificate:Certificate", name: "r", inputs: cert, region: "us-east-1" }).state.arn as string;
        return { v, arn };
    }

    test("a domain its certificate does not cover is rejected", () => {
        const { v, arn } = withCertificate("api.example.com");
        const domain = mutated(DOMAIN, (t) => Object.assign(t, { domainName: "www.example.com", domainNameConfiguration: { ...t.domainNameConfiguration, certificateArn: arn } }));
        expect(check(DN, domain, v)).toEqual(["BadRequestException: The domain name to be created is not covered by the provided certificate."]);
    });

    test("a wildcard certificate covers one level below it", () => {
        const { v, arn } = withCertificate("*.example.com");
        const domain = mutated(DOMAIN, (t) => (t.domainNameConfiguration.certificateArn = arn));
        expect(check(DN, domain, v)).toEqual([]);
    });
});

describe("KMS", () => {
    const KEY_TYPE = "aws:kms/key:Key";
    const ALIAS_TYPE = "aws:kms/alias:Alias";
    const ve = (...v: string[]) => schema("ValidationException", ...v);

    test("the program's key and alias pass", () => {
        expect(check(KEY_TYPE, KEY)).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS)).toEqual([]);
    });

    test.each<Mutation>([
        ["a deletion window of 31 days", (t) => (t.deletionWindowInDays = 31), [ve("Value '31' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30")]],
        ["a deletion window of 6 days", (t) => (t.deletionWindowInDays = 6), [ve("Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7")]],
        ["a rotation period of 30 days", (t) => (t.rotationPeriodInDays = 30), [ve("Value '30' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90")]],
        ["a policy that is not JSON", (t) => (t.policy = "{Version: 2012-10-17}"), ["MalformedPolicyDocumentException: Syntax errors in policy."]],
        [
            "a key policy statement without principal",
            (t) => (t.policy = policyOf({ ...KEY_POLICY, Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] })),
            ["MalformedPolicyDocumentException: Missing required field Principal"],
        ],
    ])("a key with %s is rejected", (_, mutate, expected) => {
        expect(check(KEY_TYPE, mutated(KEY, mutate))).toEqual(expected);
    });

    test.each<Mutation>([
        ["no alias/ prefix", (t) => (t.name = "dynamodb/table"), ['ValidationException: Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html']],
        ["a colon", (t) => (t.name = "alias/dynamodb:table"), ["ValidationException: alias/dynamodb:table contains invalid characters for an alias"]],
        ["the reserved alias/aws/ prefix", (t) => (t.name = "alias/aws/dynamodb"), ["NotAuthorizedException: alias/aws/dynamodb: the alias/aws/ prefix is reserved for AWS managed keys"]],
        ["257 characters", (t) => (t.name = `alias/${"a".repeat(251)}`), [ve(`Value 'alias/${"a".repeat(251)}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`)]],
    ])("an alias with %s is rejected", (_, mutate, expected) => {
        expect(check(ALIAS_TYPE, mutated(ALIAS, mutate))).toEqual(expected);
    });

    test("an alias name is unique per region, not across regions", () => {
        const v = createStrictValidator();
        expect(check(ALIAS_TYPE, ALIAS, v)).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS, v, "us-west-2")).toEqual([]);
        expect(check(ALIAS_TYPE, ALIAS, v)).toEqual([
            `AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/dynamodb/active-active-table-prod-us-east-1 already exists`,
        ]);
    });

    test("an alias of a key in another region is rejected: KMS looks the key up in the alias's region", () => {
        const v = createStrictValidator();
        expect(check(KEY_TYPE, KEY, v, "eu-west-1")).toEqual([]);
        const keyId = computeOutputs({ type: KEY_TYPE, name: "r", inputs: KEY, region: "eu-west-1" }).id;
        expect(check(ALIAS_TYPE, { ...ALIAS, targetKeyId: keyId }, v)).toEqual([`NotFoundException: Key '${keyId}' does not exist`]);
    });

    test("a replica key in its primary's region is rejected", () => {
        const replica = { primaryKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/mrk-1234abcd12ab34cd56ef1234567890ab`, deletionWindowInDays: 30 };
        expect(check("aws:kms/replicaKey:ReplicaKey", replica, createStrictValidator(), "us-west-2")).toEqual([]);
        expect(check("aws:kms/replicaKey:ReplicaKey", replica)).toEqual(["ValidationException: The replica Region us-east-1 must differ from the primary key's Region"]);
    });
});

describe("IAM", () => {
    const ROLE_TYPE = "aws:iam/role:Role";
    const RP_TYPE = "aws:iam/rolePolicy:RolePolicy";

    test("the program's role and its inline policy pass", () => {
        expect(check(ROLE_TYPE, ROLE)).toEqual([]);
        expect(check(RP_TYPE, ROLE_POLICY)).toEqual([]);
    });

    test.each<Mutation>([
        ["a trust policy without principal", (t) => (t.assumeRolePolicy = policyOf({ ...TRUST, Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] })), ["MalformedPolicyDocument: Missing required field Principal"]],
        ["a trust policy with a resource", (t) => (t.assumeRolePolicy = policyOf({ ...TRUST, Statement: [{ ...TRUST.Statement[0], Resource: "*" }] })), ["MalformedPolicyDocument: Has prohibited field Resource"]],
        [
            "a trust policy granting other actions",
            (t) => (t.assumeRolePolicy = policyOf({ ...TRUST, Statement: [{ ...TRUST.Statement[0], Action: ["sts:AssumeRole", "dynamodb:GetItem"] }] })),
            ["MalformedPolicyDocument: AssumeRole policy may only specify STS AssumeRole actions."],
        ],
        ["a trust policy of version 2012-10-18", (t) => (t.assumeRolePolicy = policyOf({ ...TRUST, Version: "2012-10-18" })), ["MalformedPolicyDocument: The policy failed legacy parsing"]],
        ["a trust policy larger than 2048 characters", (t) => (t.assumeRolePolicy = policyOf({ ...TRUST, Statement: [{ ...TRUST.Statement[0], Sid: "s".repeat(2048) }] })), ["LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048"]],
        ["a 65-character name", (t) => (t.name = "r".repeat(65)), [schema("ValidationError", `Value '${"r".repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`)]],
        ["a name with a slash", (t) => (t.name = "team/fn-role"), [schema("ValidationError", "Value 'team/fn-role' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+")]],
    ])("a role with %s is rejected", (_, mutate, expected) => {
        expect(check(ROLE_TYPE, mutated(ROLE, mutate))).toEqual(expected);
    });

    const statement = (change: Record<string, unknown>, drop: string[] = []) => {
        const st: Record<string, unknown> = { ...FN_POLICY.Statement[0], ...change };
        for (const k of drop) delete st[k];
        return policyOf({ ...FN_POLICY, Statement: [st] });
    };

    test.each<Mutation>([
        ["invalid JSON", (t) => (t.policy = t.policy.slice(0, -1)), ["MalformedPolicyDocument: Syntax errors in policy."]],
        ["effect allow (lower case)", (t) => (t.policy = statement({ Effect: "allow" })), ["MalformedPolicyDocument: Syntax errors in policy."]],
        ["a principal", (t) => (t.policy = statement({ Principal: { Service: "lambda.amazonaws.com" } })), ["MalformedPolicyDocument: Policy document should not specify a principal."]],
        ["no action", (t) => (t.policy = statement({}, ["Action"])), ["MalformedPolicyDocument: Policy statement must contain actions."]],
        ["no resource", (t) => (t.policy = statement({}, ["Resource"])), ["MalformedPolicyDocument: Policy statement must contain resources."]],
        ["an action without service prefix", (t) => (t.policy = statement({ Action: ["GetItem"] })), ["MalformedPolicyDocument: Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."]],
        ["a resource that is not an ARN", (t) => (t.policy = statement({ Resource: "table/active-active-table-prod" })), ['MalformedPolicyDocument: Resource table/active-active-table-prod must be in ARN format or "*".']],
        ["no statement", (t) => (t.policy = policyOf({ Version: "2012-10-17" })), ["MalformedPolicyDocument: Syntax errors in policy."]],
    ])("an inline policy with %s is rejected", (_, mutate, expected) => {
        expect(check(RP_TYPE, mutated(ROLE_POLICY, mutate))).toEqual(expected);
    });

    test("inline policies of one role add up to at most 10240 bytes", () => {
        const v = createStrictValidator();
        const big = (sid: string) => ({ ...ROLE_POLICY, policy: statement({ Sid: sid.repeat(5000) }) });
        expect(check(RP_TYPE, big("a"), v)).toEqual([]);
        expect(check(RP_TYPE, { ...big("b"), role: "another-role" }, v)).toEqual([]);
        expect(check(RP_TYPE, big("c"), v)).toEqual(["LimitExceeded: Maximum policy size of 10240 bytes exceeded for role active-active-us-east-1-fn-role-d1d54b0"]);
    });

    test("a managed policy larger than 6144 characters is rejected", () => {
        const policy = { policy: statement({ Sid: "a".repeat(6144) }) };
        expect(check("aws:iam/policy:Policy", policy)).toEqual(["LimitExceeded: Cannot exceed quota for PolicySize: 6144"]);
        expect(check("aws:iam/policy:Policy", { policy: ROLE_POLICY.policy })).toEqual([]);
    });

    test("a policy given as an object (PolicyDocument) is checked the same way", () => {
        expect(check(RP_TYPE, { ...ROLE_POLICY, policy: FN_POLICY })).toEqual([]);
        expect(check(RP_TYPE, { ...ROLE_POLICY, policy: { ...FN_POLICY, Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem" }] } })).toEqual([
            "MalformedPolicyDocument: Policy statement must contain resources.",
        ]);
    });
});

describe("CloudWatch", () => {
    test("the program's alarm and log group pass", () => {
        expect(check("aws:cloudwatch/metricAlarm:MetricAlarm", ALARM)).toEqual([]);
        expect(check("aws:cloudwatch/logGroup:LogGroup", LOG_GROUP)).toEqual([]);
    });

    test.each<Mutation>([
        [
            "a topic in another region",
            (t) => (t.alarmActions = [TOPIC.replace("us-east-1", "eu-west-1")]),
            ["ValidationError: Invalid region eu-west-1 specified. Only us-east-1 is supported."],
        ],
        ["a period of 45 s", (t) => (t.period = 45), ["ValidationError: Period 45 is not valid; valid values are 10, 20, 30 and any multiple of 60"]],
        ["0 evaluation periods", (t) => (t.evaluationPeriods = 0), [schema("ValidationError", "Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1")]],
    ])("an alarm with %s is rejected", (_, mutate, expected) => {
        expect(check("aws:cloudwatch/metricAlarm:MetricAlarm", mutated(ALARM, mutate))).toEqual(expected);
    });

    test("a log retention of 2 days is rejected", () => {
        expect(check("aws:cloudwatch/logGroup:LogGroup", { ...LOG_GROUP, retentionInDays: 2 })).toEqual([
            schema(
                "InvalidParameterException",
                "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
            ),
        ]);
    });
});
