/**
 * The stack program as index.ts and the plan run it: `main()` reads the config itself, `main(config)` uses the
 * config it is given (the plan parses once), and the stack exports the failover plan's figures as typed data.
 */
import { loadConfig, StackConfig } from "../../config";
import { MockKit } from "../../mock-kit";
import { main } from "../../program";
import { engineConfig } from "../helpers/config-source";

function install(): MockKit {
    const { config, secretKeys } = engineConfig("dev");
    return MockKit.install({ config, secretKeys, stack: "dev" });
}

test("main(config) builds from the config it is given, not from a second read", async () => {
    const kit = install();
    let given: StackConfig | undefined;
    const outputs = await kit.runProgram(() => {
        given = { ...loadConfig(), domain: "api.given.example.com" };
        return main(given);
    });
    expect(outputs.endpoint).toBe("https://api.given.example.com");
    const domains = kit.resources.filter((r) => r.type === "aws:apigatewayv2/domainName:DomainName").map((r) => r.inputs.domainName);
    expect(domains).toEqual(given!.regions.flatMap((r) => ["api.given.example.com", `${r}.api.given.example.com`]));
});

test("main() reads the config itself, and the outputs carry the failover plan's RTO and RPO", async () => {
    const kit = install();
    let config: StackConfig | undefined;
    const outputs = await kit.runProgram(() => {
        config = loadConfig();
        return main();
    });
    expect(outputs.endpoint).toBe(`https://${config!.domain}`);
    // Region-aware clients (and IAM callers, who sign for one region) call each region by its pinned name.
    const pinned = (r: string) => `${r}.${config!.domain}`;
    expect(outputs.regionalEndpoints).toEqual(Object.fromEntries(config!.regions.map((r) => [r, `https://${pinned(r)}`])));
    expect(outputs.regionalHealthHostnames).toEqual(Object.fromEntries(config!.regions.map((r) => [r, pinned(r)])));
    expect(outputs.resilience).toEqual({
        rtoSeconds: config!.failover.rto.rtoSeconds,
        rtoTargetSeconds: config!.failover.rtoTargetSeconds,
        rpoSeconds: config!.failover.rpo.rpoSeconds,
    });
});

test("the outputs carry every region's execute-api ARN, with the config's account (IAM callers' policies name them)", async () => {
    const kit = install();
    let config: StackConfig | undefined;
    const outputs = await kit.runProgram(() => {
        config = loadConfig();
        return main();
    });
    const apis = Object.fromEntries(kit.resources.filter((r) => r.type === "aws:apigatewayv2/api:Api").map((r) => [r.region, r.id]));
    const arns = await kit.unwrap(outputs.apiArns);
    expect(arns).toEqual(Object.fromEntries(config!.regions.map((r) => [r, `arn:aws:execute-api:${r}:${config!.accountId}:${apis[r]}`])));
});
