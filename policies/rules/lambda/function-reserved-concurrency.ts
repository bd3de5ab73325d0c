/**
 * aws-lambda-function-reserved-concurrency
 *
 * Requires: `reservedConcurrentExecutions` set to a positive number on every function.
 * Why: in an active-active stack a failed region's traffic lands on the others. Reserved concurrency guarantees
 * the service its capacity in the account's regional pool (no other function can starve it) and caps what it can
 * take from the table. 0 throttles every invocation; -1 (the default) reserves nothing.
 * Severity: medium.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, num, setting } from "../../lib/values";

export const functionReservedConcurrency = resourceRule({
    name: "aws-lambda-function-reserved-concurrency",
    description: "Lambda functions reserve a positive concurrency.",
    severity: "medium",
    url: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
    remediationSteps: "Set reservedConcurrentExecutions to the function's capacity per region.",
    types: ["aws:lambda/function:Function"],
    validate: ({ props }, report) => {
        const v = props.reservedConcurrentExecutions;
        if (isUnknown(v)) return;
        const n = num(v);
        if (n === 0) report("reservedConcurrentExecutions is 0, which throttles every invocation; allowed: a positive number");
        else if (n === undefined || n < 0) report(`reservedConcurrentExecutions is ${setting(v)}; allowed: a positive number (the function's capacity per region)`);
    },
});
