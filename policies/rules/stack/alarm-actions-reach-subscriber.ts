/**
 * active-active-alarm-actions-reach-subscriber
 *
 * Requires: every SNS topic of the stack that a CloudWatch alarm notifies has a subscription in the stack. A topic
 * ARN the stack does not create is external (its owner subscribes to it) and passes.
 * Why: an alarm whose topic nobody subscribes to pages nobody; the fail-open alarm on such a topic would go off
 * during a total outage and reach no one. Email subscriptions also stay pending until confirmed (SNS sends a
 * confirmation message): this rule sees that one exists, `npm run verify` that it was confirmed.
 * Severity: high.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html
 */
import { stackRule } from "../../lib/policy";
import { TYPES } from "../../lib/topology";
import { asList, isUnknown, str } from "../../lib/values";

const ACTION_KEYS = ["alarmActions", "okActions", "insufficientDataActions"] as const;

export const alarmActionsReachSubscriber = stackRule({
    name: "active-active-alarm-actions-reach-subscriber",
    description: "Every alarm topic the stack creates has a subscription; other topics are external.",
    severity: "high",
    url: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html",
    remediationSteps: "Set active-active:alarms.email (and confirm it), or name existing topics in active-active:alarms.snsTopicArns.",
    validate: ({ resources }, report, notApplicable) => {
        const alarms = resources.filter((r) => r.type === TYPES.metricAlarm);
        if (alarms.length === 0) notApplicable("no CloudWatch alarms");
        const topics = new Map<string, string>();
        for (const t of resources.filter((r) => r.type === TYPES.topic)) {
            const arn = str(t.props.arn) ?? str(t.props.id);
            if (arn) topics.set(arn, t.name);
        }
        const subscriptions = resources.filter((r) => r.type === TYPES.subscription);
        // A subscription whose topic is unknown (preview) may be on any topic: nothing can be judged unsubscribed.
        if (subscriptions.some((s) => isUnknown(s.props.topic))) return;
        const subscribed = new Set(subscriptions.map((s) => str(s.props.topic)));
        const reported = new Set<string>();
        for (const alarm of alarms) {
            for (const key of ACTION_KEYS) {
                const actions = alarm.props[key];
                for (const arn of isUnknown(actions) ? [] : asList(actions as unknown[])) {
                    if (typeof arn !== "string" || !topics.has(arn) || subscribed.has(arn) || reported.has(`${alarm.urn}|${arn}`)) continue;
                    reported.add(`${alarm.urn}|${arn}`);
                    report(`alarm "${alarm.name}" notifies topic "${topics.get(arn)}", which has no subscription; allowed: a subscription on it (alarms.email) or an external topic (alarms.snsTopicArns)`, alarm.urn);
                }
            }
        }
    },
});
