/**
 * Filling a component's optional args from its defaults object, so that each default is written once (in that
 * object) and the builders read plain values.
 */

/** The args with every key of the defaults object present (the default where the caller left it undefined). */
export type WithDefaults<A, D> = A & Required<Pick<A, Extract<keyof D, keyof A>>>;

export function withDefaults<A extends object, D extends Partial<A>>(args: A, defaults: D): WithDefaults<A, D> {
    const out = { ...args } as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults)) {
        if (out[key] === undefined) out[key] = value;
    }
    return out as WithDefaults<A, D>;
}
