/**
 * The plan's one redaction module: plain JSON with marked secrets redacted, and known secret values scrubbed from
 * the plan and from the records the policies read.
 */
import * as pulumi from "@pulumi/pulumi";
import { hashAsset } from "../../plan/hash";
import { redact, scrubJson, scrubText, toPlain } from "../../plan/redact";

test("recorded values become plain JSON: assets as their hash, secrets redacted, keys sorted", async () => {
    const archive = (name: string, text: string) => new pulumi.asset.AssetArchive({ [name]: new pulumi.asset.StringAsset(text) });
    const { value, secretPaths } = await toPlain({ code: archive("index.js", "x"), z: 1, a: { secret: pulumi.secret("s"), list: [pulumi.output("o")] } });
    expect(JSON.stringify(value)).toBe(
        `{"a":{"list":["o"],"secret":"[secret]"},"code":{"hash":"sha256:${await hashAsset(archive("index.js", "x"))}"},"z":1}`,
    );
    expect(secretPaths).toEqual(["a.secret"]);
});

test("provider credentials are redacted by key name, whole names only", async () => {
    const { value, secretPaths } = await toPlain(
        { region: "us-east-1", accessKey: "AKIA0000", skipCredentialsValidation: true, token: "" },
        { redactKey: (k) => ["accessKey", "token"].includes(k) },
    );
    expect(value).toEqual({ accessKey: "[secret]", region: "us-east-1", skipCredentialsValidation: true, token: "" });
    expect(secretPaths).toEqual(["accessKey"]);
});

test("known secret values are scrubbed from text and from JSON strings, escaped or not; short ones are left", () => {
    const secrets = ['pa"ss\\word', "tok-123456", "ab"];
    expect(scrubText('x tok-123456 y pa\\"ss\\\\word ab', secrets)).toBe("x [secret] y [secret] ab");
    expect(scrubJson({ k: ["tok-123456!"], "tok-123456": 1 }, secrets)).toEqual({ k: ["[secret]!"], "[secret]": 1 });
});

test("the redact step scrubs the plan and the records the policies read; records without a secret are handed on as they are", () => {
    const code = new pulumi.asset.StringAsset("exports.handler = 1;");
    const leaky = { name: "p", inputs: { value: "tok-123456", code }, outputs: { arn: "arn:tok-123456" } };
    const clean = { name: "q", inputs: { value: "v" }, outputs: {} };
    const { plan, records } = redact({ outputs: { token: "tok-123456" } }, [leaky, clean], ["tok-123456"]);
    expect(plan).toEqual({ outputs: { token: "[secret]" } });
    expect(records[0]).toEqual({ name: "p", inputs: { value: "[secret]", code }, outputs: { arn: "arn:[secret]" } });
    expect((records[0]!.inputs as Record<string, unknown>).code).toBe(code);
    expect(records[1]).toBe(clean);
    expect(leaky.inputs.value).toBe("tok-123456");
});
