/**
 * aws-resource-required-tags
 *
 * Requires: every taggable AWS resource (lib/aws-facts.ts TAGGABLE_AWS_TYPES) carries each tag key of the config's
 * `requiredTags`, with a non-empty value, counting its provider's `defaultTags`.
 * Why: a stack spread over several regions is only attributable (cost, ownership, incident routing) through tags;
 * one untagged replica or key is the one nobody owns.
 * Severity: low.
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
 */
import { TAGGABLE_AWS_TYPES } from "../../lib/aws-facts";
import { resourceRule } from "../../lib/policy";
import { isUnknown, str, tagsOf } from "../../lib/values";

export interface RequiredTagsConfig {
    requiredTags: string[];
}

export const requiredTags = resourceRule<RequiredTagsConfig>({
    name: "aws-resource-required-tags",
    description: "Taggable AWS resources carry the required tags.",
    severity: "low",
    url: "https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
    remediationSteps: "Pass the stack's tags to every component (active-active:tags) or set defaultTags on the providers.",
    types: TAGGABLE_AWS_TYPES,
    configSchema: {
        properties: {
            requiredTags: {
                type: "array",
                items: { type: "string", minLength: 1 },
                uniqueItems: true,
                default: ["app:name", "app:stack"],
                description: "Tag keys every taggable AWS resource must carry.",
            },
        },
    },
    validate: ({ props, provider, config }, report) => {
        const own = tagsOf(props);
        if (isUnknown(own)) return;
        const defaults = provider?.props.defaultTags;
        if (isUnknown(defaults) || isUnknown(defaults?.tags)) return;
        const tags: Record<string, unknown> = { ...(defaults?.tags ?? {}), ...own };
        // A tag whose value is unknown during preview is there.
        const missing = config.requiredTags.filter((k) => !isUnknown(tags[k]) && !str(tags[k]));
        if (missing.length > 0) {
            report(`missing required tag${missing.length > 1 ? "s" : ""} ${missing.map((k) => `"${k}"`).join(", ")}; allowed: every taggable resource carries ${config.requiredTags.map((k) => `"${k}"`).join(", ")}`);
        }
    },
});
