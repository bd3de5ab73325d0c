// Entry point for `pulumi up` / `pulumi preview`. All wiring lives in program.ts so the offline plan and the
// tests run exactly what this file runs.
import { main } from "./program";

export = main();
