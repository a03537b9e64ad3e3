import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  BookingStepBody,
  NeedsBody,
  RentalBody,
  RentalUpdateBody,
  ReserveBody,
} from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import type { TimelineParams } from '../../../contract/timeline.ts';
import { addTimelineEvent } from '../households/households.timeline.ts';
import {
  actorVendorId,
  householdLabels,
  isStaff,
  latestTransition,
  MODULE,
  requireHouseholdAct,
  resolveVendor,
  viewerScope,
  recordHouseholdStep,
} from './relocation.common.ts';
import { daysBetween, isAccessible, rankRentals } from './relocation.rules.ts';
import { streetDate } from '../../platform/streetTime.ts';

/**
 * 为你找房: partner agencies list short-term flats (fees waived); households whose plan says
 * "agency rental" get them ranked by budget, distance and accessibility; reservations and contracts
 * are followed to move-in; staff see who still has no arrangement as their moving date nears.
 */

async function loadRentals(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; vendorId?: number; status?: string },
) {
  let q = db
    .selectFrom('relocation_rentals as r')
    .innerJoin('relocation_vendors as v', (j) =>
      j.onRef('v.tenant_id', '=', 'r.tenant_id').onRef('v.id', '=', 'r.vendor_id'),
    )
    .selectAll('r')
    .select('v.name as vendor_name')
    .where('r.tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('r.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.vendorId !== undefined) q = q.where('r.vendor_id', '=', filter.vendorId);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  const rows = await q.orderBy('r.id').execute();
  return rows.map((r) => ({
    id: r.id,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    title: r.title,
    location: r.location,
    distanceM: r.distance_m,
    rent: Number(r.rent),
    rooms: r.rooms,
    floor: r.floor,
    hasLift: r.has_lift,
    accessible: isAccessible({ floor: r.floor, hasLift: r.has_lift }),
    availableFrom: r.available_from,
    availableTo: r.available_to,
    minMonths: r.min_months,
    feeWaived: r.fee_waived,
    status: r.status as 'open' | 'reserved' | 'let' | 'withdrawn',
  }));
}

/** Staff and residents see open listings (staff: every status); a vendor sees its own firm's. */
export async function listRentals(deps: Deps, ctx: RequestContext, query: { status?: string | undefined }) {
  const tenantId = requireTenant(ctx.actor);
  if (isStaff(ctx)) {
    const items = await loadRentals(deps.db, tenantId, query.status ? { status: query.status } : {});
    return { items, total: items.length };
  }
  if (hasPermission(ctx.actor, 'relocation.offer')) {
    const vendorId = await actorVendorId(deps, ctx);
    const items = vendorId === null ? [] : await loadRentals(deps.db, tenantId, { vendorId });
    return { items, total: items.length };
  }
  requirePermission(ctx.actor, 'relocation.book');
  const items = await loadRentals(deps.db, tenantId, { status: 'open' });
  return { items, total: items.length };
}

export async function createRental(deps: Deps, ctx: RequestContext, body: z.infer<typeof RentalBody>) {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.manage')) requirePermission(ctx.actor, 'relocation.offer');
  const vendorId = await resolveVendor(deps, ctx, body.vendorId, 'agency');
  if (body.availableTo && body.availableTo < body.availableFrom)
    throw invalidField(
      'body.availableTo',
      '可租截止日期早于起始日期',
      'Available-to is before available-from',
    );
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('relocation_rentals')
      .values({
        tenant_id: tenantId,
        vendor_id: vendorId,
        title: body.title,
        location: body.location,
        distance_m: body.distanceM,
        rent: body.rent,
        rooms: body.rooms,
        floor: body.floor,
        has_lift: body.hasLift,
        available_from: body.availableFrom,
        available_to: body.availableTo ?? null,
        min_months: body.minMonths,
        fee_waived: body.feeWaived,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.rental.create',
      entityType: 'relocation_rental',
      entityId: row.id,
      payload: { ...body, vendorId },
    });
    return row.id;
  });
  return (await loadRentals(deps.db, tenantId, { ids: [id] }))[0]!;
}

/**
 * Edits a listing (staff, or the agency that listed it). An open flat may be withdrawn and a
 * withdrawn one reopened; a reserved or let flat keeps its status (its booking drives it).
 */
export async function updateRental(
  deps: Deps,
  ctx: RequestContext,
  rentalId: number,
  body: z.infer<typeof RentalUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.manage')) requirePermission(ctx.actor, 'relocation.offer');
  if (body.availableTo && body.availableTo < body.availableFrom)
    throw invalidField(
      'body.availableTo',
      '可租截止日期早于起始日期',
      'Available-to is before available-from',
    );
  // a firm's account edits only its own listings (undefined: staff, any listing)
  const own = hasPermission(ctx.actor, 'relocation.manage') ? undefined : await actorVendorId(deps, ctx);
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('relocation_rentals')
      .select(['id', 'vendor_id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rentalId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound();
    if (own !== undefined && own !== current.vendor_id) throw notFound();
    let status = current.status;
    if (body.status !== undefined && body.status !== current.status) {
      if (current.status !== 'open' && current.status !== 'withdrawn')
        throw conflict(
          '已预订或已入住的房源不能下架或重新上架',
          'A reserved or let flat cannot be withdrawn or reopened',
        );
      status = body.status;
    }
    await trx
      .updateTable('relocation_rentals')
      .set({
        title: body.title,
        location: body.location,
        distance_m: body.distanceM,
        rent: body.rent,
        rooms: body.rooms,
        floor: body.floor,
        has_lift: body.hasLift,
        available_from: body.availableFrom,
        available_to: body.availableTo ?? null,
        min_months: body.minMonths,
        fee_waived: body.feeWaived,
        status,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rentalId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'relocation.rental.update',
      entityType: 'relocation_rental',
      entityId: rentalId,
      payload: body,
    });
  });
  return (await loadRentals(deps.db, tenantId, { ids: [rentalId] }))[0]!;
}

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

/** Open flats ranked for one household: budget, distance, and lift/low floor for the vulnerable. */
export async function matches(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  if (!isStaff(ctx)) await requireHouseholdAct(deps, ctx, householdId);
  else {
    const h = await deps.db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', householdId)
      .executeTakeFirst();
    if (!h) throw notFound();
  }
  const h = await deps.db
    .selectFrom('households')
    .leftJoin('relocation_needs as n', (j) =>
      j.onRef('n.tenant_id', '=', 'households.tenant_id').onRef('n.household_id', '=', 'households.id'),
    )
    .select(['households.elderly_alone', 'households.very_old', 'households.disability', 'n.rent_budget'])
    .where('households.tenant_id', '=', tenantId)
    .where('households.id', '=', householdId)
    .executeTakeFirstOrThrow();
  const transition = (await latestTransition(deps.db, tenantId, householdId))?.transition ?? null;
  const needsAccess = h.elderly_alone || h.very_old || h.disability;
  const budget = h.rent_budget === null ? null : Number(h.rent_budget);
  const open = await loadRentals(deps.db, tenantId, { status: 'open' });
  const items = rankRentals(open, { budget, needsAccess }).map((m) => ({
    ...m.rental,
    score: m.score,
    withinBudget: m.withinBudget,
    reasons: m.reasons,
  }));
  return { householdId, transition, budget, needsAccess, items, total: items.length };
}

async function loadBookings(
  db: Executor,
  tenantId: number,
  filter: { ids?: number[]; householdId?: number; vendorId?: number },
) {
  let q = db
    .selectFrom('relocation_rental_bookings as b')
    .innerJoin('relocation_rentals as r', (j) =>
      j.onRef('r.tenant_id', '=', 'b.tenant_id').onRef('r.id', '=', 'b.rental_id'),
    )
    .selectAll('b')
    .select('r.title')
    .where('b.tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('b.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.householdId !== undefined) q = q.where('b.household_id', '=', filter.householdId);
  if (filter.vendorId !== undefined) q = q.where('r.vendor_id', '=', filter.vendorId);
  const rows = await q.orderBy('b.id', 'desc').execute();
  const labels = await householdLabels(
    db,
    tenantId,
    rows.map((r) => r.household_id),
  );
  return rows.map((r) => ({
    id: r.id,
    rentalId: r.rental_id,
    rentalTitle: r.title,
    householdId: r.household_id,
    householdLabel: labels.get(r.household_id) ?? '',
    status: r.status as 'reserved' | 'contracted' | 'moved_in' | 'cancelled',
    contractNo: r.contract_no,
    reservedAt: r.reserved_at,
    contractedAt: r.contracted_at,
    movedInAt: r.moved_in_at,
  }));
}

export async function listBookings(
  deps: Deps,
  ctx: RequestContext,
  query: { householdId?: number | undefined },
) {
  const tenantId = requireTenant(ctx.actor);
  const scope = await viewerScope(deps, ctx, query.householdId);
  const items = scope === null ? [] : await loadBookings(deps.db, tenantId, scope);
  return { items, total: items.length };
}

/** Reserves an open flat for a household; the flat row is locked so it is promised once. */
export async function reserveRental(
  deps: Deps,
  ctx: RequestContext,
  rentalId: number,
  body: z.infer<typeof ReserveBody>,
) {
  const tenantId = await requireHouseholdAct(deps, ctx, body.householdId);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const rental = await trx
      .selectFrom('relocation_rentals')
      .select(['id', 'title', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rentalId)
      .forUpdate()
      .executeTakeFirst();
    if (!rental) throw notFound();
    if (rental.status !== 'open') throw conflict('该房源已被预订', 'This flat is no longer available');
    const active = await trx
      .selectFrom('relocation_rental_bookings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where('status', 'in', ['reserved', 'contracted'])
      .executeTakeFirst();
    if (active) throw conflict('该户已有预订中的房源', 'This household already has a flat reserved');
    const row = await trx
      .insertInto('relocation_rental_bookings')
      .values({ tenant_id: tenantId, rental_id: rentalId, household_id: body.householdId, reserved_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('relocation_rentals')
      .set({ status: 'reserved' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rentalId)
      .execute();
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: body.householdId,
      at: now,
      kind: 'rental_reserved',
      params: { rental: rental.title },
      detail: { bookingId: row.id, rentalId },
      audit: {
        action: 'relocation.rental.reserve',
        entityType: 'relocation_rental',
        entityId: rentalId,
        payload: body,
      },
    });
    return row.id;
  });
  return (await loadBookings(deps.db, tenantId, { ids: [id] }))[0]!;
}

const nextStatus = { contract: 'contracted', move_in: 'moved_in', cancel: 'cancelled' } as const;
const allowedFrom = {
  contract: ['reserved'],
  move_in: ['contracted'],
  cancel: ['reserved', 'contracted'],
} as const;
/** Reservation → contract → move-in (or cancel): staff or the listing agency. */
export async function bookingStep(
  deps: Deps,
  ctx: RequestContext,
  bookingId: number,
  body: z.infer<typeof BookingStepBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const [booking] = await loadBookings(deps.db, tenantId, { ids: [bookingId] });
  if (!booking) throw notFound();
  if (!hasPermission(ctx.actor, 'relocation.manage')) {
    requirePermission(ctx.actor, 'relocation.offer');
    const own = await actorVendorId(deps, ctx);
    const rental = (await loadRentals(deps.db, tenantId, { ids: [booking.rentalId] }))[0];
    if (own === null || rental?.vendorId !== own) throw notFound();
  }
  if (body.step === 'contract' && !body.contractNo)
    throw invalidField('body.contractNo', '请填写合同编号', 'Enter the contract number');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('relocation_rental_bookings')
      .set({
        status: nextStatus[body.step],
        ...(body.step === 'contract' ? { contract_no: body.contractNo ?? null, contracted_at: now } : {}),
        ...(body.step === 'move_in' ? { moved_in_at: now } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', bookingId)
      .where('status', 'in', [...allowedFrom[body.step]])
      .returning('id')
      .executeTakeFirst();
    if (!updated)
      throw new AppError('conflict', undefined, {
        zh: '当前状态下不能进行此操作',
        en: 'This step is not possible in the booking’s current state',
      });
    const rentalStatus = body.step === 'cancel' ? 'open' : body.step === 'move_in' ? 'let' : 'reserved';
    await trx
      .updateTable('relocation_rentals')
      .set({ status: rentalStatus })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', booking.rentalId)
      .execute();
    await recordHouseholdStep(trx, deps, ctx, {
      tenantId,
      householdId: booking.householdId,
      at: now,
      kind: `rental_${nextStatus[body.step]}`,
      params: { rental: booking.rentalTitle },
      detail: { bookingId, contractNo: body.contractNo ?? null },
      audit: {
        action: `relocation.rental.${body.step}`,
        entityType: 'relocation_rental_booking',
        entityId: bookingId,
        payload: body,
      },
    });
  });
  return (await loadBookings(deps.db, tenantId, { ids: [bookingId] }))[0]!;
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
