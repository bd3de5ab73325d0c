/**
 * Docs that cannot rot: every TypeScript snippet in README.md, docs/, the policy pack's and the app's READMEs and
 * the examples' READMEs is compiled as a module of its own, with Pulumi's `aws-typescript` template options
 * (CommonJS, `moduleResolution: node`, strict; tests/fixtures/pulumi-aws-typescript-tsconfig.json) and the package's
 * entries resolved to this repository's sources (`active-active`, `active-active/config`, `active-active/testing`).
 * A snippet is a whole module: its imports are written out, and top-level `await` (which CommonJS refuses) sits
 * inside a function.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

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
        paths: { "active-active": ["./components/index.ts"], "active-active/config": ["./config/index.ts"], "active-active/testing": ["./mock-kit/testing.ts"] },
    };
}

/** Each snippet's diagnostics, rendered `where: TS<code> <message>`; the repository's own files are not judged here. */
function compile(list: Snippet[]): string[] {
    const options = templateOptions();
    const host = ts.createCompilerHost(options, true);
    const byFile = new Map(list.map((s) => [s.file, s]));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, onError, create) => {
        const s = byFile.get(path.resolve(name));
        return s ? ts.createSourceFile(name, s.code, version, true, ts.ScriptKind.TS) : getSourceFile(name, version, onError, create);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => byFile.has(path.resolve(name)) || fileExists(name);
    const program = ts.createProgram([...byFile.keys()], options, host);
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

test("the docs have TypeScript snippets, and the list of files read is the docs a newcomer reads", () => {
    const found = snippets().map((s) => s.where.split(":")[0]);
    expect([...new Set(found)].sort()).toEqual(["README.md", "docs/global-table.md", "docs/regional-service.md", "docs/testing.md", "policies/README.md"]);
});

test("every TypeScript snippet compiles under Pulumi's template options", () => {
    expect(compile(snippets())).toEqual([]);
});

test("a snippet that does not compile is reported with where it is", () => {
    const broken: Snippet = { where: "docs/x.md:3", file: path.join(ROOT, "__snippet__broken.ts"), code: 'import { GlobalTable } from "active-active";\nawait Promise.resolve(new GlobalTable("t", {}));\n' };
    const problems = compile([broken]);
    expect(problems.some((p) => p.startsWith("docs/x.md:3 (+2): TS1378 "))).toBe(true);
    expect(problems.some((p) => p.startsWith("docs/x.md:3 (+2): TS2345 ") || p.startsWith("docs/x.md:3 (+2): TS2740 "))).toBe(true);
});
