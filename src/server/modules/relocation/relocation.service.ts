import { requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { listConsultations } from './market.service.ts';
import { listMoveRequests } from './movers.service.ts';
import { isStaff, requireHouseholdAct } from './relocation.common.ts';
import { listBookings, loadNeeds } from './rentals.service.ts';
import { listStorage } from './storage.service.ts';

/** One household's relocation at a glance: its moves, storage, rental and market consultations. */
export async function householdRelocation(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  if (isStaff(ctx)) {
    const h = await deps.db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', householdId)
      .executeTakeFirst();
    if (!h) throw notFound();
  } else await requireHouseholdAct(deps, ctx, householdId);
  const q = { householdId };
  const [needs, moves, storage, bookings, consultations] = await Promise.all([
    loadNeeds(deps.db, tenantId, householdId),
    listMoveRequests(deps, ctx, q),
    listStorage(deps, ctx, q),
    listBookings(deps, ctx, q),
    listConsultations(deps, ctx, q),
  ]);
  return {
    householdId,
    needs,
    moves: moves.items,
    storage: storage.items,
    bookings: bookings.items,
    consultations: consultations.items,
  };
}
