import { test } from "node:test";
import * as assert from "node:assert/strict";
import { runMocked, stackFileOptions } from "active-active/testing";
import { program } from "../infra";

test("the staging stack file: three regions, each with its replica and service, behind latency routing", async () => {
    const kit = await runMocked(program, stackFileOptions("staging"));
    assert.deepEqual(kit.outputs.regionalEndpoints, {
        "us-east-1": "https://us-east-1.api.staging.example.com",
        "us-west-2": "https://us-west-2.api.staging.example.com",
        "eu-west-1": "https://eu-west-1.api.staging.example.com",
    });
    const latency = kit.resourcesOfType("aws:route53/record:Record").filter((r) => r.inputs.latencyRoutingPolicies);
    assert.deepEqual(latency.map((r) => r.inputs.setIdentifier).sort(), ["eu-west-1", "us-east-1", "us-west-2"]);
});
