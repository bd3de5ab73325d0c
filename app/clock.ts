/** Time source, injectable so tests can drive the heartbeat rate limit and ages without waiting. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Timer functions, injectable so tests can fire the health timeout themselves instead of waiting for it. */
export interface Timers {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
