/**
 * `active-active/testing` as a consumer uses it: a component test in three lines, a program with a stack file's
 * config, and the stack-file rule (default providers off) applied before anything runs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GlobalTable } from "../../components";
import { MOCK_ACCOUNT_ID, runMocked, stackFileOptions, testProviders } from "../../mock-kit/testing";

test("a GlobalTable test in three lines: one table with its replica, a key per region in its provider's region", async () => {
    const regions = ["us-east-1", "eu-west-1"];
    const kit = await runMocked(() => new GlobalTable("orders", { regions, homeRegion: "us-east-1", providers: testProviders(regions), accountId: MOCK_ACCOUNT_ID, partitionKey: { name: "pk", type: "S" } }));
    expect(kit.get("aws:dynamodb/table:Table", "orders-table").inputs.replicas.map((r: { regionName: string }) => r.regionName)).toEqual(["eu-west-1"]);
    expect(kit.resourcesOfType("aws:kms/key:Key").map((k) => k.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(kit.resourcesOfType("pulumi:providers:aws").map((p) => [p.name, p.inputs.region, p.inputs.skipCredentialsValidation])).toEqual([
        // Provider inputs reach the engine as strings.
        ["aws-us-east-1", "us-east-1", "true"],
        ["aws-eu-west-1", "eu-west-1", "true"],
    ]);
});

test("runMocked resolves with the program's outputs, and rejects with the program's error", async () => {
    const kit = await runMocked(() => ({ answer: 42 }));
    expect(kit.outputs).toEqual({ answer: 42 });
    await expect(runMocked(() => new GlobalTable("orders", { regions: ["us-east-1"], homeRegion: "us-east-1", providers: {}, accountId: MOCK_ACCOUNT_ID, partitionKey: { name: "pk", type: "S" } }))).rejects.toThrow(
        /^GlobalTable "orders" \(\d+ problems?\):/,
    );
});

function project(stackFile: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "testing-kit-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), stackFile);
    return dir;
}

test("stackFileOptions hands a stack file's config to the program as the engine would", () => {
    const dir = project('config:\n  pulumi:disable-default-providers: ["*"]\n  shop:size: 3\n  active-active:regions: [us-east-1, eu-west-1]\n');
    expect(stackFileOptions("test", dir)).toEqual({
        project: "shop",
        stack: "test",
        config: { "pulumi:disable-default-providers": '["*"]', "shop:size": "3", "active-active:regions": '["us-east-1","eu-west-1"]' },
        secretKeys: [],
    });
});

test("stackFileOptions refuses a stack file that leaves default providers on", () => {
    const dir = project("config:\n  shop:size: 3\n");
    expect(() => stackFileOptions("test", dir)).toThrow(
        new Error(
            'Pulumi.test.yaml:\n  - pulumi:disable-default-providers: is not set in Pulumi.test.yaml, nor for every stack in Pulumi.yaml; allowed: ["*"] (or a list naming aws and cloudflare), in the stack file or for every stack in Pulumi.yaml',
        ),
    );
});
