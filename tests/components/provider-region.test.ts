import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MockKit } from "../../mock-kit";
import { knownProviderRegion, providerRegionProblem, regionGatedOptions, rememberProviderRegion } from "../../components/provider-region";

describe("providerRegionProblem", () => {
    test.each([
        ["us-east-1", "us-east-1", undefined],
        ["us-east-1", "us-west-2", 'RegionalService "svc": region "us-east-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "us-east-1"'],
        ["eu-west-1", undefined, 'RegionalService "svc": its provider has no region; allowed: an aws.Provider with region "eu-west-1"'],
        ["eu-west-1", "", 'RegionalService "svc": its provider has no region; allowed: an aws.Provider with region "eu-west-1"'],
    ])("region %s, provider %s", (region, providerRegion, message) => {
        expect(providerRegionProblem('RegionalService "svc"', region, providerRegion)).toBe(message);
    });
});

describe("regionGatedOptions", () => {
    test("a recorded provider of the region: plain options, and after() lists exactly its dependencies", async () => {
        const kit = MockKit.install({ stack: "test" });
        await kit.runProgram(() => {
            const provider = rememberProviderRegion(new aws.Provider("aws-eu-west-1", { region: "eu-west-1" }), "eu-west-1");
            const parent = new pulumi.ComponentResource("test:index:Parent", "parent");
            const gated = regionGatedOptions(parent, provider, "eu-west-1", 'Parent "parent"');
            expect(knownProviderRegion(provider)).toBe("eu-west-1");
            expect(gated.opts).toEqual({ parent, provider });
            expect(gated.after(provider)).toEqual({ parent, provider, dependsOn: [provider] });
            return {};
        });
    });

    test("a recorded provider of another region fails at once, naming the subject", async () => {
        const kit = MockKit.install({ stack: "test" });
        await expect(
            kit.runProgram(() => {
                const provider = rememberProviderRegion(new aws.Provider("aws-us-west-2", { region: "us-west-2" }), "us-west-2");
                regionGatedOptions(new pulumi.ComponentResource("test:index:Parent", "parent"), provider, "eu-west-1", 'Parent "parent"');
                return {};
            }),
        ).rejects.toThrow('Parent "parent": region "eu-west-1" does not match the region of its provider ("us-west-2"); allowed: opts.provider of region "eu-west-1"');
    });

    test("a provider nobody recorded: every child waits on the Output check", async () => {
        const kit = MockKit.install({ stack: "test" });
        await kit.runProgram(() => {
            const provider = new aws.Provider("aws-eu-west-1", { region: "eu-west-1" });
            const gated = regionGatedOptions(new pulumi.ComponentResource("test:index:Parent", "parent"), provider, "eu-west-1", 'Parent "parent"');
            expect(pulumi.Output.isInstance(gated.opts.dependsOn)).toBe(true);
            expect(pulumi.Output.isInstance(gated.after(provider).dependsOn)).toBe(true);
            return {};
        });
    });
});
