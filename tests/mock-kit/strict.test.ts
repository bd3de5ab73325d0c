/**
 * Strict mocks, the validator's contract: per-kit state, unknowns and secrets, options from the stack config, and the
 * kit failing a registration with the API's message. The rules of each service have their own file in strict/.
 */
import { unknown } from "@pulumi/pulumi/output";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { MockKit, MockRegistrationError, loadStackConfig } from "../../mock-kit";
import { createStrictValidator, strictOptionsFromConfig, validateInputs } from "../../mock-kit/strict";

const RECORD = "aws:route53/record:Record";
const SIMPLE_RECORD = { zoneId: "Z0123456789DEVEXAMPLE", name: "www.example.com", type: "CNAME", ttl: 60, records: ["api.example.com"] };

describe("the validator", () => {
    test("validateInputs checks one registration with no memory; a validator remembers what it accepted", () => {
        const target = { type: RECORD, name: "www", inputs: SIMPLE_RECORD, region: "us-east-1" };
        expect(validateInputs(target)).toEqual([]);
        expect(validateInputs(target)).toEqual([]);
        const v = createStrictValidator();
        expect(v.validate(target)).toEqual([]);
        expect(v.validate(target)).toEqual([
            "InvalidChangeBatch: [Tried to create resource record set [name='www.example.com.', type='CNAME'] but it already exists]",
        ]);
    });

    test("two validators (two kits) never see each other's resources", () => {
        const target = { type: RECORD, name: "www", inputs: SIMPLE_RECORD, region: "us-east-1" };
        const a = createStrictValidator();
        const b = createStrictValidator();
        expect(a.validate(target)).toEqual([]);
        expect(b.validate(target)).toEqual([]);
    });

    test("a rejected registration is not remembered", () => {
        const v = createStrictValidator({ zones: { Z0123456789DEVEXAMPLE: "example.com" } });
        const outside = { ...SIMPLE_RECORD, name: "www.example.org" };
        expect(v.validate({ type: RECORD, name: "www", inputs: outside, region: "us-east-1" })).toEqual([
            "InvalidChangeBatch: [RRSet with DNS name www.example.org. is not permitted in zone example.com.]",
        ]);
        expect(v.validate({ type: RECORD, name: "www", inputs: { ...SIMPLE_RECORD, zoneId: "ZOTHER", name: "www.example.org" }, region: "us-east-1" })).toEqual([]);
    });

    test("secret inputs are checked by their value", () => {
        const secretName = { [specialSigKey]: specialSecretSig, value: "ab" };
        const inputs = { name: secretName, hashKey: "pk", attributes: [{ name: "pk", type: "S" }] };
        expect(validateInputs({ type: "aws:dynamodb/table:Table", name: "t", inputs, region: "us-east-1" })).toEqual([
            "ValidationException: 1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
        ]);
    });

    test("an input unknown during preview is not taken for a missing one", () => {
        const base = { attributes: [{ name: "pk", type: "S" }] };
        expect(validateInputs({ type: "aws:dynamodb/table:Table", name: "t", inputs: { ...base, hashKey: unknown }, region: "us-east-1" })).toEqual([]);
        expect(validateInputs({ type: "aws:dynamodb/table:Table", name: "t", inputs: base, region: "us-east-1" })).toEqual([
            "ValidationException: 1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
        ]);
    });

    test("a resource's own region input (aws 7) wins over its provider's region", () => {
        const inputs = { regionName: "x", region: "eu-west-1", globalTableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/t" };
        expect(validateInputs({ type: "aws:dynamodb/tableReplica:TableReplica", name: "r", inputs, region: "us-west-2" })).toEqual([
            "ValidationException: Cannot add, delete, or update the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.",
        ]);
    });

    test("types without rules are accepted", () => {
        expect(validateInputs({ type: "aws:sns/topic:Topic", name: "t", inputs: { name: "" }, region: "us-east-1" })).toEqual([]);
    });

    test("options from a stack's config: the existing hosted zone and the Cloudflare plan", () => {
        expect(strictOptionsFromConfig(loadStackConfig("dev").config)).toEqual({ zones: { Z0123456789DEVEXAMPLE: "example.com" } });
        const prod = loadStackConfig("prod", { cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210", plan: "pro" } });
        expect(strictOptionsFromConfig(prod.config)).toEqual({ zones: { Z0123456789PRDEXAMPLE: "example.com" }, cloudflarePlan: "pro" });
        expect(strictOptionsFromConfig({})).toEqual({});
    });
});

describe("the kit with strict on", () => {
    // The kit's mock `newResource`, called the way the mock monitor calls it. Going through a real registration would
    // also work, but the SDK then leaves every output of the failed resource rejected, which jest reports as errors.
    const register = (kit: MockKit, inputs: Record<string, unknown>) =>
        (kit as any).newResource({ type: "aws:dynamodb/table:Table", name: "t", inputs, provider: undefined, custom: true, id: "" });
    const TOO_SHORT = { name: "ab", hashKey: "pk", attributes: [{ name: "pk", type: "S" }], billingMode: "PAY_PER_REQUEST" };

    test("records a registration the API would reject, with the API's message, and lets the program go on", () => {
        const kit = MockKit.install();
        const expected = new MockRegistrationError(
            `aws:dynamodb/table:Table "t": ValidationException: 1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3`,
        );
        // Thrown, it would leave every resource waiting on this one's outputs pending, and the run would never end.
        expect(register(kit, TOO_SHORT).state.name).toEqual("ab");
        expect(kit.errors).toEqual([expected]);
    });

    test("a program whose resource the API rejects fails with that error, dependents and all (it used to hang)", async () => {
        const kit = MockKit.install();
        const aws = await import("@pulumi/aws");
        const run = kit.runProgram(() => {
            const provider = new aws.Provider("p", { region: "us-east-1" });
            const table = new aws.dynamodb.Table("t", { ...TOO_SHORT, name: "ab" }, { provider });
            new aws.sns.Topic("dependent", { name: table.name.apply((n) => `${n}-topic`) }, { provider });
            return { name: table.name };
        });
        await expect(run).rejects.toThrow(/Value 'ab' at 'tableName'/);
    });

    test("accepts it with strict off", () => {
        const kit = MockKit.install({ strict: false });
        expect(register(kit, TOO_SHORT).state.name).toEqual("ab");
        expect(kit.errors).toEqual([]);
    });
});
