/** A work order's life after opening: dispatch, accept, feedback, verification (核查) and cancellation. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  CancelBody,
  DispatchBody,
  FeedbackBody,
  NoteBody,
  VerifyBody,
} from '../../../contract/safety.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { notify } from '../../platform/notifications.ts';
import { orderVisibility, usersWith } from './safety.access.ts';
import { attachPhotos, checkOwnPhotos } from './safety.photos.ts';
import { deadlines, nextStatus, type OrderAction, type OrderStatus, type Priority } from './safety.rules.ts';
import {
  ACTION_ZH,
  LIVE_TOPIC,
  onHouseholdTimeline,
  recipients,
  recordEvent,
  slaOf,
  STATUS_EN,
  STATUS_ZH,
} from './safety.order-common.ts';
import { getOrder } from './safety.orders.ts';

export async function checkAssignee(db: Executor, tenantId: number, userId: number): Promise<string> {
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

export async function applyDispatch(
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
