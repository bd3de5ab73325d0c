/**
 * Standby sizing for failover (issue 18): every region reserves the primary's whole peak; the standbys keep
 * `routing.standbyWarmPercent` of it warm as provisioned concurrency on their live alias; none without it.
 */
import { MockKit } from "../../mock-kit";
import { main } from "../../program";
import { validateRegionalServiceArgs } from "../../components/regional-service";
import { renderProblem } from "../../packages/aws-facts";
import { engineConfig } from "../helpers/config-source";

const WARM = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
const FN = "aws:lambda/function:Function";
const ALIAS = "aws:lambda/alias:Alias";

async function run(routing: Record<string, unknown>): Promise<MockKit> {
    const { config, secretKeys } = engineConfig("prod", { set: { "active-active:routing": routing } });
    const kit = MockKit.install({ config, secretKeys, stack: "prod" });
    await kit.runProgram(() => main());
    return kit;
}

test("failover with standbyWarmPercent 50: 150 reserved everywhere, 75 warm on each standby's live alias, in its region", async () => {
    const kit = await run({ policy: "failover", standbyWarmPercent: 50 });
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) expect([region, kit.get(FN, `active-active-${region}-fn`).inputs.reservedConcurrentExecutions]).toEqual([region, 150]);
    const warm = kit.resources.filter((r) => r.type === WARM);
    expect(warm.map((r) => r.name).sort()).toEqual(["active-active-eu-west-1-warm", "active-active-us-west-2-warm"]);
    for (const region of ["us-west-2", "eu-west-1"]) {
        const w = kit.get(WARM, `active-active-${region}-warm`);
        expect(w.inputs).toEqual({ functionName: kit.get(FN, `active-active-${region}-fn`).outputs.name, qualifier: kit.get(ALIAS, `active-active-${region}-live`).outputs.name, provisionedConcurrentExecutions: 75 });
        expect(kit.providerRegion(w)).toBe(region);
    }
});

test("no provisioned concurrency in any other mode, nor with a cold standby", async () => {
    for (const routing of [{}, { policy: "failover" }, { policy: "weighted" }]) {
        expect([routing, (await run(routing)).resources.filter((r) => r.type === WARM)]).toEqual([routing, []]);
    }
});

test("RegionalService refuses warm environments without the live alias or above its reserved concurrency", () => {
    const base = { region: "us-east-1", regions: ["us-east-1"], sizedForRegionCount: 1, domain: "api.example.com", tableName: "t", tableArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", consistency: "eventual", partitionKey: "pk", sortKey: "sk" } as const;
    const lambda = (safeDeployment: boolean) => ({ kind: "lambda", safeDeployment, validation: {} }) as any;
    const problems = (safeDeployment: boolean, warm: number) =>
        validateRegionalServiceArgs({ ...base, mode: lambda(safeDeployment), sizing: { reservedConcurrency: 10, throttle: { rateLimit: 1, burstLimit: 1 }, provisionedConcurrency: warm } } as any)
            .filter((p) => p.code === "provisioned-concurrency")
            .map(renderProblem);
    expect(problems(true, 10)).toEqual([]);
    expect(problems(false, 5)).toEqual(["sizing.provisionedConcurrency: 5 needs the live alias of safe deployments (provisioned concurrency is set on a version or alias); allowed: 0, or a service of mode lambda with safeDeployment and at most its reserved concurrency"]);
    expect(problems(true, 11)).toEqual(["sizing.provisionedConcurrency: 11 exceeds the reserved concurrency 10; allowed: 0, or a service of mode lambda with safeDeployment and at most its reserved concurrency"]);
});
