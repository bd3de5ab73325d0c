/**
 * Tags the library writes on its traffic resources and the policy pack reads, so that rules find a check's region,
 * scope and RTO target without depending on logical names. Written once for both.
 */
export const TAG_REGION = "activeactive:region";
export const TAG_SCOPE = "activeactive:scope";
/** The value of TAG_SCOPE on resources that watch every region (the fail-open signal). */
export const SCOPE_GLOBAL = "global";
export const TAG_RTO_TARGET = "activeactive:rto-target-seconds";
/**
 * The part a resource plays where the type alone does not say: `health` on the function that answers only
 * `GET /health` beside a region's service function (so region parity counts one service per region).
 */
export const TAG_ROLE = "activeactive:role";
export const ROLE_HEALTH = "health";

/**
 * Every region's region-pinned name: `<region>.<service name>` (e.g. `us-east-1.api.example.com`), a custom domain
 * of the same API in that region only. Health checks probe it; region-aware clients call it. docs/traffic.md.
 */
export function regionPinnedName(serviceName: string, region: string): string {
    return `${region}.${serviceName}`;
}
