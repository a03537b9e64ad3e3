import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { TimelineParams } from './timeline.ts';

/**
 * 一户一档: estates, buildings, households, members, visits, concerns, organisation and assignments.
 */

/** The whole-process stage of a household, in order. Derived from module records, never typed in. */
export const Stages = [
  'not_visited', // 待走访
  'visited', // 已走访
  'consulted', // 意愿已征询
  'plan_confirmed', // 方案已确认
  'drawing_confirmed', // 图纸已确认
  'signed', // 已签约
  'moved_out', // 已搬离
  'under_construction', // 施工中
  'accepted', // 已验收
  'moved_back', // 已回搬
] as const;
export type Stage = (typeof Stages)[number];

export const stageLabels: Record<Stage, { zh: string; en: string }> = {
  not_visited: { zh: '待走访', en: 'Not visited' },
  visited: { zh: '已走访', en: 'Visited' },
  consulted: { zh: '意愿已征询', en: 'Consulted' },
  plan_confirmed: { zh: '方案已确认', en: 'Plan confirmed' },
  drawing_confirmed: { zh: '图纸已确认', en: 'Drawing confirmed' },
  signed: { zh: '已签约', en: 'Signed' },
  moved_out: { zh: '已搬离', en: 'Moved out' },
  under_construction: { zh: '施工中', en: 'Under construction' },
  accepted: { zh: '已验收', en: 'Accepted' },
  moved_back: { zh: '已回搬', en: 'Moved back' },
};

export const Tenures = ['public', 'private'] as const; // 公房 / 私房
/** Records a household list can be filtered by: ≥1 visit, a signature, a confirmed plan or drawing, a passed acceptance. */
export const HouseholdRecords = [
  'visit',
  'signed',
  'plan',
  'drawing',
  'accepted',
  'open_concern', // a concern not yet resolved
  'overdue_concern', // an unresolved concern past its due date
] as const;
export const VisitMethods = ['door', 'phone', 'wechat'] as const; // 上门 / 电话 / 微信
export const ConcernStatuses = ['open', 'in_progress', 'resolved'] as const;
export const OrgUnitKinds = [
  'temp_party_committee',
  'temp_party_branch',
  'task_force',
  'work_group',
] as const;
export const AgeBands = ['0-17', '18-59', '60-79', '80+'] as const;

export const Flags = z.object({
  elderlyAlone: z.boolean(), // 独居老人
  veryOld: z.boolean(), // 高龄
  disability: z.boolean(), // 残疾
  hardship: z.boolean(), // 低保/困难
  partyMember: z.boolean(), // 党员
  needsMovingHelp: z.boolean(),
  needsStorage: z.boolean(),
});
export type Flags = z.infer<typeof Flags>;

// ---- estates and buildings -------------------------------------------------------------------

export const Point = z.tuple([z.number(), z.number()]);
export const CreateEstateBody = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().max(200).optional(),
});
export const Estate = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  households: z.number(),
  buildings: z.number(),
  sitePlan: z.object({ width: z.number(), height: z.number() }),
  createdAt: Timestamp,
});
export const CreateBuildingBody = z.object({
  number: z.string().trim().min(1).max(20),
  floors: z.number().int().min(1).max(60).optional(),
  yearBuilt: z.number().int().min(1800).max(2100).optional(),
  heritageNote: z.string().trim().max(1000).optional(),
  outline: z.array(Point).min(3).max(64).optional(),
});
/** The site plan's outlines, all saved at once: one entry per building drawn (or cleared, `null`). */
export const SitePlanBody = z.object({
  buildings: z
    .array(z.object({ id: Id, outline: z.array(Point).min(3).max(64).nullable() }))
    .min(1)
    .max(500),
});
export const Building = z.object({
  id: z.number(),
  estateId: z.number(),
  number: z.string(),
  floors: z.number().nullable(),
  yearBuilt: z.number().nullable(),
  heritageNote: z.string().nullable(),
  outline: z.array(Point).nullable(),
  households: z.number(),
});

// ---- households --------------------------------------------------------------------------------

export const Member = z.object({
  name: z.string().trim().min(1).max(50),
  relation: z.string().trim().max(20), // 配偶 / 子女 / 父母 …
  ageBand: z.enum(AgeBands).nullable(),
});

export const HouseholdSummary = z.object({
  id: z.number(),
  estateId: z.number(),
  buildingId: z.number(),
  buildingNumber: z.string(),
  room: z.string(),
  floor: z.number().nullable(),
  headName: z.string(),
  /** Masked unless the viewer may read phones. */
  phone: z.string().nullable(),
  stage: z.enum(Stages),
  tenure: z.enum(Tenures).nullable(),
  flags: Flags,
  nextFollowUp: z.string().nullable(),
  openConcerns: z.number(),
});
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;

export const HouseholdQuery = z.object({
  estateId: Id.optional(),
  buildingId: Id.optional(),
  stage: z.enum(Stages).optional(),
  /** Name, address like 21号101, phone tail or ID tail. */
  q: z.string().trim().max(50).optional(),
  /** Only households assigned to me. */
  mine: z.coerce.boolean().optional(),
  overdue: z.coerce.boolean().optional(),
  /** Households whose records hold this (a dashboard figure's link lists exactly what it counted). */
  has: z.enum(HouseholdRecords).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const Visit = z.object({
  id: z.number(),
  visitedAt: Timestamp,
  visitorId: z.number().nullable(),
  visitorName: z.string().nullable(),
  method: z.enum(VisitMethods),
  summary: z.string(),
  decisionMaker: z.string().nullable(), // 家中谁拍板
  trustedPerson: z.string().nullable(), // 信任谁
  emotionalNotes: z.string().nullable(), // 情感治理: what moves them
  nextFollowUp: z.string().nullable(),
});

export const Concern = z.object({
  id: z.number(),
  householdId: z.number(),
  content: z.string(),
  category: z.string().nullable(),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(ConcernStatuses),
  resolution: z.string().nullable(),
  visitId: z.number().nullable(),
  createdAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  overdue: z.boolean(),
});

export const TimelineEntry = z.object({
  id: z.number(),
  occurredAt: Timestamp,
  module: z.string(),
  kind: z.string(),
  /** What the interface renders in its language; null for old free-text entries. */
  params: TimelineParams.nullable(),
  /** The Chinese sentence, for old entries and exports; the interface renders kind + params. */
  title: z.string(),
  detail: z.unknown(),
});

export const Assignee = z.object({ userId: z.number(), name: z.string(), orgUnit: z.string().nullable() });

export const HouseholdFile = HouseholdSummary.extend({
  estateName: z.string(),
  idNumber: z.string().nullable(), // always masked here; reveal separately
  registeredCount: z.number().nullable(),
  residentCount: z.number().nullable(),
  areaBuilding: z.number().nullable(),
  areaUsable: z.number().nullable(),
  notes: z.string().nullable(),
  members: z.array(Member),
  visits: z.array(Visit),
  concerns: z.array(Concern),
  timeline: z.array(TimelineEntry),
  assignees: z.array(Assignee),
  /** What this viewer may do here, so the page shows only those actions. */
  actions: z.object({
    edit: z.boolean(),
    visit: z.boolean(),
    concern: z.boolean(),
    revealId: z.boolean(),
    assign: z.boolean(),
  }),
  updatedAt: Timestamp,
});

export const UpdateHouseholdBody = z.object({
  headName: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  idNumber: z.string().trim().max(30).nullable().optional(),
  registeredCount: z.number().int().min(0).max(99).nullable().optional(),
  residentCount: z.number().int().min(0).max(99).nullable().optional(),
  areaBuilding: z.number().min(0).max(10000).nullable().optional(),
  areaUsable: z.number().min(0).max(10000).nullable().optional(),
  tenure: z.enum(Tenures).nullable().optional(),
  flags: Flags.partial().optional(),
  notes: z.string().max(4000).nullable().optional(),
  members: z.array(Member).max(30).optional(),
});

export const CreateHouseholdBody = z.object({
  buildingId: z.number().int().positive(),
  room: z.string().trim().min(1).max(20),
  headName: z.string().trim().min(1).max(50),
  phone: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(30).optional(),
  tenure: z.enum(Tenures).optional(),
});

export const RevealIdBody = z.object({ reason: z.string().trim().min(2).max(200) });
export const RevealedId = z.object({ idNumber: z.string().nullable() });

export const CreateVisitBody = z.object({
  visitedAt: z.string().datetime({ offset: true }).optional(),
  method: z.enum(VisitMethods),
  summary: z.string().trim().min(1).max(4000),
  decisionMaker: z.string().trim().max(100).optional(),
  trustedPerson: z.string().trim().max(100).optional(),
  emotionalNotes: z.string().trim().max(2000).optional(),
  nextFollowUp: z.string().date().optional(),
  /** Concerns raised during this visit. */
  concerns: z
    .array(
      z.object({
        content: z.string().trim().min(1).max(2000),
        category: z.string().max(50).optional(),
        dueDate: z.string().date().optional(),
      }),
    )
    .max(20)
    .optional(),
});

export const CreateConcernBody = z.object({
  /** When it was written down, if earlier than it is sent (recorded offline on a doorstep). */
  recordedAt: z.string().datetime({ offset: true }).optional(),
  content: z.string().trim().min(1).max(2000),
  category: z.string().trim().max(50).optional(),
  ownerId: z.number().int().positive().optional(),
  dueDate: z.string().date().optional(),
});
export const UpdateConcernBody = z.object({
  status: z.enum(ConcernStatuses).optional(),
  resolution: z.string().trim().max(2000).optional(),
  ownerId: z.number().int().positive().nullable().optional(),
  dueDate: z.string().date().nullable().optional(),
});

/** A photo taken at the household (走访照片); the body of the upload is the image itself. */
export const HouseholdPhoto = z.object({
  id: z.number(),
  householdId: z.number(),
  caption: z.string().nullable(),
  takenAt: Timestamp,
  size: z.number(),
  mime: z.string(),
});
export const PhotoQuery = z.object({
  caption: z.string().trim().max(200).optional(),
  takenAt: z.string().datetime({ offset: true }).optional(),
});
export const PhotoParams = z.object({
  id: z.coerce.number().int().positive(),
  photoId: z.coerce.number().int().positive(),
});

// ---- organisation and assignment (包干) ----------------------------------------------------------

export const OrgUnit = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(OrgUnitKinds),
  parentId: z.number().nullable(),
  members: z.array(
    z.object({ userId: z.number(), name: z.string(), role: z.string(), seesUnit: z.boolean() }),
  ),
  households: z.number(),
});
export const CreateOrgUnitBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(OrgUnitKinds),
  parentId: z.number().int().positive().optional(),
});
export const AddOrgMemberBody = z.object({
  userId: z.number().int().positive(),
  role: z.string().trim().max(50).default('member'),
  /** May see every household assigned to the unit, not only their own. */
  seesUnit: z.boolean().default(false),
});
export const AssignBody = z.object({
  userId: z.number().int().positive(),
  householdIds: z.array(z.number().int().positive()).min(1).max(5000),
  orgUnitId: z.number().int().positive().optional(),
});
export const StaffOption = z.object({ id: z.number(), name: z.string(), role: z.string() });

// ---- cadre home ---------------------------------------------------------------------------------

export const MyWork = z.object({
  households: z.number(),
  overdueFollowUps: z.array(HouseholdSummary),
  dueThisWeek: z.array(HouseholdSummary),
  openConcerns: z.array(Concern),
  stageCounts: z.array(z.object({ stage: z.enum(Stages), count: z.number() })),
});

// ---- battle map (作战图) -------------------------------------------------------------------------

export const EstateMap = z.object({
  estateId: z.number(),
  name: z.string(),
  sitePlan: z.object({ width: z.number(), height: z.number() }),
  stage: z.enum(Stages),
  buildings: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      outline: z.array(Point).nullable(),
      households: z.number(),
      reached: z.number(),
      /** null when the building has no households (no ratio to show). */
      share: z.number().nullable(),
    }),
  ),
  totals: z.object({ households: z.number(), reached: z.number(), share: z.number().nullable() }),
});
/** Without a stage the map shows the one the estate is at (its open round's, else the furthest reached). */
export const MapQuery = z.object({ stage: z.enum(Stages).optional() });

export const BuildingGrid = z.object({
  buildingId: z.number(),
  number: z.string(),
  floors: z.array(
    z.object({
      floor: z.number(),
      flats: z.array(
        z.object({ householdId: z.number(), room: z.string(), headName: z.string(), stage: z.enum(Stages) }),
      ),
    }),
  ),
});

// ---- ledger import (台账导入) ---------------------------------------------------------------------

export const ImportFields = [
  'building',
  'room',
  'headName',
  'idNumber',
  'phone',
  'registeredCount',
  'residentCount',
  'areaBuilding',
  'areaUsable',
  'tenure',
  'notes',
] as const;
export type ImportField = (typeof ImportFields)[number];

export const ImportIssue = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export const ImportReport = z.object({
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  rejected: z.number(),
  skipped: z.number(),
  dryRun: z.boolean(),
  warnings: z.array(ImportIssue),
  errors: z.array(ImportIssue),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportPreview = z.object({
  headerRow: z.number(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  sample: z.array(z.array(z.string())),
  encoding: z.string(),
});
