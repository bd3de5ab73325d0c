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

const VALUES = [
    "APP_ENTRY",
    "ActiveActiveStack",
    "ArgsError",
    "BundleError",
    "CLOUDFLARE_LOAD_BALANCER_DEFAULTS",
    "CloudflareLoadBalancer",
    "DEFAULT_ALARM_THRESHOLDS",
    "DEFAULT_DEPLOYMENT_CONFIG",
    "GLOBAL_TABLE_DEFAULTS",
    "GlobalTable",
    "LAMBDA_HANDLER",
    "LATENCY_ROUTING_DEFAULTS",
    "LatencyRouting",
    "REGIONAL_SERVICE_DEFAULTS",
    "RegionalService",
    "VALIDATION_RECORD_TTL_SECONDS",
    "ValidationRecords",
    "appArchive",
    "bundleSource",
    "rememberProviderRegion",
    "validateCloudflareLoadBalancerArgs",
    "validateGlobalTableArgs",
    "validateGlobalTableTopology",
    "validateLatencyRoutingArgs",
    "validateProviderAccounts",
    "validateRegionalServiceArgs",
    "validateReplicaChanges",
];

const TYPES = [
    "ActiveActiveSettings",
    "ActiveActiveStackArgs",
    "ActiveActiveStackOutputs",
    "AlarmThresholds",
    "CloudflareLoadBalancerArgs",
    "CloudflareLoadBalancerRegion",
    "CloudflareValidationArgs",
    "Consistency",
    "DeployedTable",
    "DeploymentOutput",
    "DeploymentRecord",
    "DomainTarget",
    "ExternalMode",
    "GlobalSecondaryIndexSpec",
    "GlobalTableArgs",
    "GlobalTableAutoscaling",
    "GlobalTableBilling",
    "IndexProjection",
    "KeyAttribute",
    "LambdaMode",
    "LatencyRoutingArgs",
    "LatencyRoutingRegion",
    "LocalSecondaryIndexSpec",
    "OnDemandBilling",
    "Problem",
    "ProvisionedBilling",
    "RegionalServiceArgs",
    "RegionalServiceMode",
    "RegionalServiceSettings",
    "ReplicaChangeInput",
    "ResilienceFigures",
    "Route53ValidationArgs",
    "SafeDeploymentOutputs",
    "ServiceAuth",
    "StackCloudflareSettings",
    "StackFailover",
    "StackProviders",
    "StackServiceSettings",
    "StackTableSettings",
    "SteeringPolicy",
    "ValidationRecordsArgs",
];

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

/** The package as built, in a directory of its own: the build's output, package.json, and the dependencies. */
function buildPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "active-active-build-"));
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", path.join(dir, "dist")], { cwd: ROOT });
    fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

test("the built package resolves by name through package.json exports, with its declarations", () => {
    const dir = buildPackage();
    try {
        const entries = Object.keys(pkg.exports).filter((e) => e !== "./package.json");
        expect(entries).toEqual(expect.arrayContaining([".", "./config"]));
        for (const entry of entries) {
            const name = entry === "." ? "active-active" : `active-active/${entry.slice(2)}`;
            const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(name)})).sort()))`;
            const names = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" }));
            if (entry === ".") expect(names).toEqual(VALUES);
            else expect(names.length).toBeGreaterThan(0);
            expect(fs.existsSync(path.join(dir, pkg.exports[entry].types))).toBe(true);
        }
        expect(fs.existsSync(path.join(dir, pkg.types))).toBe(true);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}, 240_000);
