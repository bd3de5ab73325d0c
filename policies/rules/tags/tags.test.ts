import { check, Case, UNKNOWN_STRING, withProps } from "../../testing/fixtures";
import { requiredTags } from "./required-tags";
import { KMS_KEY, tableKey } from "../../../tests/fixtures/kms/key";

const key = { type: KMS_KEY, region: "us-west-2", props: tableKey("us-west-2", { tags: { "app:name": "active-active", "app:stack": "prod", env: "prod" } }) };
const config = { requiredTags: ["app:name", "app:stack", "env"] };

describe("aws-resource-required-tags", () => {
    test("passes a resource with every required tag", async () => {
        expect(await check(requiredTags, key, config)).toEqual([]);
    });
    test.each<Case>([
        ["one missing", (p) => delete p.tags.env, ['missing required tag "env"; allowed: every taggable resource carries "app:name", "app:stack", "env"']],
        ["no tags", (p) => delete p.tags, ['missing required tags "app:name", "app:stack", "env"; allowed: every taggable resource carries "app:name", "app:stack", "env"']],
        ["an empty value", (p) => (p.tags.env = ""), ['missing required tag "env"; allowed: every taggable resource carries "app:name", "app:stack", "env"']],
        ["a value unknown during preview", (p) => (p.tags.env = UNKNOWN_STRING), []],
    ])("%s", async (_title, change, expected) => {
        expect(await check(requiredTags, withProps(key, change), config)).toEqual(expected);
    });
    test("the provider's defaultTags count (providers receive them JSON-encoded)", async () => {
        const bare = withProps(key, (p) => delete p.tags);
        expect(await check(requiredTags, { ...bare, providerProps: { defaultTags: JSON.stringify({ tags: { "app:name": "a", "app:stack": "b", env: "c" } }) } }, config)).toEqual([]);
    });
    test("the default config requires app:name and app:stack", async () => {
        expect(await check(requiredTags, withProps(key, (p) => delete p.tags["app:stack"]))).toEqual([
            'missing required tag "app:stack"; allowed: every taggable resource carries "app:name", "app:stack"',
        ]);
    });
    test("untaggable types are not checked", async () => {
        expect(await check(requiredTags, { type: "aws:iam/rolePolicy:RolePolicy", props: { role: "r", policy: "{}" } })).toBe("not applicable");
    });
});
