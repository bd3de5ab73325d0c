/**
 * The plan's machine-readable shape (`--json FILE`). Acceptance checks and CI read it, so fields are only ever
 * added: `schemaVersion` changes when one is renamed or removed. Keys are written sorted and arrays in a stable
 * order so that two plans diff line by line.
 */
import type { WorstCaseCost } from "./cost";

export type { WorstCaseCost } from "./cost";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** A custom resource as registered: only cloud resources, never the root stack, components or providers. */
export interface PlanResource {
    /** Pulumi type token, e.g. `aws:dynamodb/table:Table`. */
    type: string;
    /** Logical name. */
    name: string;
    /** The id the mocks assigned (derived from type and name, so stable across runs). */
    id: string;
    urn: string;
    /** Region of the resource's provider; `global` for Route 53, IAM, Cloudflare. */
    region: string;
    /** Logical name of the parent (a component, or the root stack). */
    parent?: string;
    parentUrn?: string;
    parentType?: string;
    /** Logical name of the explicit provider, e.g. `aws-us-east-1`. */
    provider?: string;
    protect: boolean;
    retainOnDelete: boolean;
    /** Inputs with secrets replaced by `[secret]` and assets by `{ hash: "sha256:..." }`. */
    inputs: Record<string, unknown>;
    /** Dotted paths of inputs that were secret (their values are redacted). */
    secretInputs: string[];
}

export interface PlanComponent {
    type: string;
    name: string;
    urn: string;
    parent?: string;
    parentUrn?: string;
}

export interface PlanProvider {
    type: string;
    name: string;
    urn: string;
    id: string;
    region: string;
    /** Provider inputs with credentials redacted. */
    inputs: Record<string, unknown>;
}

export interface PlanPolicy {
    name: string;
    severity: string;
    enforcementLevel: EnforcementLevel;
    description?: string;
    /** `pack`: the CrossGuard policy pack (the plan has no rules of its own). */
    source: "pack";
}

export interface PlanViolation {
    policy: string;
    /** Logical name of the resource (or the stack, for stack rules). */
    resource: string;
    type?: string;
    urn?: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity?: string;
}

export interface RegionFailure {
    region: string;
    /** False when the region is drained: it takes no traffic, so its failure moves nobody. */
    serving: boolean;
    /** Modeled time until users are moved off the failed region; null when no serving region is left to take them. */
    rtoSeconds: number | null;
    rpoSeconds: number;
    /** False when the RTO is over the target, or when no serving region is left to fail over to. */
    meetsTarget: boolean;
    /** The serving regions that take over its traffic. */
    failoverTo: string[];
    note: string;
}

export interface DrainEffect {
    /** The drained region (or, in `ifDrained`, the region that would be). */
    region: string;
    /** Regions that serve afterwards. */
    serving: string[];
    /** Routing resources that take the region out of rotation (records, gate checks, pools). */
    gatedOff: { type: string; name: string }[];
    /** For a drained region: a closed gate check or a disabled pool is there, so the drain is in the resources. */
    inEffect: boolean;
    /** The table replica stays and keeps replicating. */
    replicaStays: boolean;
    /** The modeled RTO of a further region failure; null when one serving region would be left. */
    rtoSecondsAfter: number | null;
}

/** One region's size for the worst single-region failure (failover-model `RegionCapacity`). */
export interface CapacityRow {
    region: string;
    sharePercent: number;
    ownConcurrency: number;
    absorbs: string | null;
    absorbedConcurrency: number;
    reservedConcurrency: number;
    throttle: { rateLimit: number; burstLimit: number };
    healthConcurrency: number;
    concurrencyQuota: number;
    unreserved: number;
    fits: boolean;
}

/** The data-plane drain (ARC routing controls), when the config turns it on. */
export interface RecoveryControlReport {
    enabled: boolean;
    /** "new": the program creates a cluster (billed by the hour); "existing": the config names one. */
    cluster?: "new" | "existing";
    /** What a new cluster costs a month; 0 for an existing one. */
    monthlyCostUsd?: number;
    /** Regions the safety rule keeps serving. */
    minimumServing?: number;
}

export interface Resilience {
    /** The routing mode (`routing.policy`, resolved); absent in plans made before routing modes. */
    routingPolicy?: string;
    /** Each region sized for the worst single-region failure against the account's concurrency quota. */
    capacity: CapacityRow[];
    /** `/health`'s worst answer time against Route 53's response window (failover-model `healthBudget`). */
    healthBudget: { healthTimeoutMs: number; coldStartMs: number; gatewayMs: number; totalMs: number; windowMs: number; fits: boolean; assumption: string };
    /** The replication heartbeat alarm: its threshold, and its evaluation window as the detection delay. */
    replication: { thresholdMs: number; detectionDelaySeconds: number };
    recoveryControl: RecoveryControlReport;
    rtoSeconds: number;
    rtoTargetSeconds: number;
    rpoSeconds: number;
    meetsTarget: boolean;
    /** Where the figures come from: always the config's failover plan (schema version 1 also allowed "stack outputs"). */
    source: "config";
    traffic: string;
    consistency: string;
    /** How the RPO figure is reached, and whether a provider guarantees it. */
    rpoBasis: string;
    rpoSla: boolean;
    /** The detection and DNS settings behind the RTO. */
    settings: Record<string, unknown>;
    breakdown: { part: string; seconds: number; source: string; assumed: boolean }[];
    perRegion: RegionFailure[];
    drain: {
        drained: string[];
        serving: string[];
        effects: DrainEffect[];
        /** What draining each serving region would change, when nothing is drained yet. */
        ifDrained: DrainEffect[];
        /** Regions holding a table replica; a drain never removes one. */
        replicaRegions: string[];
    };
}

/** One `--config` override: the key as given (with its path), the stack file's value there, the new value. */
export interface ConfigOverride {
    key: string;
    /** The stack file's value at the key (absent when the file did not set it); `[secret]` for a secret key. */
    before?: unknown;
    after: unknown;
}

export interface PlanJson {
    schemaVersion: 1;
    project: string;
    stack: string;
    policyEnv: string;
    regions: string[];
    homeRegion: string;
    traffic: string;
    consistency: string;
    drain: string[];
    servingRegions: string[];
    /** `--config` overrides as given (secret ones redacted). */
    configOverrides: Record<string, unknown>;
    /** The same overrides in the order given, each with the value it replaced. */
    overrides: ConfigOverride[];
    /** Keys that are valid but change nothing (e.g. `aws:region`), one line each. */
    configWarnings: string[];
    exitCode: 0 | 1;
    summary: { resources: number; byRegion: Record<string, number>; mandatoryViolations: number; advisoryViolations: number };
    resources: PlanResource[];
    components: PlanComponent[];
    providers: PlanProvider[];
    /** The program's stack outputs (secret ones redacted). */
    outputs: Record<string, unknown>;
    policyPack: { available: boolean; env: string; note: string };
    policies: PlanPolicy[];
    violations: PlanViolation[];
    resilience: Resilience;
    /** The worst case the configured limits allow per hour (plan/cost.ts). */
    cost: WorstCaseCost;
    /** The account quotas the plan needs, against AWS's defaults (plan/quotas.ts). */
    quotas: QuotaReport;
    /** What to run after `pulumi up` (the post-deploy verification first). */
    nextSteps: string[];
}

/** What a plan needs of the account's quotas, at AWS's default quotas (a raised quota goes in the pack config). */
export interface QuotaReport {
    healthChecks: { needed: number; defaultQuota: number; fits: boolean };
    /** What a region's default quota lets functions reserve, and per region with reservations what they reserve. */
    reservedConcurrency: { defaultReservable: number; regions: { region: string; reserved: number; fits: boolean }[] };
}
