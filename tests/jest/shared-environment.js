/**
 * The fast suite's test environment: jest's node environment, with one JavaScript realm per worker and the Pulumi
 * SDKs (`@pulumi/*` and what they require) loaded once per worker instead of once per test file.
 *
 * Why: loading @pulumi/pulumi and @pulumi/aws into a fresh module registry costs ~1.5 s per test file, and more than
 * half the files need them. Sharing the modules needs a shared realm: the SDK tells arrays and promises apart with
 * `instanceof Array` / `instanceof Promise` (runtime/rpc.js), which fails for values made in another realm.
 *
 * What stays per file: jest's module registry for everything else (our own code is loaded afresh for each file, so
 * module state of ours never leaks between files), mocks, fake timers, the test globals. What is shared: the SDKs'
 * module state. The SDK's runtime state is reset by every `MockKit.install` (mocks, config, the monitor), which is
 * what a test file with several programs relied on already.
 *
 * Set JEST_SHARED_SDK=0 to run with jest's own isolation (one realm and registry per file), e.g. to rule this
 * environment out when a test misbehaves.
 */
"use strict";
const Module = require("module");
const path = require("path");
const fs = require("fs");
const vm = require("vm");
const { TestEnvironment } = require("jest-environment-node");
const { ModuleMocker } = require("jest-mock");
const { LegacyFakeTimers, ModernFakeTimers } = require("@jest/fake-timers");

const ENABLED = process.env.JEST_SHARED_SDK !== "0";

/**
 * jest-circus makes an AsyncLocalStorage for every test file and never disables it; Node runs every enabled one's
 * hook on every promise made afterwards, so each file made every later file slower (by the end of a worker's files,
 * a third of the suite's time), and the storages kept every finished file's realm alive for the garbage collector to
 * walk. The storages made while a file runs are disabled when it is torn down.
 */
const asyncHooks = require("async_hooks");
const NativeAsyncLocalStorage = asyncHooks.AsyncLocalStorage;
let fileStorages = null;
class FileAsyncLocalStorage extends NativeAsyncLocalStorage {
    constructor(...args) {
        super(...args);
        if (fileStorages) fileStorages.push(this);
    }
}
asyncHooks.AsyncLocalStorage = FileAsyncLocalStorage;

/**
 * Packages loaded once per worker: the Pulumi SDKs, and libraries that keep no state a test file could see (their
 * modules only define functions and classes; what a test makes of them is its own). Not shared: anything that
 * reads the environment when it loads (Powertools), the DynamoDB engine, and every module of ours.
 */
const SHARED_PACKAGES = ["@pulumi/", "@aws-sdk/", "@smithy/", "zod", "yaml", "typescript", "esbuild"];

/** Module specifiers that are loaded once per worker. */
function isShared(moduleName) {
    return ENABLED && typeof moduleName === "string" && SHARED_PACKAGES.some((p) => (p.endsWith("/") ? moduleName.startsWith(p) : moduleName === p || moduleName.startsWith(`${p}/`)));
}

/**
 * A CommonJS loader that evaluates files in one vm context (Node's resolution, Node's core modules), the way Node
 * itself loads them, with its own cache.
 */
class SharedModules {
    constructor(context) {
        this.context = context;
        this.cache = new Map();
    }

    /** `require(request)` as seen from the file `from`. */
    requireFrom(from, request) {
        if (Module.isBuiltin(request)) return require(request);
        const parent = { id: from, filename: from, paths: Module._nodeModulePaths(path.dirname(from)) };
        return this.load(Module._resolveFilename(request, parent, false));
    }

    load(filename) {
        const cached = this.cache.get(filename);
        if (cached) return cached.exports;
        const dirname = path.dirname(filename);
        const module = { id: filename, filename, path: dirname, exports: {}, loaded: false, children: [], paths: Module._nodeModulePaths(dirname) };
        this.cache.set(filename, module);
        try {
            if (filename.endsWith(".json")) {
                module.exports = vm.runInContext(`JSON.parse(${JSON.stringify(fs.readFileSync(filename, "utf8"))})`, this.context);
            } else if (filename.endsWith(".node")) {
                process.dlopen(module, filename);
            } else {
                let source = fs.readFileSync(filename, "utf8");
                if (source.startsWith("#!")) source = `//${source}`;
                const fn = vm.compileFunction(source, ["exports", "require", "module", "__filename", "__dirname"], {
                    filename,
                    parsingContext: this.context,
                });
                const req = (request) => this.requireFrom(filename, request);
                req.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
                req.cache = Object.create(null);
                req.main = undefined;
                module.require = req;
                fn.call(module.exports, module.exports, req, module, filename, dirname);
            }
        } catch (e) {
            this.cache.delete(filename);
            throw e;
        }
        module.loaded = true;
        return module.exports;
    }
}

/** One per worker process: the realm every test file of the worker runs in, and its shared modules. */
let shared;

class SharedSdkEnvironment extends TestEnvironment {
    constructor(config, context) {
        super(config, context);
        this.storages = [];
        fileStorages = this.storages;
        if (!ENABLED) return;
        if (!shared) {
            shared = { context: this.context, global: this.global, proxy: this._globalProxy, modules: new SharedModules(this.context) };
            return;
        }
        // The realm jest just made for this file is dropped; this file runs in the worker's shared realm, with
        // mocks and fake timers of its own.
        this._ownProxy = this._globalProxy;
        const ownProcess = this.global.process;
        this.context = shared.context;
        this.global = shared.global;
        // This file's own sandbox `process` (its own copy of the environment variables).
        this.global.process = ownProcess;
        const { projectConfig } = config;
        this.moduleMocker = new ModuleMocker(this.global);
        this.fakeTimers = new LegacyFakeTimers({
            config: projectConfig,
            global: this.global,
            moduleMocker: this.moduleMocker,
            timerConfig: { idToRef: (id) => ({ id, ref() { return this; }, unref() { return this; } }), refToId: (t) => t && t.id },
        });
        this.fakeTimersModern = new ModernFakeTimers({ config: projectConfig, global: this.global });
    }

    /** Loads `request` (a `@pulumi/...` specifier) in the shared realm; used by the shared runtime. */
    sharedRequire(from, request) {
        return shared.modules.requireFrom(from, request);
    }

    async teardown() {
        // The shared realm's own storage (the SDK's, on its global) lives on; every other one of this file goes.
        for (const storage of this.storages) if (!shared || storage !== shared.global.asyncLocalStorage) storage.disable();
        if (fileStorages === this.storages) fileStorages = null;
        if (!ENABLED) return super.teardown();
        if (this.fakeTimers) this.fakeTimers.dispose();
        if (this.fakeTimersModern) this.fakeTimersModern.dispose();
        this.fakeTimers = null;
        this.fakeTimersModern = null;
        // The shared realm outlives the file; a realm made and dropped for this file is cleared.
        if (this._ownProxy) this._ownProxy.clear();
        this.context = null;
    }
}

SharedSdkEnvironment.isShared = isShared;
module.exports = SharedSdkEnvironment;
module.exports.TestEnvironment = SharedSdkEnvironment;
module.exports.isShared = isShared;
