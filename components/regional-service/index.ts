/**
 * RegionalService (`activeactive:app:RegionalService`): the active tier in one region, either the app as a Lambda
 * function behind an HTTP API and a regional custom domain (mode "lambda"), or a service that runs elsewhere (mode
 * "external", nothing created). One instance per region, created with that region's provider (`opts.provider`);
 * every child uses it. See docs/regional-service.md.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { missing } from "../../packages/aws-facts";
import { ArgsError, componentSubject, throwIfProblems } from "../problems";
import { regionGatedOptions, RegionGatedOptions } from "../provider-region";
import { DomainTarget, ExternalMode, LambdaMode, lambdaService, PinnedDomain, RegionalServiceArgs, SafeDeploymentOutputs } from "./args";
import { createFunction } from "./function";
import { createHttpApi } from "./http-api";
import { createCustomDomains } from "./custom-domain";
import { createAlarms } from "./alarms";
import { createCanary, createLiveAlias, createWarmStandby } from "./safe-deployment";
import { authProblems, routeThrottleProblems, validateRegionalServiceArgs } from "./validate";

export {
    DEFAULT_ALARM_THRESHOLDS,
    DEFAULT_AUTH_SCOPES,
    DEFAULT_DEPLOYMENT_CONFIG,
    REGIONAL_SERVICE_DEFAULTS,
    serviceSettings,
} from "./args";
export type {
    AlarmThresholds,
    DomainTarget,
    ExternalMode,
    LambdaMode,
    PinnedDomain,
    RegionalServiceArgs,
    RegionalServiceMode,
    RegionalServiceSettings,
    SafeDeploymentOutputs,
    AuthScopes,
    IamAuth,
    JwtAuth,
    ServiceAuth,
    Throttle,
} from "./args";
export { authProblems, routeThrottleProblems, validateRegionalServiceArgs };

const TYPE = "activeactive:app:RegionalService";
const COMPONENT = "RegionalService";

/** What either mode gives the traffic layer and CI. */
interface ServiceOutputs {
    healthCheckHostname: pulumi.Output<string>;
    domainTarget: pulumi.Output<DomainTarget>;
    pinned: PinnedDomain | undefined;
    functionName: pulumi.Output<string | undefined>;
    apiId: pulumi.Output<string | undefined>;
    apiArn: pulumi.Output<string | undefined>;
    canary: pulumi.Output<SafeDeploymentOutputs | undefined>;
    alarmTopicArn: pulumi.Output<string | undefined>;
}

export class RegionalService extends pulumi.ComponentResource {
    /** This region, as given; the constructor fails the program when the provider's region differs. */
    readonly region: string;
    /**
     * What health checks target (FQDN and SNI): the region-pinned name (`<region>.<domain>`), or the external
     * hostname. Never the API's default execute-api endpoint, which bypasses the custom domain users take.
     */
    readonly healthCheckHostname: pulumi.Output<string>;
    /** What latency records / pool origins point at: the regional custom domain's target. */
    readonly domainTarget: pulumi.Output<DomainTarget>;
    /** Mode "lambda": the region-pinned name and its custom domain's target, for the traffic layer's simple record. */
    readonly pinned: PinnedDomain | undefined;
    readonly functionName: pulumi.Output<string | undefined>;
    readonly apiId: pulumi.Output<string | undefined>;
    /**
     * The API's execute-api ARN (`arn:aws:execute-api:<region>:<account>:<api id>`), for callers' `execute-api:Invoke`
     * policies with IAM auth: the id differs per region, so a policy names every region's. Undefined in external mode.
     */
    readonly apiArn: pulumi.Output<string | undefined>;
    /** What CI needs to run a CodeDeploy canary; set when safe deployments are on. */
    readonly canary: pulumi.Output<SafeDeploymentOutputs | undefined>;
    /** The SNS topic this region's alarms notify (`npm run verify` checks it has a confirmed subscriber). */
    readonly alarmTopicArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: RegionalServiceArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super(TYPE, name, {}, opts);
        const provider = requireAwsProvider(name, args.region, opts.provider);
        throwIfProblems(COMPONENT, name, validateRegionalServiceArgs(args));
        this.region = args.region;
        const children = regionGatedOptions(this, provider, args.region, componentSubject(COMPONENT, name));
        const mode = args.mode;
        const built = mode.kind === "external" ? externalService(mode) : createLambdaService(name, args, mode, children);
        this.healthCheckHostname = built.healthCheckHostname;
        this.domainTarget = built.domainTarget;
        this.pinned = built.pinned;
        this.functionName = built.functionName;
        this.apiId = built.apiId;
        this.apiArn = built.apiArn;
        this.canary = built.canary;
        this.alarmTopicArn = built.alarmTopicArn;
        const { pinned, ...outputs } = built;
        this.registerOutputs({ region: this.region, ...outputs, pinnedName: pinned?.name });
    }
}

function requireAwsProvider(name: string, region: string, provider: pulumi.ProviderResource | undefined): aws.Provider {
    if (provider && aws.Provider.isInstance(provider)) return provider;
    const problem = missing("opts.provider", "is missing or not an aws.Provider", `the aws.Provider of region "${region}"`);
    throw new ArgsError(componentSubject(COMPONENT, name), [problem]);
}

/** Nothing is created (nothing waits on the region check; left unhandled, its rejection still fails the program). */
function externalService({ hostname }: ExternalMode): ServiceOutputs {
    return {
        healthCheckHostname: pulumi.output(hostname),
        domainTarget: pulumi.output<DomainTarget>({ name: hostname }),
        pinned: undefined,
        functionName: pulumi.output<string | undefined>(undefined),
        apiId: pulumi.output<string | undefined>(undefined),
        apiArn: pulumi.output<string | undefined>(undefined),
        canary: pulumi.output<SafeDeploymentOutputs | undefined>(undefined),
        alarmTopicArn: pulumi.output<string | undefined>(undefined),
    };
}

/** Every child of mode "lambda", in the order they depend on each other. */
function createLambdaService(name: string, args: RegionalServiceArgs, mode: LambdaMode, children: RegionGatedOptions): ServiceOutputs {
    const s = lambdaService(name, args, mode);
    const { opsKey, accessLogs, fn, healthFn, partition, account } = createFunction(s, children);
    const alias = s.settings.safeDeployment ? createLiveAlias(s, children, fn) : undefined;
    if (alias) createWarmStandby(s, children, fn, alias);
    const http = createHttpApi(s, children, { fn, healthFn, alias, accessLogs, partition, account });
    const domains = createCustomDomains(s, children, http);
    const alarms = createAlarms(s, children, { opsKey, fn, healthFn, api: http.api, certificate: domains.certificate });
    const canary = alias ? createCanary(s, children, { fn, alias, alarms, partition, account }) : undefined;
    return {
        healthCheckHostname: pulumi.output(domains.pinnedName),
        domainTarget: targetOf(domains.service),
        pinned: { name: domains.pinnedName, target: targetOf(domains.pinned) },
        functionName: fn.name,
        apiId: http.api.id,
        apiArn: http.executionArn,
        canary: canary ?? pulumi.output<SafeDeploymentOutputs | undefined>(undefined),
        alarmTopicArn: pulumi.output(alarms.topicArn),
    };
}

/** A regional custom domain's API Gateway target: what an alias record or a pool origin points at. */
function targetOf(domain: aws.apigatewayv2.DomainName): pulumi.Output<Required<DomainTarget>> {
    return domain.domainNameConfiguration.apply((c) => ({ name: c.targetDomainName!, zoneId: c.hostedZoneId! }));
}
