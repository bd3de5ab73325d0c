import { eventualWitnessProblems, strongConsistencyProblems } from "./consistency";
import { renderProblem } from "./problems";

const render = (t: Parameters<typeof strongConsistencyProblems>[0]) => strongConsistencyProblems(t).map(renderProblem);

describe("strongConsistencyProblems", () => {
    it.each([
        ["three regions of one set", { regions: ["us-east-1", "us-east-2", "us-west-2"] }],
        ["two regions and a witness of one set", { regions: ["eu-west-1", "eu-west-2"], witnessRegion: "eu-central-1" }],
    ])("accepts %s", (_title, t) => {
        expect(render(t)).toEqual([]);
    });

    it.each([
        [
            "two regions without a witness",
            { regions: ["us-east-1", "us-west-2"] },
            ['regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus witnessRegion'],
        ],
        [
            "three regions and a witness",
            { regions: ["us-east-1", "us-east-2", "us-west-2"], witnessRegion: "us-east-1" },
            ['witnessRegion: "us-east-1" is also a replica region; allowed: a third region of the same set that is not in regions'],
        ],
        [
            "a witness beside three regions",
            { regions: ["eu-west-1", "eu-west-2", "eu-west-3"], witnessRegion: "eu-central-1" },
            ['regions: ["eu-west-1","eu-west-2","eu-west-3"] has 3 regions; allowed with witnessRegion: exactly 2 regions (strong consistency is 3 replicas, or 2 replicas and a witness)'],
        ],
        [
            "regions of two sets",
            { regions: ["us-east-1", "us-west-2", "eu-west-1"] },
            ['regions: ["us-east-1","us-west-2","eu-west-1"] are not all in one strong-consistency region set; allowed: all in one set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3)'],
        ],
        [
            "a witness outside the regions' set",
            { regions: ["us-east-1", "us-west-2"], witnessRegion: "eu-west-1" },
            ['witnessRegion: "eu-west-1" is not in the US strong-consistency region set of regions; allowed: us-east-2'],
        ],
        [
            "TTL and local indexes",
            { regions: ["us-east-1", "us-east-2", "us-west-2"], ttlAttribute: "expiresAt", localSecondaryIndexes: ["by-date"] },
            [
                'ttlAttribute: "expiresAt" is not supported with consistency "strong"; allowed: null (the app enforces expiry itself)',
                'localSecondaryIndexes: ["by-date"] are not supported with consistency "strong"; allowed: []',
            ],
        ],
    ])("refuses %s", (_title, t, expected) => {
        expect(render(t)).toEqual(expected);
    });

    it("speaks in the caller's key names", () => {
        const keys = { regions: "active-active:regions", witnessRegion: "active-active:witnessRegion", ttlAttribute: "active-active:table.ttlAttribute", localSecondaryIndexes: "active-active:table.localSecondaryIndexes" };
        expect(strongConsistencyProblems({ regions: ["us-east-1", "us-west-2"] }, keys).map(renderProblem)).toEqual([
            'active-active:regions: ["us-east-1","us-west-2"] has 2 regions; allowed with consistency "strong": exactly 3 regions, or 2 regions plus active-active:witnessRegion',
        ]);
    });
});

describe("eventualWitnessProblems", () => {
    it("refuses a witness with eventual consistency only", () => {
        expect(eventualWitnessProblems("eventual", "us-east-2").map(renderProblem)).toEqual([
            'witnessRegion: "us-east-2" is only used with consistency "strong"; allowed: unset with consistency "eventual"',
        ]);
        expect(eventualWitnessProblems("strong", "us-east-2")).toEqual([]);
        expect(eventualWitnessProblems("eventual", undefined)).toEqual([]);
    });
});
