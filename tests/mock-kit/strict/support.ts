/** What every strict-rule test shares: one registration checked by a validator, one mutation per case, AWS's wording. */
import { createStrictValidator, StrictValidator } from "../../../mock-kit/strict";

export { mutated } from "../../fixtures/common";

/** A case: title, the change to the canonical inputs, the exact messages the API would return. */
export type Mutation = [string, (t: Record<string, any>) => void, string[]];

/** The problems with one registration of `type` in `region`; a fresh validator unless one is given. */
export function check(type: string, inputs: Record<string, any>, v: StrictValidator = createStrictValidator(), region = "us-east-1"): string[] {
    return v.validate({ type, name: "r", inputs, region });
}

/** AWS's schema message: `<Exception>: <n> validation error(s) detected: <violation>; ...`. */
export function schema(exception: string, ...violations: string[]): string {
    return `${exception}: ${violations.length} validation error${violations.length === 1 ? "" : "s"} detected: ${violations.join("; ")}`;
}
