/**
 * Simulated time: a discrete-event queue and a seeded PRNG. Nothing in the game day reads the wall clock; every
 * event runs at its simulated instant, one at a time, in (time, insertion) order, so a seed fixes the whole run.
 *
 * Processes (a client's loop, a checker) are async functions that wait on simulated time (`sleep`). An event may
 * start real I/O (the app talking to its local DynamoDB engine) wrapped in `track`: the next event starts only once
 * every tracked promise settled and the microtasks they released ran, so simulated time stands still during I/O and
 * no two events ever interleave.
 */

export type Action = () => void | Promise<void>;

interface Entry {
    at: number;
    seq: number;
    action: Action;
}

export class Scheduler {
    private heap: Entry[] = [];
    private seq = 0;
    private busy = 0;
    private failure: unknown = null;
    /** Simulated milliseconds since the start of the run. */
    now = 0;

    /** Runs `action` at simulated time `at` (never earlier than now). */
    at(at: number, action: Action): void {
        this.push({ at: Math.max(at, this.now), seq: this.seq++, action });
    }

    /** Runs `action` `delayMs` after now. */
    after(delayMs: number, action: Action): void {
        this.at(this.now + delayMs, action);
    }

    /** Runs every event due up to `until` (inclusive), then stops with `now = until`. */
    async run(until: number): Promise<void> {
        for (;;) {
            const next = this.heap[0];
            if (next === undefined || next.at > until) break;
            this.pop();
            this.now = next.at;
            try {
                const result = next.action();
                if (result instanceof Promise) result.catch((e: unknown) => (this.failure ??= e));
            } catch (e) {
                this.failure ??= e;
            }
            await this.quiesce();
            if (this.failure !== null) throw this.failure;
        }
        this.now = until;
    }

    /** Resolves after `ms` of simulated time. */
    sleep(ms: number): Promise<void> {
        return new Promise((resolve) => this.after(ms, resolve));
    }

    /** Real I/O the current event waits for before simulated time moves on. */
    track<T>(promise: Promise<T>): Promise<T> {
        this.busy += 1;
        return promise.finally(() => {
            this.busy -= 1;
        });
    }

    private async quiesce(): Promise<void> {
        for (let idle = 0; idle < 2; ) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            idle = this.busy === 0 ? idle + 1 : 0;
        }
    }

    private push(entry: Entry): void {
        const h = this.heap;
        h.push(entry);
        let i = h.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!before(h[i]!, h[parent]!)) break;
            [h[i], h[parent]] = [h[parent]!, h[i]!];
            i = parent;
        }
    }

    private pop(): void {
        const h = this.heap;
        const last = h.pop()!;
        if (h.length === 0) return;
        h[0] = last;
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < h.length && before(h[l]!, h[m]!)) m = l;
            if (r < h.length && before(h[r]!, h[m]!)) m = r;
            if (m === i) return;
            [h[i], h[m]] = [h[m]!, h[i]!];
            i = m;
        }
    }
}

function before(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** mulberry32: a small, fast, seedable PRNG. Each consumer gets its own stream (`fork`) so adding a draw in one
 * place does not shift every other random choice of the run. */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** A uniform number in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** A uniform number in [min, max). */
    uniform(min: number, max: number): number {
        return min + (max - min) * this.next();
    }

    /** An exponentially distributed number with this mean. */
    exponential(mean: number): number {
        return -mean * Math.log(1 - this.next());
    }

    /** True with probability p. */
    chance(p: number): boolean {
        return this.next() < p;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)]!;
    }

    /** An independent stream named `label`, derived from this one's seed. */
    fork(label: string): Random {
        let h = this.state ^ 0x9e3779b9;
        for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
        return new Random(h);
    }
}
