/**
 * Rules about the stack file itself (`Pulumi.<stack>.yaml`) rather than the program's keys: what the engine reads
 * there and the program never sees. Pure and free of the schema library, so the mock kit (and `active-active/testing`)
 * apply them wherever a stack file is loaded: the offline plan, the tests, a consumer's unit tests.
 */
import { missing, Problem, problem } from "../packages/aws-facts";

export const DISABLE_DEFAULT_PROVIDERS = "pulumi:disable-default-providers";

/** The packages whose providers the program creates explicitly: their default providers must be off. */
export const EXPLICIT_PROVIDER_PACKAGES = ["aws", "cloudflare"] as const;

const ALLOWED = `["*"] (or a list naming ${EXPLICIT_PROVIDER_PACKAGES.join(" and ")}), in the stack file or for every stack in Pulumi.yaml`;

/** A Pulumi.yaml `config:` entry: a plain value, or `{ value: ... }`. */
function projectValue(entry: unknown): unknown {
    if (entry !== null && typeof entry === "object" && !Array.isArray(entry) && "value" in entry) return (entry as { value: unknown }).value;
    return entry;
}

/**
 * Default providers must be off for every package the program uses, so a resource that forgets its provider fails
 * instead of landing in whatever region the machine's environment names. The stack file's value wins over the
 * project's, as in the engine (a stack's own config overrides Pulumi.yaml's).
 */
export function defaultProvidersProblems(stackFile: string, stackConfig: Readonly<Record<string, unknown>>, projectConfig: Readonly<Record<string, unknown>> = {}): Problem[] {
    const inStack = Object.hasOwn(stackConfig, DISABLE_DEFAULT_PROVIDERS);
    const value = inStack ? stackConfig[DISABLE_DEFAULT_PROVIDERS] : projectValue(projectConfig[DISABLE_DEFAULT_PROVIDERS]);
    if (value === undefined) {
        return [missing(DISABLE_DEFAULT_PROVIDERS, `is not set in ${stackFile}, nor for every stack in Pulumi.yaml`, ALLOWED, "default-providers-on")];
    }
    const listed = Array.isArray(value) ? value : [];
    const left = listed.includes("*") ? [] : EXPLICIT_PROVIDER_PACKAGES.filter((p) => !listed.includes(p));
    if (left.length === 0) return [];
    const where = inStack ? stackFile : "Pulumi.yaml";
    return [problem(DISABLE_DEFAULT_PROVIDERS, value, `in ${where} leaves the default provider of ${left.join(", ")} on`, ALLOWED, "default-providers-on")];
}
