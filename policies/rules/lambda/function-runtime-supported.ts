/**
 * aws-lambda-function-runtime-supported
 *
 * Requires: a zip-packaged function's `runtime` is `nodejs<N>.x` with N at least the configured major version
 * (`minNodejsMajor`, default 22). Container images carry their own runtime and are exempt.
 * Why: Lambda deprecates Node.js runtimes when the Node.js release line ends; after deprecation functions can no
 * longer be created or updated on them, so a stack on an old runtime cannot fail over by redeploying.
 * Severity: high.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";

export interface RuntimeConfig {
    minNodejsMajor: number;
}

export const functionRuntimeSupported = resourceRule<RuntimeConfig>({
    name: "aws-lambda-function-runtime-supported",
    description: "Lambda functions run on a supported Node.js runtime.",
    severity: "high",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
    remediationSteps: "Set runtime to nodejs22.x (or newer) and test the function on it.",
    types: ["aws:lambda/function:Function"],
    configSchema: {
        properties: {
            minNodejsMajor: { type: "integer", minimum: 18, default: 22, description: "Oldest Node.js major version allowed." },
        },
    },
    validate: ({ props, config }, report) => {
        if (str(props.packageType) === "Image") return;
        if (isUnknown(props.runtime)) return;
        const runtime = str(props.runtime);
        const major = runtime ? /^nodejs(\d+)\.x$/.exec(runtime)?.[1] : undefined;
        if (!major || Number(major) < config.minNodejsMajor) {
            report(`runtime is ${setting(props.runtime)}; allowed: nodejs${config.minNodejsMajor}.x or newer`);
        }
    },
});
