/**
 * Which inputs of a registration were secret, path by path: the kit reads them from the wire form only when a
 * top-level input is secret (deserializing lifts a nested secret's secretness to its top-level input).
 */
import * as pulumi from "@pulumi/pulumi";
import { MockKit } from "../../mock-kit";

class TestProvider extends pulumi.ProviderResource {
    constructor(name: string) {
        super("test", name, {});
    }
}

class Probe extends pulumi.CustomResource {
    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts: pulumi.CustomResourceOptions) {
        super("test:index:Probe", name, props, opts);
    }
}

test("secret inputs are recorded by exact path, nested ones too; a registration without secrets has none", async () => {
    const kit = MockKit.install({ strict: false });
    await kit.runProgram(() => {
        const provider = new TestProvider("p");
        new Probe("plain", { a: "x", b: { c: [1, 2] } }, { provider });
        new Probe("secret", { token: pulumi.secret("t"), nested: { keep: "k", key: pulumi.secret("s") }, list: ["a", pulumi.secret("b")], plain: "p" }, { provider });
    });
    const paths = (name: string) => kit.resources.find((r) => r.name === name)!.secretInputPaths.sort();
    expect(paths("plain")).toEqual([]);
    expect(paths("secret")).toEqual(["list.1", "nested.key", "token"]);
});
