import { type DeviceKind, type Severity } from '../../../contract/iot.kinds.ts';
import {
  DeviceProfiles,
  type Metric,
  type RuleDefinition,
  type RuleParams,
} from '../../../contract/iot.profiles.ts';

/** A rule as it applies in one street: the profile's default with the street's overrides. */
export interface EffectiveRule extends RuleDefinition {
  enabled: boolean;
  customised: boolean;
}

export interface RuleOverride {
  kind: string;
  key: string;
  severity: string;
  enabled: boolean;
  params: unknown;
}

export function effectiveRules(kind: DeviceKind, overrides: readonly RuleOverride[]): EffectiveRule[] {
  return DeviceProfiles[kind].rules.map((rule) => {
    const o = overrides.find((r) => r.kind === kind && r.key === rule.key);
    if (!o) return { ...rule, enabled: true, customised: false };
    return {
      ...rule,
      severity: o.severity as Severity,
      enabled: o.enabled,
      params: { ...rule.params, ...(o.params as RuleParams) },
      customised: true,
    };
  });
}

/** Reads a watched number out of a telemetry payload (already validated against the kind's schema). */
export function metricValue(metric: Metric, payload: Record<string, unknown>): number | null {
  if (metric === 'maxPortTemperature') {
    const ports = payload.ports as Array<{ temperature: number }> | undefined;
    if (!ports?.length) return null;
    return Math.max(...ports.map((p) => p.temperature));
  }
  const v = payload[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function compare(value: number, op: RuleParams['op'], limit: number): boolean {
  switch (op) {
    case 'gt':
      return value > limit;
    case 'gte':
      return value >= limit;
    case 'lt':
      return value < limit;
    case 'lte':
      return value <= limit;
    case undefined:
      return false;
  }
}

/** Whether a telemetry payload meets a threshold/duration rule's condition (null: rule does not apply). */
export function conditionHolds(rule: RuleDefinition, payload: Record<string, unknown>): boolean | null {
  const { metric, op, value } = rule.params;
  if (!metric || !op || value === undefined) return null;
  const v = metricValue(metric, payload);
  if (v === null) return null;
  return compare(v, op, value);
}

/** Sweep-only rules: found by the periodic task, never by an arriving message. */
export function isSweepRule(rule: RuleDefinition): boolean {
  return rule.type === 'too_little' || rule.type === 'no_data';
}

/** Checks a street's edit of a rule: the parameters its type needs must stay present and sane. */
export function ruleParamsProblem(rule: RuleDefinition, params: RuleParams): string | null {
  const need: Record<RuleDefinition['type'], Array<keyof RuleParams>> = {
    event: ['events'],
    threshold: ['metric', 'op', 'value'],
    duration: ['metric', 'op', 'value'],
    repeat: ['events', 'count', 'windowSeconds'],
    too_little: ['metric', 'value', 'windowSeconds'],
    no_data: ['windowSeconds'],
  };
  for (const key of need[rule.type]) if (params[key] === undefined) return key;
  if (rule.type === 'duration' && params.readings === undefined && params.seconds === undefined)
    return 'readings';
  if (rule.params.metric && params.metric !== rule.params.metric) return 'metric';
  return null;
}
