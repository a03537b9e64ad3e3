import { z } from 'zod';
import { Timestamp } from './common.ts';

/** 平安六防: work orders (工单), patrols, risk registers and figures. */

export const SafetyCategories = ['fire', 'theft', 'fraud', 'prepaid', 'extremism', 'residence'] as const;
export const OrderCategories = [...SafetyCategories, 'other'] as const;
export const OrderSources = ['alarm', 'patrol', 'resident', 'hotline', 'manual'] as const;
export const OrderPriorities = ['urgent', 'high', 'normal', 'low'] as const;
export const OrderStatuses = [
  'pending',
  'dispatched',
  'in_progress',
  'to_verify',
  'closed',
  'cancelled',
] as const;
export const ClosureCodes = [
  'true_alarm',
  'false_alarm',
  'device_fault',
  'all_well',
  'hazard_removed',
] as const;
export const PatrolFrequencies = ['daily', 'weekly', 'monthly'] as const;
export const RiskLevels = ['low', 'medium', 'high'] as const;
export const RentalStatuses = ['ok', 'flagged', 'notice', 'rectified'] as const;
export const RentalFlagCodes = [
  'over_two_per_room',
  'under_5m2_per_person',
  'partitions',
  'beds_in_kitchen_or_balcony',
] as const;
export const BuildingHazardCodes = [
  'corridor_clutter',
  'ebike_indoor',
  'blocked_exit',
  'extinguisher_missing',
  'aged_wiring',
  'fire_door_open',
] as const;
export const IssuanceBandCodes = ['none', 'under_50k', '50k_500k', 'over_500k'] as const;
export const CustodyCodes = ['bank_custody', 'guarantee', 'insurance', 'none'] as const;
export const ChargingSiteKinds = ['outdoor_pile', 'charging_cabinet', 'shed'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const PhotoIds = z.array(z.number().int().positive()).max(6).default([]);

// ---- work orders ----

export const CreateOrderBody = z
  .object({
    source: z.enum(['alarm', 'hotline', 'manual']),
    alarmId: z.number().int().positive().optional(),
    hotlineTicket: z.string().trim().min(3).max(40).optional(),
    category: z.enum(OrderCategories).optional(),
    title: text(200).optional(),
    description: z.string().trim().max(4000).optional(),
    place: z.string().trim().max(200).optional(),
    householdId: z.number().int().positive().optional(),
    buildingId: z.number().int().positive().optional(),
    priority: z.enum(OrderPriorities).optional(),
    reporterName: z.string().trim().max(100).optional(),
    assigneeId: z.number().int().positive().optional(),
  })
  .refine((b) => b.source !== 'alarm' || b.alarmId !== undefined, {
    message: 'alarmId is required for an alarm work order',
    path: ['alarmId'],
  })
  .refine((b) => b.source !== 'hotline' || b.hotlineTicket !== undefined, {
    message: '12345 工单号必填 / hotline ticket number required',
    path: ['hotlineTicket'],
  })
  .refine((b) => b.source === 'alarm' || b.title !== undefined, {
    message: '标题必填 / title required',
    path: ['title'],
  });

export const ReportBody = z.object({
  category: z.enum(OrderCategories).default('other'),
  title: text(200),
  description: z.string().trim().max(4000).optional(),
  place: text(200),
  photoFileIds: PhotoIds,
});

export const DispatchBody = z.object({
  assigneeId: z.number().int().positive(),
  priority: z.enum(OrderPriorities).optional(),
  note: z.string().trim().max(1000).optional(),
});
export const NoteBody = z.object({ note: z.string().trim().max(1000).optional() });
export const FeedbackBody = z.object({
  feedback: text(4000),
  closureCode: z.enum(ClosureCodes),
  photoFileIds: PhotoIds,
});
export const VerifyBody = z.object({
  approve: z.boolean(),
  closureCode: z.enum(ClosureCodes).optional(),
  note: z.string().trim().max(1000).optional(),
});
export const CancelBody = z.object({ reason: text(1000) });

export const OrderListQuery = z.object({
  status: z.enum(OrderStatuses).optional(),
  source: z.enum(OrderSources).optional(),
  mine: z.coerce.boolean().optional(),
  alarmId: z.coerce.number().int().positive().optional(),
  open: z.coerce.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const WorkOrder = z.object({
  id: z.number(),
  source: z.enum(OrderSources),
  alarmId: z.number().nullable(),
  patrolRecordId: z.number().nullable(),
  hotlineTicket: z.string().nullable(),
  category: z.enum(OrderCategories).nullable(),
  title: z.string(),
  description: z.string().nullable(),
  place: z.string().nullable(),
  householdId: z.number().nullable(),
  householdLabel: z.string().nullable(),
  buildingId: z.number().nullable(),
  priority: z.enum(OrderPriorities),
  status: z.enum(OrderStatuses),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  reporterName: z.string().nullable(),
  createdAt: Timestamp,
  acceptDueAt: Timestamp,
  resolveDueAt: Timestamp,
  dispatchedAt: Timestamp.nullable(),
  acceptedAt: Timestamp.nullable(),
  submittedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  cancelledAt: Timestamp.nullable(),
  feedback: z.string().nullable(),
  closureCode: z.enum(ClosureCodes).nullable(),
  verifyNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  escalationLevel: z.number(),
  overdue: z.boolean(),
});

export const OrderEvent = z.object({
  id: z.number(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: Timestamp,
});

export const OrderPhoto = z.object({ fileId: z.number(), stage: z.enum(['report', 'feedback']) });

export const WorkOrderDetail = WorkOrder.extend({
  events: z.array(OrderEvent),
  photos: z.array(OrderPhoto),
  /** What the viewer may do now: drives the buttons on the detail page. */
  actions: z.array(z.enum(['dispatch', 'accept', 'feedback', 'close', 'reject', 'cancel'])),
});

export const Assignee = z.object({
  id: z.number(),
  name: z.string(),
  role: z.string(),
  openOrders: z.number(),
});

export const AlarmPrefill = z.object({
  alarmId: z.number(),
  title: z.string(),
  place: z.string().nullable(),
  householdId: z.number().nullable(),
  buildingId: z.number().nullable(),
  priority: z.enum(OrderPriorities),
  category: z.enum(OrderCategories),
  openOrderId: z.number().nullable(),
});

export const PhotoUploaded = z.object({ fileId: z.number(), size: z.number(), mime: z.string() });

export const SlaRow = z.object({
  priority: z.enum(OrderPriorities),
  acceptMinutes: z.number().int().min(1).max(10080),
  resolveMinutes: z.number().int().min(1).max(43200),
});
export const SlaSettings = z.object({ items: z.array(SlaRow) });

// ---- patrols ----

export const ChecklistItem = z.object({ key: z.string().trim().min(1).max(40), text: text(200) });

export const PatrolPlanBody = z.object({
  name: text(200),
  category: z.enum(SafetyCategories),
  estateId: z.number().int().positive().optional(),
  places: z.array(text(200)).max(50).default([]),
  checklist: z.array(ChecklistItem).min(1).max(40),
  frequency: z.enum(PatrolFrequencies),
  timesPerPeriod: z.number().int().min(1).max(31).default(1),
  assigneeIds: z.array(z.number().int().positive()).max(50).default([]),
  active: z.boolean().default(true),
});

export const PatrolPlan = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(SafetyCategories),
  estateId: z.number().nullable(),
  estateName: z.string().nullable(),
  places: z.array(z.string()),
  checklist: z.array(ChecklistItem),
  frequency: z.enum(PatrolFrequencies),
  timesPerPeriod: z.number(),
  assigneeIds: z.array(z.number()),
  assigneeNames: z.array(z.string()),
  active: z.boolean(),
  /** Patrols planned and done in the plan's current period (today / this week / this month). */
  periodPlanned: z.number(),
  periodDone: z.number(),
  lastPatrolledAt: Timestamp.nullable(),
});

export const PatrolRecordBody = z.object({
  patrolledAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
  items: z
    .array(
      z.object({
        key: z.string().min(1).max(40),
        passed: z.boolean(),
        note: z.string().trim().max(1000).optional(),
        photoFileId: z.number().int().positive().optional(),
      }),
    )
    .min(1)
    .max(40),
});

export const PatrolRecord = z.object({
  id: z.number(),
  planId: z.number(),
  planName: z.string(),
  category: z.enum(SafetyCategories),
  patrolledBy: z.number(),
  patrolledByName: z.string(),
  patrolledAt: Timestamp,
  place: z.string().nullable(),
  note: z.string().nullable(),
  failedCount: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      passed: z.boolean(),
      note: z.string().nullable(),
      photoFileId: z.number().nullable(),
      workOrderId: z.number().nullable(),
    }),
  ),
});

// ---- registers ----

export const BuildingRiskBody = z.object({
  buildingId: z.number().int().positive(),
  hazards: z.array(z.enum(BuildingHazardCodes)).max(10),
  note: z.string().trim().max(2000).optional(),
});
export const BuildingRisk = z.object({
  id: z.number(),
  buildingId: z.number(),
  buildingLabel: z.string(),
  hazards: z.array(z.enum(BuildingHazardCodes)),
  riskLevel: z.enum(RiskLevels),
  note: z.string().nullable(),
  checkedAt: Timestamp,
});

export const RentalCheckFacts = z.object({
  occupants: z.number().int().min(0).max(200),
  rooms: z.number().int().min(0).max(50),
  areaM2: z.number().positive().max(10000),
  partitions: z.boolean(),
  bedsInKitchenOrBalcony: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export const RentalFlatBody = RentalCheckFacts.extend({
  address: text(200),
  landlordName: z.string().trim().max(100).optional(),
  householdId: z.number().int().positive().optional(),
  buildingId: z.number().int().positive().optional(),
});
export const RentalNoticeBody = z.object({
  noticeNo: text(60),
  deadline: z.iso.date(),
});
export const RentalCheck = z.object({
  id: z.number(),
  kind: z.enum(['initial', 'recheck']),
  occupants: z.number(),
  rooms: z.number(),
  areaM2: z.number(),
  partitions: z.boolean(),
  bedsInKitchenOrBalcony: z.boolean(),
  flags: z.array(z.enum(RentalFlagCodes)),
  note: z.string().nullable(),
  checkedAt: Timestamp,
  checkedByName: z.string().nullable(),
});
export const RentalFlat = z.object({
  id: z.number(),
  address: z.string(),
  landlordName: z.string().nullable(),
  householdId: z.number().nullable(),
  buildingId: z.number().nullable(),
  status: z.enum(RentalStatuses),
  occupants: z.number(),
  rooms: z.number(),
  areaM2: z.number(),
  flags: z.array(z.enum(RentalFlagCodes)),
  groupRental: z.boolean(),
  noticeNo: z.string().nullable(),
  noticeIssuedAt: Timestamp.nullable(),
  noticeDeadline: z.string().nullable(),
  noticeOverdue: z.boolean(),
  lastCheckedAt: Timestamp,
  checks: z.array(RentalCheck),
});

export const MerchantBody = z.object({
  name: text(200),
  businessType: text(60),
  address: text(200),
  issuanceBand: z.enum(IssuanceBandCodes),
  custody: z.enum(CustodyCodes),
  complaints: z.number().int().min(0).max(10000),
  monthsOperating: z.number().int().min(0).max(1200).optional(),
  note: z.string().trim().max(2000).optional(),
});
export const Merchant = MerchantBody.omit({ monthsOperating: true, note: true }).extend({
  id: z.number(),
  monthsOperating: z.number().nullable(),
  note: z.string().nullable(),
  riskLevel: z.enum(RiskLevels),
  checkedAt: Timestamp,
});

export const ChargingSiteBody = z.object({
  name: text(200),
  place: text(200),
  kind: z.enum(ChargingSiteKinds),
  ports: z.number().int().min(0).max(500),
  distanceOk: z.boolean(),
  canopy: z.boolean(),
  extinguisher: z.boolean(),
  cctv: z.boolean(),
  autoCutoff: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export const ChargingSite = ChargingSiteBody.omit({ note: true }).extend({
  id: z.number(),
  note: z.string().nullable(),
  riskLevel: z.enum(RiskLevels),
  checkedAt: Timestamp,
});

// ---- figures ----

export const FiguresQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
const Count = z.object({ key: z.string(), count: z.number() });
export const SafetyFigures = z.object({
  from: Timestamp,
  to: Timestamp,
  total: z.number(),
  bySource: z.array(Count),
  byStatus: z.array(Count),
  byPriority: z.array(Count),
  byClosure: z.array(Count),
  open: z.number(),
  overdue: z.number(),
  /** minutes, nearest-rank percentiles over orders created in the window */
  acceptP50: z.number().nullable(),
  acceptP90: z.number().nullable(),
  closeP50: z.number().nullable(),
  closeP90: z.number().nullable(),
  /** closed alarm orders coded false alarm / closed alarm orders */
  falseAlarmRate: z.number().nullable(),
  patrol: z.object({ planned: z.number(), done: z.number(), rate: z.number().nullable() }),
  patrolWeeks: z.array(z.object({ weekStart: Timestamp, planned: z.number(), done: z.number() })),
  registers: z.object({
    buildingsHigh: z.number(),
    rentalFlagged: z.number(),
    merchantsHigh: z.number(),
    chargingHigh: z.number(),
  }),
});
