/** The duty desk's alarms: the list, one alarm, acknowledging and clearing by hand. */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type DeviceKind, type Severity } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import { type AlarmListQuery, type ClearAlarmBody } from '../../../contract/iot.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { IOT_TOPIC } from './iot.alarms.ts';
import { householdLabel, readTenant, tenantWithAny, type Ctx } from './iot.common.ts';

function ruleTitle(kind: DeviceKind, type: string, lang: 'zh' | 'en'): string {
  const rule = DeviceProfiles[kind]?.rules.find((r) => r.key === type);
  return rule ? rule[lang] : type;
}

export async function alarmRows(
  deps: Deps,
  ctx: Ctx,
  tenantId: number,
  query: z.infer<typeof AlarmListQuery>,
) {
  let q = deps.db
    .selectFrom('iot_alarms as a')
    .innerJoin('iot_devices as d', (j) =>
      j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.device_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'd.tenant_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'd.tenant_id').onRef('h.id', '=', 'd.household_id'),
    )
    .leftJoin('users as ack', 'ack.id', 'a.acknowledged_by')
    .leftJoin('users as clr', 'clr.id', 'a.cleared_by')
    .where('a.tenant_id', '=', tenantId);
  if (query.status === 'open') q = q.where('a.status', '=', 'active');
  if (query.status === 'cleared') q = q.where('a.status', '=', 'cleared');
  if (query.kind) q = q.where('a.kind', '=', query.kind);
  if (query.severity) q = q.where('a.severity', '=', query.severity);
  if (query.deviceId) q = q.where('a.device_id', '=', query.deviceId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'a.id',
      'a.device_id',
      'd.code',
      'd.name',
      'a.kind',
      'a.type',
      'a.severity',
      'a.status',
      'a.acknowledged_at',
      'ack.display_name as ack_name',
      'a.opened_at',
      'a.last_at',
      'a.count',
      'a.last_value',
      'a.cleared_at',
      'clr.display_name as clr_name',
      'a.clear_note',
      'd.estate_id',
      'b.number as building',
      'd.place_name',
      'h.room',
      'd.household_id',
      'd.x',
      'd.y',
    ])
    .orderBy(sql`case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('a.status')
    .orderBy('a.last_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    deviceCode: r.code,
    deviceName: r.name,
    kind: r.kind as DeviceKind,
    type: r.type,
    title: ruleTitle(r.kind as DeviceKind, r.type, ctx.lang),
    severity: r.severity as Severity,
    status: r.status as 'active' | 'cleared',
    acknowledged: r.acknowledged_at !== null,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.ack_name ?? null,
    openedAt: r.opened_at,
    lastAt: r.last_at,
    count: r.count,
    lastValue: r.last_value,
    clearedAt: r.cleared_at,
    clearedBy: r.clr_name ?? (r.cleared_at ? (ctx.lang === 'zh' ? '系统自动' : 'automatic') : null),
    clearNote: r.clear_note,
    estateId: r.estate_id,
    buildingNumber: r.building,
    placeName: r.place_name,
    householdLabel: r.household_id ? householdLabel(r.building, r.room) : null,
    x: r.x,
    y: r.y,
  }));
  return { items, total: Number(total.n) };
}

export async function listAlarms(deps: Deps, ctx: Ctx, query: z.infer<typeof AlarmListQuery>) {
  return alarmRows(deps, ctx, readTenant(ctx), query);
}

export async function getAlarm(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = readTenant(ctx);
  const exists = await deps.db
    .selectFrom('iot_alarms')
    .select('device_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) throw notFound();
  const page = await alarmRows(deps, ctx, tenantId, {
    status: 'all',
    deviceId: exists.device_id,
    limit: 500,
    offset: 0,
  });
  const found = page.items.find((a) => a.id === id);
  if (!found) throw notFound();
  return found;
}

export async function acknowledgeAlarm(deps: Deps, ctx: Ctx, id: number) {
  const tenantId = tenantWithAny(ctx, ['safety.dispatch', 'safety.handle', 'safety.manage']);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_alarms')
      .set({ acknowledged_at: deps.clock.now(), acknowledged_by: ctx.actor.userId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .returning('device_id')
      .executeTakeFirst();
    if (!row) {
      await existingAlarm(trx, tenantId, id);
      return; // acknowledged before: nothing changes
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.alarm.acknowledge',
      entityType: 'iot_alarm',
      entityId: id,
    });
    await publish(trx, {
      tenantId,
      topic: IOT_TOPIC,
      data: { alarmId: id, deviceId: row.device_id, change: 'acknowledged' },
    });
  });
  return getAlarm(deps, ctx, id);
}

async function existingAlarm(trx: Executor, tenantId: number, id: number) {
  const row = await trx
    .selectFrom('iot_alarms')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Clearing by hand (a false alarm, a device fault): the work order made from it stays open. */
export async function clearAlarm(deps: Deps, ctx: Ctx, id: number, body: z.infer<typeof ClearAlarmBody>) {
  const tenantId = tenantWithAny(ctx, ['safety.dispatch', 'safety.manage']);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('iot_alarms')
      .set((eb) => ({
        status: 'cleared',
        cleared_at: now,
        cleared_by: ctx.actor.userId,
        clear_note: body.note,
        acknowledged_at: eb.fn.coalesce('acknowledged_at', sql<string>`${now.toISOString()}::timestamptz`),
        acknowledged_by: eb.fn.coalesce('acknowledged_by', sql<number>`${ctx.actor.userId}::bigint`),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returning('device_id')
      .executeTakeFirst();
    if (!row) {
      await existingAlarm(trx, tenantId, id);
      throw conflict('该告警已消除', 'This alarm is already cleared');
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'iot.alarm.clear',
      entityType: 'iot_alarm',
      entityId: id,
      payload: body,
    });
    await publish(trx, {
      tenantId,
      topic: IOT_TOPIC,
      data: { alarmId: id, deviceId: row.device_id, change: 'cleared' },
    });
  });
  return getAlarm(deps, ctx, id);
}
