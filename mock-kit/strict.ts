/**
 * Strict validation of resource inputs against the documented API constraints, so that a program that passes
 * under mocks does not fail on its first `pulumi up`. Each validator returns the problems it finds, worded the
 * way the API would word them.
 */
export interface ValidationTarget {
    type: string;
    name: string;
    inputs: Record<string, any>;
    region: string | undefined;
}

export type Validator = (t: ValidationTarget) => string[];

const validators: Record<string, Validator> = {};

export function validateInputs(t: ValidationTarget): string[] {
    const v = validators[t.type];
    return v ? v(t) : [];
}
