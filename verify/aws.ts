/** The AWS SDK v3 behind `AwsReader`: one client per region, the caller's own credentials (the default chain). */
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListSubscriptionsByTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import type { AwsReader } from "./checks";

export function sdkReader(): AwsReader {
    const dynamo = new Map<string, DynamoDBClient>();
    const sns = new Map<string, SNSClient>();
    const ddb = (region: string) => dynamo.get(region) ?? dynamo.set(region, new DynamoDBClient({ region })).get(region)!;
    const topics = (region: string) => sns.get(region) ?? sns.set(region, new SNSClient({ region })).get(region)!;
    return {
        describeTable: (region, TableName) => ddb(region).send(new DescribeTableCommand({ TableName })),
        describeContinuousBackups: (region, TableName) => ddb(region).send(new DescribeContinuousBackupsCommand({ TableName })),
        listSubscriptionsByTopic: (region, TopicArn) => topics(region).send(new ListSubscriptionsByTopicCommand({ TopicArn })),
    };
}
