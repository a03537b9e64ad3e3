import { z } from 'zod';
import { Timestamp } from './common.ts';
import { Transitions } from './renewal.ts';

/**
 * Relocation support during renovation and the decoration market: 为你找房 (short-term rentals from
 * partner agencies), 红色搬家先锋队 (volunteer movers), 临时仓库 (free temporary storage) and
 * 惠民市集 (decoration firms' packages, consultations, quotes, contracts, ratings).
 */

export const VendorKinds = ['agency', 'decoration'] as const; // 房产中介 / 装修企业
export const RentalStatuses = ['open', 'reserved', 'let', 'withdrawn'] as const;
export const BookingStatuses = ['reserved', 'contracted', 'moved_in', 'cancelled'] as const;
export const MoveDirections = ['out', 'back'] as const; // 搬出 / 搬回
export const Slots = ['am', 'pm'] as const; // 上午 / 下午
export const MoveStatuses = ['requested', 'scheduled', 'done', 'cancelled'] as const;
export const StorageStatuses = ['booked', 'stored', 'returned', 'cancelled'] as const;
export const ConsultationStatuses = ['booked', 'quoted', 'contracted', 'cancelled'] as const;

const DateStr = z.string().date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();

// ---- partner firms -------------------------------------------------------------------------------

export const VendorBody = z.object({
  name: text(100),
  kind: z.enum(VendorKinds),
  contact: optText(100),
  intro: optText(2000),
  /** The vendor account that acts for this firm. */
  userId: z.number().int().positive().optional(),
});
export const VendorUpdateBody = VendorBody;
/** A vendor-role account of the street that a firm can be linked to. */
export const VendorAccount = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  vendorId: z.number().nullable(),
});
export const Vendor = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(VendorKinds),
  contact: z.string().nullable(),
  intro: z.string().nullable(),
  userId: z.number().nullable(),
  packages: z.number(),
  rating: z.number().nullable(),
  complaints: z.number(),
});

// ---- rentals (为你找房) -----------------------------------------------------------------------------

export const RentalBody = z.object({
  /** Staff may list for any agency; a vendor account lists for its own firm. */
  vendorId: z.number().int().positive().optional(),
  title: text(100),
  location: text(200),
  distanceM: z.number().int().min(0).max(100_000),
  rent: z.number().min(0).max(1_000_000),
  rooms: z.number().int().min(1).max(10),
  floor: z.number().int().min(-3).max(100),
  hasLift: z.boolean(),
  availableFrom: DateStr,
  availableTo: DateStr.optional(),
  minMonths: z.number().int().min(1).max(60).default(1),
  feeWaived: z.boolean().default(true),
});
export const Rental = z.object({
  id: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  title: z.string(),
  location: z.string(),
  distanceM: z.number(),
  rent: z.number(),
  rooms: z.number(),
  floor: z.number(),
  hasLift: z.boolean(),
  accessible: z.boolean(),
  availableFrom: z.string(),
  availableTo: z.string().nullable(),
  minMonths: z.number(),
  feeWaived: z.boolean(),
  status: z.enum(RentalStatuses),
});
/** Edit a listing; an agency may also take it off the market (withdrawn) or put it back (open). */
export const RentalUpdateBody = RentalBody.omit({ vendorId: true }).extend({
  status: z.enum(['open', 'withdrawn']).optional(),
});
export const RentalMatch = Rental.extend({
  score: z.number(),
  withinBudget: z.boolean(),
  reasons: z.array(z.string()),
});
export const Matches = z.object({
  householdId: z.number(),
  transition: z.string().nullable(),
  budget: z.number().nullable(),
  needsAccess: z.boolean(),
  items: z.array(RentalMatch),
  total: z.number(),
});
export const NeedsBody = z.object({
  plannedMoveOn: DateStr.nullable().optional(),
  /** The transitional arrangement the household states now (overrides its renewal plan's). */
  transition: z.enum(Transitions).nullable().optional(),
  rentBudget: z.number().min(0).max(1_000_000).nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
/** What a household has said about its move: date, arrangement (own or from its plan), budget. */
export const HouseholdNeeds = z.object({
  plannedMoveOn: z.string().nullable(),
  /** The building's recorded move-out date, when the street has set one (it wins over the plan). */
  buildingMoveOn: z.string().nullable(),
  rentBudget: z.number().nullable(),
  note: z.string().nullable(),
  transition: z.enum(Transitions).nullable(),
  transitionSource: z.enum(['needs', 'plan']).nullable(),
});
export const ReserveBody = z.object({ householdId: z.number().int().positive() });
export const BookingStepBody = z.object({
  step: z.enum(['contract', 'move_in', 'cancel']),
  contractNo: optText(50),
});
export const RentalBooking = z.object({
  id: z.number(),
  rentalId: z.number(),
  rentalTitle: z.string(),
  householdId: z.number(),
  householdLabel: z.string(),
  status: z.enum(BookingStatuses),
  contractNo: z.string().nullable(),
  reservedAt: Timestamp,
  contractedAt: Timestamp.nullable(),
  movedInAt: Timestamp.nullable(),
});
export const Unarranged = z.object({
  householdId: z.number(),
  householdLabel: z.string(),
  estateName: z.string(),
  moveOn: z.string(),
  moveOnSource: z.enum(['building_phase', 'planned']),
  daysLeft: z.number(),
  transition: z.string().nullable(),
  needsAccess: z.boolean(),
});

// ---- movers (红色搬家先锋队) ------------------------------------------------------------------------

export const VolunteerBody = z.object({
  name: text(50),
  unit: optText(100),
  skills: optText(200),
  availability: optText(200),
  phone: optText(30),
  userId: z.number().int().positive().optional(),
});
export const VolunteerUpdateBody = VolunteerBody.extend({ active: z.boolean().default(true) });
export const Volunteer = z.object({
  id: z.number(),
  name: z.string(),
  unit: z.string().nullable(),
  skills: z.string().nullable(),
  availability: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  jobs: z.number(),
});
export const MoveRequestBody = z.object({
  householdId: z.number().int().positive(),
  direction: z.enum(MoveDirections),
  moveOn: DateStr,
  slot: z.enum(Slots),
  volumeM3: z.number().positive().max(200),
  stairsFloors: z.number().int().min(0).max(30).default(0),
  fragile: optText(500),
  needsStorage: z.boolean().default(false),
  note: optText(2000),
});
export const ScheduleBody = z.object({
  volunteerIds: z.array(z.number().int().positive()).min(1).max(20),
});
export const ConfirmBody = z.object({
  /** Who in the household confirms (staff recording a paper confirmation must name them). */
  confirmedBy: optText(50),
});
export const MoveRequest = z.object({
  id: z.number(),
  householdId: z.number(),
  householdLabel: z.string(),
  direction: z.enum(MoveDirections),
  moveOn: z.string(),
  slot: z.enum(Slots),
  volumeM3: z.number(),
  stairsFloors: z.number(),
  fragile: z.string().nullable(),
  needsStorage: z.boolean(),
  note: z.string().nullable(),
  status: z.enum(MoveStatuses),
  team: z.array(z.object({ id: z.number(), name: z.string() })),
  createdAt: Timestamp,
  confirmedAt: Timestamp.nullable(),
  confirmedBy: z.string().nullable(),
});

// ---- storage (临时仓库) ---------------------------------------------------------------------------

export const WarehouseBody = z.object({
  name: text(100),
  address: optText(200),
  provider: optText(100),
  capacitySlots: z.number().int().min(1).max(10_000),
});
export const WarehouseUpdateBody = WarehouseBody;
export const Warehouse = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  provider: z.string().nullable(),
  capacitySlots: z.number(),
  usedSlots: z.number(),
  freeSlots: z.number(),
});
export const StorageBookBody = z.object({
  householdId: z.number().int().positive(),
  warehouseId: z.number().int().positive(),
  slots: z.number().int().min(1).max(20).default(1),
});
export const InventoryItem = z.object({
  name: text(100),
  quantity: z.number().int().min(1).max(1000).default(1),
  note: optText(200),
});
export const CheckInBody = z.object({ items: z.array(InventoryItem).min(1).max(200) });
export const CheckOutBody = z.object({ signedBy: text(50) });
export const Storage = z.object({
  id: z.number(),
  warehouseId: z.number(),
  warehouseName: z.string(),
  householdId: z.number(),
  householdLabel: z.string(),
  slots: z.number(),
  status: z.enum(StorageStatuses),
  items: z.array(
    z.object({ name: z.string(), quantity: z.number(), note: z.string().nullable().optional() }),
  ),
  photoFileIds: z.array(z.number()),
  bookedAt: Timestamp,
  checkedInAt: Timestamp.nullable(),
  checkedOutAt: Timestamp.nullable(),
  signedBy: z.string().nullable(),
});

// ---- decoration market (惠民市集) ------------------------------------------------------------------

export const PackageBody = z.object({
  vendorId: z.number().int().positive().optional(),
  name: text(100),
  contents: text(2000),
  price: z.number().min(0).max(10_000_000),
});
export const PackageUpdateBody = PackageBody.omit({ vendorId: true }).extend({
  active: z.boolean().default(true),
});
export const Package = z.object({
  id: z.number(),
  vendorId: z.number(),
  vendorName: z.string(),
  name: z.string(),
  contents: z.string(),
  price: z.number(),
  active: z.boolean(),
});
export const MarketDayBody = z.object({ onDate: DateStr, place: text(200), title: text(200) });
export const MarketDay = z.object({
  id: z.number(),
  onDate: z.string(),
  place: z.string(),
  title: z.string(),
});
export const ConsultationBody = z.object({
  householdId: z.number().int().positive(),
  vendorId: z.number().int().positive(),
  packageId: z.number().int().positive().optional(),
  marketDayId: z.number().int().positive().optional(),
  note: optText(2000),
});
export const QuoteBody = z.object({ amount: z.number().min(0).max(10_000_000), note: optText(2000) });
export const ContractBody = z.object({ contractNo: text(50) });
export const FeedbackBody = z
  .object({ rating: z.number().int().min(1).max(5).optional(), complaint: optText(2000) })
  .refine((b) => b.rating !== undefined || (b.complaint ?? '') !== '', {
    message: 'rating or complaint',
  });
export const Consultation = z.object({
  id: z.number(),
  householdId: z.number(),
  householdLabel: z.string(),
  vendorId: z.number(),
  vendorName: z.string(),
  packageId: z.number().nullable(),
  packageName: z.string().nullable(),
  marketDayId: z.number().nullable(),
  status: z.enum(ConsultationStatuses),
  note: z.string().nullable(),
  quoteAmount: z.number().nullable(),
  quoteNote: z.string().nullable(),
  contractNo: z.string().nullable(),
  rating: z.number().nullable(),
  complaint: z.string().nullable(),
  createdAt: Timestamp,
});

/** A household's relocation at a glance (the resident's page and the household file). */
export const HouseholdRelocation = z.object({
  householdId: z.number(),
  needs: HouseholdNeeds,
  moves: z.array(MoveRequest),
  storage: z.array(Storage),
  bookings: z.array(RentalBooking),
  consultations: z.array(Consultation),
});
