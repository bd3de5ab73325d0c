/**
 * Which regions count as unprotected once the provider reports the table: only an explicit false, the home region
 * from the table's own flag. The outputs of a whole component are in index.test.ts.
 */
import { unprotectedRegions } from "../../../components/global-table/outputs";

describe("unprotectedRegions", () => {
    test.each<[string, Parameters<typeof unprotectedRegions>[1], boolean | undefined, string[]]>([
        ["all protected", [{ regionName: "us-west-2", deletionProtectionEnabled: true }], true, []],
        ["a replica unprotected", [{ regionName: "us-west-2", deletionProtectionEnabled: false }, { regionName: "eu-west-1", deletionProtectionEnabled: true }], true, ["us-west-2"]],
        ["the table itself and a replica, sorted", [{ regionName: "eu-west-1", deletionProtectionEnabled: false }], false, ["eu-west-1", "us-east-1"]],
        ["unknown counts as protected", [{ regionName: "us-west-2" }], undefined, []],
        ["no replicas reported", undefined, true, []],
    ])("%s", (_label, replicas, tableProtected, expected) => {
        expect(unprotectedRegions("us-east-1", replicas, tableProtected)).toEqual(expected);
    });
});
