// Preloaded into every benchmarked process (node -r): writes its peak memory to $BENCH_REPORT when it exits.
"use strict";
const fs = require("fs");
process.on("exit", () => {
    if (!process.env.BENCH_REPORT) return;
    const report = { maxRssKb: process.resourceUsage().maxRSS };
    if (typeof global.__benchResources === "number") report.resources = global.__benchResources;
    fs.writeFileSync(process.env.BENCH_REPORT, JSON.stringify(report));
});
