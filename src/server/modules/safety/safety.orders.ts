import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { DeviceProfiles, type DeviceKind } from '../../../contract/iot.ts';
import type {
  CancelBody,
  ClosureCodes,
  CreateOrderBody,
  DispatchBody,
  FeedbackBody,
  NoteBody,
  OrderCategories,
  OrderListQuery,
  OrderSources,
  ReportBody,
  SlaRow,
  VerifyBody,
} from '../../../contract/safety.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { notify, type Recipient } from '../../platform/notifications.ts';
import { addTimelineEvent } from '../households/households.timeline.ts';
import { orderVisibility, usersWith } from './safety.access.ts';
import { attachPhotos, checkOwnPhotos } from './safety.photos.ts';
import {
  DEFAULT_SLA,
  deadlines,
  escalationTarget,
  isOverdue,
  nextStatus,
  alarmPlace,
  OPEN_STATUSES,
  Priorities,
  priorityFromSeverity,
  type OrderAction,
  type OrderStatus,
  type Priority,
  type SlaMinutes,
} from './safety.rules.ts';

export const LIVE_TOPIC = 'safety.work_orders';

type Source = (typeof OrderSources)[number];
type Category = (typeof OrderCategories)[number];
type ClosureCode = (typeof ClosureCodes)[number];

export const STATUS_ZH: Record<OrderStatus, string> = {
  pending: '待派单',
  dispatched: '已派单',
  in_progress: '处置中',
  to_verify: '待核查',
  closed: '已结案',
  cancelled: '已撤销',
};
const STATUS_EN: Record<OrderStatus, string> = {
  pending: 'awaiting dispatch',
  dispatched: 'dispatched',
  in_progress: 'in progress',
  to_verify: 'awaiting verification',
  closed: 'closed',
  cancelled: 'cancelled',
};
const ACTION_ZH: Record<OrderAction, string> = {
  dispatch: '派单',
  accept: '接单',
  feedback: '提交反馈',
  close: '核查结案',
  reject: '退回重办',
  cancel: '撤销',
};
const PRIORITY_ZH: Record<Priority, string> = { urgent: '紧急', high: '高', normal: '一般', low: '低' };

// ---- settings ----

export async function slaOf(db: Executor, tenantId: number): Promise<Record<Priority, SlaMinutes>> {
  const rows = await db.selectFrom('safety_sla').selectAll().where('tenant_id', '=', tenantId).execute();
  const out = { ...DEFAULT_SLA };
  for (const r of rows)
    out[r.priority as Priority] = { acceptMinutes: r.accept_minutes, resolveMinutes: r.resolve_minutes };
  return out;
}

export async function getSla(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.manage']);
  const sla = await slaOf(deps.db, tenantId);
  return { items: Priorities.map((priority) => ({ priority, ...sla[priority] })) };
}

export async function setSla(deps: Deps, ctx: RequestContext, items: Array<z.infer<typeof SlaRow>>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.manage');
  for (const [i, r] of items.entries())
    if (r.resolveMinutes < r.acceptMinutes)
      throw invalidField(
        `body.items.${i}.resolveMinutes`,
        '办结时限不能短于响应时限',
        'The resolution deadline cannot be shorter than the response deadline',
      );
  await deps.db.transaction().execute(async (trx) => {
    for (const r of items)
      await trx
        .insertInto('safety_sla')
        .values({
          tenant_id: tenantId,
          priority: r.priority,
          accept_minutes: r.acceptMinutes,
          resolve_minutes: r.resolveMinutes,
        })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'priority'])
            .doUpdateSet({ accept_minutes: r.acceptMinutes, resolve_minutes: r.resolveMinutes }),
        )
        .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'safety.sla.update',
      entityType: 'safety_sla',
      payload: { items },
    });
  });
  return getSla(deps, ctx);
}

// ---- reading ----

function baseQuery(db: Executor) {
  return db
    .selectFrom('safety_work_orders as o')
    .leftJoin('users as a', 'a.id', 'o.assignee_id')
    .leftJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'o.tenant_id').onRef('h.id', '=', 'o.household_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .leftJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'h.tenant_id').onRef('e.id', '=', 'h.estate_id'),
    )
    .selectAll('o')
    .select([
      'a.display_name as assignee_name',
      'h.room as h_room',
      'b.number as b_number',
      'e.name as e_name',
    ]);
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toOrder(r: OrderRow, now: Date) {
  const status = r.status as OrderStatus;
  return {
    id: r.id,
    source: r.source as Source,
    alarmId: r.alarm_id,
    patrolRecordId: r.patrol_record_id,
    hotlineTicket: r.hotline_ticket,
    category: r.category as Category | null,
    title: r.title,
    description: r.description,
    place: r.place,
    householdId: r.household_id,
    householdLabel:
      r.household_id === null ? null : [r.e_name, r.b_number, r.h_room].filter(Boolean).join(' '),
    buildingId: r.building_id,
    priority: r.priority as Priority,
    status,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    reporterName: r.reporter_name,
    createdAt: r.created_at,
    acceptDueAt: r.accept_due_at,
    resolveDueAt: r.resolve_due_at,
    dispatchedAt: r.dispatched_at,
    acceptedAt: r.accepted_at,
    submittedAt: r.submitted_at,
    closedAt: r.closed_at,
    cancelledAt: r.cancelled_at,
    feedback: r.feedback,
    closureCode: r.closure_code as ClosureCode | null,
    verifyNote: r.verify_note,
    cancelReason: r.cancel_reason,
    escalationLevel: r.escalation_level,
    overdue: isOverdue(
      {
        status,
        acceptDueAt: new Date(r.accept_due_at),
        resolveDueAt: new Date(r.resolve_due_at),
        acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
      },
      now,
    ),
  };
}

export async function listOrders(deps: Deps, ctx: RequestContext, q: z.infer<typeof OrderListQuery>) {
  requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle', 'safety.report']);
  let query = baseQuery(deps.db).where(orderVisibility(ctx.actor)).orderBy('o.id', 'desc').limit(q.limit);
  if (q.status) query = query.where('o.status', '=', q.status);
  if (q.source) query = query.where('o.source', '=', q.source);
  if (q.alarmId) query = query.where('o.alarm_id', '=', q.alarmId);
  if (q.open) query = query.where('o.status', 'in', [...OPEN_STATUSES]);
  if (q.mine)
    query = query.where((eb) =>
      eb.or([eb('o.assignee_id', '=', ctx.actor.userId), eb('o.reporter_user_id', '=', ctx.actor.userId)]),
    );
  const now = deps.clock.now();
  const items = (await query.execute()).map((r) => toOrder(r, now));
  return { items, total: items.length };
}

function actionsFor(
  ctx: RequestContext,
  o: { status: OrderStatus; assigneeId: number | null },
): OrderAction[] {
  const p = ctx.actor.permissions;
  const out: OrderAction[] = [];
  const mine = o.assigneeId === ctx.actor.userId && p.has('safety.handle');
  if (p.has('safety.dispatch') && nextStatus(o.status, 'dispatch')) out.push('dispatch');
  if (mine && nextStatus(o.status, 'accept')) out.push('accept');
  if (mine && nextStatus(o.status, 'feedback')) out.push('feedback');
  if (p.has('safety.dispatch') && nextStatus(o.status, 'close')) out.push('close', 'reject');
  if (p.has('safety.dispatch') && nextStatus(o.status, 'cancel')) out.push('cancel');
  return out;
}

export async function getOrder(deps: Deps, ctx: RequestContext, id: number) {
  requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.read', 'safety.handle', 'safety.report']);
  const row = await baseQuery(deps.db)
    .where(orderVisibility(ctx.actor))
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const order = toOrder(row, deps.clock.now());
  const events = await deps.db
    .selectFrom('safety_work_order_events as ev')
    .leftJoin('users as u', 'u.id', 'ev.actor_id')
    .select([
      'ev.id',
      'ev.action',
      'ev.from_status',
      'ev.to_status',
      'ev.note',
      'ev.at',
      'u.display_name as actor_name',
    ])
    .where('ev.tenant_id', '=', row.tenant_id)
    .where('ev.work_order_id', '=', id)
    .orderBy('ev.id')
    .execute();
  const photos = await deps.db
    .selectFrom('safety_work_order_photos')
    .select(['file_id', 'stage'])
    .where('tenant_id', '=', row.tenant_id)
    .where('work_order_id', '=', id)
    .orderBy('file_id')
    .execute();
  return {
    ...order,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorName: e.actor_name,
      note: e.note,
      at: e.at,
    })),
    photos: photos.map((p) => ({ fileId: p.file_id, stage: p.stage as 'report' | 'feedback' })),
    actions: actionsFor(ctx, order),
  };
}

/** Staff who can take work orders, with how many open orders each holds (for the picker). */
export async function listAssignees(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requireAny(ctx.actor, ['safety.dispatch', 'safety.manage']);
  const users = await usersWith(deps.db, tenantId, 'safety.handle');
  const counts = await deps.db
    .selectFrom('safety_work_orders')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['dispatched', 'in_progress'])
    .groupBy('assignee_id')
    .execute();
  const open = new Map(counts.map((c) => [c.assignee_id, Number(c.n)]));
  const items = users.map((u) => ({ ...u, openOrders: open.get(u.id) ?? 0 }));
  return { items, total: items.length };
}

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

async function recordEvent(
  trx: Transaction<DB>,
  e: {
    tenantId: number;
    orderId: number;
    action: string;
    from: string | null;
    to: string | null;
    actorId: number | null;
    note?: string | null;
    detail?: unknown;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('safety_work_order_events')
    .values({
      tenant_id: e.tenantId,
      work_order_id: e.orderId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_id: e.actorId,
      note: e.note ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      at: e.at,
    })
    .execute();
}

async function onHouseholdTimeline(
  trx: Transaction<DB>,
  order: { tenantId: number; id: number; householdId: number | null; title: string },
  status: OrderStatus | 'registered',
  at: Date,
  actorId: number | null,
): Promise<void> {
  if (order.householdId === null) return;
  await addTimelineEvent(trx, {
    tenantId: order.tenantId,
    householdId: order.householdId,
    occurredAt: at,
    module: 'safety',
    kind: 'safety_work_order',
    params: { orderId: order.id, status, orderTitle: order.title },
    detail: { workOrderId: order.id },
    actorId,
  });
}

const recipients = (users: Array<{ id: number }>): Recipient[] => users.map((u) => ({ userId: u.id }));

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

async function checkAssignee(db: Executor, tenantId: number, userId: number): Promise<string> {
  const handlers = await usersWith(db, tenantId, 'safety.handle');
  const u = handlers.find((h) => h.id === userId);
  if (!u)
    throw invalidField(
      'body.assigneeId',
      '只能派给本街道有处置权限的人员',
      'Assign to a user of this street who handles work orders',
    );
  return u.name;
}

interface Locked {
  tenantId: number;
  id: number;
  status: OrderStatus;
  assigneeId: number | null;
  householdId: number | null;
  title: string;
  priority: Priority;
  createdAt: string;
  closureCode: string | null;
}

async function lockOrder(
  trx: Transaction<DB>,
  ctx: RequestContext,
  tenantId: number,
  id: number,
): Promise<Locked> {
  const row = await trx
    .selectFrom('safety_work_orders as o')
    .select([
      'o.id',
      'o.status',
      'o.assignee_id',
      'o.household_id',
      'o.title',
      'o.priority',
      'o.created_at',
      'o.closure_code',
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', id)
    .where(orderVisibility(ctx.actor))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    tenantId,
    id: row.id,
    status: row.status as OrderStatus,
    assigneeId: row.assignee_id,
    householdId: row.household_id,
    title: row.title,
    priority: row.priority as Priority,
    createdAt: row.created_at,
    closureCode: row.closure_code,
  };
}

function refuse(from: OrderStatus, action: OrderAction): AppError {
  return conflict(
    `工单当前为“${STATUS_ZH[from]}”，不能${ACTION_ZH[action]}`,
    `The work order is ${STATUS_EN[from]}; it cannot be ${action === 'feedback' ? 'given feedback' : `${action}ed`} now`,
    { status: from, action },
  );
}

/** One transition: state check, update, order timeline, audit, household timeline, live event. */
async function step(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  o: Locked,
  action: OrderAction,
  set: Record<string, unknown>,
  note: string | null,
  payload: unknown,
): Promise<OrderStatus> {
  const to = nextStatus(o.status, action);
  if (!to) throw refuse(o.status, action);
  const now = deps.clock.now();
  await trx
    .updateTable('safety_work_orders')
    .set({ ...set, status: to })
    .where('tenant_id', '=', o.tenantId)
    .where('id', '=', o.id)
    .execute();
  await recordEvent(trx, {
    tenantId: o.tenantId,
    orderId: o.id,
    action,
    from: o.status,
    to,
    actorId: ctx.actor.userId,
    note,
    at: now,
  });
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: o.tenantId,
    action: `safety.work_order.${action}`,
    entityType: 'safety_work_order',
    entityId: o.id,
    payload: { from: o.status, to, ...(payload as object) },
  });
  await onHouseholdTimeline(trx, o, to, now, ctx.actor.userId);
  await publish(trx, { tenantId: o.tenantId, topic: LIVE_TOPIC, data: { id: o.id, status: to } });
  return to;
}

async function applyDispatch(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  id: number,
  body: { assigneeId: number; priority?: Priority | undefined; note?: string | undefined },
): Promise<void> {
  const o = await lockOrder(trx, ctx, tenantId, id);
  const name = await checkAssignee(trx, tenantId, body.assigneeId);
  const set: Record<string, unknown> = { assignee_id: body.assigneeId, dispatched_at: deps.clock.now() };
  if (body.priority && body.priority !== o.priority) {
    // a new priority recomputes both deadlines from when the order was opened
    const due = deadlines(new Date(o.createdAt), (await slaOf(trx, tenantId))[body.priority]);
    Object.assign(set, {
      priority: body.priority,
      accept_due_at: due.acceptDueAt,
      resolve_due_at: due.resolveDueAt,
      escalation_level: 0,
    });
  }
  await step(trx, deps, ctx, o, 'dispatch', set, body.note ?? `派给 ${name}`, {
    assigneeId: body.assigneeId,
    priority: body.priority,
  });
  await notify(trx, deps, {
    tenantId,
    recipients: [{ userId: body.assigneeId }],
    topic: 'safety.work_order.assigned',
    title: '您有新的平安工单',
    body: `#${id} ${o.title}，请尽快接单`,
    link: `/safety/work-orders/${id}`,
  });
}

export async function dispatchOrder(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof DispatchBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.dispatch');
  await deps.db.transaction().execute((trx) => applyDispatch(trx, deps, ctx, tenantId, id, body));
  return getOrder(deps, ctx, id);
}

function requireAssignee(ctx: RequestContext, o: Locked): void {
  if (o.assigneeId !== ctx.actor.userId)
    throw new AppError('forbidden', undefined, {
      zh: '只有被派单的处置人可以操作',
      en: 'Only the assigned handler can do this',
    });
}

export async function acceptOrder(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof NoteBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.handle');
  await deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, ctx, tenantId, id);
    if (!nextStatus(o.status, 'accept')) throw refuse(o.status, 'accept');
    requireAssignee(ctx, o);
    // a new stage, a new deadline: escalation starts again from the resolution deadline
    await step(
      trx,
      deps,
      ctx,
      o,
      'accept',
      { accepted_at: deps.clock.now(), escalation_level: 0 },
      body.note ?? null,
      {},
    );
  });
  return getOrder(deps, ctx, id);
}

export async function feedbackOrder(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof FeedbackBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.handle');
  await deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, ctx, tenantId, id);
    if (!nextStatus(o.status, 'feedback')) throw refuse(o.status, 'feedback');
    requireAssignee(ctx, o);
    await checkOwnPhotos(trx, tenantId, ctx.actor.userId, body.photoFileIds, 'body.photoFileIds');
    await attachPhotos(trx, tenantId, id, body.photoFileIds, 'feedback');
    await step(
      trx,
      deps,
      ctx,
      o,
      'feedback',
      { feedback: body.feedback, closure_code: body.closureCode, submitted_at: deps.clock.now() },
      body.feedback,
      { closureCode: body.closureCode, photoFileIds: body.photoFileIds },
    );
    await notify(trx, deps, {
      tenantId,
      recipients: recipients(await usersWith(trx, tenantId, 'safety.dispatch')),
      topic: 'safety.work_order.to_verify',
      title: '工单待核查',
      body: `#${id} ${o.title} 已处置，请核查结案`,
      link: `/safety/work-orders/${id}`,
    });
  });
  return getOrder(deps, ctx, id);
}

/** 核查: the dispatcher closes the order (a closure code is required) or sends it back. */
export async function verifyOrder(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof VerifyBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.dispatch');
  await deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, ctx, tenantId, id);
    if (body.approve) {
      if (!nextStatus(o.status, 'close')) throw refuse(o.status, 'close');
      const code = body.closureCode ?? o.closureCode;
      if (!code)
        throw invalidField(
          'body.closureCode',
          '结案必须选择结案类型',
          'Choose a closure code to close the order',
        );
      await step(
        trx,
        deps,
        ctx,
        o,
        'close',
        { closure_code: code, verify_note: body.note ?? null, closed_at: deps.clock.now() },
        body.note ?? null,
        { closureCode: code },
      );
    } else {
      if (!nextStatus(o.status, 'reject')) throw refuse(o.status, 'reject');
      if (!body.note) throw invalidField('body.note', '退回时请说明原因', 'Say why the order goes back');
      await step(trx, deps, ctx, o, 'reject', { verify_note: body.note, escalation_level: 0 }, body.note, {});
      if (o.assigneeId)
        await notify(trx, deps, {
          tenantId,
          recipients: [{ userId: o.assigneeId }],
          topic: 'safety.work_order.rejected',
          title: '工单被退回重办',
          body: `#${id} ${o.title}：${body.note}`,
          link: `/safety/work-orders/${id}`,
        });
    }
  });
  return getOrder(deps, ctx, id);
}

export async function cancelOrder(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof CancelBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'safety.dispatch');
  await deps.db.transaction().execute(async (trx) => {
    const o = await lockOrder(trx, ctx, tenantId, id);
    await step(
      trx,
      deps,
      ctx,
      o,
      'cancel',
      { cancel_reason: body.reason, cancelled_at: deps.clock.now() },
      body.reason,
      { reason: body.reason },
    );
  });
  return getOrder(deps, ctx, id);
}

// ---- reminders and escalation ----

const systemCtx = { actor: null, ip: null, userAgent: 'safety.escalation' };

/**
 * Reminds and escalates late work orders. For each open order whose deadline has passed, the
 * escalation level it should have reached is computed from the clock; only levels not reached yet
 * notify anyone (level 1: reminder to the assignee, or the dispatchers when nobody is assigned;
 * level 2: the duty dispatchers; level 3: the street's leaders). Running it twice changes nothing.
 */
export async function escalateLateOrders(deps: Deps): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now();
  const late = await deps.db
    .selectFrom('safety_work_orders')
    .select(['tenant_id', 'id'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', 'in', ['pending', 'dispatched']),
          eb.or([eb('accept_due_at', '<', now.toISOString()), eb('resolve_due_at', '<', now.toISOString())]),
        ]),
        eb.and([eb('status', '=', 'in_progress'), eb('resolve_due_at', '<', now.toISOString())]),
      ]),
    )
    .where('escalation_level', '<', 3)
    .orderBy('tenant_id')
    .orderBy('id')
    .limit(2000)
    .execute();
  let reminded = 0;
  let escalated = 0;
  const slaCache = new Map<number, Record<Priority, SlaMinutes>>();
  for (const { tenant_id: tenantId, id } of late) {
    await deps.db.transaction().execute(async (trx) => {
      const o = await trx
        .selectFrom('safety_work_orders')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!o) return;
      if (!slaCache.has(tenantId)) slaCache.set(tenantId, await slaOf(trx, tenantId));
      const status = o.status as OrderStatus;
      const target = escalationTarget(
        { status, acceptDueAt: new Date(o.accept_due_at), resolveDueAt: new Date(o.resolve_due_at) },
        slaCache.get(tenantId)![o.priority as Priority],
        now,
      );
      if (target <= o.escalation_level) return;
      const from = o.escalation_level;
      await trx
        .updateTable('safety_work_orders')
        .set({ escalation_level: target, escalated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
      const stage = status === 'in_progress' ? '办结' : '响应';
      const link = `/safety/work-orders/${id}`;
      if (from < 1) {
        const to = o.assignee_id
          ? [{ userId: o.assignee_id }]
          : recipients(await usersWith(trx, tenantId, 'safety.dispatch'));
        await notify(trx, deps, {
          tenantId,
          recipients: to,
          topic: 'safety.work_order.reminder',
          title: `工单已超过${stage}时限`,
          body: `#${id} ${o.title}（${STATUS_ZH[status]}），请尽快处理`,
          link,
        });
        await recordEvent(trx, {
          tenantId,
          orderId: id,
          action: 'remind',
          from: status,
          to: status,
          actorId: null,
          note: `超过${stage}时限，已提醒`,
          detail: { level: 1 },
          at: now,
        });
        reminded++;
      }
      if (target >= 2) {
        const to = recipients(await usersWith(trx, tenantId, 'safety.dispatch'));
        if (target >= 3) to.push(...recipients(await usersWith(trx, tenantId, 'safety.manage')));
        await notify(trx, deps, {
          tenantId,
          recipients: to,
          topic: 'safety.work_order.escalated',
          title: `工单超时升级（${target} 级）`,
          body: `#${id} ${o.title}（${STATUS_ZH[status]}）已超过${stage}时限，请值班领导督办`,
          link,
        });
        await recordEvent(trx, {
          tenantId,
          orderId: id,
          action: 'escalate',
          from: status,
          to: status,
          actorId: null,
          note: `超时升级至 ${target} 级`,
          detail: { level: target },
          at: now,
        });
        escalated++;
      }
      await writeAudit(trx, deps.clock, systemCtx, {
        tenantId,
        action: 'safety.work_order.escalate',
        entityType: 'safety_work_order',
        entityId: id,
        payload: { from, to: target, status },
      });
      await publish(trx, { tenantId, topic: LIVE_TOPIC, data: { id, status, escalationLevel: target } });
    });
  }
  return { reminded, escalated };
}

export const escalationTask: PeriodicTask = {
  name: 'safety.escalate',
  everyMs: 60_000,
  run: (deps) => escalateLateOrders(deps).then(() => undefined),
};
