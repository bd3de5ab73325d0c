import { program } from "./infra";

const outputs = program();

export const endpoint = outputs.endpoint;
export const tableName = outputs.tableName;
export const regionalEndpoints = outputs.regionalEndpoints;
export const healthCheckIds = outputs.healthCheckIds;
