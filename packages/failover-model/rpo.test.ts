import { rpo } from "./index";

test.each([
    ["eventual", 1, true],
    ["strong", 0, false],
] as const)("%s consistency: RPO %i s", (consistency, rpoSeconds, assumed) => {
    const result = rpo(consistency);
    expect(result.rpoSeconds).toBe(rpoSeconds);
    expect(result.assumed).toBe(assumed);
    expect(result.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/amazondynamodb\//);
});
