/**
 * Where regions and users are, and the network latency between them. Round trips are estimated from great-circle
 * distance: light in fibre covers about 200 km per millisecond one way, and real paths are longer than the great
 * circle, so RTT ≈ distance / 100 km/ms × 1.5 route factor + 5 ms of last-mile and switching. The figures are the
 * right order of magnitude for public inter-region latencies; they are an input to the game day, not a measurement.
 */

export interface Place {
    latitude: number;
    longitude: number;
}

/** AWS regions the stacks may use (coordinates of the region's metro area). */
const REGION_PLACES: Readonly<Record<string, Place>> = {
    "us-east-1": { latitude: 39.04, longitude: -77.49 },
    "us-east-2": { latitude: 40.0, longitude: -83.0 },
    "us-west-1": { latitude: 37.35, longitude: -121.96 },
    "us-west-2": { latitude: 45.84, longitude: -119.7 },
    "ca-central-1": { latitude: 45.5, longitude: -73.6 },
    "sa-east-1": { latitude: -23.55, longitude: -46.63 },
    "eu-west-1": { latitude: 53.35, longitude: -6.26 },
    "eu-west-2": { latitude: 51.51, longitude: -0.13 },
    "eu-west-3": { latitude: 48.86, longitude: 2.35 },
    "eu-central-1": { latitude: 50.11, longitude: 8.68 },
    "eu-north-1": { latitude: 59.33, longitude: 18.07 },
    "ap-northeast-1": { latitude: 35.68, longitude: 139.69 },
    "ap-northeast-2": { latitude: 37.57, longitude: 126.98 },
    "ap-northeast-3": { latitude: 34.69, longitude: 135.5 },
    "ap-southeast-1": { latitude: 1.35, longitude: 103.82 },
    "ap-southeast-2": { latitude: -33.87, longitude: 151.21 },
    "ap-south-1": { latitude: 19.08, longitude: 72.88 },
};

/** Where the game day's users sit, by default. */
export const DEFAULT_LOCATIONS: Readonly<Record<string, Place>> = {
    "new-york": { latitude: 40.71, longitude: -74.01 },
    "san-francisco": { latitude: 37.77, longitude: -122.42 },
    london: { latitude: 51.51, longitude: -0.13 },
    singapore: { latitude: 1.35, longitude: 103.82 },
};

export function regionPlace(region: string): Place {
    const place = REGION_PLACES[region];
    if (place === undefined) throw new Error(`gameday: no coordinates for region ${region}; known: ${Object.keys(REGION_PLACES).join(", ")}`);
    return place;
}

export function distanceKm(a: Place, b: Place): number {
    const rad = Math.PI / 180;
    const dLat = (b.latitude - a.latitude) * rad;
    const dLon = (b.longitude - a.longitude) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Round trip in milliseconds between two places. */
export function rttMs(a: Place, b: Place): number {
    return Math.round((distanceKm(a, b) / 100) * 1.5 + 5);
}

/** Latency matrix: RTT from each location to each region, and between regions. */
export class LatencyMatrix {
    readonly toRegion: Record<string, Record<string, number>> = {};
    readonly betweenRegions: Record<string, Record<string, number>> = {};

    constructor(locations: Readonly<Record<string, Place>>, regions: readonly string[]) {
        for (const [name, place] of Object.entries(locations)) {
            this.toRegion[name] = Object.fromEntries(regions.map((r) => [r, rttMs(place, regionPlace(r))]));
        }
        for (const a of regions) this.betweenRegions[a] = Object.fromEntries(regions.map((b) => [b, a === b ? 1 : rttMs(regionPlace(a), regionPlace(b))]));
    }

    rtt(location: string, region: string): number {
        const row = this.toRegion[location];
        if (row === undefined || row[region] === undefined) throw new Error(`gameday: no latency from ${location} to ${region}`);
        return row[region]!;
    }

    /** RTT between two regions (regions outside the matrix, like a witness, by coordinates). */
    regionRtt(a: string, b: string): number {
        return this.betweenRegions[a]?.[b] ?? rttMs(regionPlace(a), regionPlace(b));
    }

    /** The regions ordered by latency from a location (Route 53 latency records, Cloudflare dynamic latency). */
    nearest(location: string, among: readonly string[]): string[] {
        return [...among].sort((a, b) => this.rtt(location, a) - this.rtt(location, b) || a.localeCompare(b));
    }
}

/** Cloudflare's health-check regions (Load Balancing region codes), at a representative city. */
export const CLOUDFLARE_CHECK_REGIONS: Readonly<Record<string, Place>> = {
    WNAM: { latitude: 37.77, longitude: -122.42 },
    ENAM: { latitude: 40.71, longitude: -74.01 },
    WEU: { latitude: 51.51, longitude: -0.13 },
    EEU: { latitude: 52.23, longitude: 21.01 },
    NSAM: { latitude: 4.71, longitude: -74.07 },
    SSAM: { latitude: -23.55, longitude: -46.63 },
    OC: { latitude: -33.87, longitude: 151.21 },
    ME: { latitude: 25.2, longitude: 55.27 },
    NAF: { latitude: 30.04, longitude: 31.24 },
    SAF: { latitude: -26.2, longitude: 28.05 },
    SAS: { latitude: 19.08, longitude: 72.88 },
    SEAS: { latitude: 1.35, longitude: 103.82 },
    NEAS: { latitude: 35.68, longitude: 139.69 },
};

/** Where a checker or a monitor runs: an AWS region or a Cloudflare check region. */
export function probePlace(name: string): Place {
    return CLOUDFLARE_CHECK_REGIONS[name] ?? regionPlace(name);
}
