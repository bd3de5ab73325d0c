import type { ScenarioReport } from "../../gameday/measure";
import { renderSvg } from "../../gameday/svg";

/** The timeline picture: one line per region and location, broken where a bucket had no request; faults and health changes marked. */
describe("gameday timeline SVG", () => {
    const report = {
        name: "region-down",
        stack: "prod",
        seed: 7,
        faults: [{ kind: "region-down", regions: ["us-east-1"], atSeconds: 10, untilSeconds: 20 }],
        observed: { failedOver: true, rtoSeconds: 12.5 },
        model: { rtoSeconds: 116 },
        timeline: {
            bucketSeconds: 5,
            byRegion: { "us-east-1": [1, 1, 0, null, null, 1], "us-west-2": [1, 1, 1, 1, 1, 1] },
            byLocation: { "new-york": [1, 1, 0, 0.5, 1, 1] },
            marks: [{ atSeconds: 14.5, label: "us-east-1 unhealthy" }, { atSeconds: 10, label: "region-down us-east-1" }],
        },
    } as unknown as ScenarioReport;

    test("a series with empty buckets is drawn as separate lines, the others as one", () => {
        const svg = renderSvg(report);
        const lines = svg.split("\n");
        expect(lines.filter((l) => l.includes('stroke="#1f77b4"') && l.startsWith("<polyline"))).toHaveLength(3); // us-east-1: 3 points, then 1; new-york: 6
        expect(lines.filter((l) => l.startsWith("<polyline") && l.includes('stroke="#d62728"'))).toHaveLength(1);
        expect(svg).toContain("region-down (prod, seed 7): observed RTO 12.5 s, model 116 s");
        expect(svg).toContain("<title>us-east-1 unhealthy at 14.5 s</title>");
        expect(lines.filter((l) => l.includes('fill="#f4c7c3"'))).toHaveLength(1);
    });
});
