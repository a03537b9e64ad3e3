import { z } from 'zod';
import { IdParams, Ok, pageOf } from '../../../contract/common.ts';
import {
  BookingStepBody,
  HouseholdRelocation,
  Matches,
  NeedsBody,
  Rental,
  RentalBody,
  RentalBooking,
  RentalStatuses,
  RentalUpdateBody,
  ReserveBody,
  Unarranged,
} from '../../../contract/relocation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as bookings from './rentals.bookings.ts';
import * as rentals from './rentals.listings.ts';
import * as needs from './rentals.needs.ts';
import { householdRelocation } from './relocation.service.ts';
import { any, household, HouseholdQuery, offer, tags } from './relocation.routes.common.ts';

/** Rentals (为你找房): listings, matches, needs, bookings, the unarranged and a household at a glance. */
export function rentalsRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/relocation/rentals',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Short-term rental listings (residents: open ones; vendors: their own)',
        querystring: z.object({ status: z.enum(RentalStatuses).optional() }),
        response: { 200: pageOf(Rental) },
      },
    },
    (req) => rentals.listRentals(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/rentals',
    {
      config: { permission: offer },
      schema: { tags, summary: 'List a flat (agency or staff)', body: RentalBody, response: { 200: Rental } },
    },
    (req) => rentals.createRental(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/rentals/:id',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Edit a listing; withdraw or reopen it (agency or staff)',
        params: IdParams,
        body: RentalUpdateBody,
        response: { 200: Rental },
      },
    },
    (req) => rentals.updateRental(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/rentals/:id/reserve',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Reserve a flat for a household',
        params: IdParams,
        body: ReserveBody,
        response: { 200: RentalBooking },
      },
    },
    (req) => bookings.reserveRental(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/bookings',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Rental reservations and contracts',
        querystring: HouseholdQuery,
        response: { 200: pageOf(RentalBooking) },
      },
    },
    (req) => bookings.listBookings(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/bookings/:id/step',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Advance a reservation: contract | move_in | cancel',
        params: IdParams,
        body: BookingStepBody,
        response: { 200: RentalBooking },
      },
    },
    (req) => bookings.bookingStep(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/households/:id/matches',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'Open flats ranked for a household',
        params: IdParams,
        response: { 200: Matches },
      },
    },
    (req) => rentals.matches(deps, ctxOf(req), req.params.id),
  );
  app.put(
    '/api/relocation/households/:id/needs',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Planned moving date and rent budget',
        params: IdParams,
        body: NeedsBody,
        response: { 200: Ok },
      },
    },
    (req) => needs.setNeeds(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/unarranged',
    {
      config: { permission: 'relocation.read' },
      schema: {
        tags,
        summary: 'Households without an arrangement as their moving date nears',
        querystring: z.object({
          days: z.coerce.number().int().min(0).max(365).default(30),
          estateId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: pageOf(Unarranged) },
      },
    },
    (req) => needs.unarranged(deps, ctxOf(req), req.query),
  );
  app.get(
    '/api/relocation/households/:id',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'A household’s moves, storage, rentals and consultations',
        params: IdParams,
        response: { 200: HouseholdRelocation },
      },
    },
    (req) => householdRelocation(deps, ctxOf(req), req.params.id),
  );
}
