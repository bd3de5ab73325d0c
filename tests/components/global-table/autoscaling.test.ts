/**
 * Which capacities autoscaling covers: read and write of the table and of every global secondary index, with the
 * base capacity as minimum. The targets and policies as registered are in index.test.ts.
 */
import { provisionedCapacity } from "../../../components/global-table/args";
import { scalingDimensions } from "../../../components/global-table/autoscaling";

describe("scalingDimensions", () => {
    const capacity = provisionedCapacity({
        mode: "provisioned",
        readCapacity: 10,
        writeCapacity: 5,
        autoscaling: { maxReadCapacity: 400, maxWriteCapacity: 200, targetUtilizationPercent: 60 },
    })!;

    test("table and one index: four dimensions, table first, read before write", () => {
        expect(scalingDimensions(["byOwner"], capacity)).toEqual([
            { label: "table-read", resourceSuffix: "", scalableDimension: "dynamodb:table:ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization", minCapacity: 10, maxCapacity: 400 },
            { label: "table-write", resourceSuffix: "", scalableDimension: "dynamodb:table:WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization", minCapacity: 5, maxCapacity: 200 },
            { label: "index-byOwner-read", resourceSuffix: "/index/byOwner", scalableDimension: "dynamodb:index:ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization", minCapacity: 10, maxCapacity: 400 },
            { label: "index-byOwner-write", resourceSuffix: "/index/byOwner", scalableDimension: "dynamodb:index:WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization", minCapacity: 5, maxCapacity: 200 },
        ]);
    });

    test("no index: the table's two", () => {
        expect(scalingDimensions([], capacity).map((d) => d.label)).toEqual(["table-read", "table-write"]);
    });
});
