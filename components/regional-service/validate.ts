/**
 * The checks of RegionalService's plain-data args: pure, every problem at once, each naming the arg, the value and
 * what is allowed. The constructor throws them as one `ArgsError`; the stack's config can call them with its keys.
 */
import {
    ACM_DOMAIN_NAME_MAX_LENGTH,
    ATTRIBUTE_NAME,
    LAMBDA_MEMORY_MB,
    LAMBDA_TIMEOUT_S,
    LOG_RETENTION_DAYS,
    missing,
    parseArn,
    Problem,
    problem,
    regionPinnedName,
} from "../../packages/aws-facts";
import { authScopes, LambdaMode, RegionalServiceArgs, RegionalServiceSettings, serviceSettings, ServiceAuth, Throttle } from "./args";

/** Every problem of `args`; [] when they are valid. */
export function validateRegionalServiceArgs(args: RegionalServiceArgs): Problem[] {
    const { mode } = args;
    return [
        ...regionProblems(args),
        ...(mode.kind === "external" ? externalProblems(mode.hostname) : lambdaProblems(mode)),
        ...(mode.kind === "lambda" ? [...keyProblems(args), ...alarmProblems(args), ...pinnedNameProblems(args.domain, [args.region])] : []),
        ...warmProblems(args),
    ];
}

/** Provisioned concurrency is configured on a version or alias: the `live` alias safe deployments publish. */
function warmProblems({ sizing, mode }: RegionalServiceArgs): Problem[] {
    const warm = sizing?.provisionedConcurrency ?? 0;
    if (warm === 0) return [];
    if (mode.kind === "lambda" && mode.safeDeployment && warm <= sizing!.reservedConcurrency) return [];
    const why = mode.kind !== "lambda" || !mode.safeDeployment ? "needs the live alias of safe deployments (provisioned concurrency is set on a version or alias)" : `exceeds the reserved concurrency ${sizing!.reservedConcurrency}`;
    return [problem("sizing.provisionedConcurrency", warm, why, "0, or a service of mode lambda with safeDeployment and at most its reserved concurrency", "provisioned-concurrency")];
}

/**
 * Each region's pinned name (`<region>.<domain>`) is the first name of a certificate, which ACM limits to 64
 * characters. `path` names the domain as the caller spells it; the longest region decides.
 */
export function pinnedNameProblems(domain: string, regions: readonly string[], path = "domain"): Problem[] {
    const longest = [...regions].sort((a, b) => b.length - a.length)[0];
    if (longest === undefined) return [];
    const name = regionPinnedName(domain, longest);
    if (name.length <= ACM_DOMAIN_NAME_MAX_LENGTH) return [];
    const allowed = `at most ${ACM_DOMAIN_NAME_MAX_LENGTH - longest.length - 1} characters, so that ${longest}.<domain> fits ACM's ${ACM_DOMAIN_NAME_MAX_LENGTH}`;
    return [problem(path, domain, `makes the region-pinned name ${name} ${name.length} characters long`, allowed, "pinned-name-length")];
}

function regionProblems({ region, regions, sizedForRegionCount: count }: RegionalServiceArgs): Problem[] {
    const problems: Problem[] = [];
    if (!regions.includes(region)) {
        problems.push(problem("region", region, `is not one of regions ${JSON.stringify(regions)}`, "one of them"));
    }
    if (!Number.isInteger(count) || count < 1 || count > regions.length) {
        problems.push(problem("sizedForRegionCount", count, "is not a count of regions", `an integer from 1 to ${regions.length}`));
    }
    return problems;
}

function externalProblems(hostname: string | undefined): Problem[] {
    if (hostname) return [];
    return [missing("mode.hostname", "is missing", `the hostname of this region's service with mode.kind "external"`)];
}

/**
 * The health check's budget must end before the function's own timeout, or a slow check dies as a Lambda timeout
 * (a 502) instead of answering 503. `path` names the setting as the caller spells it.
 */
export function healthTimeoutProblems(healthTimeoutMs: number, timeoutSeconds: number, path = "mode.healthTimeoutMs"): Problem[] {
    const limit = timeoutSeconds * 1000;
    if (healthTimeoutMs < limit) return [];
    return [problem(path, healthTimeoutMs, `is not below the function timeout (${timeoutSeconds} s)`, `less than ${limit}`, "health-timeout")];
}

function lambdaProblems(mode: LambdaMode): Problem[] {
    const problems: Problem[] = [];
    const s = serviceSettings(mode);
    if (!Number.isInteger(s.capacityPerRegion) || s.capacityPerRegion < 1) {
        problems.push(problem("mode.capacityPerRegion", s.capacityPerRegion, "is not a concurrency", "an integer of at least 1"));
    }
    if (!Number.isInteger(s.memoryMb) || s.memoryMb < LAMBDA_MEMORY_MB.min || s.memoryMb > LAMBDA_MEMORY_MB.max) {
        problems.push(problem("mode.memoryMb", s.memoryMb, "is not a Lambda memory size", `an integer from ${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max}`));
    }
    if (!Number.isInteger(s.timeoutSeconds) || s.timeoutSeconds < LAMBDA_TIMEOUT_S.min || s.timeoutSeconds > LAMBDA_TIMEOUT_S.max) {
        problems.push(problem("mode.timeoutSeconds", s.timeoutSeconds, "is not a Lambda timeout", `an integer from ${LAMBDA_TIMEOUT_S.min} to ${LAMBDA_TIMEOUT_S.max}`));
    } else problems.push(...healthTimeoutProblems(s.healthTimeoutMs, s.timeoutSeconds));
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(s.logRetentionDays)) {
        problems.push(problem("mode.logRetentionDays", s.logRetentionDays, "is not a CloudWatch Logs retention", LOG_RETENTION_DAYS.join(", ")));
    }
    if (!mode.validation) {
        problems.push(missing("mode.validation", "is missing", `the stack's ValidationRecords with mode.kind "lambda"`));
    }
    problems.push(...authProblems(mode.auth, "mode.auth"), ...routeThrottleProblems(s, "mode"));
    return problems;
}

/** An OAuth scope token (RFC 6749, section 3.3): visible ASCII without spaces, quotes or backslashes. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** API Gateway takes an issuer of at most 2,048 characters (JWTConfiguration, `Issuer`: UriWithLengthBetween1And2048). */
const ISSUER_MAX_LENGTH = 2048;

const ISSUER_ALLOWED = "the https:// issuer URL of your identity provider (its tokens' iss claim), e.g. https://cognito-idp.<region>.amazonaws.com/<user pool id>";

/**
 * Who may call the item routes. JWT needs an `https://` issuer and at least one audience: there is no default
 * issuer, and nothing falls back to open routes. `path` names the setting as the caller spells it.
 */
export function authProblems(auth: ServiceAuth | undefined, path = "mode.auth"): Problem[] {
    if (auth === undefined) {
        return [missing(path, "is required", `{"type": "jwt", "issuer": "https://...", "audience": ["..."]} or {"type": "iam"} (IAM only with region-pinned names)`, "auth-required")];
    }
    if (auth.type === "iam") return [];
    if (auth.type !== "jwt") {
        return [problem(`${path}.type`, (auth as { type: unknown }).type, "is not an authorizer", '"jwt" or "iam" (no item route is ever left open)', "auth-type")];
    }
    const problems: Problem[] = [];
    const issuer: unknown = auth.issuer;
    if (issuer === undefined || issuer === "") {
        problems.push(missing(`${path}.issuer`, "is required", ISSUER_ALLOWED, "auth-issuer-required"));
    } else if (typeof issuer !== "string" || !isHttpsUrl(issuer) || issuer.length > ISSUER_MAX_LENGTH) {
        problems.push(problem(`${path}.issuer`, issuer, "is not an https:// URL", ISSUER_ALLOWED, "auth-issuer"));
    }
    const audience: unknown = auth.audience;
    const audienceAllowed = "a list of at least one audience your tokens carry (their aud, or client_id when they have no aud)";
    if (audience === undefined) {
        problems.push(missing(`${path}.audience`, "is required", audienceAllowed, "auth-audience-required"));
    } else if (!Array.isArray(audience) || audience.length === 0 || audience.some((a) => typeof a !== "string" || a === "")) {
        problems.push(problem(`${path}.audience`, audience, "is not a list of audiences", audienceAllowed, "auth-audience"));
    }
    const scopes = authScopes(auth);
    for (const which of ["read", "write"] as const) {
        if (typeof scopes[which] !== "string" || !SCOPE_TOKEN.test(scopes[which])) {
            problems.push(problem(`${path}.scopes.${which}`, scopes[which], "is not an OAuth scope", "one scope token without spaces, e.g. items:read", "auth-scope"));
        }
    }
    return problems;
}

function isHttpsUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return url.protocol === "https:" && url.hostname !== "";
    } catch {
        return false;
    }
}

/**
 * The write routes' throttle is the stage's at most (it exists to be lower), and every route throttle is a real
 * limit. `path` is where the settings live (`mode` for the component, the config's service key for the stack).
 */
export function routeThrottleProblems(s: Pick<RegionalServiceSettings, "throttle" | "writeThrottle" | "healthThrottle">, path = "mode"): Problem[] {
    const problems: Problem[] = [];
    const routes: [string, Throttle][] = [["writeThrottle", s.writeThrottle], ["healthThrottle", s.healthThrottle]];
    for (const [name, throttle] of routes) {
        for (const field of ["rateLimit", "burstLimit"] as const) {
            const value = throttle[field];
            if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
                problems.push(problem(`${path}.${name}.${field}`, value, "is not a throttle", "a positive number", "route-throttle"));
            } else if (name === "writeThrottle" && value > s.throttle[field]) {
                problems.push(problem(`${path}.${name}.${field}`, value, `is above the stage's ${field} (${s.throttle[field]})`, `at most ${s.throttle[field]}: the write routes' own limit is the lower one`, "write-throttle"));
            }
        }
    }
    return problems;
}

function keyProblems(args: RegionalServiceArgs): Problem[] {
    const problems: Problem[] = [];
    for (const key of ["partitionKey", "sortKey"] as const) {
        if (!ATTRIBUTE_NAME.pattern.test(args[key])) {
            const which = key === "sortKey" ? "sort" : "partition";
            problems.push(problem(key, args[key], "is not an attribute name", `the table's ${which} key name (the app needs both keys, type S)`));
        }
    }
    if (args.partitionKey === args.sortKey) {
        problems.push(problem("sortKey", args.sortKey, "equals partitionKey", "a different attribute name"));
    }
    return problems;
}

function alarmProblems({ region, alarmTopicArn, alarmThresholds }: RegionalServiceArgs): Problem[] {
    const problems: Problem[] = [];
    if (alarmTopicArn !== undefined) {
        const arn = parseArn(alarmTopicArn);
        if (!arn || arn.service !== "sns") {
            problems.push(problem("alarmTopicArn", alarmTopicArn, "is not an SNS topic ARN", `arn:aws:sns:${region}:<account>:<topic>`));
        } else if (arn.region !== region) {
            problems.push(problem("alarmTopicArn", alarmTopicArn, `is in ${arn.region}`, `a topic in ${region} (alarm actions must target their own region)`));
        }
    }
    for (const [key, value] of Object.entries(alarmThresholds ?? {})) {
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
            problems.push(problem(`alarmThresholds.${key}`, value, "is not a threshold", "a number of at least 0"));
        }
    }
    return problems;
}
