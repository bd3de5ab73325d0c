/**
 * @active-active/aws-facts: what AWS says, written once. Regions and region sets, service limits, name patterns,
 * the consistency modes and the pure checks built on them, and the `Problem` every check returns.
 *
 * Pure: no Pulumi, no imports from outside `packages/`. The library (components/), the stack config, the mock
 * kit and the policy pack import these facts from here and nowhere else.
 */
export * from "./problems";
export * from "./regions";
export * from "./limits";
export * from "./patterns";
export * from "./consistency";
export * from "./keys";
export * from "./conventions";
export * from "./credentials";
export * from "./prices";
export * from "./issuers";
export * from "./suggest";
export * from "./routing";
