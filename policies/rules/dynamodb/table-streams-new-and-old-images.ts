/**
 * aws-dynamodb-table-streams-new-and-old-images
 *
 * Requires: on a table with replicas in eventual-consistency mode (MREC), `streamEnabled: true` and
 * `streamViewType: "NEW_AND_OLD_IMAGES"`.
 * Why: MREC global tables replicate through the table's stream, which must carry new and old images; the API
 * refuses replicas otherwise and changing the view type later needs the stream turned off. Strong-consistency
 * (MRSC) tables do not need streams, so they are exempt.
 * Severity: high.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html
 */
import { resourceRule } from "../../lib/policy";
import { isUnknown, setting, str } from "../../lib/values";
import { replicasOf } from "../../lib/replicas";

export const tableStreamsNewAndOldImages = resourceRule({
    name: "aws-dynamodb-table-streams-new-and-old-images",
    description: "DynamoDB tables with replicas (eventual consistency) stream NEW_AND_OLD_IMAGES.",
    severity: "high",
    url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html",
    remediationSteps: 'Set streamEnabled = true and streamViewType = "NEW_AND_OLD_IMAGES".',
    types: ["aws:dynamodb/table:Table"],
    validate: ({ props }, report) => {
        const replicas = replicasOf(props);
        if (replicas.length === 0) return;
        if (replicas.some((r) => str(r.props.consistencyMode)?.toUpperCase() === "STRONG")) return;
        if (!isUnknown(props.streamEnabled) && props.streamEnabled !== true) {
            report(`streamEnabled is ${setting(props.streamEnabled)} on a table with ${replicas.length} replica(s); allowed: true`);
        }
        if (!isUnknown(props.streamViewType) && props.streamViewType !== "NEW_AND_OLD_IMAGES") {
            report(`streamViewType is ${setting(props.streamViewType)} on a table with ${replicas.length} replica(s); allowed: "NEW_AND_OLD_IMAGES"`);
        }
    },
});
