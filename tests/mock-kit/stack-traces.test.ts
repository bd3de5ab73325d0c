/**
 * Source positions under the kit. The SDK formats a whole stack trace for every resource it constructs (to send the
 * engine a source position), which was about a third of a program's run time; under the kit nobody reads it, so a
 * run skips it unless stack traces are asked for, and puts the SDK back as it was afterwards.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockKit } from "../../mock-kit";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const debuggable = require("@pulumi/pulumi/runtime/debuggable");

/** Runs a program registering one component; what the engine was sent as that registration's source position. */
async function sourcePosition(options: { stackTraces?: boolean; fail?: boolean }): Promise<unknown> {
    const kit = MockKit.install({ stackTraces: options.stackTraces });
    const monitor = settings.getMonitor();
    const wrapped = monitor.registerResource.bind(monitor);
    let seen: unknown = "not registered";
    monitor.registerResource = (req: any, callback: unknown) => {
        if (req.getName() === "probe") seen = req.getSourceposition()?.toObject() ?? null;
        return wrapped(req, callback);
    };
    const run = kit.runProgram(() => {
        new pulumi.ComponentResource("test:index:Probe", "probe");
        if (options.fail) throw new Error("the program failed");
    });
    if (options.fail) await expect(run).rejects.toThrow("the program failed");
    else await run;
    return seen;
}

test("a run sends no source position by default, and one with stack traces on", async () => {
    const original = (pulumi.Resource as any).stackTrace;
    expect(await sourcePosition({})).toBeNull();
    expect((pulumi.Resource as any).stackTrace).toBe(original);
    expect(await sourcePosition({ stackTraces: true })).toEqual(expect.objectContaining({ uri: expect.stringMatching(/^file:\/\//), line: expect.any(Number) }));
    expect((pulumi.Resource as any).stackTrace).toBe(original);
});

test("the SDK is put back when the program throws", async () => {
    const original = (pulumi.Resource as any).stackTrace;
    expect(await sourcePosition({ fail: true })).toBeNull();
    expect((pulumi.Resource as any).stackTrace).toBe(original);
    expect(Error.stackTraceLimit).toBeGreaterThan(0);
});

test("promises made during a run skip the leak report's stack trace, and get it back after", async () => {
    const original = debuggable.debuggablePromise;
    const kit = MockKit.install();
    let during: { lean: boolean; debugStack: unknown } | undefined;
    await kit.runProgram(async () => {
        const q = Promise.resolve(1);
        const p = debuggable.debuggablePromise(q, "probe");
        during = { lean: debuggable.debuggablePromise !== original, debugStack: (q as any)._debugStackTrace };
        expect(await p).toBe(1);
    });
    expect(during).toEqual({ lean: true, debugStack: undefined });
    expect(debuggable.debuggablePromise).toBe(original);
    const traced = MockKit.install({ stackTraces: true });
    await traced.runProgram(async () => {
        const q = Promise.resolve(1);
        await debuggable.debuggablePromise(q, "probe");
        during = { lean: debuggable.debuggablePromise !== original, debugStack: typeof (q as any)._debugStackTrace };
    });
    expect(during).toEqual({ lean: false, debugStack: "string" });
});
