/**
 * A stack file that leaves default providers on is refused, unless Pulumi.yaml turns them off for every stack.
 * The rule is pure (config/stack-file.ts); the mock kit applies it wherever it loads a stack file (the plan's
 * exit 2 is in tests/plan/cli.test.ts).
 */
import * as fs from "fs";
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
