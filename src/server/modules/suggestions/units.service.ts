/**
 * The street's handling units (承办单位): a managed list that assignment (交办) picks from, so the
 * same department is always named the same way and the figures can count by unit.
 */
import type { z } from 'zod';
import type { HandlingUnitBody, UpdateHandlingUnitBody } from '../../../contract/suggestions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';

async function units(db: Executor, tenantId: number) {
  const rows = await db
    .selectFrom('suggestion_units as u')
    .select(['u.id', 'u.name', 'u.active'])
    .select((eb) =>
      eb
        .selectFrom('suggestions as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.tenant_id', '=', 'u.tenant_id')
        .whereRef('s.assignee_unit_id', '=', 'u.id')
        .as('assigned'),
    )
    .where('u.tenant_id', '=', tenantId)
    .orderBy('u.active', 'desc')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, active: r.active, assigned: Number(r.assigned ?? 0) }));
}

export async function listUnits(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'suggestion.read');
  const items = await units(deps.db, requireTenant(ctx.actor));
  return { items, total: items.length };
}

async function requireNameFree(trx: Executor, tenantId: number, name: string, id = 0) {
  const same = await trx
    .selectFrom('suggestion_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .where('id', '<>', id)
    .executeTakeFirst();
  if (same) throw conflict(`已有名为“${name}”的承办单位`, `There is already a unit “${name}”`);
}

export async function createUnit(deps: Deps, ctx: RequestContext, body: z.output<typeof HandlingUnitBody>) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireNameFree(trx, tenantId, body.name);
    const row = await trx
      .insertInto('suggestion_units')
      .values({ tenant_id: tenantId, name: body.name, created_at: deps.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_unit.create',
      entityType: 'suggestion_unit',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await units(deps.db, tenantId)).find((u) => u.id === id)!;
}

/** Renames (suggestions assigned to it show the new name) or retires a unit (no longer offered). */
export async function updateUnit(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof UpdateHandlingUnitBody>,
) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('suggestion_units')
      .select(['name', 'active'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    if (body.name !== undefined && body.name !== before.name) {
      await requireNameFree(trx, tenantId, body.name, id);
      await trx
        .updateTable('suggestions')
        .set({ assignee_department: body.name })
        .where('tenant_id', '=', tenantId)
        .where('assignee_unit_id', '=', id)
        .execute();
    }
    await trx
      .updateTable('suggestion_units')
      .set({ name: body.name ?? before.name, active: body.active ?? before.active })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_unit.update',
      entityType: 'suggestion_unit',
      entityId: id,
      payload: { before, after: body },
    });
  });
  return (await units(deps.db, tenantId)).find((u) => u.id === id)!;
}

/** The unit an assignment names: one of this street's units still in use, else a clear refusal. */
export async function requireActiveUnit(db: Executor, tenantId: number, unitId: number) {
  const unit = await db
    .selectFrom('suggestion_units')
    .select(['id', 'name', 'active'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit)
    throw invalidField(
      'body.unitId',
      '承办单位不在本街道的承办单位名单中，请从名单中选择',
      "The handling unit is not on this street's list; pick one from the list",
    );
  if (!unit.active)
    throw invalidField(
      'body.unitId',
      `承办单位“${unit.name}”已停用`,
      `The unit “${unit.name}” is no longer in use`,
    );
  return unit;
}
