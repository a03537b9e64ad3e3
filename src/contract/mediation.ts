import { z } from 'zod';
import { Timestamp } from './common.ts';

/** "2+3" people's mediation (人民调解法): cases, acceptance, sessions, agreements, follow-ups. */

export const CaseTypes = [
  'neighbours',
  'family',
  'tenancy_property',
  'construction_damage',
  'other',
] as const;
export const CaseSources = ['application', 'initiative', 'police_referral', 'court_referral'] as const;
export const CaseLevels = ['residential', 'street'] as const;
export const CaseStatuses = [
  'applied',
  'refused',
  'mediating',
  'agreed',
  'oral_agreed',
  'failed',
  'withdrawn',
] as const;
export const PartyRoles = ['applicant', 'respondent', 'third_party'] as const;
export const LiaisonOrgs = ['police', 'judicial', 'law_firm'] as const;
export const FollowupKinds = ['performance', 'return_visit', 'judicial_confirmation'] as const;
export const CaseDocuments = [
  'application', // 调解申请 / 受理登记
  'decision_notice', // 受理 / 不予受理通知书
  'session_record', // 调解记录
  'agreement', // 调解协议书 (or the record of an oral agreement)
  'failure_record', // 调解终止记录, other routes explained
  'return_visit', // 回访记录
] as const;

/** 人民调解法 第三十三条: joint application for judicial confirmation within 30 days. */
export const CONFIRMATION_WINDOW_DAYS = 30;

export const PartyKinds = ['household', 'outsider'] as const;

/**
 * A party: a household of the street (one of its people, by name) or an outsider (a person or a
 * company from elsewhere). `kind` defaults from whether a household is given. The contact phone is
 * stored encrypted and shown masked.
 */
export const PartyBody = z
  .object({
    kind: z.enum(PartyKinds).optional(),
    name: z.string().trim().min(1).max(100),
    role: z.enum(PartyRoles),
    householdId: z.number().int().positive().optional(),
    contact: z.string().trim().min(3).max(40).optional(),
    /** Basic particulars for the agreement (第二十九条): sex, age, occupation, address. */
    info: z.string().trim().max(500).optional(),
  })
  .refine((p) => (p.kind ?? (p.householdId ? 'household' : 'outsider')) === 'outsider' || !!p.householdId, {
    message: 'a household party needs householdId',
    path: ['householdId'],
  })
  .refine((p) => p.kind !== 'outsider' || !p.householdId, {
    message: 'an outsider has no household',
    path: ['householdId'],
  });

export const CaseBody = z.object({
  title: z.string().trim().min(2).max(200),
  type: z.enum(CaseTypes),
  source: z.enum(CaseSources),
  facts: z.string().trim().min(2).max(8000),
  claims: z.string().trim().min(2).max(4000),
  level: z.enum(CaseLevels).default('residential'),
  parties: z.array(PartyBody).min(2).max(20),
});

export const DecisionBody = z.discriminatedUnion('accept', [
  z.object({ accept: z.literal(true), level: z.enum(CaseLevels).optional() }),
  z.object({ accept: z.literal(false), reason: z.string().trim().min(2).max(2000) }),
]);

/** A liaison's unit is the one on the liaison's own account (users.liaison_org), never chosen here. */
export const MemberBody = z.object({
  userId: z.number().int().positive(),
  role: z.enum(['mediator', 'liaison']),
});

export const SessionBody = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(200),
  record: z.string().trim().min(2).max(20000),
});

export const AgreementTerms = z.object({
  facts: z.string().trim().min(2).max(8000), // 纠纷的主要事实
  disputedMatters: z.string().trim().min(2).max(8000), // 争议事项及各方责任
  terms: z.string().trim().min(2).max(8000), // 达成协议的内容
  performance: z.string().trim().min(2).max(2000), // 履行方式
  performBy: z.iso.date(), // 履行期限
});

export const OutcomeBody = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('agreement'), agreement: AgreementTerms }),
  z.object({ outcome: z.literal('oral'), note: z.string().trim().min(2).max(4000) }),
  z.object({
    outcome: z.literal('failed'),
    note: z.string().trim().min(2).max(4000),
    otherRoutes: z.string().trim().min(2).max(2000),
  }),
  z.object({ outcome: z.literal('withdrawn'), note: z.string().trim().min(2).max(4000) }),
]);

/**
 * How a party signed: on the paper agreement in person, on the device (handwriting on the tablet),
 * with a fingerprint (按手印, a party who cannot write), by a proxy with the party's written
 * authorisation (授权委托书), or online by the party itself in the residents' portal.
 */
export const SignMethods = ['paper', 'device', 'fingerprint', 'proxy', 'online'] as const;

export const SignBody = z
  .object({
    /** A party's id, or omitted: the signing mediator (the actor). */
    partyId: z.number().int().positive().optional(),
    /** Required when staff record a party's signature; a party signing itself signs online. */
    method: z.enum(SignMethods).optional(),
    /** The proxy's name, for `proxy`. */
    proxyName: z.string().trim().min(1).max(50).optional(),
    /** The party's written authorisation for `proxy` (e.g. 授权委托书 of 2026-05-02, scope). */
    authorisation: z.string().trim().min(2).max(500).optional(),
    /** Someone else present who witnessed the signature, besides the recording staff member. */
    witnessName: z.string().trim().min(1).max(50).optional(),
  })
  .strict();

export const FollowupBody = z.object({
  kind: z.enum(FollowupKinds),
  at: z.iso.datetime({ offset: true }),
  note: z.string().trim().min(2).max(4000),
  performed: z.boolean().optional(),
});

export const RiskBody = z.object({ note: z.string().trim().min(2).max(2000) });

export const Party = z.object({
  id: z.number(),
  kind: z.enum(PartyKinds),
  name: z.string(),
  role: z.enum(PartyRoles),
  householdId: z.number().nullable(),
  /** The household's address, e.g. 曹杨一村21号101室. */
  householdLabel: z.string().nullable(),
  /** Masked, e.g. 138****5678. */
  contact: z.string().nullable(),
  info: z.string().nullable(),
  signedAt: Timestamp.nullable(),
  signedHow: z.enum(SignMethods).nullable(),
  /** Who signed for the party (`proxy`). */
  signedProxy: z.string().nullable(),
  /** The staff member who recorded and witnessed the signature. */
  signedWitness: z.string().nullable(),
  /** The proxy's authorisation (`proxy`). */
  signedAuthorisation: z.string().nullable(),
  /** Another person present who witnessed it. */
  signedWitnessName: z.string().nullable(),
});

export const PartyContact = z.object({ contact: z.string().nullable() });

export const Member = z.object({
  userId: z.number(),
  name: z.string(),
  role: z.enum(['mediator', 'liaison']),
  org: z.enum(LiaisonOrgs).nullable(),
  signedAt: Timestamp.nullable(),
});

/**
 * What a liaison records on a case for the unit: the police's part (police_action), the judicial
 * office's judicial confirmation (司法确认: confirmation_applied, then confirmation_result with
 * `result`), the law firm's legal advice (legal_advice).
 */
export const LiaisonEntryKinds = [
  'police_action',
  'confirmation_applied',
  'confirmation_result',
  'legal_advice',
] as const;
/** Which entries each unit records. */
export const LiaisonEntryKindsByOrg: Record<
  (typeof LiaisonOrgs)[number],
  readonly (typeof LiaisonEntryKinds)[number][]
> = {
  police: ['police_action'],
  judicial: ['confirmation_applied', 'confirmation_result'],
  law_firm: ['legal_advice'],
};
export const ConfirmationResults = ['confirmed', 'refused'] as const;

export const LiaisonEntryBody = z
  .object({
    kind: z.enum(LiaisonEntryKinds),
    at: z.iso.datetime({ offset: true }),
    note: z.string().trim().min(2).max(4000),
    result: z.enum(ConfirmationResults).optional(),
  })
  .refine((b) => (b.kind === 'confirmation_result') === (b.result !== undefined), {
    message: 'a judicial confirmation result says confirmed or refused, other entries have no result',
    path: ['result'],
  });

export const LiaisonEntry = z.object({
  id: z.number(),
  org: z.enum(LiaisonOrgs),
  kind: z.enum(LiaisonEntryKinds),
  at: Timestamp,
  note: z.string(),
  result: z.enum(ConfirmationResults).nullable(),
  by: z.string(),
});

export const Session = z.object({
  id: z.number(),
  heldAt: Timestamp,
  place: z.string(),
  record: z.string(),
});

export const Followup = z.object({
  id: z.number(),
  kind: z.enum(FollowupKinds),
  at: Timestamp,
  note: z.string(),
  performed: z.boolean().nullable(),
});

export const CaseSummary = z.object({
  id: z.number(),
  caseNo: z.string(),
  title: z.string(),
  type: z.enum(CaseTypes),
  source: z.enum(CaseSources),
  level: z.enum(CaseLevels),
  status: z.enum(CaseStatuses),
  atRisk: z.boolean(),
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
});

export const CaseFileEntry = z.object({ document: z.enum(CaseDocuments), present: z.boolean() });

export const Case = CaseSummary.extend({
  facts: z.string(),
  claims: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  riskNote: z.string().nullable(),
  riskFlaggedAt: Timestamp.nullable(),
  outcomeNote: z.string().nullable(),
  otherRoutes: z.string().nullable(),
  agreement: AgreementTerms.nullable(),
  agreementEffectiveAt: Timestamp.nullable(),
  confirmationDueOn: z.string().nullable(),
  confirmationAppliedAt: Timestamp.nullable(),
  parties: z.array(Party),
  members: z.array(Member),
  sessions: z.array(Session),
  followups: z.array(Followup),
  /** The liaisons' own entries (parties see only the judicial confirmation). */
  liaisonEntries: z.array(LiaisonEntry),
  caseFile: z.array(CaseFileEntry),
  /** Resident view: what a party may see; staff fields above are blanked for parties. */
  partyView: z.boolean(),
});

export const ConfirmationDue = z.object({
  caseId: z.number(),
  caseNo: z.string(),
  title: z.string(),
  effectiveAt: Timestamp,
  dueOn: z.string(),
  daysLeft: z.number(),
  overdue: z.boolean(),
});

export const Reminder = z.object({
  caseId: z.number(),
  caseNo: z.string(),
  kind: z.enum(['judicial_confirmation', 'performance_due', 'return_visit']),
  message: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});

const Count = z.object({ key: z.string(), count: z.number() });
export const MediationFigures = z.object({
  total: z.number(),
  byType: z.array(Count),
  byLevel: z.array(Count),
  byOutcome: z.array(Count),
  successRate: z.number().nullable(),
  averageDaysToClose: z.number().nullable(),
  confirmationRate: z.number().nullable(),
  atRisk: z.number(),
});
