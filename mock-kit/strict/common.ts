/**
 * What every service's strict rules share: the resource as the rules see it, the per-kit state that cross-resource
 * rules read, and helpers that word problems the way AWS's input validation does
 * ("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: ...").
 */
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { ArnParts, LAMBDA_DEFAULT_CONCURRENCY_QUOTA, parseArn as parseArnText } from "../../packages/aws-facts";
import type { CloudflarePlan } from "../../packages/failover-model";

/** What the kit hands the validator for each custom resource, before outputs are computed. */
export interface ValidationTarget {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** The region of the resource's provider (its `region` input for providers); undefined without one. */
    region: string | undefined;
}

export type { CloudflarePlan };

export interface StrictOptions {
    /**
     * Hosted zones the program writes records into without creating them, id -> name. Zones the program creates
     * are learnt from their registration. Records in a zone not known either way are only checked as DNS names.
     * @default {}
     */
    zones?: Record<string, string>;
    /** The account's Lambda concurrency limit per region (AWS's default quota). @default 1000 */
    lambdaConcurrencyLimit?: number;
    /** The Cloudflare plan, which sets the smallest monitor interval. @default "enterprise" (the smallest, so nothing valid is rejected) */
    cloudflarePlan?: CloudflarePlan;
}

/** A resource as the rules see it: inputs with secrets unwrapped and unknown values (preview) turned into undefined. */
export interface Resource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    /** The region the resource lives in: its own `region` input (aws 7) or its provider's region. */
    region: string | undefined;
    /** True when the input at this dotted path was not given at all (as opposed to unknown during preview). */
    absent(path: string): boolean;
}

/** What earlier registrations of the same kit left behind for cross-resource rules. */
export interface StrictState {
    options: Required<StrictOptions>;
    /** Route 53 zone id -> zone name, normalized (lower case, no trailing dot). */
    zones: Map<string, string>;
    /** `${zoneId}|${name}` -> the record sets already created there. */
    records: Map<string, { type: string; setIdentifier?: string; policy?: string; failover?: string; location?: string }[]>;
    /** ACM certificate ARN -> the names it covers and the DNS validation records it asks for. */
    certificates: Map<string, { region: string; names: string[]; validation: DnsValidation[] }>;
    /** Normalized DNS validation record name -> what ACM expects there. */
    validationRecords: Map<string, DnsValidation & { certificateArn: string }>;
    /** KMS key id or ARN -> region. */
    kmsKeys: Map<string, string>;
    /** `${region}|${aliasName}` of every KMS alias. */
    kmsAliases: Set<string>;
    /** DynamoDB table ARN -> its region and the regions that hold a replica. */
    tables: Map<string, { region: string; replicaRegions: Set<string> }>;
    /** Region -> reserved concurrency already granted to functions there. */
    lambdaReserved: Map<string, number>;
    /** Role name -> bytes of inline policy already attached. */
    roleInlinePolicyBytes: Map<string, number>;
    /** API Gateway v2 API id -> the route keys created on it. */
    apiRoutes: Map<string, Set<string>>;
    cloudflareMonitors: Set<string>;
    cloudflarePools: Map<string, { hasMonitor: boolean; hasCoordinates: boolean }>;
    /** Route 53 health check id -> its type. */
    healthChecks: Map<string, string>;
    /** `${zoneId}|${phase}` of every zone entry-point ruleset (Cloudflare). */
    cloudflareZoneRulesets: Set<string>;
}

export interface DnsValidation {
    domainName: string;
    resourceRecordName: string;
    resourceRecordType: string;
    resourceRecordValue: string;
}

export interface ResourceRule {
    /** The problems with these inputs, worded as the API words them; empty when the API would accept them. */
    check(r: Resource, s: StrictState): string[];
    /** Records what later registrations are checked against; called only for accepted inputs. */
    remember?(r: Resource, s: StrictState): void;
}

export function newState(options: StrictOptions): StrictState {
    const zones = new Map<string, string>();
    for (const [id, name] of Object.entries(options.zones ?? {})) zones.set(zoneIdOf(id), dnsKey(name));
    return {
        options: {
            zones: options.zones ?? {},
            lambdaConcurrencyLimit: options.lambdaConcurrencyLimit ?? LAMBDA_DEFAULT_CONCURRENCY_QUOTA,
            cloudflarePlan: options.cloudflarePlan ?? "enterprise",
        },
        zones,
        records: new Map(),
        certificates: new Map(),
        validationRecords: new Map(),
        kmsKeys: new Map(),
        kmsAliases: new Set(),
        tables: new Map(),
        lambdaReserved: new Map(),
        roleInlinePolicyBytes: new Map(),
        apiRoutes: new Map(),
        cloudflareMonitors: new Set(),
        cloudflarePools: new Map(),
        healthChecks: new Map(),
        cloudflareZoneRulesets: new Set(),
    };
}

// ---- inputs --------------------------------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Record<string, unknown> {
    if (v === null || typeof v !== "object") return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
}

/** Unwraps secrets and turns unknowns (and resource references, whose ids are not at hand) into undefined. */
function plain(value: unknown, path: string, unknownPaths: Set<string>): unknown {
    if (value === undefined || isUnknown(value) || pulumi.Resource.isInstance(value)) {
        unknownPaths.add(path);
        return undefined;
    }
    if (Array.isArray(value)) return value.map((v, i) => plain(v, `${path}.${i}`, unknownPaths));
    if (isPlainObject(value)) {
        if (value[specialSigKey] === specialSecretSig) return plain(value.value, path, unknownPaths);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = plain(v, path ? `${path}.${k}` : k, unknownPaths);
        return out;
    }
    return value;
}

export function toResource(t: ValidationTarget): Resource {
    const unknownPaths = new Set<string>();
    const inputs = plain(t.inputs, "", unknownPaths) as Record<string, any>;
    const region = typeof inputs.region === "string" ? inputs.region : t.region;
    return {
        type: t.type,
        name: t.name,
        inputs,
        region,
        absent(path: string): boolean {
            const parts = path.split(".");
            let v: any = inputs;
            for (let i = 0; i < parts.length; i++) {
                if (unknownPaths.has(parts.slice(0, i + 1).join("."))) return false;
                v = v == null ? undefined : v[parts[i]!];
            }
            return v === undefined;
        },
    };
}

/** A list input as its known elements (an unknown list is empty; unknown elements are dropped). */
export function list<T = any>(value: unknown): T[] {
    return Array.isArray(value) ? (value.filter((v) => v !== undefined) as T[]) : [];
}

/** Whether a list input is known and every element of it is known. */
export function known(value: unknown): boolean {
    return Array.isArray(value) ? value.every((v) => v !== undefined) : value !== undefined;
}

// ---- AWS-worded problems -------------------------------------------------------------------------------------

function render(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return `'[${value.join(", ")}]'`;
    return `'${String(value)}'`;
}

/**
 * Problems with one request. Violations of the API's input schema are reported together in one message, as AWS
 * does ("2 validation errors detected: ..."); other rejections are one message each.
 */
export class Problems {
    private readonly violations: string[] = [];
    private readonly messages: string[] = [];

    constructor(private readonly exception: string) {}

    /** A schema violation: `Value '<value>' at '<field>' failed to satisfy constraint: Member must <must>`. */
    constraint(field: string, value: unknown, must: string): void {
        this.violations.push(`Value ${render(value)} at '${field}' failed to satisfy constraint: Member must ${must}`);
    }

    add(message: string): void {
        if (!this.messages.includes(message)) this.messages.push(message);
    }

    /** Length bounds of a string or list; skipped when the value is unknown. */
    length(field: string, value: unknown, min: number, max: number): void {
        if (typeof value !== "string" && !Array.isArray(value)) return;
        if (value.length < min) this.constraint(field, value, `have length greater than or equal to ${min}`);
        else if (value.length > max) this.constraint(field, value, `have length less than or equal to ${max}`);
    }

    pattern(field: string, value: unknown, re: RegExp, shown: string = re.source.replace(/^\^|\$$/g, "")): void {
        if (typeof value === "string" && !re.test(value)) this.constraint(field, value, `satisfy regular expression pattern: ${shown}`);
    }

    between(field: string, value: unknown, min: number, max: number): void {
        if (typeof value !== "number") return;
        if (value < min) this.constraint(field, value, `have value greater than or equal to ${min}`);
        else if (value > max) this.constraint(field, value, `have value less than or equal to ${max}`);
    }

    oneOf(field: string, value: unknown, allowed: readonly (string | number)[]): void {
        if (value !== undefined && !allowed.includes(value as string | number)) {
            this.constraint(field, value, `satisfy enum value set: [${allowed.join(", ")}]`);
        }
    }

    list(): string[] {
        const n = this.violations.length;
        const schema = n === 0 ? [] : [`${this.exception}: ${n} validation error${n === 1 ? "" : "s"} detected: ${this.violations.join("; ")}`];
        return [...schema, ...this.messages];
    }
}

// ---- ARNs, DNS names -----------------------------------------------------------------------------------------

/** The parts of an ARN input, or undefined when it is not a (known) ARN. */
export function parseArn(value: unknown): ArnParts | undefined {
    return typeof value === "string" ? parseArnText(value) : undefined;
}

/** A DNS name as a key: lower case, without the trailing dot. */
export function dnsKey(name: string): string {
    return name.toLowerCase().replace(/\.$/, "");
}

/** A DNS name the way Route 53 prints it: with the trailing dot. */
export function fqdn(name: string): string {
    return `${dnsKey(name)}.`;
}

/** Route 53 accepts a zone id with or without the `/hostedzone/` prefix. */
export function zoneIdOf(id: string): string {
    return id.replace(/^\/?hostedzone\//, "");
}

/** Why a host name is not one DNS can carry, or undefined when it is fine. `_` is allowed (ACM validation records). */
export function dnsNameProblem(name: string): string | undefined {
    const n = name.replace(/\.$/, "");
    if (n.length === 0) return "is empty";
    if (n.length > 253) return `is ${n.length} characters long; at most 253 are allowed`;
    const labels = n.split(".");
    for (const [i, label] of labels.entries()) {
        if (label.length === 0) return "has an empty label";
        if (label.length > 63) return `has a label of ${label.length} characters; at most 63 are allowed`;
        if (label === "*" && i === 0) continue;
        if (!/^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?$/.test(label)) return `has the label "${label}"; labels are letters, digits, hyphens and underscores, not starting or ending with a hyphen`;
    }
    return undefined;
}

/** Whether `name` is the zone's apex or a name below it. */
export function inZone(name: string, zone: string): boolean {
    const n = dnsKey(name);
    const z = dnsKey(zone);
    return n === z || n.endsWith(`.${z}`);
}

/** The region of a KMS key reference: from its ARN, or from a key this kit has seen registered. */
export function kmsKeyRegion(ref: unknown, s: StrictState): string | undefined {
    if (typeof ref !== "string") return undefined;
    const arn = parseArn(ref);
    return arn?.service === "kms" ? arn.region : s.kmsKeys.get(ref);
}
