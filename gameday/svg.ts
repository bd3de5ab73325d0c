/**
 * A timeline per scenario as SVG: success rate over simulated time per region (top) and per client location
 * (bottom), the faults shaded, health changes (the failover) marked. Plain SVG text: no browser, no dependency.
 */
import type { ScenarioReport } from "./measure";

const W = 900;
const PANEL = 180;
const LEFT = 60;
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderSvg(r: ScenarioReport): string {
    const t = r.timeline;
    const n = Math.max(...Object.values(t.byRegion).map((s) => s.length), 1);
    const x = (seconds: number): number => LEFT + ((W - LEFT - 20) * seconds) / (n * t.bucketSeconds);
    const parts: string[] = [];
    const panel = (title: string, series: Record<string, (number | null)[]>, top: number): void => {
        const y = (v: number): number => top + PANEL - v * PANEL;
        parts.push(`<text x="${LEFT}" y="${top - 8}" font-size="13">${esc(title)}</text>`);
        parts.push(`<rect x="${LEFT}" y="${top}" width="${W - LEFT - 20}" height="${PANEL}" fill="none" stroke="#999"/>`);
        parts.push(`<text x="${LEFT - 8}" y="${top + 4}" font-size="10" text-anchor="end">100%</text><text x="${LEFT - 8}" y="${top + PANEL}" font-size="10" text-anchor="end">0%</text>`);
        Object.entries(series).forEach(([name, values], i) => {
            const color = COLORS[i % COLORS.length]!;
            // A bucket without requests breaks the line: no traffic is not a success rate.
            const runs: string[][] = [[]];
            values.forEach((v, b) => {
                if (v === null) runs.push([]);
                else runs[runs.length - 1]!.push(`${x((b + 0.5) * t.bucketSeconds).toFixed(1)},${y(v).toFixed(1)}`);
            });
            for (const run of runs.filter((r) => r.length > 0)) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${run.join(" ")}"/>`);
            parts.push(`<text x="${W - 15}" y="${top + 14 + i * 13}" font-size="11" fill="${color}" text-anchor="end">${esc(name)}</text>`);
        });
    };
    const top1 = 70;
    const top2 = top1 + PANEL + 60;
    for (const f of r.faults) {
        const end = f.untilSeconds ?? n * t.bucketSeconds;
        parts.push(`<rect x="${x(f.atSeconds)}" y="${top1}" width="${Math.max(1, x(end) - x(f.atSeconds))}" height="${top2 + PANEL - top1}" fill="#f4c7c3" opacity="0.4"/>`);
    }
    for (const m of t.marks.filter((k) => /unhealthy|healthy/.test(k.label))) {
        parts.push(`<line x1="${x(m.atSeconds)}" x2="${x(m.atSeconds)}" y1="${top1}" y2="${top2 + PANEL}" stroke="#555" stroke-dasharray="3,3"><title>${esc(m.label)} at ${m.atSeconds} s</title></line>`);
    }
    panel("success rate by region", t.byRegion, top1);
    panel("success rate by client location", t.byLocation, top2);
    const rto = r.observed.failedOver ? `observed RTO ${r.observed.rtoSeconds} s` : "no failover";
    const title = `${r.name} (${r.stack}, seed ${r.seed}): ${rto}, model ${r.model.rtoSeconds} s`;
    const axis = [0, 0.25, 0.5, 0.75, 1].map((q) => `<text x="${x(q * n * t.bucketSeconds)}" y="${top2 + PANEL + 16}" font-size="10" text-anchor="middle">${Math.round(q * n * t.bucketSeconds)} s</text>`);
    const h = top2 + PANEL + 40;
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif">`,
        `<rect width="${W}" height="${h}" fill="white"/>`,
        `<text x="${LEFT}" y="28" font-size="15" font-weight="bold">${esc(title)}</text>`,
        `<text x="${LEFT}" y="46" font-size="11">shaded: fault; dashed: health changes the traffic layer saw</text>`,
        ...parts,
        ...axis,
        "</svg>",
        "",
    ].join("\n");
}
