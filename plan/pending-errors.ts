/**
 * A run's own errors. Errors thrown inside an Output's apply reach nobody but the process's `unhandledRejection`
 * event (Pulumi's own language host listens there too), so a plan listens there while it runs, and lets pending
 * rejections fire before it ends: they belong to the run that caused them, never to the next one.
 */

// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings = require("@pulumi/pulumi/runtime/settings");

/** Under jest `process` is a sandboxed copy whose events never fire: listen on the host's; elsewhere they are one. */
function hostProcess(): NodeJS.Process {
    try {
        const host = require("vm").runInThisContext("process");
        if (host && typeof host.on === "function") return host as NodeJS.Process;
    } catch {
        // Not reachable: fall back to the process we were given.
    }
    return process;
}

/**
 * For the duration of a run, the run's errors are its own: other listeners (a test runner's) are set aside and put
 * back by the returned function, the way jest itself installs its handlers.
 */
export function captureProcessErrors(onError: (e: unknown) => void): () => void {
    const host = hostProcess();
    const events = ["unhandledRejection", "uncaughtException"] as const;
    const saved = events.map((event) => [event, host.rawListeners(event)] as const);
    for (const event of events) {
        host.removeAllListeners(event);
        host.on(event, onError);
    }
    return () => {
        for (const [event, listeners] of saved) {
            host.removeListener(event, onError);
            for (const l of listeners) host.on(event, l as (...args: any[]) => void);
        }
    };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets the runtime's pending rejections fire now, so the run that caused them catches them. */
export async function settlePendingRejections(): Promise<void> {
    try {
        await settings.waitForRPCs();
    } catch {
        // Already reported through the run's own error.
    }
    for (let i = 0; i < 5; i++) await turn();
}
