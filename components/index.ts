/**
 * The active-active component library. Another Pulumi program imports these by package name:
 *
 *   import { GlobalTable, RegionalService, LatencyRouting } from "active-active";
 *
 * `index.ts` at the repository root is this repository's own use of them (the reference stack).
 */
export * from "./active-active-stack";
export * from "./global-table";
export * from "./kms";
export * from "./regional-service";
export * from "./certificate-validation";
export * from "./latency-routing";
export * from "./cloudflare-load-balancer";
export * from "./cloudflare-regions";
export * from "../packages/aws-facts/regions";
export { appArchive, bundleSource, APP_ENTRY, LAMBDA_HANDLER, BundleError } from "./bundle";
export * from "./provider-region";
