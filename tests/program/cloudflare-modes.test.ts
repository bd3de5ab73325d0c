/**
 * The same `routing.policy` key steers the Cloudflare load balancer (issue 18) through one mapping (failover-model
 * steering.ts): the steering policy, pool weights for random and least_*, and the primary's pool first for failover.
 */
import { MockKit, RecordedResource } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

const LB = "cloudflare:index/loadBalancer:LoadBalancer";
const POOL = "cloudflare:index/loadBalancerPool:LoadBalancerPool";

async function lb(routing: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<{ lb: RecordedResource; pool: (r: string) => string }> {
    const { config, secretKeys } = engineConfig("prod", { set: { "active-active:traffic": "cloudflare", "active-active:routing": routing, ...extra } });
    const kit = MockKit.install({ config, secretKeys, stack: "prod" });
    await kit.runProgram(() => main());
    return { lb: kit.get(LB, "active-active-lb-lb"), pool: (r: string) => kit.get(POOL, `active-active-lb-${r}-pool`).id };
}

test.each([
    ["latency", "dynamic_latency"],
    ["geoproximity", "proximity"],
    ["geolocation", "geo"],
    ["failover", "off"],
    ["weighted", "random"],
    ["least_outstanding_requests", "least_outstanding_requests"],
    ["least_connections", "least_connections"],
])("policy %s steers Cloudflare by %s", async (policy, steering) => {
    const { lb: got } = await lb({ policy });
    expect(got.inputs.steeringPolicy).toBe(steering);
    expect(got.inputs.randomSteering === undefined).toBe(!["random", "least_outstanding_requests", "least_connections"].includes(steering));
});

test("weighted: Route 53 weights become pool weights relative to the largest (0-1 in steps of 0.1), by pool id", async () => {
    const { lb: got, pool } = await lb({ policy: "weighted", weights: { "us-east-1": 10, "us-west-2": 5, "eu-west-1": 0 } });
    expect(got.inputs.randomSteering).toEqual({ defaultWeight: 1, poolWeights: { [pool("us-east-1")]: 1, [pool("us-west-2")]: 0.5, [pool("eu-west-1")]: 0 } });
});

test("failover: the primary's pool first in failover order, then the config's order; the fallback is the primary", async () => {
    const { lb: got, pool } = await lb({ policy: "failover" }, { "active-active:homeRegion": "eu-west-1" });
    expect([got.inputs.defaultPools, got.inputs.fallbackPool]).toEqual([["eu-west-1", "us-east-1", "us-west-2"].map(pool), pool("eu-west-1")]);
});
