import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { listConsultations } from './market.consultations.ts';
import { listMoveRequests } from './movers.service.ts';
import { requireHouseholdView } from './relocation.common.ts';
import { listBookings } from './rentals.bookings.ts';
import { loadNeeds } from './rentals.needs.ts';
import { listStorage } from './storage.bookings.ts';

/** One household's relocation at a glance: its moves, storage, rental and market consultations. */
export async function householdRelocation(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = await requireHouseholdView(deps, ctx, householdId);
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
