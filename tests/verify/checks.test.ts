/**
 * `npm run verify` against recorded AWS SDK responses (the cloud is what we mock): it fails on a replica without
 * deletion protection (what the provider's strong-consistency create leaves) and on an alarm topic without a
 * confirmed subscriber, and passes when both hold.
 */
import type { AwsReader } from "../../verify/checks";
import { isConfirmed, targetFromOutputs, verifyDeployment } from "../../verify/checks";
import { runVerify } from "../../verify/run";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeContinuousBackups, describeTable, REGIONS, subscriptions, TABLE, TOPICS } from "../fixtures/verify/responses";

/** Recorded responses, with us-west-2's protection and the routing topic's confirmation as given. */
function recorded(opts: { westProtected: boolean; routingConfirmed: boolean }): AwsReader & { calls: string[] } {
    const calls: string[] = [];
    return {
        calls,
        describeTable: async (region, name) => {
            calls.push(`DescribeTable ${region} ${name}`);
            return describeTable(region, region === "us-west-2" ? opts.westProtected : true);
        },
        describeContinuousBackups: async (region, name) => {
            calls.push(`DescribeContinuousBackups ${region} ${name}`);
            return describeContinuousBackups(region, "ENABLED");
        },
        listSubscriptionsByTopic: async (region, arn) => {
            calls.push(`ListSubscriptionsByTopic ${region} ${arn}`);
            return subscriptions(arn, arn === TOPICS.global ? opts.routingConfirmed : true);
        },
    };
}

const TARGET = { tableName: TABLE, regions: REGIONS, alarmTopicArns: TOPICS };

test("fails on an unprotected replica and an unconfirmed subscription, naming each", async () => {
    const aws = recorded({ westProtected: false, routingConfirmed: false });
    const failed = (await verifyDeployment(TARGET, aws)).filter((f) => !f.ok);
    expect(failed).toEqual([
        {
            ok: false,
            subject: `table ${TABLE} in us-west-2`,
            message:
                "deletion protection OFF; run `pulumi up` again (a strong-consistency replica is created without it) or turn it on with `aws dynamodb update-table --deletion-protection-enabled`",
        },
        { ok: false, subject: `alarm topic ${TOPICS.global} (global)`, message: "no confirmed subscriber: 1 pending confirmation (confirm the email SNS sent)" },
    ]);
    // DescribeTable in every region, with that region's client; the topics in their own region.
    expect(aws.calls.filter((c) => c.startsWith("DescribeTable ")).sort()).toEqual(REGIONS.map((r) => `DescribeTable ${r} ${TABLE}`).sort());
    expect(aws.calls.filter((c) => c.startsWith("ListSubscriptionsByTopic"))).toEqual([
        `ListSubscriptionsByTopic us-east-1 ${TOPICS["us-east-1"]}`,
        `ListSubscriptionsByTopic us-east-1 ${TOPICS.global}`,
    ]);
});

test("passes when every replica is protected with PITR on and every topic has a confirmed subscriber", async () => {
    const findings = await verifyDeployment(TARGET, recorded({ westProtected: true, routingConfirmed: true }));
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(findings).toHaveLength(REGIONS.length * 2 + 2);
});

test("an AWS error is a failed check, not a crash", async () => {
    const aws = { ...recorded({ westProtected: true, routingConfirmed: true }), describeTable: async () => Promise.reject(Object.assign(new Error("Requested resource not found"), { name: "ResourceNotFoundException" })) };
    const failed = (await verifyDeployment({ ...TARGET, alarmTopicArns: {} }, aws)).filter((f) => !f.ok);
    expect(failed.map((f) => f.message)).toEqual(REGIONS.map(() => "cannot read it: ResourceNotFoundException: Requested resource not found"));
});

test("a subscription is confirmed once SNS gave it an ARN", () => {
    expect([isConfirmed("PendingConfirmation"), isConfirmed("Deleted"), isConfirmed(undefined), isConfirmed(`${TOPICS.global}:abc`)]).toEqual([false, false, false, true]);
});

describe("the command", () => {
    const outputsFile = (outputs: object) => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verify-")), "outputs.json");
        fs.writeFileSync(file, JSON.stringify(outputs));
        return file;
    };
    const outputs = { tableName: TABLE, regions: REGIONS, alarmTopicArns: TOPICS, endpoint: "https://api.example.com" };

    test("exit 1 and a FAIL line per failed check; exit 0 when everything holds", async () => {
        const lines: string[] = [];
        const file = outputsFile(outputs);
        expect(await runVerify(["--stack", "prod", "--outputs", file], (l) => lines.push(l), () => recorded({ westProtected: false, routingConfirmed: true }))).toBe(1);
        expect(lines.filter((l) => l.startsWith("FAIL"))).toHaveLength(1);
        expect(lines[lines.length - 1]).toBe("1 of 8 checks fail");
        const ok: string[] = [];
        expect(await runVerify(["--stack", "prod", "--outputs", file], (l) => ok.push(l), () => recorded({ westProtected: true, routingConfirmed: true }))).toBe(0);
        expect(ok[ok.length - 1]).toBe("verified: 8 checks hold");
    });

    test("exit 2 for bad usage or outputs of a stack never deployed", async () => {
        const lines: string[] = [];
        expect(await runVerify([], (l) => lines.push(l))).toBe(2);
        expect(lines[0]).toBe("bad usage: --stack is required\nusage: npm run verify -- --stack <stack> [--outputs FILE]   (FILE: `pulumi stack output --json --stack <stack>`)");
        expect(targetFromOutputs({})).toEqual({ problems: ["stack output tableName is missing: run `pulumi up` first", "stack output regions is missing"] });
    });
});
