import { parseArgs } from "../../gameday/args";
import { loadScenario, parseScenario, scenarioNames } from "../../gameday/scenario";
import { Random, Scheduler } from "../../gameday/scheduler";

/** Scenario files, the command line and simulated time: the parts of the game day that need no engine. */
describe("gameday scenarios", () => {
    test("every scenario file parses, and the issue's faults are all there", () => {
        const names = scenarioNames();
        const kinds = new Set(names.flatMap((n) => loadScenario(n).faults.map((f) => `${f.kind}${f.region === "all" ? "-all" : ""}`)));
        expect(names.length).toBeGreaterThanOrEqual(7);
        expect([...kinds].sort()).toEqual(["brownout", "drain", "partition", "region-down", "region-down-all", "throttle"]);
    });

    test("bad config: a scenario lists every problem at once, naming the key, the value and what is allowed", () => {
        expect(() => parseScenario("broken", { durationSeconds: 5, faults: [{ kind: "meteor", region: "", at: -1, affects: "lambda" }] })).toThrow(
            [
                "gameday: scenario broken is invalid:",
                "  - durationSeconds: 5 is not allowed (a number from 30 to 3600)",
                '  - faults[0].kind: "meteor" is not allowed (one of region-down, brownout, partition, throttle, drain)',
                '  - faults[0].region: "" is not allowed (a region of the stack, "home", or "all" for region-down)',
                "  - faults[0].at: -1 is not allowed (a number from 0 to 480)",
                '  - faults[0].affects: "lambda" is not allowed (items, health or both)',
            ].join("\n"),
        );
    });

    test("bad config: a scenario without faults is refused", () => {
        expect(() => parseScenario("empty", {})).toThrow("gameday: scenario empty is invalid:\n  - faults: undefined is not allowed (a list of at least one fault)");
    });

    test("the command line takes the issue's fixed flags", () => {
        expect(parseArgs(["--stack", "prod", "--scenario", "region-down", "--seed", "7", "--json", "out.json"])).toEqual({
            stack: "prod",
            scenarios: ["region-down"],
            seed: 7,
            json: "out.json",
            svg: null,
        });
        expect(() => parseArgs(["--scenario", "region-down"])).toThrow("--stack is required");
        expect(() => parseArgs(["--stack", "prod", "--seed", "x"])).toThrow('--seed: "x" is not allowed (a whole number)');
    });
});

describe("gameday simulated time", () => {
    test("events run in time order, ties in the order they were scheduled, and sleeps wait on simulated time only", async () => {
        const sched = new Scheduler();
        const seen: string[] = [];
        sched.at(50, () => void seen.push(`b@${sched.now}`));
        sched.at(10, async () => {
            seen.push(`a@${sched.now}`);
            await sched.sleep(100);
            seen.push(`a-woke@${sched.now}`);
        });
        sched.at(50, () => void seen.push(`c@${sched.now}`));
        await sched.run(1000);
        expect(seen).toEqual(["a@10", "b@50", "c@50", "a-woke@110"]);
        expect(sched.now).toBe(1000);
    });

    test("real I/O inside an event holds simulated time until it settles", async () => {
        const sched = new Scheduler();
        const seen: string[] = [];
        sched.at(0, async () => {
            await sched.track(new Promise<void>((resolve) => setTimeout(resolve, 5)));
            seen.push(`io done@${sched.now}`);
        });
        sched.at(1, () => void seen.push(`next@${sched.now}`));
        await sched.run(10);
        expect(seen).toEqual(["io done@0", "next@1"]);
    });

    test("the PRNG is a pure function of its seed, and forks are independent streams", () => {
        const a = new Random(7);
        const b = new Random(7);
        const draws = [a.next(), a.next(), a.fork("x").next()];
        expect([b.next(), b.next(), b.fork("x").next()]).toEqual(draws);
        expect(new Random(8).next()).not.toBe(draws[0]);
    });
});
