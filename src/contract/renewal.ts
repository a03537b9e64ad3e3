import { z } from 'zod';
import { AllowanceOverride, RuleInput } from './allowances.ts';
import { Timestamp } from './common.ts';

/**
 * 成套改造 itself: consultation and signing rounds, one plan and one drawing per household,
 * construction phases and acceptance, the estate's outcome figures, resident activation.
 */

export const RoundKinds = ['willingness', 'plan', 'signing'] as const; // 意愿征询 / 方案征询 / 签约
export const Decisions = ['agree', 'disagree', 'undecided'] as const;
export const Transitions = ['self', 'agency', 'relatives'] as const; // 自行安排 / 中介租房 / 投亲靠友
export const ConfirmMethods = ['online', 'paper', 'in_person'] as const;
export const BuildingPhases = [
  'moved_out',
  'started',
  'structure_done',
  'completed',
  'accepted',
  'moved_back',
] as const;

/**
 * The order of the renewal's steps (visit → willingness → plan → drawing → signing → moving out →
 * construction → acceptance → moving back). Each prerequisite is checked by default; a street may
 * relax one in its settings (audited). Moving out, construction and moving back of a building are
 * never relaxed: they follow every household's own records.
 */
export const Prerequisites = [
  'visit_before_willingness', // 先走访，再登记意愿
  'willingness_before_plan', // 意愿同意后，才能确认方案
  'plan_before_drawing', // 方案确认后，才能确认图纸
  'plan_before_signing', // 方案确认后，才能签约
  'drawing_before_signing', // 图纸确认后，才能签约
  'construction_before_acceptance', // 楼栋竣工后，才能验收
] as const;
export type Prerequisite = (typeof Prerequisites)[number];
export const RenewalSettings = z.object({
  relaxed: z.array(z.enum(Prerequisites)),
  updatedAt: Timestamp.nullable(),
  updatedBy: z.string().nullable(),
});
export const RenewalSettingsBody = z.object({
  relaxed: z.array(z.enum(Prerequisites)).max(Prerequisites.length),
  reason: z.string().trim().min(1).max(500),
});

// ---- consultation rounds ---------------------------------------------------------------------

export const CreateRoundBody = z.object({
  title: z.string().trim().min(1).max(200),
  kind: z.enum(RoundKinds),
  /** Percent of eligible households whose agreement makes the round effective (第三十二条: 95). */
  threshold: z.number().min(1).max(100).default(95),
  target: z.number().min(1).max(100).default(100),
  buildingIds: z.array(z.number().int().positive()).min(1).optional(),
  opensOn: z.string().date().optional(),
  closesOn: z.string().date().optional(),
  /** Show full names on the public board (default: masked 张*明). */
  boardShowsNames: z.boolean().optional(),
  /** Signing rounds: where households sign, at which hours, and what to bring (told to residents). */
  signingPlace: z.string().trim().max(200).optional(),
  signingHours: z.string().trim().max(200).optional(),
  signingBring: z.string().trim().max(500).optional(),
});

export const Round = z.object({
  id: z.number(),
  estateId: z.number(),
  estateName: z.string(),
  title: z.string(),
  kind: z.enum(RoundKinds),
  threshold: z.number(),
  target: z.number(),
  buildingIds: z.array(z.number()).nullable(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  effectiveAt: Timestamp.nullable(),
  boardShowsNames: z.boolean(),
  signingPlace: z.string().nullable(),
  signingHours: z.string().nullable(),
  signingBring: z.string().nullable(),
  createdAt: Timestamp,
  eligible: z.number(),
  agreed: z.number(),
});

/** A round as one household sees it: its own answer or signature, and where and when to sign. */
export const HouseholdRound = z.object({
  roundId: z.number(),
  title: z.string(),
  kind: z.enum(RoundKinds),
  status: z.string(),
  effectiveAt: z.string().nullable(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
  signingPlace: z.string().nullable(),
  signingHours: z.string().nullable(),
  signingBring: z.string().nullable(),
  decision: z.enum(Decisions).nullable(),
  respondedAt: z.string().nullable(),
  agreementNo: z.string().nullable(),
  signer: z.string().nullable(),
});

export const ResponseBody = z.object({
  householdId: z.number().int().positive(),
  decision: z.enum(Decisions),
  reason: z.string().trim().max(2000).optional(),
  /** Signing rounds: agreement number, who signed, who witnessed, when; scanned copy uploaded separately. */
  agreementNo: z.string().trim().max(50).optional(),
  signer: z.string().trim().max(50).optional(),
  witness: z.string().trim().max(50).optional(),
  signedAt: z.string().datetime({ offset: true }).optional(),
});

export const ResponseRecord = z.object({
  householdId: z.number(),
  decision: z.enum(Decisions),
  reason: z.string().nullable(),
  agreementNo: z.string().nullable(),
  signer: z.string().nullable(),
  witness: z.string().nullable(),
  scanFileId: z.number().nullable(),
  respondedAt: Timestamp,
  recordedBy: z.string().nullable(),
  /** False when the same answer was submitted again (double click, retry): nothing changed. */
  changed: z.boolean(),
});

export const ResponseHistoryEntry = z.object({
  decision: z.enum(Decisions),
  reason: z.string().nullable(),
  at: Timestamp,
  recordedBy: z.string().nullable(),
});

export const BuildingProgress = z.object({
  buildingId: z.number(),
  name: z.string(),
  eligible: z.number(),
  agreed: z.number(),
  /** null when no household is eligible (no ratio to show). */
  rate: z.number().nullable(),
});
export const Progress = z.object({
  eligible: z.number(),
  agreed: z.number(),
  disagreed: z.number(),
  undecided: z.number(),
  unanswered: z.number(),
  rate: z.number().nullable(),
  threshold: z.number(),
  target: z.number(),
  thresholdReached: z.boolean(),
  targetReached: z.boolean(),
  effectiveAt: Timestamp.nullable(),
  buildings: z.array(BuildingProgress),
});

export const Holdout = z.object({
  householdId: z.number(),
  building: z.string(),
  room: z.string(),
  headName: z.string(),
  decision: z.enum(Decisions).nullable(),
  reason: z.string().nullable(),
  cadre: z.string().nullable(),
  lastVisit: Timestamp.nullable(),
  nextFollowUp: z.string().nullable(),
  openConcerns: z.number(),
});
export const BuildingGap = z.object({
  buildingId: z.number(),
  name: z.string(),
  eligible: z.number(),
  agreed: z.number(),
  gap: z.number(),
});
export const Holdouts = z.object({
  items: z.array(Holdout),
  total: z.number(),
  buildingsByGap: z.array(BuildingGap),
});

export const PublicBoard = z.object({
  title: z.string(),
  kind: z.enum(RoundKinds),
  estateName: z.string(),
  rate: z.number().nullable(),
  eligible: z.number(),
  agreed: z.number(),
  thresholdReached: z.boolean(),
  buildings: z.array(
    z.object({
      name: z.string(),
      eligible: z.number(),
      agreed: z.number(),
      rate: z.number().nullable(),
      /** Flats that agreed/signed, names masked unless the street chose otherwise; never ID or phone. */
      agreedFlats: z.array(z.object({ room: z.string(), name: z.string() })),
    }),
  ),
});

// ---- one plan per household ------------------------------------------------------------------

export const LayoutOption = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  addedArea: z.number(),
});
export const CreateLayoutOptionBody = z.object({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  addedArea: z.number().min(0).max(100),
});

/** An item written by hand (not by one of the estate's allowance rules). */
export const ManualAllowance = z.object({
  item: z.string().trim().min(1).max(100), // 临时安置补偿费
  formula: z.string().trim().max(200), // 月数 × 月标准
  amount: z.number().min(0).max(10_000_000),
  remark: z.string().trim().max(500).optional(),
});

/** An item of a plan: by hand, or computed by a rule (its formula, inputs and computed amount kept). */
export const Allowance = ManualAllowance.extend({
  ruleId: z.number().optional(),
  inputs: z.array(RuleInput).optional(),
  /** what the rule computed; null when the household file lacked an input */
  computed: z.number().nullable().optional(),
  /** why staff changed the computed amount (then `amount` is theirs) */
  overrideReason: z.string().optional(),
});

export const PlanBody = z.object({
  layoutOptionId: z.number().int().positive(),
  addedArea: z.number().min(0).max(100),
  transition: z.enum(Transitions),
  /** items by hand; the estate's allowance rules are computed by the server and come first */
  allowances: z.array(ManualAllowance).max(30),
  /** staff changes of computed amounts, each with its reason */
  overrides: z.array(AllowanceOverride).max(30).default([]),
  specialNeeds: z.string().trim().max(2000).optional(),
});

export const Plan = z.object({
  id: z.number(),
  householdId: z.number(),
  version: z.number(),
  layoutOption: LayoutOption,
  addedArea: z.number(),
  transition: z.enum(Transitions),
  allowances: z.array(Allowance),
  total: z.number(),
  specialNeeds: z.string().nullable(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  confirmedAt: Timestamp.nullable(),
  confirmedBy: z.string().nullable(),
  confirmMethod: z.enum(ConfirmMethods).nullable(),
  /** The staff member who took down a paper or in-person confirmation; null when confirmed online. */
  confirmWitness: z.string().nullable(),
});
export const ConfirmBody = z.object({
  method: z.enum(ConfirmMethods).default('online'),
  by: z.string().trim().max(50).optional(),
});

// ---- one drawing per household ---------------------------------------------------------------

export const Drawing = z.object({
  id: z.number(),
  householdId: z.number(),
  version: z.number(),
  fileId: z.number(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number(),
  comment: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  createdAt: Timestamp,
  confirmedAt: Timestamp.nullable(),
  confirmedBy: z.string().nullable(),
  confirmMethod: z.enum(ConfirmMethods).nullable(),
  confirmWitness: z.string().nullable(),
  changeRequestId: z.number().nullable(),
});
export const ChangeRequestBody = z.object({ content: z.string().trim().min(1).max(2000) });
export const ChangeRequest = z.object({
  id: z.number(),
  content: z.string(),
  status: z.enum(['open', 'answered']),
  requestedBy: z.string().nullable(),
  createdAt: Timestamp,
  answeredByVersion: z.number().nullable(),
});
export const DrawingSet = z.object({ drawings: z.array(Drawing), changeRequests: z.array(ChangeRequest) });

// ---- construction and acceptance -------------------------------------------------------------

export const PhaseBody = z.object({ phase: z.enum(BuildingPhases), on: z.string().date() });
export const BuildingSchedule = z.object({
  buildingId: z.number(),
  name: z.string(),
  phases: z.array(z.object({ phase: z.enum(BuildingPhases), on: z.string() })),
});

export const ChecklistItem = z.object({
  item: z.string().trim().min(1).max(200),
  ok: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export const AcceptanceBody = z.object({
  checklist: z.array(ChecklistItem).min(1).max(50),
  beautificationOk: z.boolean(),
  defects: z.array(z.string().trim().min(1).max(500)).max(50).optional(),
});
export const Defect = z.object({
  id: z.number(),
  description: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
});
export const Acceptance = z.object({
  id: z.number(),
  householdId: z.number(),
  drawingVersion: z.number(),
  checklist: z.array(ChecklistItem),
  beautificationOk: z.boolean(),
  status: z.enum(['open', 'passed']),
  inspectedBy: z.string().nullable(),
  inspectedAt: Timestamp,
  passedAt: Timestamp.nullable(),
  defects: z.array(Defect),
});

export const Outcome = z.object({
  households: z.number(),
  signed: z.number(),
  signingRate: z.number().nullable(),
  planned: z.number(),
  accepted: z.number(),
  successRate: z.number().nullable(),
  beautified: z.number(),
  beautificationRate: z.number().nullable(),
  plansConfirmed: z.number(),
  drawingsConfirmed: z.number(),
});

// ---- residents' accounts ---------------------------------------------------------------------

export const ActivationLetterBody = z.object({
  householdIds: z.array(z.number().int().positive()).min(1).max(5000),
});
export const ActivateBody = z.object({
  code: z.string().trim().min(6).max(20),
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,64}$/),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(200),
});
