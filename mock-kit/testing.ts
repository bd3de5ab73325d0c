/**
 * `active-active/testing`: unit tests of a program that uses the components, without a cloud and without the
 * Pulumi CLI. Pulumi's documented echo-inputs mocks (`state: args.inputs`) do not give the components what they
 * read from their children (a table's `replicas[].arn`, an HTTP API's `apiEndpoint`, a custom domain's target);
 * this kit answers every resource type the components create with the outputs AWS and Cloudflare would (ARNs in
 * the provider's region and the account, generated ids, validation records), rejects inputs the real APIs reject,
 * and records every registration (type, name, parent, provider and its region, inputs, outputs, protect).
 *
 *   import { runMocked, testProviders } from "active-active/testing";
 *
 *   const kit = await runMocked(() => new GlobalTable("orders", { ...args, providers: testProviders(regions) }));
 *   expect(kit.resourcesOfType("aws:kms/key:Key")).toHaveLength(2);
 *
 * Pulumi's mocks are process-wide: run one program at a time (jest runs each test file in its own registry).
 * docs/testing.md says what the kit cannot prove.
 */
import * as aws from "@pulumi/aws";
import { renderProblem } from "../packages/aws-facts";
import { rememberProviderRegion } from "../components/provider-region";
import { MockKit, MockKitOptions } from "./index";
import { loadStackConfig, readProjectFile } from "./stack-file";

export { MockKit, MockRegistrationError, MOCK_ACCOUNT_ID } from "./index";
export type { MockKitOptions, RecordedResource } from "./index";

/**
 * One `aws.Provider` per region, named `aws-<region>` as the reference stack names them, making no STS or IAM
 * call. Call it inside the program (after the kit is installed), e.g. in `runMocked`'s callback.
 */
export function testProviders(regions: readonly string[]): Record<string, aws.Provider> {
    return Object.fromEntries(
        regions.map((region) => [
            region,
            rememberProviderRegion(new aws.Provider(`aws-${region}`, { region: region as aws.Region, skipCredentialsValidation: true, skipRequestingAccountId: true }), region),
        ]),
    );
}

/**
 * Installs the kit, runs `program` as the language host would (inside a root stack) and waits until every
 * registration has settled. Resolves with the kit, whose `outputs` are what the program returned; rejects with
 * the program's error or the first registration the kit refused.
 */
export async function runMocked(program: () => unknown, options: MockKitOptions = {}): Promise<MockKit> {
    const kit = MockKit.install(options);
    await kit.runProgram(async () => {
        const result = await program();
        // A component or resource is not a stack output; a plain object of outputs is.
        return isOutputs(result) ? result : {};
    });
    return kit;
}

/**
 * The kit options that run a program with a stack file's config, as `pulumi up --stack <stack>` would hand it over:
 * `Pulumi.<stack>.yaml` in the project at `root` (its `stackConfigDir` honoured), every key namespaced, `secure:`
 * values redacted and marked secret. Throws when the stack file is missing or leaves default providers on.
 */
export function stackFileOptions(stack: string, root: string = process.cwd()): MockKitOptions {
    const file = loadStackConfig(stack, {}, root);
    if (file.problems.length > 0) throw new Error(`Pulumi.${stack}.yaml:\n${file.problems.map((p) => `  - ${renderProblem(p)}`).join("\n")}`);
    return { project: readProjectFile(root).name, stack, config: file.config, secretKeys: file.secretKeys };
}

function isOutputs(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
