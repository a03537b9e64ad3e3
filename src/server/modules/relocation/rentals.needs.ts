import { sql } from 'kysely';
import type { z } from 'zod';
import type { NeedsBody } from '../../../contract/relocation.ts';
import type { TimelineParams } from '../../../contract/timeline.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { addTimelineEvent } from '../households/index.ts';
import { householdLabels, latestTransition, MODULE, requireHouseholdAct } from './relocation.common.ts';
import { daysBetween } from './relocation.rules.ts';

/**
 * 为你找房, the households' side: each one's planned moving date, transitional arrangement and rent
 * budget, and — for staff — who still has no arrangement as their moving date nears.
 */

/** What the timeline says changed: a key per changed field (null = cleared), none when unchanged. */
function needsChanges(
  body: { plannedMoveOn?: string | null; transition?: string | null },
  before: { planned_move_on: string | null; transition: string | null } | undefined,
): TimelineParams {
  const changed: TimelineParams = {};
  if (body.plannedMoveOn !== undefined && body.plannedMoveOn !== (before?.planned_move_on ?? null))
    changed.moveOn = body.plannedMoveOn;
  if (body.transition !== undefined && body.transition !== (before?.transition ?? null))
    changed.transition = body.transition;
  return changed;
}

/**
 * The household's planned moving date, transitional arrangement and rent budget. The planned date
 * is used when the street has not recorded a move-out date for the building; the arrangement
 * overrides the one in the renewal plan. A change of date or arrangement goes into the timeline.
 */
export async function setNeeds(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof NeedsBody>,
) {
  const tenantId = await requireHouseholdAct(deps, ctx, householdId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('relocation_needs')
      .select(['planned_move_on', 'transition'])
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', householdId)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      ...(body.plannedMoveOn !== undefined ? { planned_move_on: body.plannedMoveOn } : {}),
      ...(body.transition !== undefined ? { transition: body.transition } : {}),
      ...(body.rentBudget !== undefined ? { rent_budget: body.rentBudget } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
    };
    await trx
      .insertInto('relocation_needs')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        planned_move_on: body.plannedMoveOn ?? null,
        transition: body.transition ?? null,
        rent_budget: body.rentBudget ?? null,
        note: body.note ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'household_id'])
          .doUpdateSet(Object.keys(values).length ? values : { note: sql`relocation_needs.note` }),
      )
      .execute();
    const changed = needsChanges(body, before);
    if (Object.keys(changed).length > 0)
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: MODULE,
        kind: 'needs_set',
        params: changed,
        detail: { plannedMoveOn: body.plannedMoveOn ?? null, transition: body.transition ?? null },
        actorId: ctx.actor.userId,
      });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.needs.set',
      entityType: 'household',
      entityId: householdId,
      payload: body,
    });
  });
  return { ok: true as const };
}

/** What the household has said about its move (the caller has checked access). */
export async function loadNeeds(db: Executor, tenantId: number, householdId: number) {
  const row = await db
    .selectFrom('households as h')
    .leftJoin('relocation_needs as n', (j) =>
      j.onRef('n.tenant_id', '=', 'h.tenant_id').onRef('n.household_id', '=', 'h.id'),
    )
    .leftJoin('building_phases as p', (j) =>
      j
        .onRef('p.tenant_id', '=', 'h.tenant_id')
        .onRef('p.building_id', '=', 'h.building_id')
        .on('p.phase', '=', 'moved_out'),
    )
    .select(['n.planned_move_on', 'n.rent_budget', 'n.note', 'p.on_date as phase_date'])
    .where('h.tenant_id', '=', tenantId)
    .where('h.id', '=', householdId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const transition = await latestTransition(db, tenantId, householdId);
  return {
    plannedMoveOn: row.planned_move_on ?? null,
    buildingMoveOn: row.phase_date ?? null,
    rentBudget: row.rent_budget === null ? null : Number(row.rent_budget),
    note: row.note ?? null,
    transition: transition?.transition ?? null,
    transitionSource: transition?.source ?? null,
  };
}

/**
 * Households whose moving date falls within `days` (or has passed) and who have no arrangement yet:
 * no plan, or a plan saying "agency rental" with no flat reserved, contracted or moved into.
 * The moving date is the building's recorded 'moved_out' phase, else the household's planned date.
 */
export async function unarranged(
  deps: Deps,
  ctx: RequestContext,
  query: { days: number; estateId?: number | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'relocation.read');
  const today = streetDate(deps.clock.now());
  let q = deps.db
    .selectFrom('households as h')
    .innerJoin('estates as e', (j) =>
      j.onRef('e.tenant_id', '=', 'h.tenant_id').onRef('e.id', '=', 'h.estate_id'),
    )
    .leftJoin('building_phases as p', (j) =>
      j
        .onRef('p.tenant_id', '=', 'h.tenant_id')
        .onRef('p.building_id', '=', 'h.building_id')
        .on('p.phase', '=', 'moved_out'),
    )
    .leftJoin('relocation_needs as n', (j) =>
      j.onRef('n.tenant_id', '=', 'h.tenant_id').onRef('n.household_id', '=', 'h.id'),
    )
    .select([
      'h.id',
      'e.name as estate_name',
      'h.elderly_alone',
      'h.very_old',
      'h.disability',
      'p.on_date as phase_date',
      'n.planned_move_on',
      'n.transition as own_transition',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('relocation_rental_bookings as b')
            .select(sql`1`.as('one'))
            .whereRef('b.tenant_id', '=', 'h.tenant_id')
            .whereRef('b.household_id', '=', 'h.id')
            .where('b.status', 'in', ['reserved', 'contracted', 'moved_in']),
        )
        .as('has_rental'),
    )
    .where('h.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('p.on_date', 'is not', null), eb('n.planned_move_on', 'is not', null)]));
  if (query.estateId !== undefined) q = q.where('h.estate_id', '=', query.estateId);
  // each household's latest plan version, read once from the plans alone (its unique index) instead
  // of a lookup per household: one pass whatever the statistics
  const [rows, latest] = await Promise.all([
    q.execute(),
    deps.db
      .selectFrom('plans')
      .distinctOn('household_id')
      .select(['household_id', 'transition'])
      .where('tenant_id', '=', tenantId)
      .orderBy('household_id')
      .orderBy('version', 'desc')
      .execute(),
  ]);
  const planned = new Map(latest.map((p) => [p.household_id, p.transition]));
  const picked = rows
    .map((row) => {
      const r = { ...row, transition: row.own_transition ?? planned.get(row.id) ?? null };
      const moveOn = (r.phase_date ?? r.planned_move_on)!;
      return { r, moveOn, daysLeft: daysBetween(today, moveOn) };
    })
    .filter(({ r, daysLeft }) => {
      if (daysLeft > query.days) return false;
      // a building already emptied is past this list; an overdue planned date stays on it
      if (r.phase_date && daysLeft < 0) return false;
      if (r.transition === 'self' || r.transition === 'relatives') return false;
      return !r.has_rental;
    })
    .sort((a, b) => a.daysLeft - b.daysLeft || a.r.id - b.r.id);
  const labels = await householdLabels(
    deps.db,
    tenantId,
    picked.map((p) => p.r.id),
  );
  const items = picked.map(({ r, moveOn, daysLeft }) => ({
    householdId: r.id,
    householdLabel: labels.get(r.id) ?? '',
    estateName: r.estate_name,
    moveOn,
    moveOnSource: r.phase_date ? ('building_phase' as const) : ('planned' as const),
    daysLeft,
    transition: r.transition ?? null,
    needsAccess: r.elderly_alone || r.very_old || r.disability,
  }));
  return { items, total: items.length };
}
