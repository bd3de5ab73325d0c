/** `active-active/client` is a package entry of its own, built with the library (issue 18). */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), "utf8"));

test("package.json exports ./client (and maps it for moduleResolution node); the build compiles client/", () => {
    const pkg = read("package.json");
    expect(pkg.exports["./client"]).toEqual({ types: "./dist/client/index.d.ts", default: "./dist/client/index.js" });
    expect(pkg.typesVersions["*"].client).toEqual(["dist/client/index.d.ts"]);
    expect(read("tsconfig.build.json").include).toContain("client/**/*.ts");
});

test("the client imports nothing but the platform (fetch, AbortController, crypto)", () => {
    const source = fs.readFileSync(path.join(ROOT, "client/index.ts"), "utf8");
    expect(source.match(/^import .*$/gm)).toBeNull();
});
