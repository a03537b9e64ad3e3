import type { z } from 'zod';
import type { BookingStepBody, ReserveBody } from '../../../contract/relocation.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import {
  actorVendorId,
  householdLabels,
  oneOr404,
  requireHouseholdAct,
  viewerScope,
  writeAndReload,
} from './relocation.common.ts';
import { loadRentals } from './rentals.listings.ts';

/**
 * 为你找房, the bookings: a household reserves an open flat, and the reservation is followed through
 * contract to move-in (or cancelled) — every step in the household's file.
 */

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
  return writeAndReload(deps, ctx, tenantId, loadBookings, async (trx) => {
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
      .values({
        tenant_id: tenantId,
        rental_id: rentalId,
        household_id: body.householdId,
        reserved_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('relocation_rentals')
      .set({ status: 'reserved' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', rentalId)
      .execute();
    return {
      id: row.id,
      record: {
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
      },
    };
  });
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
  const booking = await oneOr404(loadBookings(deps.db, tenantId, { ids: [bookingId] }));
  if (!hasPermission(ctx.actor, 'relocation.manage')) {
    requirePermission(ctx.actor, 'relocation.offer');
    const own = await actorVendorId(deps, ctx);
    const rental = (await loadRentals(deps.db, tenantId, { ids: [booking.rentalId] }))[0];
    if (own === null || rental?.vendorId !== own) throw notFound();
  }
  if (body.step === 'contract' && !body.contractNo)
    throw invalidField('body.contractNo', '请填写合同编号', 'Enter the contract number');
  const now = deps.clock.now();
  return writeAndReload(deps, ctx, tenantId, loadBookings, async (trx) => {
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
    return {
      id: bookingId,
      record: {
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
      },
    };
  });
}
