/**
 * A stack file that leaves default providers on is refused, unless Pulumi.yaml turns them off for every stack.
 * The rule is pure (config/stack-file.ts); the mock kit applies it wherever it loads a stack file (the plan's
 * exit 2 is in tests/plan/cli.test.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultProvidersProblems } from "../../config/stack-file";
import { loadStackConfig } from "../../mock-kit";
import { renderProblem } from "../../packages/aws-facts";

const ALLOWED = 'allowed: ["*"] (or a list naming aws and cloudflare), in the stack file or for every stack in Pulumi.yaml';
const render = (...args: Parameters<typeof defaultProvidersProblems>) => defaultProvidersProblems(...args).map(renderProblem);

describe("bad config: default providers left on", () => {
    test("bad config: a stack file without pulumi:disable-default-providers", () => {
        expect(render("stacks/Pulumi.dev.yaml", { "active-active:regions": ["us-east-1", "us-west-2"] })).toEqual([
            `pulumi:disable-default-providers: is not set in stacks/Pulumi.dev.yaml, nor for every stack in Pulumi.yaml; ${ALLOWED}`,
        ]);
    });

    test("bad config: a list that leaves one of the program's packages on", () => {
        expect(render("stacks/Pulumi.dev.yaml", { "pulumi:disable-default-providers": ["aws"] })).toEqual([
            `pulumi:disable-default-providers: ["aws"] in stacks/Pulumi.dev.yaml leaves the default provider of cloudflare on; ${ALLOWED}`,
        ]);
    });

    test("bad config: the stack's own empty list wins over the project's", () => {
        expect(render("Pulumi.dev.yaml", { "pulumi:disable-default-providers": [] }, { "pulumi:disable-default-providers": { value: ["*"] } })).toEqual([
            `pulumi:disable-default-providers: [] in Pulumi.dev.yaml leaves the default provider of aws, cloudflare on; ${ALLOWED}`,
        ]);
    });

    test("Pulumi.yaml may turn them off for every stack, in either spelling", () => {
        expect(render("Pulumi.dev.yaml", {}, { "pulumi:disable-default-providers": { value: ["*"] } })).toEqual([]);
        expect(render("Pulumi.dev.yaml", {}, { "pulumi:disable-default-providers": ["aws", "cloudflare"] })).toEqual([]);
    });

    test("every stack file of this repository turns them off", () => {
        const stacks = fs.readdirSync(path.resolve(__dirname, "../../stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s);
        expect(stacks.sort()).toEqual(["dev", "prod", "staging"]);
        for (const stack of stacks) expect(loadStackConfig(stack).problems).toEqual([]);
    });
});

describe("the plan refuses such a stack file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("bad config: exit 2, the stack file's problem listed with the config's own, nothing planned", async () => {
        const { runPlan } = await import("../../plan/run");
        fs.mkdirSync(path.join(dir, "stacks"));
        fs.copyFileSync(path.resolve(__dirname, "../../Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        const dev = fs.readFileSync(path.resolve(__dirname, "../../stacks/Pulumi.dev.yaml"), "utf8");
        const without = dev.replace('  pulumi:disable-default-providers:\n    - "*"\n', "");
        expect(without).not.toBe(dev);
        fs.writeFileSync(path.join(dir, "stacks", "Pulumi.dev.yaml"), without);
        const result = await runPlan({ stack: "dev", root: dir, config: { "active-active:drain": ["eu-west-9"] } });
        expect(result.exitCode).toBe(2);
        expect(result.errorText).toBe(
            "bad config:\n" +
                `  - pulumi:disable-default-providers: is not set in stacks/Pulumi.dev.yaml, nor for every stack in Pulumi.yaml; ${ALLOWED}\n` +
                '  - active-active:drain[0]: "eu-west-9" is not one of the regions; allowed: us-east-1, us-west-2\n',
        );
        const clean = await runPlan({ stack: "dev", root: dir });
        expect(clean.errorText).toBe(`bad config:\n  - pulumi:disable-default-providers: is not set in stacks/Pulumi.dev.yaml, nor for every stack in Pulumi.yaml; ${ALLOWED}\n`);
        expect(clean.json).toBeUndefined();
    });
});
