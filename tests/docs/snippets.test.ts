/**
 * Docs that cannot rot: every TypeScript snippet in README.md, docs/, the policy pack's and the app's READMEs and
 * the examples' READMEs is compiled as a module of its own, with Pulumi's `aws-typescript` template options
 * (CommonJS, `moduleResolution: node`, strict; tests/fixtures/pulumi-aws-typescript-tsconfig.json) and the package's
 * entries resolved to this repository's sources (`active-active`, `active-active/config`, `active-active/testing`).
 * A snippet is a whole module: its imports are written out, and top-level `await` (which CommonJS refuses) sits
 * inside a function.
 *
 * That compile reads the whole of the AWS provider's declarations (about 20 s), so, like `tsc -b`, it is skipped
 * when nothing it reads has changed since a clean compile: a stamp under node_modules/.cache/snippets is keyed on
 * every snippet, every TypeScript source outside tests/, package-lock.json, the template options and the
 * compiler's version. CI (CI=true) and SNIPPETS_CACHE=0 always compile.
 *
 * The broken snippet and the args tables need our own types only: they use a light program of the components'
 * sources with nothing else resolved (a second or so), so they run every time.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { CLOUDFLARE_LOAD_BALANCER_DEFAULTS, GLOBAL_TABLE_DEFAULTS, LATENCY_ROUTING_DEFAULTS, REGIONAL_SERVICE_DEFAULTS } from "../../components";

const ROOT = path.resolve(__dirname, "../..");

export function markdownFiles(): string[] {
    const docs = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
    const examples = fs
        .readdirSync(path.join(ROOT, "examples"))
        .filter((d) => fs.existsSync(path.join(ROOT, "examples", d, "README.md")))
        .map((d) => `examples/${d}/README.md`);
    return ["README.md", "app/README.md", "policies/README.md", ...docs, ...examples].filter((f) => fs.existsSync(path.join(ROOT, f)));
}

interface Snippet {
    /** `docs/global-table.md:29`: where the fence opens. */
    where: string;
    file: string;
    code: string;
}

function snippets(): Snippet[] {
    const out: Snippet[] = [];
    for (const doc of markdownFiles()) {
        const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
        for (const m of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)) {
            const line = text.slice(0, m.index).split("\n").length;
            out.push({ where: `${doc}:${line}`, file: path.join(ROOT, `__snippet__${doc.replace(/[\\/]/g, "_")}_${line}.ts`), code: m[1]! });
        }
    }
    return out;
}

function templateOptions(): ts.CompilerOptions {
    const json = JSON.parse(fs.readFileSync(path.join(ROOT, "tests/fixtures/pulumi-aws-typescript-tsconfig.json"), "utf8"));
    const { options, errors } = ts.convertCompilerOptionsFromJson(json.compilerOptions, ROOT);
    expect(errors).toEqual([]);
    return {
        ...options,
        noEmit: true,
        types: ["node"],
        // The package's entries, as package.json `exports` and `typesVersions` map them, to the sources.
        paths: { "active-active": ["./components/index.ts"], "active-active/config": ["./config/index.ts"], "active-active/testing": ["./mock-kit/testing.ts"], "active-active/client": ["./client/index.ts"] },
    };
}

/** Each snippet's diagnostics in a program: `where (+line): TS<code> <message>`. */
function problemsIn(program: ts.Program, list: Snippet[]): string[] {
    const out: string[] = [];
    for (const s of list) {
        const sf = program.getSourceFile(s.file)!;
        for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
            const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line + 1;
            out.push(`${s.where} (+${line}): TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
        }
    }
    return out;
}

/** A program of the given snippets (served from memory) plus other root files. */
function createProgram(list: Snippet[], options: ts.CompilerOptions, roots: string[] = []): ts.Program {
    const host = ts.createCompilerHost(options, true);
    const byFile = new Map(list.map((s) => [s.file, s]));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, onError, create) => {
        const s = byFile.get(path.resolve(name));
        return s ? ts.createSourceFile(name, s.code, version, true, ts.ScriptKind.TS) : getSourceFile(name, version, onError, create);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => byFile.has(path.resolve(name)) || fileExists(name);
    return ts.createProgram([...byFile.keys(), ...roots], options, host);
}

/** The TypeScript files below a directory, tests and what is built or installed left out. */
function sourceFiles(dir: string, out: string[] = []): string[] {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
            if (!["node_modules", "dist", "tests", ".git", ".work"].includes(e.name) && !e.name.startsWith(".")) sourceFiles(full, out);
        } else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) out.push(full);
    }
    return out.sort();
}

/** Everything the full compile reads that can change: the key of its stamp. */
function compileKey(list: Snippet[]): string {
    const hash = createHash("sha256").update(`typescript ${ts.version}\0`);
    for (const f of ["tests/fixtures/pulumi-aws-typescript-tsconfig.json", "package-lock.json"]) hash.update(`${f}\0`).update(fs.readFileSync(path.join(ROOT, f))).update("\0");
    for (const s of list) hash.update(`${s.where}\0${s.code}\0`);
    for (const f of sourceFiles(ROOT)) hash.update(`${path.relative(ROOT, f)}\0`).update(fs.readFileSync(f)).update("\0");
    return hash.digest("hex");
}

const STAMPS = path.join(ROOT, "node_modules", ".cache", "snippets");

/** Every snippet's problems: none when a clean compile of the same inputs is stamped, else a full compile. */
function compileSnippets(list: Snippet[]): string[] {
    const cached = !process.env.CI && process.env.SNIPPETS_CACHE !== "0";
    const stamp = path.join(STAMPS, `${compileKey(list)}.ok`);
    if (cached && fs.existsSync(stamp)) return [];
    const problems = problemsIn(createProgram(list, templateOptions()), list);
    if (cached && problems.length === 0) {
        fs.rmSync(STAMPS, { recursive: true, force: true });
        fs.mkdirSync(STAMPS, { recursive: true });
        fs.writeFileSync(stamp, `${list.length} snippets compiled clean\n`);
    }
    return problems;
}

/**
 * The components' sources and the facts they import, under the template options with nothing else resolved (the
 * Pulumi SDKs' types are unknown here): our own types, checked in a second.
 */
function lightProgram(list: Snippet[]): ts.Program {
    const roots = [...sourceFiles(path.join(ROOT, "components")), ...sourceFiles(path.join(ROOT, "packages", "aws-facts"))];
    return createProgram(list, { ...templateOptions(), noResolve: true, types: [] }, roots);
}

test("the docs have TypeScript snippets, and the list of files read is the docs a newcomer reads", () => {
    const found = snippets().map((s) => s.where.split(":")[0]);
    expect([...new Set(found)].sort()).toEqual(["README.md", "docs/global-table.md", "docs/regional-service.md", "docs/testing.md", "docs/traffic.md", "policies/README.md"]);
});

const BROKEN: Snippet = {
    where: "docs/x.md:3",
    file: path.join(ROOT, "__snippet__broken.ts"),
    code: 'import { GlobalTable } from "active-active";\nawait Promise.resolve(new GlobalTable("t", {}));\n',
};

test("every TypeScript snippet compiles under Pulumi's template options", () => {
    expect(compileSnippets(snippets())).toEqual([]);
});

let light: ts.Program;
beforeAll(() => {
    light = lightProgram([BROKEN]);
});

test("a snippet that does not compile is reported with where it is", () => {
    const problems = problemsIn(light, [BROKEN]);
    // Top-level await in CommonJS, and args missing what GlobalTable requires.
    expect(problems.some((p) => p.startsWith("docs/x.md:3 (+2): TS1378 "))).toBe(true);
    expect(problems.some((p) => p.startsWith("docs/x.md:3 (+2): TS2345 ") || p.startsWith("docs/x.md:3 (+2): TS2740 "))).toBe(true);
});

/** The component args tables: each lists exactly the interface's properties, and a literal default equals the code's. */
const ARG_TABLES = [
    { doc: "docs/global-table.md", after: "### Args", type: "GlobalTableArgs", defaults: GLOBAL_TABLE_DEFAULTS as object, skip: [] as string[] },
    { doc: "docs/regional-service.md", after: "### Args", type: "RegionalServiceArgs", defaults: {}, skip: [] },
    { doc: "docs/regional-service.md", after: "Mode `lambda` (`LambdaMode`)", type: "LambdaMode", defaults: REGIONAL_SERVICE_DEFAULTS as object, skip: ["kind"] },
    { doc: "docs/traffic.md", after: "## `LatencyRouting`", type: "LatencyRoutingArgs", defaults: LATENCY_ROUTING_DEFAULTS as object, skip: [] },
    { doc: "docs/traffic.md", after: "### CloudflareLoadBalancer args", type: "CloudflareLoadBalancerArgs", defaults: CLOUDFLARE_LOAD_BALANCER_DEFAULTS as object, skip: [] },
];

/** The first table after `after` in a doc: arg names (top-level, from the first column) and default cells. */
function argsTable(doc: string, after: string): { names: string[]; defaults: Map<string, string> } {
    const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
    const from = text.indexOf(after);
    expect(from).toBeGreaterThanOrEqual(0);
    const lines = text.slice(from).split("\n");
    const start = lines.findIndex((l) => l.startsWith("| "));
    const rows = [];
    for (let i = start + 2; i < lines.length && lines[i]!.startsWith("|"); i++) rows.push(lines[i]!.split(" | "));
    const names: string[] = [];
    const defaults = new Map<string, string>();
    for (const [first, , def] of rows) {
        for (const m of first!.matchAll(/`([A-Za-z]+)`/g)) {
            names.push(m[1]!);
            defaults.set(m[1]!, def!.trim());
        }
    }
    return { names: [...new Set(names)].sort(), defaults };
}

describe("the args tables in docs/ are the components' args", () => {
    let checker: ts.TypeChecker;
    let entry: ts.Symbol[];
    beforeAll(() => {
        checker = light.getTypeChecker();
        entry = checker.getExportsOfModule(checker.getSymbolAtLocation(light.getSourceFile(path.join(ROOT, "components/index.ts"))!)!);
    });

    test.each(ARG_TABLES)("$doc, $type: every arg and no other", ({ doc, after, type, skip }) => {
        const symbol = entry.find((s) => s.name === type)!;
        const declared = checker.getDeclaredTypeOfSymbol(symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
        const props = checker.getPropertiesOfType(declared).map((p) => p.name).filter((n) => !skip.includes(n)).sort();
        expect(argsTable(doc, after).names).toEqual(props);
    });

    test.each(ARG_TABLES)("$doc, $type: each literal default is the code's", ({ doc, after, defaults }) => {
        const wrong: string[] = [];
        for (const [name, cell] of argsTable(doc, after).defaults) {
            const literal = /^`([^`]+)`$/.exec(cell)?.[1];
            if (literal === undefined || !(name in defaults)) continue;
            let value: unknown;
            try {
                value = JSON.parse(literal);
            } catch {
                continue;
            }
            if (JSON.stringify(value) !== JSON.stringify((defaults as Record<string, unknown>)[name])) wrong.push(`${name}: docs ${literal}, code ${JSON.stringify((defaults as Record<string, unknown>)[name])}`);
        }
        expect(wrong).toEqual([]);
    });
});
