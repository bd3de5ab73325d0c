/**
 * Stack users' typos: a key in no namespace the program or its providers read (`active-actve:drain`) is a bad
 * config with a did-you-mean, as is an unknown key of our own namespace; region typos get a did-you-mean before
 * the list of every region; `aws:` keys, which the explicit providers never read, are warnings, not errors.
 */
import { parseConfig } from "../../config";
import { AWS_REGIONS } from "../../packages/aws-facts";
import { configProblems, configSource } from "../helpers/config-source";

const ALL_REGIONS = AWS_REGIONS.join(", ");
const NAMESPACES = "keys in the namespaces active-active, aws, cloudflare, pulumi";

describe("bad config: keys in no known namespace", () => {
    test("bad config: a misspelt project namespace is refused, naming the key and the namespace it meant", () => {
        expect(configProblems(configSource("dev", { set: { "active-actve:drain": ["us-west-2"] } }))).toEqual([
            `active-actve:drain: is in no known namespace ("active-actve"; did you mean "active-active:drain"?); allowed: ${NAMESPACES}`,
        ]);
    });

    test("bad config: a provider namespace typo is refused too, every one at once with the other problems", () => {
        const source = configSource("dev", { set: { "clodflare:proxied": true, "active-active:drain": ["eu-west-9"], "foo:bar": 1 } });
        expect(configProblems(source)).toEqual([
            `clodflare:proxied: is in no known namespace ("clodflare"; did you mean "cloudflare:proxied"?); allowed: ${NAMESPACES}`,
            `foo:bar: is in no known namespace ("foo"); allowed: ${NAMESPACES}`,
            'active-active:drain[0]: "eu-west-9" is not one of the regions; allowed: us-east-1, us-west-2',
        ]);
    });

    test("bad config: an unknown key of our namespace names the key it most likely meant", () => {
        expect(configProblems(configSource("dev", { set: { "active-active:drian": ["us-west-2"] } }))[0]).toBe(
            'active-active:drian: unknown key (did you mean "drain"?); allowed: regions, homeRegion, accountId, domain, consistency, witnessRegion, traffic, drain, hostedZoneId, zoneName, cloudflare, table, service, health, routing, rtoTargetSeconds, clientMaxConnectionAgeSeconds, alarms, tags, protect, allowReplicaRemoval, unprotectReplicas, services',
        );
    });
});

describe("bad config: region typos say the likely region first", () => {
    test("bad config: a region one letter off", () => {
        expect(configProblems(configSource("dev", { set: { "active-active:regions": ["us-east-1", "us-wset-2"] } }))).toEqual([
            `active-active:regions[1]: "us-wset-2" is not an AWS region (did you mean "us-west-2"?); allowed: ${ALL_REGIONS}`,
        ]);
    });

    test("bad config: a drained region that is not one of the regions", () => {
        expect(configProblems(configSource("dev", { set: { "active-active:drain": ["us-west-22"] } }))).toEqual([
            'active-active:drain[0]: "us-west-22" is not one of the regions (did you mean "us-west-2"?); allowed: us-east-1, us-west-2',
        ]);
    });

    test("bad config: nothing close, no suggestion", () => {
        expect(configProblems(configSource("dev", { set: { "active-active:homeRegion": "mars-north-1" } }))).toEqual([
            `active-active:homeRegion: "mars-north-1" is not an AWS region; allowed: ${ALL_REGIONS}`,
        ]);
    });
});

describe("aws: keys are warnings", () => {
    test("a stray aws:region plans, with a warning that says why it is ignored", () => {
        const config = parseConfig(configSource("dev", { set: { "aws:region": "eu-west-1" } }));
        expect(config.warnings).toEqual([
            'aws:region: is ignored: the program gives every resource an explicit aws.Provider per region, and explicit providers read no stack config; allowed: active-active:regions, active-active:homeRegion',
        ]);
    });

    test("the stack files themselves give no warning", () => {
        for (const stack of ["dev", "staging", "prod"] as const) expect(parseConfig(configSource(stack)).warnings).toEqual([]);
    });
});
