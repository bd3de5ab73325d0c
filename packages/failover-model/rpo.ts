import type { Consistency } from "../aws-facts/consistency";
import { DOCS, DYNAMODB_MREC_REPLICATION_LAG_SECONDS } from "./constants";

/** The global table's consistency mode: MREC (`eventual`, the default) or MRSC (`strong`). */
export type { Consistency };

/** The modeled data-loss window when a region is lost. */
export interface Rpo {
    rpoSeconds: number;
    basis: string;
    source: string;
    assumed: boolean;
}

export function rpo(consistency: Consistency): Rpo {
    return consistency === "strong"
        ? {
                rpoSeconds: 0,
                basis: "multi-Region strong consistency: a write succeeds only once it is replicated to another Region",
                source: DOCS.dynamodbGlobalTables,
                assumed: false,
            }
        : {
                rpoSeconds: DYNAMODB_MREC_REPLICATION_LAG_SECONDS,
                basis:
                    "multi-Region eventual consistency: writes not yet replicated are lost with the Region; " +
                    "replication typically takes under a second, with no SLA",
                source: DOCS.dynamodbGlobalTablesHowItWorks,
                assumed: true,
            };
}
