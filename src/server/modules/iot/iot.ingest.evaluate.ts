/** One alarm rule applied to a device's newly arrived messages: events, thresholds, durations. */
import { sql } from 'kysely';
import type { Deps } from '../../platform/deps.ts';
import { autoClear, raiseAlarm } from './iot.alarms.ts';
import { conditionHolds, type EffectiveRule } from './iot.rules.ts';
import type { Buffered, DeviceInfo } from './iot.ingest.common.ts';

/** Applies one rule to a device's batch; `isOpen` says whether the rule's alarm is open before it. */
export async function applyRule(
  deps: Deps,
  device: DeviceInfo,
  rule: EffectiveRule,
  latest: Buffered | undefined,
  events: Buffered[],
  isOpen: boolean,
): Promise<void> {
  switch (rule.type) {
    case 'event': {
      for (const e of events) {
        const type = String(e.payload.type);
        if (rule.params.events?.includes(type)) {
          await raiseAlarm(deps, device, rule, e.payload, { repeat: true });
          isOpen = true;
        } else if (isOpen && rule.params.clearEvents?.includes(type)) {
          await autoClear(deps, device, rule.key, `auto: ${type}`);
          isOpen = false;
        }
      }
      return;
    }
    case 'threshold':
    case 'duration': {
      if (!latest) return;
      const holds = conditionHolds(rule, latest.payload);
      if (holds === null) return;
      if (!holds) {
        if (isOpen) await autoClear(deps, device, rule.key, 'auto: back to normal');
        return;
      }
      if (rule.type === 'duration' && !(await heldLongEnough(deps, device, rule, latest.at))) return;
      await raiseAlarm(deps, device, rule, latest.payload, { repeat: true });
      return;
    }
    case 'repeat': {
      const wanted = rule.params.events ?? [];
      const hit = events.filter((e) => wanted.includes(String(e.payload.type)));
      if (hit.length === 0) return;
      const since = new Date(hit.at(-1)!.at.getTime() - (rule.params.windowSeconds ?? 600) * 1000);
      const row = await deps.db
        .selectFrom('iot_telemetry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', device.tenantId)
        .where('device_id', '=', device.id)
        .where('type', '=', 'event')
        .where('at', '>=', since.toISOString())
        .where(sql<string>`payload->>'type'`, 'in', wanted)
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= (rule.params.count ?? 3))
        await raiseAlarm(
          deps,
          device,
          rule,
          { events: Number(row.n), last: hit.at(-1)!.payload },
          { repeat: true },
        );
      return;
    }
    case 'too_little':
    case 'no_data':
      // found by the periodic sweep, never by an arriving message
      return;
  }
}

/** Duration rules: the condition held for the last N readings, or for at least S seconds. */
async function heldLongEnough(
  deps: Deps,
  device: DeviceInfo,
  rule: EffectiveRule,
  at: Date,
): Promise<boolean> {
  const { readings, seconds } = rule.params;
  if (readings !== undefined) {
    const rows = await deps.db
      .selectFrom('iot_telemetry')
      .select(['payload'])
      .where('tenant_id', '=', device.tenantId)
      .where('device_id', '=', device.id)
      .where('type', '=', 'telemetry')
      .orderBy('at', 'desc')
      .limit(readings)
      .execute();
    return (
      rows.length >= readings && rows.every((r) => conditionHolds(rule, r.payload as Record<string, unknown>))
    );
  }
  if (seconds !== undefined) {
    const rows = await deps.db
      .selectFrom('iot_telemetry')
      .select(['payload', 'at'])
      .where('tenant_id', '=', device.tenantId)
      .where('device_id', '=', device.id)
      .where('type', '=', 'telemetry')
      .where('at', '>=', new Date(at.getTime() - seconds * 3000).toISOString())
      .orderBy('at', 'desc')
      .limit(500)
      .execute();
    let oldest: number | null = null;
    for (const r of rows) {
      if (!conditionHolds(rule, r.payload as Record<string, unknown>)) break;
      oldest = new Date(r.at).getTime();
    }
    return oldest !== null && at.getTime() - oldest >= seconds * 1000;
  }
  return true;
}
