import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { createApp, type App } from "./app";
import { parseConfig } from "./config";

/**
 * Lambda entry point (API Gateway HTTP API, payload format 2.0). Bundled by esbuild into one CommonJS file for
 * Node.js 22 from this file. The app is built once per Lambda instance, on the first invocation; a configuration
 * error fails every invocation with the full list of problems in the log.
 */

let app: App | undefined;

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    app ??= createApp({ config: parseConfig(process.env) });
    return app.handle(event, context);
};
