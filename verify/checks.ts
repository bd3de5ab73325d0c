/**
 * What a deploy cannot prove by itself, read back from AWS after `pulumi up`: every region's copy of the table has
 * deletion protection and point-in-time recovery on, and every alarm topic has a confirmed subscriber. In strong
 * consistency the provider creates replicas without deletion protection (terraform-provider-aws
 * internal/service/dynamodb/table.go, `createReplicas`: its MRSC branch calls `updatePITR` only; the MREC branch
 * also calls `updateReplicaDeletionProtection`), so until a second update the replicas are unprotected: this catches
 * it. Pure over an `AwsReader`; docs/recovery-control.md ("After pulumi up").
 */

/** The parts of the AWS SDK v3 responses the checks read (DescribeTable, DescribeContinuousBackups, ListSubscriptionsByTopic). */
export interface AwsReader {
    describeTable(region: string, tableName: string): Promise<{ Table?: { TableStatus?: string; DeletionProtectionEnabled?: boolean } }>;
    describeContinuousBackups(
        region: string,
        tableName: string,
    ): Promise<{ ContinuousBackupsDescription?: { PointInTimeRecoveryDescription?: { PointInTimeRecoveryStatus?: string } } }>;
    listSubscriptionsByTopic(region: string, topicArn: string): Promise<{ Subscriptions?: { SubscriptionArn?: string; Protocol?: string }[] }>;
}

/** What is checked, from the stack's outputs. */
export interface VerifyTarget {
    tableName: string;
    /** Every region holding a copy of the table. */
    regions: string[];
    /** Alarm topic ARNs by the region (or `global`) whose alarms notify them. */
    alarmTopicArns: Record<string, string>;
}

export interface Finding {
    ok: boolean;
    subject: string;
    message: string;
}

/** A subscription is confirmed once it has an ARN; SNS shows "PendingConfirmation" (or "Deleted") until then. */
export function isConfirmed(subscriptionArn: string | undefined): boolean {
    return typeof subscriptionArn === "string" && subscriptionArn.startsWith("arn:");
}

async function tableFindings(aws: AwsReader, tableName: string, region: string): Promise<Finding[]> {
    const subject = `table ${tableName} in ${region}`;
    const [table, backups] = await Promise.all([aws.describeTable(region, tableName), aws.describeContinuousBackups(region, tableName)]);
    const protectedOn = table.Table?.DeletionProtectionEnabled === true;
    const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    return [
        {
            ok: protectedOn,
            subject,
            message: protectedOn
                ? "deletion protection on"
                : "deletion protection OFF; run `pulumi up` again (a strong-consistency replica is created without it) or turn it on with `aws dynamodb update-table --deletion-protection-enabled`",
        },
        { ok: pitr === "ENABLED", subject, message: pitr === "ENABLED" ? "point-in-time recovery on" : `point-in-time recovery ${pitr ?? "unknown"}` },
    ];
}

async function topicFindings(aws: AwsReader, where: string, topicArn: string): Promise<Finding> {
    const region = topicArn.split(":")[3] ?? where;
    const { Subscriptions = [] } = await aws.listSubscriptionsByTopic(region, topicArn);
    const confirmed = Subscriptions.filter((s) => isConfirmed(s.SubscriptionArn));
    const pending = Subscriptions.length - confirmed.length;
    const subject = `alarm topic ${topicArn} (${where})`;
    if (confirmed.length > 0) return { ok: true, subject, message: `${confirmed.length} confirmed subscriber${confirmed.length === 1 ? "" : "s"} (${confirmed.map((s) => s.Protocol).join(", ")})` };
    return {
        ok: false,
        subject,
        message: pending > 0 ? `no confirmed subscriber: ${pending} pending confirmation (confirm the email SNS sent)` : "no subscriber: its alarms notify nobody",
    };
}

/** Every finding, tables first (in the order of the regions), then topics; an AWS error is a failed finding. */
export async function verifyDeployment(target: VerifyTarget, aws: AwsReader): Promise<Finding[]> {
    const guard = async (subject: string, run: () => Promise<Finding[]>): Promise<Finding[]> => {
        try {
            return await run();
        } catch (e) {
            return [{ ok: false, subject, message: `cannot read it: ${(e as Error).name ?? "Error"}: ${(e as Error).message}` }];
        }
    };
    const tables = await Promise.all(target.regions.map((r) => guard(`table ${target.tableName} in ${r}`, () => tableFindings(aws, target.tableName, r))));
    const topics = await Promise.all(
        Object.entries(target.alarmTopicArns).map(([where, arn]) => guard(`alarm topic ${arn} (${where})`, async () => [await topicFindings(aws, where, arn)])),
    );
    return [...tables.flat(), ...topics.flat()];
}

/** The stack outputs `verify` reads (`pulumi stack output --json`), or the problems with them. */
export function targetFromOutputs(outputs: Record<string, unknown>): VerifyTarget | { problems: string[] } {
    const problems: string[] = [];
    const { tableName, regions, alarmTopicArns } = outputs as { tableName?: unknown; regions?: unknown; alarmTopicArns?: unknown };
    if (typeof tableName !== "string") problems.push("stack output tableName is missing: run `pulumi up` first");
    if (!Array.isArray(regions) || !regions.every((r) => typeof r === "string")) problems.push("stack output regions is missing");
    const topics = Object.fromEntries(Object.entries((alarmTopicArns ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    if (problems.length > 0) return { problems };
    return { tableName: tableName as string, regions: regions as string[], alarmTopicArns: topics };
}
