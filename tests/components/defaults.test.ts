/** withDefaults: an optional arg left undefined takes its default; anything the caller gave, even falsy, stays. */
import { withDefaults } from "../../components/defaults";

interface Args {
    name: string;
    path?: string;
    count?: number;
    enabled?: boolean;
}
const DEFAULTS = { path: "/health", count: 3, enabled: true };

test("fills the keys the caller left out or undefined, and nothing else", () => {
    expect(withDefaults<Args, typeof DEFAULTS>({ name: "a", path: undefined }, DEFAULTS)).toEqual({ name: "a", path: "/health", count: 3, enabled: true });
});

test("keeps what the caller gave, falsy values included", () => {
    expect(withDefaults<Args, typeof DEFAULTS>({ name: "a", path: "", count: 0, enabled: false }, DEFAULTS)).toEqual({ name: "a", path: "", count: 0, enabled: false });
});

test("does not change the args it is given", () => {
    const args: Args = { name: "a" };
    withDefaults(args, DEFAULTS);
    expect(args).toEqual({ name: "a" });
});
