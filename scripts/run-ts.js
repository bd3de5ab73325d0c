#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: .ts files are compiled on require with SWC (type-checking
// is `npm run typecheck`'s job). Usage: node scripts/run-ts.js <file.ts> [args...]
//
// Start-up is most of a plan's time, so two caches of build artefacts, each keyed on its inputs (never a cache of
// what the program or the plan computes): V8's compiled code of every module (v8-compile-cache; Node 20 has no
// module.enableCompileCache), and SWC's output per .ts file, keyed on the file's content, SWC's version and the
// options, under node_modules/.cache/run-ts. RUN_TS_CACHE=0 turns both off.
"use strict";
const caching = process.env.RUN_TS_CACHE !== "0";
if (caching) {
    try {
        require("v8-compile-cache");
    } catch {
        // An install from before this dependency (no `npm ci` since): run without the code cache.
    }
}
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const options = {
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
    sourceMaps: "inline",
};

const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "run-ts");
let swc;
let swcKey;

/** SWC loaded only when a file is not in the cache (its native module alone costs tens of milliseconds). */
function compile(source, filename) {
    swc ??= require("@swc/core");
    return swc.transformSync(source, { ...options, filename }).code;
}

function transformed(source, filename) {
    if (!caching) return compile(source, filename);
    swcKey ??= `${require("@swc/core/package.json").version}|${JSON.stringify(options)}`;
    const key = crypto.createHash("sha256").update(swcKey).update("\0").update(filename).update("\0").update(source).digest("hex");
    const file = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        const code = compile(source, filename);
        try {
            fs.mkdirSync(CACHE_DIR, { recursive: true });
            // Written whole and renamed, so a concurrent run never reads half a file.
            const tmp = `${file}.${process.pid}.tmp`;
            fs.writeFileSync(tmp, code);
            fs.renameSync(tmp, file);
        } catch {
            // A read-only tree still runs, uncached.
        }
        return code;
    }
}

require.extensions[".ts"] = function compileTs(module, filename) {
    module._compile(transformed(fs.readFileSync(filename, "utf8"), filename), filename);
};

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
    console.error("usage: node scripts/run-ts.js <file.ts> [args...]");
    process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
require(path.resolve(entry));
