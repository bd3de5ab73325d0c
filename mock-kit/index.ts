/**
 * The mock kit: runs Pulumi programs in-process under `pulumi.runtime.setMocks` and records every registered
 * resource (type, name, URN, inputs, provider, parent, protect, retainOnDelete, aliases, computed outputs).
 *
 * Used by the unit tests and by the offline plan command, so it lives outside `tests/`.
 *
 * What the mock runtime of @pulumi/pulumi 3.248 does not give us, the kit adds by wrapping its monitor: the
 * parent, protect/retainOnDelete and aliases of each registration, and a check that every custom resource names
 * an explicit provider (the real engine enforces `pulumi:disable-default-providers`; the mocks do not).
 * What mocks cannot prove: real URN continuity across a deployment (aliases are recorded, not resolved), engine
 * enforcement of `protect`, and provider-side validation (see the strict validators for what we check instead).
 */
import * as pulumi from "@pulumi/pulumi";
import { computeInvoke, computeOutputs } from "./outputs";
import { createStrictValidator, strictOptionsFromConfig, StrictValidator } from "./strict";

// Internal modules of @pulumi/pulumi: the monitor and config store are not on its public surface.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const debuggable = require("@pulumi/pulumi/runtime/debuggable");

/**
 * The SDK's `debuggablePromise` without what only its leak report (printed at process exit, never under the kit)
 * reads: three properties and a stack trace on every promise, and a set holding every pending one (tens of
 * thousands in a fleet's run, kept alive for the garbage collector to trace). The same two chained steps, so the
 * order in which promises settle is the SDK's own.
 */
function leanDebuggablePromise<T>(p: Promise<T>): Promise<T> {
    return p
        .then((val) => val)
        .catch((err) => {
            err.promise = p;
            throw err;
        });
}

export { MOCK_ACCOUNT_ID } from "./outputs";
export { loadStackConfig, StackFileConfig } from "./stack-file";
export { changeKind, ChangeKind, REPLACING_INPUTS } from "./replacements";

/** Resource types that are not regional: the plan reports them in region "global". */
const GLOBAL_TYPE_PREFIXES = ["aws:route53/", "aws:iam/", "cloudflare:", "pulumi:"];

export interface RecordedResource {
    type: string;
    name: string;
    urn: string;
    id: string;
    custom: boolean;
    /** URN of the parent resource, undefined for the stack itself. */
    parent?: string;
    /** URN of the explicit provider the resource was registered with. */
    providerUrn?: string;
    /** The region of the resource's provider, "global" for non-regional services, undefined for components. */
    region?: string;
    inputs: Record<string, any>;
    /** Dotted paths of inputs that were secret. */
    secretInputPaths: string[];
    outputs: Record<string, any>;
    protect: boolean;
    retainOnDelete: boolean;
    /** Replaced delete-first (`deleteBeforeReplace`); Pulumi's default is create-before-delete. */
    deleteBeforeReplace: boolean;
    aliases: unknown[];
    dependsOn: string[];
    ignoreChanges: string[];
}

export interface MockKitOptions {
    project?: string;
    stack?: string;
    organization?: string;
    /** Run as a preview (the default) or as an update. */
    preview?: boolean;
    /** Stack config as the engine hands it to a program: "namespace:key" -> string (objects JSON-encoded). */
    config?: Record<string, string>;
    /** Config keys whose values are secret. */
    secretKeys?: string[];
    /**
     * Outputs of stacks read through StackReferences, by fully qualified stack name. The program reads its own
     * previous outputs this way to know what is deployed.
     */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /** Validate resource inputs against the documented API constraints (default true). */
    strict?: boolean;
    /**
     * Regions whose API endpoints are down: every provider function (invoke) with a provider of one of them fails
     * the way an unreachable endpoint does. A program that must survive a regional outage makes none. @default []
     */
    unreachableRegions?: string[];
    /**
     * Keep stack traces while the program runs. Off by default: the SDK captures one for every promise it makes,
     * which is about 40 % of a run, and formats a whole one for every resource (the source position it sends the
     * engine, which nobody reads under the kit: another third). Errors keep their messages without them.
     * @default true when KIT_STACK_TRACES=1
     */
    stackTraces?: boolean;
    /**
     * Replaces the state the kit reports for a custom resource (inputs plus the outputs the cloud computes) with
     * your own, e.g. Pulumi's echo-inputs state plus a few outputs. @default the computed state as it is
     */
    shapeOutputs?: (resource: { type: string; name: string; inputs: Record<string, any>; computed: Record<string, any> }) => Record<string, any>;
}

/** Thrown by the kit when a registration breaks a rule the real engine or provider would enforce. */
export class MockRegistrationError extends Error {}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function findSecretPaths(value: unknown, path: string, out: string[]): void {
    if (value === null || typeof value !== "object") return;
    const obj = value as Record<string, unknown>;
    if (obj[SECRET_SIG] === SECRET_VALUE) {
        out.push(path);
        return;
    }
    for (const [k, v] of Object.entries(obj)) findSecretPaths(v, path ? `${path}.${k}` : k, out);
}

export class MockKit {
    readonly resources: RecordedResource[] = [];
    readonly errors: Error[] = [];
    /** What the last program run returned (its stack outputs, unresolved). */
    outputs: Record<string, unknown> = {};
    private readonly byUrn = new Map<string, RecordedResource>();
    private readonly options: MockKitOptions;
    /** One validator per kit: cross-resource rules see this program's earlier registrations, never another kit's. */
    private readonly strict: StrictValidator;
    /** The inputs the mock monitor handed newResource for the registration in progress (see wrapMonitor). */
    private lastInputs: Record<string, any> | undefined;

    private constructor(options: MockKitOptions) {
        this.options = options;
        this.strict = createStrictValidator(strictOptionsFromConfig(options.config));
    }

    /** Installs mocks and config in this process. Call before the program (or a component) is constructed. */
    static install(options: MockKitOptions = {}): MockKit {
        const kit = new MockKit(options);
        const preview = options.preview ?? true;
        pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
        void pulumi.runtime.setMocks(
            {
                newResource: (args) => kit.newResource(args),
                call: (args) => kit.call(args),
            },
            options.project ?? "active-active",
            options.stack ?? "test",
            preview,
            options.organization ?? "organization",
        );
        kit.wrapMonitor();
        return kit;
    }

    /**
     * Runs a program the way the language host does: inside a root `pulumi:pulumi:Stack`, then waits until every
     * registration has settled. Rejects with the program's error, or the first registration error.
     */
    async runProgram<T>(program: () => T | Promise<T>): Promise<Record<string, unknown>> {
        // A program that throws must not reject the root stack's own promises: the SDK leaves some of them
        // unobserved, and an unhandled rejection would end the process. Keep the error and rethrow it after.
        let programError: unknown;
        // An error thrown inside an apply surfaces in the SDK as an unhandled rejection (the language host reports
        // it as the program's failure); collect it the same way instead of letting it end the process. Jest
        // still reports such rejections itself, so the program's own guards throw before registering, not in
        // applies (see program.ts).
        const onUnhandled = (reason: unknown) => {
            this.errors.push(reason instanceof Error ? reason : new Error(String(reason)));
        };
        process.on("unhandledRejection", onUnhandled);
        // The SDK captures and formats a stack trace for every promise it makes (for a leak report the kit never
        // prints): about 40 % of a run, more under jest's source-mapped traces. Errors keep their messages.
        const stackTraceLimit = Error.stackTraceLimit;
        const resourceClass = pulumi.Resource as unknown as { stackTrace: (skip: number) => unknown[] };
        const stackTrace = resourceClass.stackTrace;
        const debuggablePromise = debuggable.debuggablePromise;
        if (!(this.options.stackTraces ?? process.env.KIT_STACK_TRACES === "1")) {
            Error.stackTraceLimit = 0;
            resourceClass.stackTrace = () => [];
            debuggable.debuggablePromise = leanDebuggablePromise;
        }
        let outputs: unknown;
        try {
            outputs = await pulumi.runtime.runInPulumiStack(async () => {
                try {
                    return await program();
                } catch (e) {
                    programError = e;
                    return {};
                }
            });
            await this.settle();
            if (this.options.strict !== false) for (const problem of this.strict.finish()) this.errors.push(new MockRegistrationError(problem));
            // Rejections are reported a few turns of the event loop after the registration that failed.
            for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
        } finally {
            process.off("unhandledRejection", onUnhandled);
            Error.stackTraceLimit = stackTraceLimit;
            resourceClass.stackTrace = stackTrace;
            debuggable.debuggablePromise = debuggablePromise;
        }
        if (programError !== undefined) throw programError;
        if (this.errors.length > 0) throw this.errors[0];
        this.outputs = (outputs ?? {}) as Record<string, unknown>;
        return this.outputs;
    }

    /** Waits until every outstanding registration and output has resolved. */
    async settle(): Promise<void> {
        await settings.waitForRPCs();
        this.assignRegions();
    }

    /** The value of an Input or Output once known (undefined when unknown during preview). */
    unwrap<T>(value: pulumi.Input<T>): Promise<T> {
        return new Promise<T>((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
    }

    resourcesOfType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The custom resources grouped by the region of their provider ("global" for non-regional services). */
    byRegion(): Map<string, RecordedResource[]> {
        const out = new Map<string, RecordedResource[]>();
        for (const r of this.resources) {
            if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
            const key = r.region ?? "unknown";
            out.set(key, [...(out.get(key) ?? []), r]);
        }
        return out;
    }

    /** The one resource of this type and logical name; throws when there is none or several. */
    get(type: string, name: string): RecordedResource {
        const found = this.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
        }
        return found[0]!;
    }

    /** The direct children of a resource. */
    childrenOf(parent: RecordedResource): RecordedResource[] {
        return this.resources.filter((r) => r.parent === parent.urn);
    }

    /** Every resource below a resource, at any depth. */
    descendantsOf(parent: RecordedResource): RecordedResource[] {
        const out: RecordedResource[] = [];
        const walk = (p: RecordedResource) => {
            for (const c of this.childrenOf(p)) {
                out.push(c);
                walk(c);
            }
        };
        walk(parent);
        return out;
    }

    /** The region of the provider a resource was registered with. */
    providerRegion(r: RecordedResource): string | undefined {
        if (!r.providerUrn) return undefined;
        const provider = this.byUrn.get(r.providerUrn);
        return provider?.inputs.region as string | undefined;
    }

    private assignRegions(): void {
        for (const r of this.resources) {
            if (!r.custom) continue;
            if (r.type.startsWith("pulumi:providers:")) {
                r.region = (r.inputs.region as string | undefined) ?? "global";
            } else if (GLOBAL_TYPE_PREFIXES.some((p) => r.type.startsWith(p))) {
                r.region = "global";
            } else {
                r.region = this.providerRegion(r) ?? "unknown";
            }
        }
    }

    private wrapMonitor(): void {
        const monitor = settings.getMonitor();
        const original = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
            const type: string = req.getType();
            const name: string = req.getName();
            const custom: boolean = req.getCustom();
            const parent: string = req.getParent();
            const providerRef: string = req.getProvider();
            // The mock monitor deserializes the same inputs for newResource, synchronously inside the call below:
            // the record keeps that object instead of deserializing them a second time.
            this.lastInputs = undefined;
            const secretInputPaths: string[] = [];
            const providerUrn = providerRef ? providerRef.split("::").slice(0, -1).join("::") : undefined;
            const isProvider = type.startsWith("pulumi:providers:");
            if (custom && !isProvider && !type.startsWith("pulumi:pulumi:") && !providerUrn) {
                // Recorded, and the registration goes on: failing it would leave every resource that waits on its
                // outputs pending for ever (see newResource); runProgram fails with it once the program settles.
                this.errors.push(
                    new MockRegistrationError(
                        `${type} "${name}" has no explicit provider; default providers are disabled (pulumi:disable-default-providers), so pass a provider through opts`,
                    ),
                );
            }
            let inputs: Record<string, any> | undefined;
            original(req, (err: any, resp: any) => {
                if (err) {
                    // A strict-validation failure was recorded where it was raised.
                    if (!this.errors.includes(err)) this.errors.push(err instanceof Error ? err : new Error(String(err)));
                    callback(err, resp);
                    return;
                }
                // The SDK logs every response with its protobuf toString (debug level, unread under mocks), which is a
                // third of a program's run time; a short label serves that log line as well.
                resp.toString = () => `RegisterResourceResponse(${type}::${name})`;
                const urn: string = resp.getUrn();
                const record: RecordedResource = {
                    type,
                    name,
                    urn,
                    id: resp.getId(),
                    custom,
                    parent: parent || undefined,
                    providerUrn,
                    inputs: inputs ?? rpc.deserializeProperties(req.getObject()),
                    secretInputPaths,
                    outputs: rpc.deserializeProperties(resp.getObject()),
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    deleteBeforeReplace: req.getDeletebeforereplace?.() === true,
                    aliases: (req.getAliasesList?.() ?? []).map((a: any) => a.toObject()),
                    dependsOn: req.getDependenciesList?.() ?? [],
                    ignoreChanges: req.getIgnorechangesList?.() ?? [],
                };
                this.resources.push(record);
                this.byUrn.set(urn, record);
                callback(err, resp);
            });
            inputs = this.lastInputs;
            // Deserializing lifts a nested secret's secretness to its top-level input, so only a registration with a
            // secret top-level input has secret paths to find; those are read from the wire form, path by path.
            if (!inputs || Object.values(inputs).some((v) => rpc.isRpcSecret(v))) findSecretPaths(req.getObject()?.toJavaScript() ?? {}, "", secretInputPaths);
        };
    }

    private regionOfProviderRef(providerRef: string | undefined): string | undefined {
        if (!providerRef) return undefined;
        const urn = providerRef.split("::").slice(0, -1).join("::");
        return this.byUrn.get(urn)?.inputs.region as string | undefined;
    }

    /** Whether the resource's AWS provider skips the account-id lookup (`skipRequestingAccountId`). */
    private providerSkipsAccountId(providerRef: string | undefined): boolean {
        if (!providerRef) return false;
        const urn = providerRef.split("::").slice(0, -1).join("::");
        const skip = this.byUrn.get(urn)?.inputs.skipRequestingAccountId;
        return skip === true || skip === "true";
    }

    private newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        this.lastInputs = args.inputs;
        if (args.type === "pulumi:pulumi:StackReference") {
            const stackName = String(args.inputs.name ?? args.name);
            const outputs = this.options.stackOutputs?.[stackName] ?? {};
            return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
        }
        if (!args.custom) return { id: "", state: args.inputs };
        const region = args.type.startsWith("pulumi:providers:")
            ? (args.inputs.region as string | undefined)
            : this.regionOfProviderRef(args.provider);
        if (this.options.strict !== false) {
            const problems = this.strict.validate({ type: args.type, name: args.name, inputs: args.inputs, region });
            // Recorded, not thrown: a failed registration leaves the outputs of every resource that waits on it
            // pending for ever (the SDK never resolves a resource whose inputs failed to serialize), so the program
            // would never settle and the process would exit with a "promises still active" report instead of the
            // error. runProgram fails with the first recorded error once the program has settled.
            if (problems.length > 0) this.errors.push(new MockRegistrationError(`${args.type} "${args.name}": ${problems.join("; ")}`));
        }
        const accountIdKnown = !this.providerSkipsAccountId(args.provider);
        const computed = computeOutputs({ type: args.type, name: args.name, inputs: args.inputs, region, accountIdKnown });
        const shape = this.options.shapeOutputs;
        return shape ? { id: computed.id, state: shape({ type: args.type, name: args.name, inputs: args.inputs, computed: computed.state }) } : computed;
    }

    private call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const region = this.regionOfProviderRef(args.provider);
        if (region && this.options.unreachableRegions?.includes(region)) {
            throw new Error(`${args.token}: dial tcp: lookup sts.${region}.amazonaws.com: connect: connection refused (region ${region} is unreachable)`);
        }
        return computeInvoke(args.token, region);
    }
}
