import { MockKit, loadStackConfig } from "../mock-kit";

test("kit runs the program for dev", async () => {
    const { config, secretKeys } = loadStackConfig("dev");
    const kit = MockKit.install({ config, secretKeys, stack: "dev" });
    const { main } = await import("../program");
    const out = await kit.runProgram(() => main());
    console.log(JSON.stringify(out), kit.resources.map((r) => `${r.type} ${r.name} ${r.region} parent=${r.parent}`));
});
