/**
 * The components are a library: another program imports them by package name. The package's `exports` point at
 * the build (`npm run build` -> dist/); this checks the source entry exports every component class and the
 * manifest points where the build writes.
 */
import * as fs from "fs";
import * as path from "path";
import * as library from "../components";

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
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
    expect(pkg.name).toBe("active-active");
    expect(pkg.exports["."]).toEqual({ types: "./dist/components/index.d.ts", default: "./dist/components/index.js" });
    expect(pkg.types).toBe("dist/components/index.d.ts");
    const build = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "tsconfig.build.json"), "utf8"));
    expect(build.compilerOptions.outDir).toBe("dist");
    expect(build.include).toEqual(expect.arrayContaining(["components/**/*.ts", "packages/failover-model/*.ts"]));
});
