import { z } from 'zod';
import { Id, Pagination, Timestamp } from './common.ts';

/** 修改 / 删除 / 新增 / 原则性意见 */
export const OpinionKinds = ['amend', 'delete', 'add', 'principle'] as const;
export type OpinionKind = (typeof OpinionKinds)[number];
/** Where an opinion came from: a resident online, or staff (信息员) from a paper form or a meeting. */
export const OpinionChannels = ['online', 'paper', 'meeting'] as const;
/** Residents' opinions wait for moderation; staff-entered ones are accepted when entered. */
export const ModerationStates = ['pending', 'accepted', 'rejected'] as const;
/** 采纳 / 部分采纳 / 未采纳 */
export const Outcomes = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type Outcome = (typeof Outcomes)[number];
export const EventModes = ['offline', 'online'] as const;

export const DraftCounts = z.object({
  parts: z.number(),
  subparts: z.number(),
  chapters: z.number(),
  sections: z.number(),
  articles: z.number(),
});

/** JSON import; a file comes as multipart `file` (Markdown or plain text) with an optional `title` field. */
export const ImportDraftBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  text: z.string().min(1).max(2_000_000),
});

export const DraftSummary = z.object({
  id: z.number(),
  title: z.string(),
  counts: DraftCounts,
  opinionCount: z.number(),
  createdAt: Timestamp,
  submittedAt: Timestamp.nullable(),
});
export const ImportedDraft = z.object({ id: z.number(), title: z.string(), counts: DraftCounts });

export const DraftItem = z.object({ number: z.number(), label: z.string(), text: z.string() });
export const DraftParagraph = z.object({ number: z.number(), text: z.string(), items: z.array(DraftItem) });
export const DraftArticle = z.object({
  type: z.literal('article'),
  id: z.number(),
  number: z.number(),
  suffix: z.number(),
  label: z.string(),
  sep: z.string(),
  anchor: z.string(),
  paragraphs: z.array(DraftParagraph),
});
export type DraftArticle = z.infer<typeof DraftArticle>;

/**
 * A heading of the tree. Its `children` hold headings or articles; the schema says `unknown` there
 * only to keep the OpenAPI document free of recursive references — the shape is `DraftNode`.
 */
export const DraftHeading = z.object({
  type: z.literal('heading'),
  kind: z.enum(['part', 'subpart', 'chapter', 'section']),
  number: z.number(),
  label: z.string(),
  title: z.string(),
  heading: z.string(),
  anchor: z.string(),
  children: z.array(z.unknown()),
});
export type DraftHeading = Omit<z.infer<typeof DraftHeading>, 'children'> & { children: DraftNode[] };
export type DraftNode = DraftHeading | DraftArticle;

/** An appendix after the last article (附件一 …): its heading and its lines as written. */
export const DraftAppendix = z.object({
  label: z.string(),
  title: z.string(),
  heading: z.string(),
  lines: z.array(z.string()),
});
export type DraftAppendix = z.infer<typeof DraftAppendix>;

export const DraftTree = z.object({
  id: z.number(),
  title: z.string(),
  format: z.enum(['markdown', 'text']),
  history: z.array(z.string()),
  preface: z.array(z.string()),
  appendices: z.array(DraftAppendix),
  counts: DraftCounts,
  nodes: z.array(z.union([DraftArticle, DraftHeading])),
  createdAt: Timestamp,
  submittedAt: Timestamp.nullable(),
});

export const DraftQuery = Pagination.extend({ q: z.string().trim().max(100).optional() });

// --- Events -------------------------------------------------------------------------------------

export const CreateEventBody = z.object({
  title: z.string().trim().min(1).max(200),
  heldOn: z.iso.date(),
  mode: z.enum(EventModes),
  place: z.string().trim().max(200).optional(),
  organiser: z.string().trim().min(1).max(200),
  draftIds: z.array(Id).min(1).max(50),
  /** Head count taken at the event (people who came, registered or not). */
  attendance: z.number().int().min(0).max(100_000),
  /** Names of registered participants (synthetic or real). */
  registered: z.array(z.string().trim().min(1).max(100)).max(2000).default([]),
  materials: z.string().trim().max(4000).optional(),
});
export const ConsultationEvent = z.object({
  id: z.number(),
  title: z.string(),
  heldOn: z.string(),
  mode: z.enum(EventModes),
  place: z.string().nullable(),
  organiser: z.string(),
  drafts: z.array(z.object({ id: z.number(), title: z.string() })),
  attendance: z.number(),
  registered: z.number(),
  materials: z.string().nullable(),
  opinionCount: z.number(),
});
export const EventQuery = Pagination.extend({ draftId: Id.optional() });

// --- Opinions -----------------------------------------------------------------------------------

const OpinionTarget = {
  /** Omitted: an opinion on the whole draft. */
  articleId: Id.optional(),
  /** 款 number within the article (from 1). */
  paragraph: z.number().int().min(1).max(100).optional(),
  /** 项 number within the paragraph (from 1). */
  item: z.number().int().min(1).max(100).optional(),
  kind: z.enum(OpinionKinds),
  text: z.string().trim().min(2).max(4000),
  reason: z.string().trim().max(4000).optional(),
};

/** A resident's own opinion, entered online. */
export const SubmitOpinionBody = z.object({ ...OpinionTarget, anonymous: z.boolean().default(false) });

/** Staff (信息员) entering opinions collected on paper or at a meeting; several at once. */
export const RecordOpinionsBody = z.object({
  eventId: Id.optional(),
  channel: z.enum(['paper', 'meeting']),
  opinions: z
    .array(
      z.object({
        ...OpinionTarget,
        /** The person's name as given; omitted when anonymous. */
        authorName: z.string().trim().min(1).max(100).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const Opinion = z.object({
  id: z.number(),
  draftId: z.number(),
  draftTitle: z.string(),
  articleId: z.number().nullable(),
  articleLabel: z.string().nullable(),
  anchor: z.string().nullable(),
  paragraph: z.number().nullable(),
  item: z.number().nullable(),
  kind: z.enum(OpinionKinds),
  text: z.string(),
  reason: z.string().nullable(),
  /** '匿名' when anonymous. */
  authorName: z.string(),
  anonymous: z.boolean(),
  channel: z.enum(OpinionChannels),
  eventId: z.number().nullable(),
  moderation: z.enum(ModerationStates),
  moderationNote: z.string().nullable(),
  outcome: z.enum(Outcomes).nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Opinion = z.infer<typeof Opinion>;

export const OpinionQuery = Pagination.extend({
  draftId: Id.optional(),
  moderation: z.enum(ModerationStates).optional(),
});

export const ModerateBody = z.object({
  ids: z.array(Id).min(1).max(1000),
  decision: z.enum(['accepted', 'rejected']),
  note: z.string().trim().max(1000).optional(),
});

/** Feedback on one opinion or on a whole group of near-duplicates at once. */
export const OutcomeBody = z.object({
  ids: z.array(Id).min(1).max(1000),
  outcome: z.enum(Outcomes),
  note: z.string().trim().max(2000).optional(),
});
export const Changed = z.object({ changed: z.number() });

// --- Consolidated report ------------------------------------------------------------------------

export const ReportGroup = z.object({
  kind: z.enum(OpinionKinds),
  /** The first opinion of the group, as the group's wording. */
  text: z.string(),
  reasons: z.array(z.string()),
  /** How many people stand behind the group (distinct named authors; each anonymous one counts). */
  people: z.number(),
  opinionIds: z.array(z.number()),
  /** Other wordings grouped with it. */
  variants: z.array(z.string()),
  targets: z.array(z.string()),
  outcome: z.enum(Outcomes).nullable(),
  outcomeNote: z.string().nullable(),
});
export const ReportSection = z.object({
  articleId: z.number().nullable(),
  label: z.string(),
  anchor: z.string().nullable(),
  originalText: z.string().nullable(),
  opinionCount: z.number(),
  groups: z.array(ReportGroup),
});
export const ConsolidatedReport = z.object({
  draftId: z.number(),
  title: z.string(),
  generatedAt: Timestamp,
  opinionCount: z.number(),
  people: z.number(),
  sections: z.array(ReportSection),
  submissions: z.array(
    z.object({
      id: z.number(),
      submittedTo: z.string(),
      submittedAt: Timestamp,
      opinionCount: z.number(),
      note: z.string().nullable(),
    }),
  ),
});
export type ConsolidatedReport = z.infer<typeof ConsolidatedReport>;

export const SubmitReportBody = z.object({
  submittedTo: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).optional(),
});
export const Submission = z.object({
  id: z.number(),
  submittedTo: z.string(),
  submittedAt: Timestamp,
  opinionCount: z.number(),
  fileId: z.number().nullable(),
});

// --- Figures ------------------------------------------------------------------------------------

/** Counted from the records, never typed in. */
export const Figures = z.object({
  events: z.number(),
  drafts: z.number(),
  participants: z.number(),
  opinions: z.number(),
  /** Adopted in full or in part. */
  adopted: z.number(),
  adoptedFully: z.number(),
  partlyAdopted: z.number(),
});
