import { FOUND } from "./config-property.cases";
import { planOutcome } from "./config-property";

test.each(FOUND.map((c) => [c.was, c] as const))("a counterexample that was %s now plans or is refused by key", async (_was, c) => {
    expect(["planned", "refused by key"]).toContain(await planOutcome(c.stack, c.config));
});
