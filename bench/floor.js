// The floor and the SDK baseline: load the three Pulumi SDKs, start the mock runtime, and run a program that
// registers N trivial custom resources (N = 0 for the floor). Usage: node bench/floor.js N
"use strict";
const pulumi = require("@pulumi/pulumi");
require("@pulumi/aws");
require("@pulumi/cloudflare");

const count = Number(process.argv[2] || 0);
pulumi.runtime.setMocks(
    {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: () => ({}),
    },
    "bench",
    "floor",
    true,
);

pulumi.runtime
    .runInPulumiStack(async () => {
        for (let i = 0; i < count; i++) {
            new pulumi.CustomResource("bench:index:Trivial", `trivial-${i}`, { index: i, label: `resource ${i}` });
        }
        return {};
    })
    .then(() => {
        global.__benchResources = count;
    });
