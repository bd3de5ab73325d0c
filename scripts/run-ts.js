#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: .ts files are compiled on require with SWC (type-checking
// is `npm run typecheck`'s job). Usage: node scripts/run-ts.js <file.ts> [args...]
"use strict";
const fs = require("fs");
const path = require("path");
const { transformSync } = require("@swc/core");

const options = {
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
    sourceMaps: "inline",
};

require.extensions[".ts"] = function compileTs(module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = transformSync(source, { ...options, filename });
    module._compile(code, filename);
};

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
    console.error("usage: node scripts/run-ts.js <file.ts> [args...]");
    process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
require(path.resolve(entry));
