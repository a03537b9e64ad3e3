import type { z } from 'zod';
import type { RentalBody, RentalUpdateBody } from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import {
  actorVendorId,
  isStaff,
  latestTransition,
  requireHouseholdView,
  resolveVendor,
  writeAndReload,
} from './relocation.common.ts';
import { isAccessible, rankRentals } from './relocation.rules.ts';

/**
 * 为你找房, the listings: partner agencies list short-term flats (fees waived), and households
 * whose plan says "agency rental" get them ranked by budget, distance and accessibility.
 * Reservations and contracts are in rentals.bookings.ts, a household's stated needs in rentals.needs.ts.
 */

export async function loadRentals(
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

/** A listing's availability must not end before it starts. */
function requireAvailability(body: { availableFrom: string; availableTo?: string | null | undefined }) {
  if (body.availableTo && body.availableTo < body.availableFrom)
    throw invalidField(
      'body.availableTo',
      '可租截止日期早于起始日期',
      'Available-to is before available-from',
    );
}

export async function createRental(deps: Deps, ctx: RequestContext, body: z.infer<typeof RentalBody>) {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'relocation.manage')) requirePermission(ctx.actor, 'relocation.offer');
  const vendorId = await resolveVendor(deps, ctx, body.vendorId, 'agency');
  requireAvailability(body);
  return writeAndReload(deps, ctx, tenantId, loadRentals, async (trx) => {
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
    return {
      id: row.id,
      record: {
        audit: {
          action: 'relocation.rental.create',
          entityType: 'relocation_rental',
          entityId: row.id,
          payload: { ...body, vendorId },
        },
      },
    };
  });
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
  requireAvailability(body);
  // a firm's account edits only its own listings (undefined: staff, any listing)
  const own = hasPermission(ctx.actor, 'relocation.manage') ? undefined : await actorVendorId(deps, ctx);
  return writeAndReload(deps, ctx, tenantId, loadRentals, async (trx) => {
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
    return {
      id: rentalId,
      record: {
        audit: {
          action: 'relocation.rental.update',
          entityType: 'relocation_rental',
          entityId: rentalId,
          payload: body,
        },
      },
    };
  });
}

/** Open flats ranked for one household: budget, distance, and lift/low floor for the vulnerable. */
export async function matches(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = await requireHouseholdView(deps, ctx, householdId);
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
