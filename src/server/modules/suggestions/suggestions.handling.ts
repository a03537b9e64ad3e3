/** Handling a suggestion: the steps (accept, assign, handle, answer, redirect, merge) and the rating. */
import { requireActiveUnit } from './units.service.ts';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  AssignBody,
  HandleBody,
  RateBody,
  RedirectBody,
  SuggestionStatus,
} from '../../../contract/suggestions.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { canTake, dueFor, refusalWords, RESULT_OF, type HandlingAction } from './suggestions.rules.ts';
import { settingsOf, readPermission } from './suggestions.common.ts';
import { getSuggestion } from './suggestions.reading.ts';

interface Change {
  set?: Partial<{
    assignee_department: string;
    assignee_unit_id: number;
    assignee_user_id: number | null;
    handling_note: string;
    answer: string;
    reply_id: number;
    answered_at: Date;
    redirect_target: string;
    redirect_reason: string;
    merged_into_id: number;
    adopted: boolean;
  }>;
  note?: string | null;
}

/**
 * Moves one suggestion by a handling action inside `trx`: checks the step is allowed, records whether
 * the step's deadline was met, sets the next step's deadline from the street's settings, audits.
 */
export async function applyAction(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  id: number,
  action: HandlingAction,
  change: Change = {},
): Promise<void> {
  const now = deps.clock.now();
  const current = await trx
    .selectFrom('suggestions')
    .select(['status', 'due_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound();
  const from = current.status as SuggestionStatus;
  if (!canTake(action, from)) {
    const words = refusalWords(action, from);
    throw conflict(words.zh, words.en, { status: from, action });
  }
  const to = RESULT_OF[action];
  // Re-assigning stays in the same step, under the same deadline.
  const sameStep = from === to;
  const dueAt = sameStep ? current.due_at : dueFor(to, await settingsOf(trx, tenantId), now);
  await trx
    .updateTable('suggestions')
    .set({ ...change.set, status: to, due_at: dueAt, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('suggestion_events')
    .values({
      tenant_id: tenantId,
      suggestion_id: id,
      from_status: from,
      to_status: to,
      due_at: sameStep ? null : current.due_at,
      on_time:
        sameStep || current.due_at === null ? null : now.getTime() <= new Date(current.due_at).getTime(),
      note: change.note ?? null,
      actor_user_id: ctx.actor.userId,
      created_at: now,
    })
    .execute();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId,
    action: `suggestion.${action}`,
    entityType: 'suggestion',
    entityId: id,
    payload: { from, to, ...change.set, note: change.note ?? undefined },
  });
}

async function act(deps: Deps, ctx: RequestContext, id: number, action: HandlingAction, change: Change = {}) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.handle', id);
  await deps.db.transaction().execute(async (trx) => {
    await applyAction(trx, deps, ctx, tenantId, id, action, change);
    await publish(trx, { tenantId, topic: 'suggestions', data: { id } });
  });
  return getSuggestion(deps, ctx, id);
}

/** 受理: the street takes the suggestion on. */
export const acceptSuggestion = (deps: Deps, ctx: RequestContext, id: number, note?: string) =>
  act(deps, ctx, id, 'accept', { note: note ?? null });

/** 交办: to one of the street's handling units (and optionally a person) responsible for it. */
export async function assignSuggestion(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof AssignBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  if (body.assigneeUserId !== undefined) {
    const user = await deps.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', body.assigneeUserId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!user) throw invalidField('body.assigneeUserId', '该用户不在本街道', 'No such user in this street');
  }
  const unit = await requireActiveUnit(deps.db, tenantId, body.unitId);
  return act(deps, ctx, id, 'assign', {
    set: {
      assignee_department: unit.name,
      assignee_unit_id: unit.id,
      assignee_user_id: body.assigneeUserId ?? null,
    },
    note: body.note ?? null,
  });
}

/** 办理: the department's work and whether the idea is adopted. */
export const handleSuggestion = (
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof HandleBody>,
) =>
  act(deps, ctx, id, 'handle', { set: { handling_note: body.note, adopted: body.adopted }, note: body.note });

/** 答复 (individually, 第十二条（二）). */
export const answerSuggestion = (deps: Deps, ctx: RequestContext, id: number, answer: string) =>
  act(deps, ctx, id, 'answer', { set: { answer, answered_at: deps.clock.now() } });

/** Not a suggestion (第十条第二款): sent to mediation, petitions, a court… with the reason shown. */
export const redirectSuggestion = (
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof RedirectBody>,
) =>
  act(deps, ctx, id, 'redirect', {
    set: { redirect_target: body.target, redirect_reason: body.reason },
    note: body.reason,
  });

/** Merges a duplicate into another suggestion; what was merged into this one follows it. */
export async function mergeSuggestion(deps: Deps, ctx: RequestContext, id: number, intoId: number) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  if (id === intoId)
    throw invalidField('body.intoId', '不能合并到自身', 'Cannot merge a suggestion into itself');
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.handle', [id, intoId]);
  await deps.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom('suggestions')
      .select('status')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', intoId)
      .executeTakeFirstOrThrow();
    if (target.status === 'merged' || target.status === 'redirected')
      throw conflict('目标建议已被合并或转办，请选择其他建议', 'The target was itself merged or redirected');
    await applyAction(trx, deps, ctx, tenantId, id, 'merge', {
      set: { merged_into_id: intoId },
      note: `#${intoId}`,
    });
    await trx
      .updateTable('suggestions')
      .set({ merged_into_id: intoId })
      .where('tenant_id', '=', tenantId)
      .where('merged_into_id', '=', id)
      .execute();
    await publish(trx, { tenantId, topic: 'suggestions', data: { id } });
  });
  return getSuggestion(deps, ctx, id);
}

/** 公众评价: the proposer rates the answer, once. */
export async function rateSuggestion(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof RateBody>,
) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('suggestions')
      .select(['status', 'proposer_user_id', 'rating'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.proposer_user_id !== ctx.actor.userId) throw new AppError('forbidden');
    if (row.status !== 'answered')
      throw conflict('答复后才能评价', 'You can rate once the suggestion is answered');
    if (row.rating !== null) throw conflict('已经评价过了', 'Already rated');
    await trx
      .updateTable('suggestions')
      .set({ rating: body.rating, rating_comment: body.comment ?? null, rated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion.rate',
      entityType: 'suggestion',
      entityId: id,
      payload: { rating: body.rating, comment: body.comment },
    });
  });
  return getSuggestion(deps, ctx, id);
}
