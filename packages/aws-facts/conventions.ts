/**
 * Tags the library writes on its traffic resources and the policy pack reads, so that rules find a check's region,
 * scope and RTO target without depending on logical names. Written once for both.
 */
export const TAG_REGION = "activeactive:region";
export const TAG_SCOPE = "activeactive:scope";
/** The value of TAG_SCOPE on resources that watch every region (the fail-open signal). */
export const SCOPE_GLOBAL = "global";
export const TAG_RTO_TARGET = "activeactive:rto-target-seconds";
