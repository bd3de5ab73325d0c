/**
 * Pulumi.yaml and the stack files agree with config/: the project's declared defaults are the ones config/
 * applies, every stack disables default providers, and the project points at the right entry point and folder.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { NAMESPACE, parseConfig } from "../../config";
import { configSource, StackName } from "../helpers/config-source";

const ROOT = path.resolve(__dirname, "..", "..");

interface ProjectConfigType {
    type: string;
    items?: { type: string };
    default?: unknown;
    description?: string;
}
interface ProjectFile {
    name: string;
    main: string;
    stackConfigDir: string;
    runtime: { name: string; options?: Record<string, unknown> };
    config: Record<string, ProjectConfigType>;
}

const PROJECT_FILE = path.join(ROOT, "Pulumi.yaml");
const STACKS: StackName[] = ["dev", "staging", "prod"];

/** Parsed on use, so that a file the CLI cannot read fails its tests rather than the whole suite. */
function projectFile(): ProjectFile {
    return parse(fs.readFileSync(PROJECT_FILE, "utf8")) as ProjectFile;
}

function stackFile(stack: StackName): { config: Record<string, unknown> } {
    return parse(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8"));
}

test("Pulumi.yaml is valid YAML (the Pulumi CLI parses it strictly too)", () => {
    // A plain scalar may not contain ": " — Go's YAML parser rejects it as the `yaml` package does.
    expect(() => parse(fs.readFileSync(PROJECT_FILE, "utf8"))).not.toThrow();
});

test("the project is active-active, a TypeScript program at index.ts with its stacks in stacks/", () => {
    const project = projectFile();
    expect({ name: project.name, main: project.main, stackConfigDir: project.stackConfigDir, runtime: project.runtime.name }).toEqual({
        name: NAMESPACE,
        main: "index.ts",
        stackConfigDir: "stacks",
        runtime: "nodejs",
    });
    expect(fs.existsSync(path.join(ROOT, project.main))).toBe(true);
});

test("the stack folder holds exactly the dev, staging and prod stack files", () => {
    const files = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.ya?ml$/.test(f)).sort();
    expect(files).toEqual(["Pulumi.dev.yaml", "Pulumi.prod.yaml", "Pulumi.staging.yaml"]);
});

test.each(STACKS)("stacks/Pulumi.%s.yaml disables every default provider", (stack) => {
    expect(stackFile(stack).config["pulumi:disable-default-providers"]).toEqual(["*"]);
});

test("the project declares the six keys every stack sets, with Pulumi's types", () => {
    const project = projectFile();
    const declared = Object.fromEntries(Object.entries(project.config).map(([key, t]) => [key, t.items ? `${t.type} of ${t.items.type}` : t.type]));
    expect(declared).toEqual({
        regions: "array of string",
        homeRegion: "string",
        domain: "string",
        consistency: "string",
        traffic: "string",
        drain: "array of string",
    });
    for (const stack of STACKS) {
        const keys = Object.keys(stackFile(stack).config);
        expect(Object.keys(project.config).filter((k) => !keys.includes(`${NAMESPACE}:${k}`))).toEqual([]);
    }
});

test("the project's defaults for consistency, traffic and drain are the ones config/ applies", () => {
    const project = projectFile();
    const defaults = Object.fromEntries(
        Object.entries(project.config)
            .filter(([, t]) => t.default !== undefined)
            .map(([key, t]) => [key, t.default]),
    );
    expect(defaults).toEqual({ consistency: "eventual", traffic: "route53", drain: [] });

    const unset = parseConfig(
        configSource("dev", { set: { "active-active:consistency": undefined, "active-active:traffic": undefined, "active-active:drain": undefined } }),
    );
    expect({ consistency: unset.consistency, traffic: unset.traffic, drain: unset.drain }).toEqual(defaults);
});

test("a stack that sets the project's defaults explicitly parses to the same config as one that omits them", () => {
    const explicit = parseConfig(configSource("staging", { set: { "active-active:consistency": "eventual", "active-active:traffic": "route53", "active-active:drain": [] } }));
    const omitted = parseConfig(configSource("staging", { set: { "active-active:consistency": undefined, "active-active:traffic": undefined, "active-active:drain": undefined } }));
    expect(omitted).toEqual(explicit);
});
