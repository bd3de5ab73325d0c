/**
 * Where each AWS region sits for Cloudflare Load Balancing: the Cloudflare region its pool is health-checked from
 * and geo-steered for, and its coordinates for proximity steering.
 *
 * Cloudflare's 13 load balancing regions: https://developers.cloudflare.com/load-balancing/reference/region-mapping-api/
 * The mapping is by the geography of the AWS region's metro (AWS: "Regions and Availability Zones"); it was not
 * checked against Cloudflare's Regions API (`GET /accounts/{id}/load_balancers/regions?country_code=XX`). The
 * least certain entries, where a country sits near a border between Cloudflare regions, are marked `unverified`.
 * Coordinates are those of the metro the region is named after, to two decimals: proximity only needs the city.
 */
import type { AwsRegion } from "../packages/aws-facts";
import type { CloudflareRegionCode } from "../packages/failover-model";

export type { CloudflareRegionCode };

export interface CloudflareRegionInfo {
  cloudflareRegion: CloudflareRegionCode;
  latitude: number;
  longitude: number;
  /** True where the Cloudflare region was chosen by geography and the Regions API may place the country elsewhere. */
  unverified?: boolean;
}

// Typed by AwsRegion so that adding a region to AWS_REGIONS fails to compile until it is mapped here.
export const CLOUDFLARE_REGIONS: Readonly<Record<AwsRegion, CloudflareRegionInfo>> = {
  "us-east-1": { cloudflareRegion: "ENAM", latitude: 39.04, longitude: -77.49 }, // Northern Virginia
  "us-east-2": { cloudflareRegion: "ENAM", latitude: 39.96, longitude: -83.0 }, // Ohio
  "us-west-1": { cloudflareRegion: "WNAM", latitude: 37.34, longitude: -121.89 }, // Northern California
  "us-west-2": { cloudflareRegion: "WNAM", latitude: 45.84, longitude: -119.7 }, // Oregon
  "af-south-1": { cloudflareRegion: "SAF", latitude: -33.92, longitude: 18.42 }, // Cape Town
  "ap-east-1": { cloudflareRegion: "NEAS", latitude: 22.32, longitude: 114.17, unverified: true }, // Hong Kong
  "ap-east-2": { cloudflareRegion: "NEAS", latitude: 25.03, longitude: 121.57 }, // Taipei
  "ap-south-1": { cloudflareRegion: "SAS", latitude: 19.08, longitude: 72.88 }, // Mumbai
  "ap-south-2": { cloudflareRegion: "SAS", latitude: 17.39, longitude: 78.49 }, // Hyderabad
  "ap-southeast-1": { cloudflareRegion: "SEAS", latitude: 1.35, longitude: 103.82 }, // Singapore
  "ap-southeast-2": { cloudflareRegion: "OC", latitude: -33.87, longitude: 151.21 }, // Sydney
  "ap-southeast-3": { cloudflareRegion: "SEAS", latitude: -6.21, longitude: 106.85 }, // Jakarta
  "ap-southeast-4": { cloudflareRegion: "OC", latitude: -37.81, longitude: 144.96 }, // Melbourne
  "ap-southeast-5": { cloudflareRegion: "SEAS", latitude: 3.14, longitude: 101.69 }, // Malaysia
  "ap-southeast-7": { cloudflareRegion: "SEAS", latitude: 13.76, longitude: 100.5 }, // Thailand
  "ap-northeast-1": { cloudflareRegion: "NEAS", latitude: 35.68, longitude: 139.69 }, // Tokyo
  "ap-northeast-2": { cloudflareRegion: "NEAS", latitude: 37.57, longitude: 126.98 }, // Seoul
  "ap-northeast-3": { cloudflareRegion: "NEAS", latitude: 34.69, longitude: 135.5 }, // Osaka
  "ca-central-1": { cloudflareRegion: "ENAM", latitude: 45.5, longitude: -73.57 }, // Montreal
  "ca-west-1": { cloudflareRegion: "WNAM", latitude: 51.05, longitude: -114.07 }, // Calgary
  "eu-central-1": { cloudflareRegion: "WEU", latitude: 50.11, longitude: 8.68 }, // Frankfurt
  "eu-central-2": { cloudflareRegion: "WEU", latitude: 47.37, longitude: 8.54 }, // Zurich
  "eu-west-1": { cloudflareRegion: "WEU", latitude: 53.35, longitude: -6.26 }, // Ireland
  "eu-west-2": { cloudflareRegion: "WEU", latitude: 51.51, longitude: -0.13 }, // London
  "eu-west-3": { cloudflareRegion: "WEU", latitude: 48.86, longitude: 2.35 }, // Paris
  "eu-south-1": { cloudflareRegion: "WEU", latitude: 45.46, longitude: 9.19 }, // Milan
  "eu-south-2": { cloudflareRegion: "WEU", latitude: 41.65, longitude: -0.88 }, // Spain (Aragón)
  "eu-north-1": { cloudflareRegion: "WEU", latitude: 59.33, longitude: 18.07, unverified: true }, // Stockholm
  "il-central-1": { cloudflareRegion: "ME", latitude: 32.09, longitude: 34.78 }, // Tel Aviv
  "me-south-1": { cloudflareRegion: "ME", latitude: 26.07, longitude: 50.56 }, // Bahrain
  "me-central-1": { cloudflareRegion: "ME", latitude: 24.45, longitude: 54.38 }, // UAE
  "mx-central-1": { cloudflareRegion: "WNAM", latitude: 20.59, longitude: -100.39, unverified: true }, // Querétaro
  "sa-east-1": { cloudflareRegion: "SSAM", latitude: -23.55, longitude: -46.63, unverified: true }, // São Paulo
};

/** The Cloudflare placement of an AWS region, or undefined for a region this table does not know. */
export function cloudflareRegionOf(awsRegion: string): CloudflareRegionInfo | undefined {
  return (CLOUDFLARE_REGIONS as Readonly<Record<string, CloudflareRegionInfo>>)[awsRegion];
}
