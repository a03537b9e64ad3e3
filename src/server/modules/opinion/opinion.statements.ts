/** Opinion map statements: listing, proposing (participants and staff) and moderating them. */
import type { z } from 'zod';
import type { ModerateBody } from '../../../contract/opinion.ts';
import { hasPermission, requirePermission } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { mapAccess, mapChanged, openMap, votesChanged, type StatementStatus } from './opinion.service.ts';

export const toStatement = (r: {
  id: number;
  text: string;
  status: string;
  by_staff: boolean;
  created_at: string;
}) => ({
  id: r.id,
  text: r.text,
  status: r.status as StatementStatus,
  byStaff: r.by_staff,
  createdAt: r.created_at,
});

/** Staff see every statement (to moderate); participants the approved ones and their own. */
export async function listStatements(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = await mapAccess(deps, ctx, id);
  let q = deps.db
    .selectFrom('opinion_statements')
    .select(['id', 'text', 'status', 'by_staff', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('map_id', '=', id)
    .orderBy('id');
  if (!hasPermission(ctx.actor, 'opinion.manage') && !hasPermission(ctx.actor, 'opinion.read'))
    q = q.where((eb) => eb.or([eb('status', '=', 'approved'), eb('author_id', '=', ctx.actor.userId)]));
  const items = (await q.execute()).map(toStatement);
  return { items, total: items.length };
}

export async function addStatement(deps: Deps, ctx: RequestContext, id: number, text: string) {
  const tenantId = await mapAccess(deps, ctx, id);
  const staff = hasPermission(ctx.actor, 'opinion.manage');
  if (!staff) requirePermission(ctx.actor, 'opinion.vote');
  const row = await deps.db.transaction().execute(async (trx) => {
    await openMap(trx, tenantId, id);
    const same = await trx
      .selectFrom('opinion_statements')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('map_id', '=', id)
      .where('text', '=', text)
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    if (same) throw conflict('已有相同的观点', 'The same statement is already on this map');
    const now = deps.clock.now();
    const inserted = await trx
      .insertInto('opinion_statements')
      .values({
        tenant_id: tenantId,
        map_id: id,
        text,
        status: staff ? 'approved' : 'pending',
        by_staff: staff,
        author_id: ctx.actor.userId,
        created_at: now,
        moderated_by: staff ? ctx.actor.userId : null,
        moderated_at: staff ? now : null,
      })
      .returning(['id', 'text', 'status', 'by_staff', 'created_at'])
      .executeTakeFirstOrThrow();
    await mapChanged(trx, deps, ctx, {
      tenantId,
      mapId: id,
      action: 'opinion.statement.create',
      entityType: 'opinion_statement',
      entityId: inserted.id,
      payload: { mapId: id, text, status: inserted.status },
    });
    return inserted;
  });
  return toStatement(row);
}

export async function moderateStatement(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  statementId: number,
  body: z.infer<typeof ModerateBody>,
) {
  requirePermission(ctx.actor, 'opinion.manage');
  const tenantId = await mapAccess(deps, ctx, id);
  const row = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('opinion_statements')
      .set({ status: body.status, moderated_by: ctx.actor.userId, moderated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('map_id', '=', id)
      .where('id', '=', statementId)
      .returning(['id', 'text', 'status', 'by_staff', 'created_at'])
      .executeTakeFirst();
    if (!updated) throw notFound();
    await votesChanged(trx, deps, tenantId, id);
    await mapChanged(trx, deps, ctx, {
      tenantId,
      mapId: id,
      action: 'opinion.statement.moderate',
      entityType: 'opinion_statement',
      entityId: statementId,
      payload: { mapId: id, status: body.status },
    });
    return updated;
  });
  return toStatement(row);
}
