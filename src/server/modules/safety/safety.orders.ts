/** Reading work orders (the list, one order with what the reader may do next, the assignee picker) and the street's SLA settings. */
import type { z } from 'zod';
import type { OrderListQuery, SlaRow } from '../../../contract/safety.ts';
import { requireAny, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { orderVisibility, usersWith } from './safety.access.ts';
import {
  OPEN_STATUSES,
  isOverdue,
  nextStatus,
  Priorities,
  type OrderAction,
  type OrderStatus,
  type Priority,
} from './safety.rules.ts';
import { slaOf, type Category, type ClosureCode, type Source } from './safety.order-common.ts';

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
