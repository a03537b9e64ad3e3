import { sql } from 'kysely';
import { DeviceKinds, type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import type { Deps } from '../../platform/deps.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { autoClear, raiseAlarm, type AlarmDevice } from './iot.alarms.ts';
import { effectiveRules, type EffectiveRule } from './iot.rules.ts';

/**
 * Alarms no arriving message can reveal: too little over a window (the water meter of an elderly
 * person living alone: < 0.01 m³ in 12 h) and silence (door contact not opened in 24 h, a charging
 * station gone quiet). Run by one process per interval; tests call `sweepIot(deps)` with a ManualClock.
 */

const SWEEP_KINDS = DeviceKinds.filter((k) =>
  DeviceProfiles[k].rules.some((r) => r.type === 'too_little' || r.type === 'no_data'),
);

export async function sweepIot(deps: Deps): Promise<{ opened: number; cleared: number }> {
  const now = deps.clock.now();
  let opened = 0;
  let cleared = 0;
  const tenants = await deps.db
    .selectFrom('iot_devices')
    .select('tenant_id')
    .distinct()
    .where('enabled', '=', true)
    .execute();
  for (const { tenant_id: tenantId } of tenants) {
    const overrides = await deps.db
      .selectFrom('iot_rules')
      .select(['kind', 'key', 'severity', 'enabled', 'params'])
      .where('tenant_id', '=', tenantId)
      .execute();
    for (const kind of SWEEP_KINDS) {
      for (const rule of effectiveRules(kind, overrides)) {
        if (rule.type !== 'too_little' && rule.type !== 'no_data') continue;
        const findings = rule.enabled ? await evaluate(deps, tenantId, kind, rule, now) : [];
        const openRows = await deps.db
          .selectFrom('iot_alarms')
          .select('device_id')
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', kind)
          .where('type', '=', rule.key)
          .where('status', '=', 'active')
          .execute();
        const firing = new Set(findings.filter((f) => f.fires).map((f) => f.device.id));
        for (const f of findings)
          if (f.fires && (await raiseAlarm(deps, f.device, rule, f.value, { repeat: false }))?.opened)
            opened++;
        const judged = new Set(findings.map((f) => f.device.id));
        for (const { device_id } of openRows) {
          // cleared when the condition is over (or the rule was switched off)
          if (firing.has(device_id) || (rule.enabled && !judged.has(device_id) && rule.type === 'too_little'))
            continue;
          if (
            await autoClear(
              deps,
              { tenantId, id: device_id },
              rule.key,
              'auto: sweep found the condition over',
            )
          )
            cleared++;
        }
      }
    }
    // repeat-rule alarms clear once their window has passed quietly
    for (const kind of DeviceKinds) {
      for (const rule of effectiveRules(kind, overrides).filter((r) => r.type === 'repeat')) {
        const quietSince = new Date(now.getTime() - (rule.params.windowSeconds ?? 600) * 1000).toISOString();
        const stale = await deps.db
          .selectFrom('iot_alarms')
          .select('device_id')
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', kind)
          .where('type', '=', rule.key)
          .where('status', '=', 'active')
          .where('last_at', '<', quietSince)
          .execute();
        for (const s of stale)
          if (
            await autoClear(deps, { tenantId, id: s.device_id }, rule.key, 'auto: quiet for the whole window')
          )
            cleared++;
      }
    }
  }
  return { opened, cleared };
}

interface Finding {
  device: AlarmDevice;
  fires: boolean;
  value: unknown;
}

async function evaluate(
  deps: Deps,
  tenantId: number,
  kind: DeviceKind,
  rule: EffectiveRule,
  now: Date,
): Promise<Finding[]> {
  const windowMs = (rule.params.windowSeconds ?? 3600) * 1000;
  const from = new Date(now.getTime() - windowMs).toISOString();
  const base = deps.db
    .selectFrom('iot_devices as d')
    .select([
      'd.id',
      'd.code',
      'd.name',
      'd.kind',
      'd.household_id',
      'd.consent_id',
      'd.created_at',
      'd.last_seen_at',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.kind', '=', kind)
    .where('d.enabled', '=', true);
  const device = (d: {
    id: number;
    code: string;
    name: string;
    household_id: number | null;
    consent_id: number | null;
  }): AlarmDevice => ({
    tenantId,
    id: d.id,
    code: d.code,
    name: d.name,
    kind,
    householdId: d.household_id,
    consentId: d.consent_id,
  });

  if (rule.type === 'no_data') {
    const events = rule.params.events;
    const rows = await base
      .select((eb) =>
        eb
          .selectFrom('iot_telemetry as t')
          .select(sql<string | null>`max(t.at)`.as('m'))
          .whereRef('t.tenant_id', '=', 'd.tenant_id')
          .whereRef('t.device_id', '=', 'd.id')
          .where('t.at', '<=', now.toISOString())
          .$if(Boolean(events?.length), (q) =>
            q.where('t.type', '=', 'event').where(sql<string>`t.payload->>'type'`, 'in', events!),
          )
          .as('last_heard'),
      )
      .execute();
    return rows.map((d) => {
      // a device is given the whole window from its registration before it counts as silent
      const last = d.last_heard ?? d.created_at;
      const fires = new Date(last).getTime() < now.getTime() - windowMs;
      return {
        device: device(d),
        fires,
        value: { lastHeardAt: d.last_heard ?? null, windowSeconds: rule.params.windowSeconds },
      };
    });
  }

  // too_little: consumption over the window from a cumulative register (latest − reading at the window's start)
  const metric = rule.params.metric ?? 'totalM3';
  const rows = await base
    .select((eb) => [
      eb
        .selectFrom('iot_telemetry as t')
        .select(sql<number>`(t.payload->>${metric})::float8`.as('v'))
        .whereRef('t.tenant_id', '=', 'd.tenant_id')
        .whereRef('t.device_id', '=', 'd.id')
        .where('t.type', '=', 'telemetry')
        .where('t.at', '<=', now.toISOString())
        .orderBy('t.at', 'desc')
        .limit(1)
        .as('latest'),
      eb
        .selectFrom('iot_telemetry as t')
        .select(sql<number>`(t.payload->>${metric})::float8`.as('v'))
        .whereRef('t.tenant_id', '=', 'd.tenant_id')
        .whereRef('t.device_id', '=', 'd.id')
        .where('t.type', '=', 'telemetry')
        .where('t.at', '<=', from)
        .orderBy('t.at', 'desc')
        .limit(1)
        .as('baseline'),
    ])
    .execute();
  return rows.flatMap((d) => {
    // without a reading from before the window there is nothing to compare yet
    if (d.latest === null || d.baseline === null) return [];
    const used = Math.round((Number(d.latest) - Number(d.baseline)) * 1e6) / 1e6;
    return [
      {
        device: device(d),
        fires: used < (rule.params.value ?? 0.01),
        value: { used, windowSeconds: rule.params.windowSeconds },
      },
    ];
  });
}

export const iotSweepTask: PeriodicTask = {
  name: 'iot.sweep',
  everyMs: 60_000,
  run: async (deps) => {
    await sweepIot(deps);
  },
};
