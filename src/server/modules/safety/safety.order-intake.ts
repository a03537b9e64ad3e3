/** Opening work orders: from an alarm (prefilled, one open order per alarm), a hotline ticket, by hand, or a resident's report. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { type DeviceKind } from '../../../contract/iot.kinds.ts';
import { DeviceProfiles } from '../../../contract/iot.profiles.ts';
import type { CreateOrderBody, ReportBody } from '../../../contract/safety.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { notify } from '../../platform/notifications.ts';
import { usersWith } from './safety.access.ts';
import { attachPhotos, checkOwnPhotos } from './safety.photos.ts';
import { alarmPlace, deadlines, OPEN_STATUSES, priorityFromSeverity, type Priority } from './safety.rules.ts';
import {
  LIVE_TOPIC,
  onHouseholdTimeline,
  PRIORITY_ZH,
  recipients,
  recordEvent,
  slaOf,
  type Category,
  type Source,
} from './safety.order-common.ts';
import { applyDispatch, checkAssignee } from './safety.order-workflow.ts';
import { getOrder } from './safety.orders.ts';

// ---- alarms ----

const KIND_CATEGORY: Partial<Record<DeviceKind, Category>> = {
  smoke_alarm: 'fire',
  ebike_station: 'fire',
  smart_breaker: 'fire',
  indoor_charging_detector: 'fire',
  access_gate: 'theft',
};

async function openOrderForAlarm(db: Executor, tenantId: number, alarmId: number) {
  return db
    .selectFrom('safety_work_orders')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('alarm_id', '=', alarmId)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
}

function alarmConflict(orderId: number) {
  return conflict(
    `该告警已有未结案的工单 #${orderId}，请在该工单中继续处置`,
    `This alarm already has an open work order #${orderId}; continue there`,
    { workOrderId: orderId },
  );
}

/** What a work order dispatched from an alarm starts with: title, place, household, priority. */
export async function alarmPrefill(deps: Deps, ctx: RequestContext, alarmId: number) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.dispatch']);
  return prefillFrom(deps.db, tenantId, alarmId);
}

async function prefillFrom(db: Executor, tenantId: number, alarmId: number) {
  const a = await db
    .selectFrom('iot_alarms as al')
    .innerJoin('iot_devices as d', (j) =>
      j.onRef('d.tenant_id', '=', 'al.tenant_id').onRef('d.id', '=', 'al.device_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'd.tenant_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'd.tenant_id').onRef('e.id', '=', 'd.estate_id'),
    )
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'd.tenant_id').onRef('h.id', '=', 'd.household_id'),
    )
    .select([
      'al.id',
      'al.kind',
      'al.type',
      'al.severity',
      'd.name as device_name',
      'd.place_name',
      'd.household_id',
      'd.building_id',
      'b.number as building_number',
      'e.name as estate_name',
      'h.room',
    ])
    .where('al.tenant_id', '=', tenantId)
    .where('al.id', '=', alarmId)
    .executeTakeFirst();
  if (!a) throw notFound();
  const kind = a.kind as DeviceKind;
  const rule = DeviceProfiles[kind]?.rules.find((r) => r.key === a.type);
  const existing = await openOrderForAlarm(db, tenantId, alarmId);
  const place = alarmPlace({
    estate: a.estate_name,
    building: a.building_number,
    room: a.room,
    placeName: a.place_name,
    deviceName: a.device_name,
  });
  return {
    alarmId: a.id,
    title: `${rule?.zh ?? a.type}：${a.device_name}`,
    place,
    householdId: a.household_id,
    buildingId: a.building_id,
    priority: priorityFromSeverity(a.severity),
    category: KIND_CATEGORY[kind] ?? 'other',
    openOrderId: existing?.id ?? null,
  };
}

// ---- writing ----

interface NewOrder {
  source: Source;
  alarmId?: number | null;
  patrolRecordId?: number | null;
  hotlineTicket?: string | null;
  category: Category | null;
  title: string;
  description?: string | null;
  place?: string | null;
  householdId?: number | null;
  buildingId?: number | null;
  priority: Priority;
  reporterUserId?: number | null;
  reporterName?: string | null;
  photoFileIds?: readonly number[];
}

async function checkPlace(
  db: Executor,
  tenantId: number,
  o: { householdId?: number | null; buildingId?: number | null },
) {
  if (o.householdId) {
    const h = await db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', o.householdId)
      .executeTakeFirst();
    if (!h) throw invalidField('body.householdId', '住户不存在', 'No such household in this street');
  }
  if (o.buildingId) {
    const b = await db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', o.buildingId)
      .executeTakeFirst();
    if (!b) throw invalidField('body.buildingId', '楼栋不存在', 'No such building in this street');
  }
}

/**
 * Inserts a work order inside the caller's transaction: deadlines from the street's settings,
 * the first timeline event, photos, audit, household timeline, and a note to the duty dispatchers.
 * Shared by staff entry, resident reports and failed patrol checks.
 */
export async function insertOrder(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  o: NewOrder,
): Promise<number> {
  const now = deps.clock.now();
  const sla = (await slaOf(trx, tenantId))[o.priority];
  const due = deadlines(now, sla);
  if (o.alarmId) {
    const existing = await openOrderForAlarm(trx, tenantId, o.alarmId);
    if (existing) throw alarmConflict(existing.id);
  }
  const row = await trx
    .insertInto('safety_work_orders')
    .values({
      tenant_id: tenantId,
      source: o.source,
      alarm_id: o.alarmId ?? null,
      patrol_record_id: o.patrolRecordId ?? null,
      hotline_ticket: o.hotlineTicket ?? null,
      category: o.category,
      title: o.title,
      description: o.description ?? null,
      place: o.place ?? null,
      household_id: o.householdId ?? null,
      building_id: o.buildingId ?? null,
      priority: o.priority,
      reporter_user_id: o.reporterUserId ?? null,
      reporter_name: o.reporterName ?? null,
      created_by: ctx.actor.userId,
      created_at: now,
      accept_due_at: due.acceptDueAt,
      resolve_due_at: due.resolveDueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await attachPhotos(trx, tenantId, row.id, o.photoFileIds ?? [], 'report');
  await recordEvent(trx, {
    tenantId,
    orderId: row.id,
    action: 'create',
    from: null,
    to: 'pending',
    actorId: ctx.actor.userId,
    detail: { source: o.source },
    at: now,
  });
  await writeAudit(trx, deps.clock, ctx, {
    tenantId,
    action: 'safety.work_order.create',
    entityType: 'safety_work_order',
    entityId: row.id,
    payload: { ...o, photoFileIds: o.photoFileIds ?? [] },
  });
  await onHouseholdTimeline(
    trx,
    { tenantId, id: row.id, householdId: o.householdId ?? null, title: o.title },
    'registered',
    now,
    ctx.actor.userId,
  );
  await notify(trx, deps, {
    tenantId,
    recipients: recipients(await usersWith(trx, tenantId, 'safety.dispatch')),
    topic: 'safety.work_order.new',
    title: `新工单待派单（${PRIORITY_ZH[o.priority]}）`,
    body: `#${row.id} ${o.title}${o.place ? ` · ${o.place}` : ''}`,
    link: `/safety/work-orders/${row.id}`,
  });
  await publish(trx, { tenantId, topic: LIVE_TOPIC, data: { id: row.id, status: 'pending' } });
  return row.id;
}

/** Staff open a work order: from an alarm (prefilled), a 12345 hotline ticket, or by hand. */
export async function createOrder(deps: Deps, ctx: RequestContext, body: z.infer<typeof CreateOrderBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.dispatch');
  let o: NewOrder;
  if (body.source === 'alarm') {
    const pre = await prefillFrom(deps.db, tenantId, body.alarmId!);
    if (pre.openOrderId !== null) throw alarmConflict(pre.openOrderId);
    o = {
      source: 'alarm',
      alarmId: pre.alarmId,
      category: body.category ?? pre.category,
      title: body.title ?? pre.title,
      description: body.description ?? null,
      place: body.place ?? pre.place,
      householdId: body.householdId ?? pre.householdId,
      buildingId: body.buildingId ?? pre.buildingId,
      priority: body.priority ?? pre.priority,
      reporterName: body.reporterName ?? '物联感知',
    };
  } else {
    o = {
      source: body.source,
      hotlineTicket: body.source === 'hotline' ? body.hotlineTicket! : null,
      category: body.category ?? 'other',
      title: body.title!,
      description: body.description ?? null,
      place: body.place ?? null,
      householdId: body.householdId ?? null,
      buildingId: body.buildingId ?? null,
      priority: body.priority ?? 'normal',
      reporterName:
        body.reporterName ?? (body.source === 'hotline' ? '12345 市民热线' : ctx.actor.displayName),
    };
  }
  await checkPlace(deps.db, tenantId, o);
  if (body.assigneeId) await checkAssignee(deps.db, tenantId, body.assigneeId);
  let id: number;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const newId = await insertOrder(trx, deps, ctx, tenantId, o);
      if (body.assigneeId)
        await applyDispatch(trx, deps, ctx, tenantId, newId, { assigneeId: body.assigneeId });
      return newId;
    });
  } catch (error) {
    // Two dispatchers at once: the partial unique index lets only one open order per alarm through.
    if (o.alarmId && isUniqueViolation(error)) {
      const existing = await openOrderForAlarm(deps.db, tenantId, o.alarmId);
      if (existing) throw alarmConflict(existing.id);
    }
    throw error;
  }
  return getOrder(deps, ctx, id);
}

/** A resident reports a hazard from the phone, with photos: a work order waiting for dispatch. */
export async function reportHazard(deps: Deps, ctx: RequestContext, body: z.infer<typeof ReportBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.report');
  const id = await deps.db.transaction().execute(async (trx) => {
    await checkOwnPhotos(trx, tenantId, ctx.actor.userId, body.photoFileIds, 'body.photoFileIds');
    return insertOrder(trx, deps, ctx, tenantId, {
      source: 'resident',
      category: body.category,
      title: body.title,
      description: body.description ?? null,
      place: body.place,
      householdId: ctx.actor.householdId,
      priority: body.category === 'fire' ? 'high' : 'normal',
      reporterUserId: ctx.actor.userId,
      reporterName: ctx.actor.displayName,
      photoFileIds: body.photoFileIds,
    });
  });
  return getOrder(deps, ctx, id);
}
