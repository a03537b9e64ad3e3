/** Visits (走访) and concerns (诉求): recorded, resolved, and put on the household's timeline. */
import type { z } from 'zod';
import type { CreateConcernBody, CreateVisitBody, UpdateConcernBody } from '../../../contract/households.ts';
import { requireAccess, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { addTimelineEvent, recordMilestone } from './households.timeline.ts';
import {
  listConcerns,
  publishHouseholdChange,
  recordedTime,
  toVisit,
  visitsQuery,
} from './households.common.ts';

/** Records a visit (走访) with the concerns it raised; the household reaches the 'visited' stage. */
export async function recordVisit(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof CreateVisitBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'visit.write', householdId);
  const now = deps.clock.now();
  const visitedAt = recordedTime(now, body.visitedAt, 'body.visitedAt');
  const visitId = await deps.db.transaction().execute(async (trx) => {
    const visit = await trx
      .insertInto('visits')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        visitor_id: ctx.actor.userId,
        visited_at: visitedAt,
        method: body.method,
        summary: body.summary,
        decision_maker: body.decisionMaker ?? null,
        trusted_person: body.trustedPerson ?? null,
        emotional_notes: body.emotionalNotes ?? null,
        next_follow_up: body.nextFollowUp ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of body.concerns ?? []) {
      await trx
        .insertInto('concerns')
        .values({
          tenant_id: tenantId,
          household_id: householdId,
          content: c.content,
          category: c.category ?? null,
          due_date: c.dueDate ?? null,
          owner_id: ctx.actor.userId,
          visit_id: visit.id,
          created_by: ctx.actor.userId,
          created_at: now,
        })
        .execute();
    }
    // The next follow-up is whatever the latest visit says (a visit without one clears it).
    await trx
      .updateTable('households')
      .set({ next_follow_up: body.nextFollowUp ?? null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', householdId)
      .execute();
    await recordMilestone(trx, tenantId, householdId, 'visited', `visit:${visit.id}`, visitedAt);
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: visitedAt,
      module: 'households',
      kind: 'visit',
      params: { method: body.method, summary: body.summary.slice(0, 60) },
      detail: { visitId: visit.id, concerns: body.concerns?.length ?? 0 },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'visit.create',
      entityType: 'household',
      entityId: householdId,
      payload: {
        visitId: visit.id,
        method: body.method,
        nextFollowUp: body.nextFollowUp,
        concerns: body.concerns?.length ?? 0,
      },
    });
    await publishHouseholdChange(trx, tenantId, householdId);
    return visit.id;
  });
  const visits = await visitsQuery(deps.db, tenantId, householdId).where('visits.id', '=', visitId).execute();
  return toVisit(visits[0]!);
}

export async function addConcern(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof CreateConcernBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'concern.write', householdId);
  const now = deps.clock.now();
  const recordedAt = recordedTime(now, body.recordedAt, 'body.recordedAt');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('concerns')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        content: body.content,
        category: body.category ?? null,
        owner_id: body.ownerId ?? ctx.actor.userId,
        due_date: body.dueDate ?? null,
        created_by: ctx.actor.userId,
        created_at: recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: recordedAt,
      module: 'households',
      kind: 'concern',
      params: { content: body.content.slice(0, 60) },
      detail: { concernId: row.id },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'concern.create',
      entityType: 'concern',
      entityId: row.id,
      payload: { householdId, ...body },
    });
    // Open concerns are on the dashboards and the big screen: let them refresh.
    await publishHouseholdChange(trx, tenantId, householdId);
    return row.id;
  });
  return (await listConcerns(deps.db, tenantId, { ids: [id] }, streetDate(now)))[0]!;
}

export async function updateConcern(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof UpdateConcernBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const concern = await deps.db
    .selectFrom('concerns')
    .select(['household_id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!concern) throw notFound();
  await requireAccess(deps.db, ctx.actor, 'household', 'concern.write', concern.household_id);
  if (body.status === 'resolved' && !body.resolution) {
    throw invalidField(
      'body.resolution',
      '办结诉求需要填写处理结果',
      'Resolving a concern needs a resolution',
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('concerns')
      .set({
        ...(body.status !== undefined
          ? { status: body.status, resolved_at: body.status === 'resolved' ? now : null }
          : {}),
        ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
        ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
        ...(body.dueDate !== undefined ? { due_date: body.dueDate } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    if (body.status === 'resolved' && concern.status !== 'resolved') {
      await addTimelineEvent(trx, {
        tenantId,
        householdId: concern.household_id,
        occurredAt: now,
        module: 'households',
        kind: 'concern_resolved',
        params: { resolution: body.resolution!.slice(0, 60) },
        detail: { concernId: id },
        actorId: ctx.actor.userId,
      });
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'concern.update',
      entityType: 'concern',
      entityId: id,
      payload: { before: { status: concern.status }, after: body },
    });
  });
  return (await listConcerns(deps.db, tenantId, { ids: [id] }, streetDate(now)))[0]!;
}
