import * as aws from "@pulumi/aws";
import {
    DEFAULT_ALARM_THRESHOLDS,
    DEFAULT_DEPLOYMENT_CONFIG,
    REGIONAL_SERVICE_DEFAULTS,
    serviceSettings,
} from "../../../components/regional-service";
import { authScopes, lambdaService } from "../../../components/regional-service/args";
import { APP_ENTRY } from "../../../components/bundle";
import { ValidationRecords } from "../../../components/certificate-validation";
import { argsFor, ZONE } from "../../fixtures/regional-service";

describe("serviceSettings", () => {
    test("nothing given: every default, and an authorizer without an issuer (the validator refuses it)", () => {
        expect(serviceSettings({})).toEqual(REGIONAL_SERVICE_DEFAULTS);
        expect(REGIONAL_SERVICE_DEFAULTS.auth).toEqual({ type: "jwt", scopes: { read: "items:read", write: "items:write" } });
        expect(REGIONAL_SERVICE_DEFAULTS.writeThrottle).toEqual({ rateLimit: 100, burstLimit: 200 });
        expect(REGIONAL_SERVICE_DEFAULTS.healthThrottle).toEqual({ rateLimit: 10, burstLimit: 20 });
    });

    test("a JWT authorizer's scopes default one by one", () => {
        const auth = { type: "jwt" as const, issuer: "https://id.example.com/", audience: ["a"] };
        expect(authScopes(auth)).toEqual({ read: "items:read", write: "items:write" });
        expect(authScopes({ ...auth, scopes: { write: "orders/write" } })).toEqual({ read: "items:read", write: "orders/write" });
    });

    test("what is given wins; undefined counts as not given; keys that are not settings stay out", () => {
        const given = { kind: "lambda", memoryMb: 1024, timeoutSeconds: undefined, auth: { type: "jwt" as const, issuer: "https://id.example.com/", audience: ["a"] } };
        expect(serviceSettings(given)).toEqual({
            ...REGIONAL_SERVICE_DEFAULTS,
            memoryMb: 1024,
            auth: { type: "jwt", issuer: "https://id.example.com/", audience: ["a"] },
        });
    });
});

test("lambdaService applies the defaults of entry, deployment config, thresholds and tags", () => {
    const validation = new ValidationRecords("v", { kind: "route53", zoneId: ZONE, provider: {} as aws.Provider });
    const args = { ...argsFor("us-west-2"), tags: undefined, alarmThresholds: { latencyP99Ms: 900 } };
    const s = lambdaService("orders-us-west-2", args, { kind: "lambda", validation });
    expect({ ...s, args: undefined }).toEqual({
        name: "orders-us-west-2",
        region: "us-west-2",
        peers: ["us-east-1", "eu-west-1"],
        args: undefined,
        settings: REGIONAL_SERVICE_DEFAULTS,
        validation,
        entry: APP_ENTRY,
        deploymentConfigName: DEFAULT_DEPLOYMENT_CONFIG,
        thresholds: { ...DEFAULT_ALARM_THRESHOLDS, latencyP99Ms: 900 },
        // Its own load plus a whole other region's (failover-model planCapacity at an even share).
        sizing: { reservedConcurrency: 40, throttle: { rateLimit: 1000, burstLimit: 2000 } },
        tags: {},
    });
});
