import type { z } from 'zod';
import type { AddOrgMemberBody, AssignBody, CreateOrgUnitBody } from '../../../contract/households.ts';
import { allowedIds, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { addTimelineEvent } from './households.timeline.ts';

type Kind = 'temp_party_committee' | 'temp_party_branch' | 'task_force' | 'work_group';

/** Org units (临时党委, 临时党支部, 党员突击队, 工作组) with members and how many households they carry. */
export async function listOrgUnits(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  const [units, members, counts] = await Promise.all([
    deps.db
      .selectFrom('org_units')
      .select(['id', 'name', 'kind', 'parent_id'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('org_members')
      .innerJoin('users', 'users.id', 'org_members.user_id')
      .select(['org_unit_id', 'user_id', 'users.display_name', 'org_members.role', 'sees_unit'])
      .where('org_members.tenant_id', '=', tenantId)
      .execute(),
    deps.db
      .selectFrom('assignments')
      .select(['org_unit_id', (eb) => eb.fn.count<number>('household_id').distinct().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('org_unit_id', 'is not', null)
      .groupBy('org_unit_id')
      .execute(),
  ]);
  const items = units.map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind as Kind,
    parentId: u.parent_id,
    members: members
      .filter((m) => m.org_unit_id === u.id)
      .map((m) => ({ userId: m.user_id, name: m.display_name, role: m.role, seesUnit: m.sees_unit })),
    households: Number(counts.find((c) => c.org_unit_id === u.id)?.n ?? 0),
  }));
  return { items, total: items.length };
}

export async function createOrgUnit(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof CreateOrgUnitBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'org.manage');
  if (body.parentId) {
    const parent = await deps.db
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.parentId)
      .executeTakeFirst();
    if (!parent) throw invalidField('body.parentId', '上级组织不存在', 'No such parent unit');
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('org_units')
      .values({ tenant_id: tenantId, name: body.name, kind: body.kind, parent_id: body.parentId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'org_unit.create',
      entityType: 'org_unit',
      entityId: row.id,
      payload: body,
    });
    return row.id;
  });
  return (await listOrgUnits(deps, ctx)).items.find((u) => u.id === id)!;
}

async function requireStaffUser(deps: Deps, tenantId: number, userId: number, path: string) {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'display_name'])
    .where('id', '=', userId)
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .executeTakeFirst();
  if (!user || user.role === 'resident')
    throw invalidField(path, '该用户不是本街道的工作人员', 'Not a staff member of this street');
  return user;
}

export async function addOrgMember(
  deps: Deps,
  ctx: RequestContext,
  unitId: number,
  body: z.infer<typeof AddOrgMemberBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'org.manage');
  const unit = await deps.db
    .selectFrom('org_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) throw notFound();
  await requireStaffUser(deps, tenantId, body.userId, 'body.userId');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('org_members')
      .values({
        tenant_id: tenantId,
        org_unit_id: unitId,
        user_id: body.userId,
        role: body.role,
        sees_unit: body.seesUnit,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'org_unit_id', 'user_id'])
          .doUpdateSet({ role: body.role, sees_unit: body.seesUnit }),
      )
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'org_unit.member',
      entityType: 'org_unit',
      entityId: unitId,
      payload: body,
    });
  });
  return (await listOrgUnits(deps, ctx)).items.find((u) => u.id === unitId)!;
}

/** 包干: makes a cadre or volunteer responsible for households (idempotent per pair). */
export async function assignHouseholds(deps: Deps, ctx: RequestContext, body: z.infer<typeof AssignBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'org.manage');
  const user = await requireStaffUser(deps, tenantId, body.userId, 'body.userId');
  const visible = await allowedIds(deps.db, ctx.actor, 'household', 'org.manage', body.householdIds);
  const missing = body.householdIds.filter((id) => !visible.has(id));
  if (missing.length) throw notFound();
  if (body.orgUnitId) {
    const unit = await deps.db
      .selectFrom('org_units')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', body.orgUnitId)
      .executeTakeFirst();
    if (!unit) throw invalidField('body.orgUnitId', '组织不存在', 'No such unit');
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('assignments')
      .values(
        body.householdIds.map((household_id) => ({
          tenant_id: tenantId,
          household_id,
          user_id: body.userId,
          org_unit_id: body.orgUnitId ?? null,
          assigned_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'household_id', 'user_id'])
          .doUpdateSet({ org_unit_id: body.orgUnitId ?? null }),
      )
      .execute();
    for (const householdId of body.householdIds.slice(0, 200)) {
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'households',
        kind: 'assignment',
        params: { name: user.display_name },
        actorId: ctx.actor.userId,
      });
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'assignment.create',
      entityType: 'user',
      entityId: body.userId,
      payload: { households: body.householdIds.length, orgUnitId: body.orgUnitId },
    });
  });
  return { assigned: body.householdIds.length };
}

export async function unassign(deps: Deps, ctx: RequestContext, householdId: number, userId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'org.manage');
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('assignments')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .execute();
    // nothing of this street to remove (another street's household, or no such assignment): no audit
    if (removed.length === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'assignment.delete',
      entityType: 'household',
      entityId: householdId,
      payload: { userId },
    });
  });
  return { ok: true as const };
}

/** Street staff who can be made responsible for households. */
export async function listStaff(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'estate.read');
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', ['street_leader', 'cadre', 'committee', 'volunteer'])
    .orderBy('id')
    .execute();
  const items = rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
  return { items, total: items.length };
}
