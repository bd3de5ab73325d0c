/**
 * The components are a library: another program imports them by package name. The entry lists its public names one
 * by one (nothing re-exported wholesale, so a helper never becomes API by accident), and this pins them. The built
 * package is proven the way a user meets it: `npm run build`'s output, resolved by Node through package.json
 * `exports`, with every `types` file present.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import * as library from "../components";

const ROOT = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

import { TYPES, VALUES } from "./fixtures/public-api";

/** The names an entry file exports, read from its export declarations: values, types, and `export *` lines. */
function declaredExports(file: string): { values: string[]; types: string[]; wholesale: string[] } {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const out = { values: [] as string[], types: [] as string[], wholesale: [] as string[] };
    for (const statement of source.statements) {
        if (!ts.isExportDeclaration(statement)) continue;
        const clause = statement.exportClause;
        if (!clause || !ts.isNamedExports(clause)) {
            out.wholesale.push(statement.getText());
            continue;
        }
        for (const element of clause.elements) (statement.isTypeOnly || element.isTypeOnly ? out.types : out.values).push(element.name.text);
    }
    return { values: out.values.sort(), types: out.types.sort(), wholesale: out.wholesale };
}

test("the library entry exports exactly the public API, name by name", () => {
    const declared = declaredExports(path.join(ROOT, "components/index.ts"));
    expect(declared.wholesale).toEqual([]);
    expect(declared.values).toEqual(VALUES);
    expect(declared.types).toEqual(TYPES);
    expect(Object.keys(library).sort()).toEqual(VALUES);
});

test("the library entry exports every component", () => {
    expect(Object.keys(library).filter((k) => /^[A-Z][a-z]/.test(k) && typeof (library as any)[k] === "function" && !k.endsWith("Error")).sort()).toEqual([
        "ActiveActiveStack",
        "CloudflareLoadBalancer",
        "GlobalTable",
        "LatencyRouting",
        "RegionalService",
        "ValidationRecords",
    ]);
});

test("package.json exports the built library with its type declarations", () => {
    expect(pkg.name).toBe("active-active");
    expect(pkg.exports["."]).toEqual({ types: "./dist/components/index.d.ts", default: "./dist/components/index.js" });
    expect(pkg.types).toBe("dist/components/index.d.ts");
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8"));
    expect(build.compilerOptions.outDir).toBe("dist");
    expect(build.include).toEqual(expect.arrayContaining(["components/**/*.ts", "packages/failover-model/*.ts"]));
});

test("every subpath entry resolves under moduleResolution node too: typesVersions maps it to the same declarations", () => {
    const subpaths = Object.keys(pkg.exports).filter((e) => e !== "." && e !== "./package.json");
    expect(subpaths).toEqual(expect.arrayContaining(["./config", "./testing"]));
    // `node` resolution (Pulumi's template tsconfig) ignores `exports`; `typesVersions` is what it reads.
    expect(pkg.typesVersions).toEqual({ "*": Object.fromEntries(subpaths.map((e) => [e.slice(2), [pkg.exports[e].types.slice(2)]])) });
});

test("active-active/testing is the mock kit's public entry, built with the library", () => {
    expect(pkg.exports["./testing"]).toEqual({ types: "./dist/mock-kit/testing.d.ts", default: "./dist/mock-kit/testing.js" });
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8"));
    expect(build.include).toEqual(expect.arrayContaining(["mock-kit/**/*.ts", "config/**/*.ts"]));
});
