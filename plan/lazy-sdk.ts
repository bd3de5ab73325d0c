/**
 * Start-up of the plan command: parts of @pulumi/pulumi that a plan never uses are loaded only if something
 * reaches into them. On every start the SDK's index loads the Automation API, and its runtime loads function
 * serialization, which loads npm's Arborist and the TypeScript compiler: ~560 of the ~1,440 modules a prod plan
 * loaded, ~0.5 s of its 2.2 s here. Each is replaced in
 * Node's module cache by a stand-in that loads the real module on first use, so nothing changes for a program that
 * does use them. Required first by plan/cli.ts, before anything loads the SDK; `pulumi up` and the tests load the
 * SDK as it is.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require("module");

/**
 * Puts a stand-in for `request` in the module cache, unless it is loaded already. `functions`: exported functions
 * the SDK reads when it loads (to re-export them); the stand-in answers those with a function that loads the module
 * when called.
 */
export function deferModule(request: string, options: { esModule: boolean; functions?: string[] }): void {
    const filename = require.resolve(request);
    if (require.cache[filename]) return;
    let real: Record<string | symbol, unknown> | undefined;
    const load = (): Record<string | symbol, unknown> => {
        if (!real) {
            delete require.cache[filename];
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            real = require(filename) as Record<string | symbol, unknown>;
        }
        return real;
    };
    const forwarders = new Map<string | symbol, unknown>();
    const forwarder = (key: string | symbol) => {
        if (!forwarders.has(key)) forwarders.set(key, (...args: unknown[]) => (load()[key] as (...a: unknown[]) => unknown)(...args));
        return forwarders.get(key);
    };
    const exports = new Proxy({} as Record<string | symbol, unknown>, {
        get: (_target, key) => {
            if (real) return real[key];
            // TypeScript's __importStar asks for __esModule first: answered without loading.
            if (key === "__esModule") return options.esModule;
            if (typeof key === "string" && options.functions?.includes(key)) return forwarder(key);
            return load()[key];
        },
        has: (_target, key) => key in load(),
        ownKeys: () => Reflect.ownKeys(load()),
        getOwnPropertyDescriptor: (_target, key) => {
            const d = Reflect.getOwnPropertyDescriptor(load(), key);
            return d && { ...d, configurable: true };
        },
    });
    const stub = new Module(filename);
    stub.filename = filename;
    stub.loaded = true;
    stub.exports = exports;
    require.cache[filename] = stub;
}

deferModule("@pulumi/pulumi/automation", { esModule: true });
// Function serialization (for dynamic providers and callbacks turned into code): its code-path walker loads npm's
// Arborist, its parser the TypeScript compiler.
deferModule("@pulumi/pulumi/runtime/closure/serializeClosure", { esModule: true, functions: ["serializeFunctionAsync", "serializeFunction"] });
deferModule("@pulumi/pulumi/runtime/closure/codePaths", { esModule: true, functions: ["computeCodePaths"] });
deferModule("@pulumi/pulumi/typescript-shim", { esModule: false });
