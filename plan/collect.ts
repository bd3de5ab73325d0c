/**
 * Turns the kit's recorded registrations and the program's outputs into the plan's plain data: cloud resources
 * (what the checks and reviewers read), components (the tree), providers (credentials redacted) and outputs. The
 * root stack and StackReferences (the program reading its own previous outputs) are the engine's, not the cloud's.
 */
import type { MockKit, RecordedResource } from "../mock-kit";
import { isCredentialKey, toPlain } from "./redact";
import { cmp, compareResources } from "./topology";
import type { PlanComponent, PlanProvider, PlanResource } from "./types";

const ENGINE_TYPES = "pulumi:pulumi:";

function nameOfUrn(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

export interface Collected {
    resources: PlanResource[];
    components: PlanComponent[];
    providers: PlanProvider[];
    /** The program's stack outputs (secret ones redacted). */
    outputs: Record<string, unknown>;
}

export async function collect(kit: MockKit, programOutputs: unknown): Promise<Collected> {
    const byUrn = new Map<string, RecordedResource>(kit.resources.map((r) => [r.urn, r]));
    const parentOf = (r: RecordedResource): { parent?: string; parentUrn?: string; parentType?: string } => {
        if (!r.parent) return {};
        const p = byUrn.get(r.parent);
        return { parent: p?.name ?? nameOfUrn(r.parent), parentUrn: r.parent, ...(p ? { parentType: p.type } : {}) };
    };

    const resources: PlanResource[] = [];
    const components: PlanComponent[] = [];
    const providers: PlanProvider[] = [];
    for (const r of kit.resources) {
        // The root stack and StackReferences are the engine's, not cloud resources.
        if (r.type.startsWith(ENGINE_TYPES)) continue;
        if (r.type.startsWith("pulumi:providers:")) {
            const { value } = await toPlain(r.inputs, { secretPaths: r.secretInputPaths, redactKey: isCredentialKey });
            providers.push({ type: r.type, name: r.name, urn: r.urn, id: r.id, region: r.region ?? "global", inputs: value as Record<string, unknown> });
            continue;
        }
        if (!r.custom) {
            const { parent, parentUrn } = parentOf(r);
            components.push({ type: r.type, name: r.name, urn: r.urn, ...(parent ? { parent, parentUrn } : {}) });
            continue;
        }
        const { value, secretPaths } = await toPlain(r.inputs, { secretPaths: r.secretInputPaths });
        const provider = r.providerUrn ? byUrn.get(r.providerUrn)?.name ?? nameOfUrn(r.providerUrn) : undefined;
        resources.push({
            type: r.type,
            name: r.name,
            id: r.id,
            urn: r.urn,
            region: r.region ?? kit.providerRegion(r) ?? "unknown",
            ...parentOf(r),
            ...(provider ? { provider } : {}),
            protect: r.protect,
            retainOnDelete: r.retainOnDelete,
            inputs: value as Record<string, unknown>,
            secretInputs: secretPaths,
        });
    }
    resources.sort(compareResources);
    components.sort((a, b) => cmp(a.urn, b.urn));
    providers.sort((a, b) => cmp(a.name, b.name) || cmp(a.urn, b.urn));
    const { value: outputs } = await toPlain(programOutputs);
    return { resources, components, providers, outputs: outputs as Record<string, unknown> };
}
