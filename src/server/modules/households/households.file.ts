/** One household's file as read, and the audited reveal of its full ID number. */
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { z } from 'zod';
import type { HouseholdFile } from '../../../contract/households.ts';
import { hasPermission, requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import type { Db } from '../../db/database.ts';
import { permissionShape, StatementCache } from '../../db/statements.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import { streetDate } from '../../platform/streetTime.ts';
import {
  concernsQuery,
  iso,
  summaryQuery,
  toConcern,
  toSummary,
  toVisit,
  visitsQuery,
  type Member,
} from './households.common.ts';

const statements = new StatementCache();

/** The file's one statement; `actor` only for its visibility condition. */
function fileQuery(db: Db, actor: Actor, v: { tenantId: number; id: number; today: string }) {
  const { tenantId, id } = v;
  return summaryQuery(db, tenantId, v.today)
    .innerJoin('estates', (j) =>
      j
        .onRef('estates.tenant_id', '=', 'households.tenant_id')
        .onRef('estates.id', '=', 'households.estate_id'),
    )
    .select((eb) => [
      'estates.name as estate_name',
      'households.id_number_enc',
      'households.registered_count',
      'households.resident_count',
      'households.area_building',
      'households.area_usable',
      'households.notes',
      'households.members',
      'households.updated_at',
      jsonArrayFrom(visitsQuery(db, tenantId, id)).as('visits'),
      jsonArrayFrom(concernsQuery(db, tenantId, { householdId: id })).as('concerns'),
      jsonArrayFrom(
        eb
          .selectFrom('household_events')
          .select(['id', 'occurred_at', 'module', 'kind', 'params', 'title', 'detail'])
          .where('tenant_id', '=', tenantId)
          .where('household_id', '=', id)
          .orderBy('occurred_at', 'desc')
          .orderBy('id', 'desc')
          .limit(200),
      ).as('timeline'),
      jsonArrayFrom(
        eb
          .selectFrom('assignments')
          .innerJoin('users', 'users.id', 'assignments.user_id')
          .leftJoin('org_units', (j) =>
            j
              .onRef('org_units.tenant_id', '=', 'assignments.tenant_id')
              .onRef('org_units.id', '=', 'assignments.org_unit_id'),
          )
          .select(['users.id', 'users.display_name', 'org_units.name as unit'])
          .where('assignments.tenant_id', '=', tenantId)
          .where('assignments.household_id', '=', id),
      ).as('assignees'),
    ])
    .where('households.id', '=', id)
    .where(householdVisibility(actor));
}

/**
 * The whole file of one household: profile, members, concerns, visits, timeline, and allowed actions.
 * One round trip: the row access check is the query's own condition (an invisible household finds no
 * row and answers 404) and the file's lists come nested as json arrays. The statement is built once
 * per set of permissions (its visibility condition depends on them) and then reused.
 */
export async function getHouseholdFile(
  deps: Deps,
  ctx: RequestContext,
  id: number,
): Promise<z.infer<typeof HouseholdFile>> {
  const tenantId = requireTenant(ctx.actor);
  const readPermissions = ['household.read_all', 'household.read', 'self.read'] as const;
  if (!readPermissions.some((p) => ctx.actor.permissions.has(p))) throw notFound();
  const today = streetDate(deps.clock.now());
  const { actor } = ctx;
  const values = { tenantId, id, today, userId: actor.userId, householdId: actor.householdId };
  const [row] = await statements.execute(deps.db, `file:${permissionShape(actor.permissions)}`, values, (v) =>
    fileQuery(deps.db, { ...actor, tenantId: v.tenantId, userId: v.userId, householdId: v.householdId }, v),
  );
  if (!row) throw notFound();
  const visits = row.visits.map(toVisit);
  const staff =
    ctx.actor.permissions.has('household.read') || ctx.actor.permissions.has('household.read_all');
  const idNumber = row.id_number_enc ? maskIdNumber(deps.cipher.decrypt(row.id_number_enc)) : null;
  return {
    ...toSummary(deps, ctx.actor, row),
    estateName: row.estate_name,
    idNumber,
    registeredCount: row.registered_count,
    residentCount: row.resident_count,
    areaBuilding: row.area_building,
    areaUsable: row.area_usable,
    notes: staff ? row.notes : null,
    members: (row.members ?? []) as Member[],
    // Emotional-governance notes are working notes of staff, not shown to the household itself.
    visits: staff
      ? visits
      : visits.map((v) => ({ ...v, decisionMaker: null, trustedPerson: null, emotionalNotes: null })),
    concerns: row.concerns.map((c) => toConcern(c, today)),
    timeline: row.timeline.map((t) => ({
      id: t.id,
      occurredAt: iso(t.occurred_at),
      module: t.module,
      kind: t.kind,
      params: t.params,
      title: t.title,
      detail: t.detail,
    })),
    assignees: row.assignees.map((a) => ({ userId: a.id, name: a.display_name, orgUnit: a.unit })),
    actions: {
      edit: hasPermission(ctx.actor, 'household.write'),
      visit: hasPermission(ctx.actor, 'visit.write'),
      concern: hasPermission(ctx.actor, 'concern.write'),
      revealId: hasPermission(ctx.actor, 'household.reveal_id') && row.id_number_enc !== null,
      assign: hasPermission(ctx.actor, 'org.manage'),
    },
    updatedAt: row.updated_at,
  };
}

/** Shows a full ID number to an actor allowed to see it, with the reason on the audit trail. */
export async function revealIdNumber(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<{ idNumber: string | null }> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.reveal_id');
  await requireAccess(deps.db, ctx.actor, 'household', 'household.reveal_id', id);
  const row = await deps.db
    .selectFrom('households')
    .select('id_number_enc')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.reveal_id',
      entityType: 'household',
      entityId: id,
      payload: { reason },
    }),
  );
  return { idNumber: row.id_number_enc ? deps.cipher.decrypt(row.id_number_enc) : null };
}
