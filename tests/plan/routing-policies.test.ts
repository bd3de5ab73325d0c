/**
 * The routing-mode policies through the whole plan at prod's levels (issue 18): weights that leave one serving region
 * and a geolocation map without a default are mandatory violations (exit 1); a cold active-passive standby is an
 * advisory, gone when the standby is kept warm for the primary's peak.
 */
import { runPlan } from "../../plan/run";

const violations = async (routing: Record<string, unknown>) => {
    const result = await runPlan({ stack: "prod", config: { "active-active:routing": routing } });
    const routingRules = ["active-active-weighted-serving-regions", "active-active-geolocation-default", "active-active-standby-warm"];
    return { exitCode: result.exitCode, found: result.json!.violations.filter((v) => routingRules.includes(v.policy)).map((v) => [v.policy, v.enforcementLevel]) };
};

test("weights leaving one serving region: mandatory in prod, exit 1", async () => {
    expect(await violations({ policy: "weighted", weights: { "us-east-1": 10, "us-west-2": 0, "eu-west-1": 0 } })).toEqual({
        exitCode: 1,
        found: [["active-active-weighted-serving-regions", "mandatory"]],
    });
});

test("a geolocation map without a default: mandatory in prod, exit 1", async () => {
    expect(await violations({ policy: "geolocation", geolocation: { default: null } })).toEqual({ exitCode: 1, found: [["active-active-geolocation-default", "mandatory"]] });
});

test("a cold standby is flagged (advisory, exit 0); a standby warm for the primary's peak is not", async () => {
    expect(await violations({ policy: "failover" })).toEqual({
        exitCode: 0,
        found: [
            ["active-active-standby-warm", "advisory"],
            ["active-active-standby-warm", "advisory"],
        ],
    });
    expect(await violations({ policy: "failover", standbyWarmPercent: 100 })).toEqual({ exitCode: 0, found: [] });
});
