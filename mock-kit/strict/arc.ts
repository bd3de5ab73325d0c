/**
 * Route 53 Application Recovery Controller, recovery control configuration: CreateCluster, CreateControlPanel,
 * CreateRoutingControl, CreateSafetyRule. The configuration API is served from us-west-2 only.
 * https://docs.aws.amazon.com/recovery-cluster/latest/api/what-is-recovery-control.html
 * https://docs.aws.amazon.com/recovery-cluster/latest/api/safetyrule.html
 */
import { ARC_CONFIG_REGION, ARC_NAME_MAX_LENGTH } from "../../packages/aws-facts";
import { Problems, Resource, ResourceRule, list } from "./common";

function configRegion(r: Resource, p: Problems): void {
    if (r.region !== undefined && r.region !== ARC_CONFIG_REGION) {
        p.add(`UnknownEndpoint: route53-recovery-control-config has no endpoint in ${r.region}; its API is in ${ARC_CONFIG_REGION} only`);
    }
}

function named(field: string): ResourceRule {
    return {
        check(r) {
            const p = new Problems("ValidationException");
            configRegion(r, p);
            p.length(field, r.inputs.name, 1, ARC_NAME_MAX_LENGTH);
            return p.list();
        },
    };
}

const safetyRule: ResourceRule = {
    check(r) {
        const i = r.inputs;
        const p = new Problems("ValidationException");
        configRegion(r, p);
        p.length("name", i.name, 1, ARC_NAME_MAX_LENGTH);
        p.between("waitPeriodMs", i.waitPeriodMs, 0, Number.MAX_SAFE_INTEGER);
        const asserted = list(i.assertedControls);
        const gating = list(i.gatingControls);
        if (asserted.length > 0 === gating.length > 0) {
            p.add("ValidationException: A safety rule is either an assertion rule (AssertedControls) or a gating rule (GatingControls and TargetControls)");
        }
        const rule = i.ruleConfig ?? {};
        p.oneOf("ruleConfig.type", rule.type, ["ATLEAST", "AND", "OR"]);
        const controls = asserted.length > 0 ? asserted.length : gating.length;
        if (rule.type === "ATLEAST") p.between("ruleConfig.threshold", rule.threshold, 1, controls);
        return p.list();
    },
};

export const ARC_RULES: Record<string, ResourceRule> = {
    "aws:route53recoverycontrol/cluster:Cluster": named("clusterName"),
    "aws:route53recoverycontrol/controlPanel:ControlPanel": named("controlPanelName"),
    "aws:route53recoverycontrol/routingControl:RoutingControl": named("routingControlName"),
    "aws:route53recoverycontrol/safetyRule:SafetyRule": safetyRule,
};
