import { z } from 'zod';
import { IdParams, Ok, pageOf } from '../../../contract/common.ts';
import type { Permission } from '../../../contract/permissions.ts';
import {
  BookingStepBody,
  CheckInBody,
  CheckOutBody,
  ConfirmBody,
  Consultation,
  ConsultationBody,
  ContractBody,
  FeedbackBody,
  HouseholdRelocation,
  MarketDay,
  MarketDayBody,
  Matches,
  MoveRequest,
  MoveRequestBody,
  MoveStatuses,
  NeedsBody,
  Package,
  PackageBody,
  QuoteBody,
  Rental,
  RentalBody,
  RentalBooking,
  RentalStatuses,
  ReserveBody,
  ScheduleBody,
  Storage,
  StorageBookBody,
  Unarranged,
  Vendor,
  VendorBody,
  VendorKinds,
  Volunteer,
  VolunteerBody,
  Warehouse,
  WarehouseBody,
  VendorAccount,
  VendorUpdateBody,
  PackageUpdateBody,
  WarehouseUpdateBody,
  VolunteerUpdateBody,
  RentalUpdateBody,
} from '../../../contract/relocation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { readUpload } from '../../platform/uploads.ts';
import * as consultations from './market.consultations.ts';
import * as market from './market.offers.ts';
import * as movers from './movers.service.ts';
import { householdRelocation } from './relocation.service.ts';
import * as bookings from './rentals.bookings.ts';
import * as rentals from './rentals.listings.ts';
import * as needs from './rentals.needs.ts';
import * as storage from './storage.bookings.ts';
import * as warehouses from './storage.warehouses.ts';

const tags = ['relocation'];
const any: Permission[] = ['relocation.read', 'relocation.manage', 'relocation.book', 'relocation.offer'];
const household: Permission[] = ['relocation.manage', 'relocation.book'];
const offer: Permission[] = ['relocation.manage', 'relocation.offer'];
const HouseholdQuery = z.object({ householdId: z.coerce.number().int().positive().optional() });
const PhotoParams = z.object({
  id: z.coerce.number().int().positive(),
  fileId: z.coerce.number().int().positive(),
});

export function relocationRoutes(app: App, deps: Deps): void {
  // ---- rentals (为你找房) ----
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

  // ---- movers (红色搬家先锋队) ----
  app.get(
    '/api/relocation/volunteers',
    {
      config: { permission: 'relocation.read' },
      schema: { tags, summary: 'Volunteer movers', response: { 200: pageOf(Volunteer) } },
    },
    (req) => movers.listVolunteers(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/volunteers',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a volunteer mover', body: VolunteerBody, response: { 200: Volunteer } },
    },
    (req) => movers.createVolunteer(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/volunteers/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a volunteer mover (active: false takes them off scheduling)',
        params: IdParams,
        body: VolunteerUpdateBody,
        response: { 200: Volunteer },
      },
    },
    (req) => movers.updateVolunteer(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/moves',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'Moving requests (residents: their own)',
        querystring: HouseholdQuery.extend({ status: z.enum(MoveStatuses).optional() }),
        response: { 200: pageOf(MoveRequest) },
      },
    },
    (req) => movers.listMoveRequests(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/moves',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Request movers (out or back)',
        body: MoveRequestBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.createMoveRequest(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/moves/:id/schedule',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Put a team on a request; a volunteer already booked that date and slot is refused (409)',
        params: IdParams,
        body: ScheduleBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.scheduleTeam(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/moves/:id/confirm',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'The household confirms the move was done',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.confirmMove(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/moves/:id/cancel',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Cancel an open moving request',
        params: IdParams,
        response: { 200: MoveRequest },
      },
    },
    (req) => movers.cancelMove(deps, ctxOf(req), req.params.id),
  );

  // ---- storage (临时仓库) ----
  app.get(
    '/api/relocation/warehouses',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: { tags, summary: 'Warehouses with occupancy', response: { 200: pageOf(Warehouse) } },
    },
    (req) => warehouses.listWarehouses(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/warehouses',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a warehouse', body: WarehouseBody, response: { 200: Warehouse } },
    },
    (req) => warehouses.createWarehouse(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/warehouses/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a warehouse; capacity below the slots in use answers 409',
        params: IdParams,
        body: WarehouseUpdateBody,
        response: { 200: Warehouse },
      },
    },
    (req) => warehouses.updateWarehouse(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/storage',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'Storage bookings (residents: their own)',
        querystring: HouseholdQuery.extend({ warehouseId: z.coerce.number().int().positive().optional() }),
        response: { 200: pageOf(Storage) },
      },
    },
    (req) => storage.listStorage(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/storage',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Book storage slots; a full warehouse answers 409',
        body: StorageBookBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.bookStorage(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/storage/:id/check-in',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Check items in with their inventory',
        params: IdParams,
        body: CheckInBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.checkIn(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/storage/:id/photos',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        summary: 'Add a photo of the stored items (JPG/PNG/WEBP ≤ 10 MB)',
        params: IdParams,
        response: { 200: Storage },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, storage.PHOTO_UPLOAD);
      return storage.addPhoto(deps, ctxOf(req), req.params.id, file);
    },
  );
  app.get(
    '/api/relocation/storage/:id/photos/:fileId',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: { tags, summary: 'A photo of stored items', params: PhotoParams },
    },
    async (req, reply) => {
      const file = await storage.readPhoto(deps, ctxOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, file.meta.name, file.meta.mime, file.data);
    },
  );
  app.post(
    '/api/relocation/storage/:id/check-out',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Hand items back, signed by the household; a second check-out answers 409',
        params: IdParams,
        body: CheckOutBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.checkOut(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/storage/:id/cancel',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Cancel a booking not yet checked in',
        params: IdParams,
        response: { 200: Storage },
      },
    },
    (req) => storage.cancelStorage(deps, ctxOf(req), req.params.id),
  );

  // ---- decoration market (惠民市集) ----
  app.get(
    '/api/relocation/vendors',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Partner firms with ratings',
        querystring: z.object({ kind: z.enum(VendorKinds).optional() }),
        response: { 200: pageOf(Vendor) },
      },
    },
    (req) => market.listVendors(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/vendors',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a partner firm', body: VendorBody, response: { 200: Vendor } },
    },
    (req) => market.createVendor(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/vendors/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a partner firm',
        params: IdParams,
        body: VendorUpdateBody,
        response: { 200: Vendor },
      },
    },
    (req) => market.updateVendor(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/vendor-accounts',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Vendor accounts of the street a firm can be linked to',
        response: { 200: pageOf(VendorAccount) },
      },
    },
    (req) => market.listVendorAccounts(deps, ctxOf(req)),
  );
  app.get(
    '/api/relocation/packages',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: '惠民套餐',
        querystring: z.object({ vendorId: z.coerce.number().int().positive().optional() }),
        response: { 200: pageOf(Package) },
      },
    },
    (req) => market.listPackages(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/packages',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Offer a package (decoration firm or staff)',
        body: PackageBody,
        response: { 200: Package },
      },
    },
    (req) => market.createPackage(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/packages/:id',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Edit a package or take it off offer (the firm or staff)',
        params: IdParams,
        body: PackageUpdateBody,
        response: { 200: Package },
      },
    },
    (req) => market.updatePackage(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/market-days',
    {
      config: { permission: any },
      schema: { tags, summary: 'Market days', response: { 200: pageOf(MarketDay) } },
    },
    (req) => market.listMarketDays(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/market-days',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Schedule a market day', body: MarketDayBody, response: { 200: MarketDay } },
    },
    (req) => market.createMarketDay(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/market-days/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a market day',
        params: IdParams,
        body: MarketDayBody,
        response: { 200: MarketDay },
      },
    },
    (req) => market.updateMarketDay(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/consultations',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Consultations (vendors: their own; residents: their household’s)',
        querystring: HouseholdQuery,
        response: { 200: pageOf(Consultation) },
      },
    },
    (req) => consultations.listConsultations(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/consultations',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Book a consultation with a firm',
        body: ConsultationBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.bookConsultation(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/quote',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Quote for a consultation',
        params: IdParams,
        body: QuoteBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.quote(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/contract',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Sign the contract of a quoted consultation',
        params: IdParams,
        body: ContractBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.signContract(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/feedback',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Rate the firm or complain',
        params: IdParams,
        body: FeedbackBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.feedback(deps, ctxOf(req), req.params.id, req.body),
  );
}
