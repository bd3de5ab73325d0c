/**
 * Runs one component under a fresh mock kit and hands back what it registered: the component, its custom children
 * (providers left out) and a lookup of a child by logical name.
 */
import { MockKit, RecordedResource } from "../../mock-kit";

export interface Deployed<C> {
    kit: MockKit;
    component: C;
    children: RecordedResource[];
    byName(name: string): RecordedResource;
}

/** `build` creates the providers it needs and the component; it runs inside the kit's program. */
export async function deployComponent<C>(build: () => C): Promise<Deployed<C>> {
    const kit = MockKit.install();
    let component: C | undefined;
    await kit.runProgram(() => {
        component = build();
    });
    const children = kit.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const byName = (name: string): RecordedResource => kit.get(children.find((r) => r.name === name)!.type, name);
    return { kit, component: component!, children, byName };
}
