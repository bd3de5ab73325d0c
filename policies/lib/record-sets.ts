/** Route 53 records grouped into record sets (zone, name and type), for the routing-mode rules. */
import type { StackResource } from "./policy";
import { TYPES } from "./topology";
import { str } from "./values";

export function recordSets(resources: readonly StackResource[], field: string): Map<string, StackResource[]> {
    const sets = new Map<string, StackResource[]>();
    for (const r of resources) {
        if (r.type !== TYPES.record || !Array.isArray(r.props[field]) || (r.props[field] as unknown[]).length === 0) continue;
        const key = `${str(r.props.name) ?? "?"} ${str(r.props.type) ?? "?"}`;
        sets.set(key, [...(sets.get(key) ?? []), r]);
    }
    return sets;
}
