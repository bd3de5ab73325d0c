// The policy pack as the Pulumi engine runs it (`pulumi preview --policy-pack policies`). Only this: constructing
// a PolicyPack starts a gRPC server that keeps the process alive, so nothing else may import this file. The rules
// live in rules/; the in-process harness (harness.ts) runs the same list without the server.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("active-active", {
    policies,
    enforcementLevel: "advisory",
    description: "Active-active guardrails: per-resource safety rules and whole-stack rules (region parity, modeled RTO, drains).",
    provider: "aws",
    tags: ["aws", "cloudflare", "active-active", "dynamodb", "route53"],
});
