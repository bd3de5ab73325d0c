import { test } from "node:test";
import * as assert from "node:assert/strict";
import { runMocked, stackFileOptions } from "active-active/testing";
import { program, REGIONS } from "../infra";

test("a table replica, a service and a latency record per region", async () => {
    const kit = await runMocked(program, stackFileOptions("dev"));
    const table = kit.get("aws:dynamodb/table:Table", "orders-table");
    assert.deepEqual(table.inputs.replicas.map((r: { regionName: string }) => r.regionName), ["eu-west-1"]);
    assert.deepEqual(kit.resourcesOfType("aws:lambda/function:Function").map((f) => f.region).sort(), [...REGIONS, ...REGIONS].sort());
    assert.deepEqual(kit.resourcesOfType("aws:route53/record:Record").filter((r) => r.inputs.latencyRoutingPolicies).map((r) => r.inputs.setIdentifier).sort(), [...REGIONS].sort());
});
