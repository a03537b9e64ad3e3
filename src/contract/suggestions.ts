/**
 * People's suggestions (人民建议征集): collection network, topic calls, suggestions and their handling,
 * collective replies, projects, figures. 上海市人民建议征集若干规定 (2021) 第七、八、十、十二条.
 */
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const SuggestionChannels = ['online', 'point', 'mailbox', 'visit', 'phone'] as const;
export type SuggestionChannel = (typeof SuggestionChannels)[number];

/** registered → accepted → assigned → handled → answered; or redirected / merged on the way. */
export const SuggestionStatuses = [
  'registered',
  'accepted',
  'assigned',
  'handled',
  'answered',
  'redirected',
  'merged',
] as const;
export type SuggestionStatus = (typeof SuggestionStatuses)[number];
/** Statuses from which a suggestion may be answered, alone or in a collective reply. */
export const AnswerableStatuses: readonly SuggestionStatus[] = ['accepted', 'assigned', 'handled'];

/** Where matters that are not suggestions go (第十条第二款): personal claims, courts, arbitration, review. */
export const RedirectTargets = [
  'mediation',
  'petition',
  'litigation',
  'arbitration',
  'admin_review',
] as const;
export type RedirectTarget = (typeof RedirectTargets)[number];

export const PointKinds = ['centre', 'zone', 'point'] as const;
export const TopicStatuses = ['draft', 'open', 'closed'] as const;
export const ProjectStatuses = ['planned', 'in_progress', 'done'] as const;
/** 未开始 / 进行中 / 已完成: a milestone is under way only once its project has started, one at a time. */
export const MilestoneStates = ['not_started', 'in_progress', 'done'] as const;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** `?flag=true|false` (z.coerce.boolean would read "false" as true). */
const QueryFlag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

// --- Network ---------------------------------------------------------------------------------

export const CollectionPoint = z.object({
  id: z.number(),
  kind: z.enum(PointKinds),
  parentId: z.number().nullable(),
  name: z.string(),
  address: z.string(),
  staff: z.string(),
  openingHours: z.string(),
  active: z.boolean(),
  suggestionCount: z.number(),
});
export const CreatePointBody = z.object({
  kind: z.enum(PointKinds),
  parentId: Id.optional(),
  name: text(1, 100),
  address: z.string().trim().max(200).default(''),
  staff: z.string().trim().max(200).default(''),
  openingHours: z.string().trim().max(200).default(''),
});
export const UpdatePointBody = z.object({
  name: text(1, 100).optional(),
  address: z.string().trim().max(200).optional(),
  staff: z.string().trim().max(200).optional(),
  openingHours: z.string().trim().max(200).optional(),
  active: z.boolean().optional(),
});

export const Mailbox = z.object({
  id: z.number(),
  pointId: z.number().nullable(),
  pointName: z.string().nullable(),
  name: z.string(),
  location: z.string(),
  lastCollectedAt: Timestamp.nullable(),
  lettersTotal: z.number(),
});
export const CreateMailboxBody = z.object({
  pointId: Id.optional(),
  name: text(1, 100),
  location: z.string().trim().max(200).default(''),
});
export const MailboxCollection = z.object({
  id: z.number(),
  mailboxId: z.number(),
  collectedAt: Timestamp,
  collectedBy: z.string().nullable(),
  letters: z.number(),
  note: z.string(),
});
export const CollectMailboxBody = z.object({
  letters: z.number().int().min(0).max(10_000),
  note: z.string().trim().max(500).default(''),
});

export const Visit = z.object({
  id: z.number(),
  leaderName: z.string(),
  visitedOn: z.string(),
  place: z.string(),
  notes: z.string(),
  suggestionCount: z.number(),
});
export const CreateVisitBody = z.object({
  leaderName: text(1, 100),
  visitedOn: z.iso.date(),
  place: text(1, 200),
  notes: z.string().trim().max(2000).default(''),
});

// --- Topic calls -----------------------------------------------------------------------------

export const Topic = z.object({
  id: z.number(),
  subject: z.string(),
  background: z.string(),
  channels: z.array(z.enum(SuggestionChannels)),
  deadline: Timestamp,
  status: z.enum(TopicStatuses),
  publishedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  suggestionCount: z.number(),
});
export const CreateTopicBody = z.object({
  subject: text(2, 200),
  background: text(2, 5000),
  channels: z.array(z.enum(SuggestionChannels)).min(1),
  deadline: z.iso.datetime({ offset: true }),
  /** Publish at once (default) or keep as a draft. */
  publish: z.boolean().default(true),
});
export const UpdateTopicBody = z.object({
  action: z.enum(['publish', 'close', 'extend']),
  /** New deadline, for `extend`. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export const TopicQuery = z.object({ status: z.enum(TopicStatuses).optional() });

export const TopicClusters = z.object({
  topicId: z.number(),
  total: z.number(),
  clusters: z.array(
    z.object({
      label: z.array(z.string()),
      count: z.number(),
      suggestions: z.array(z.object({ id: z.number(), subject: z.string() })),
    }),
  ),
});

// --- Settings --------------------------------------------------------------------------------

const days = z.number().int().min(1).max(365);
export const SuggestionSettings = z.object({
  acceptDays: days,
  assignDays: days,
  handleDays: days,
  answerDays: days,
});
export type SuggestionSettings = z.infer<typeof SuggestionSettings>;

// --- Suggestions -----------------------------------------------------------------------------

export const CreateSuggestionBody = z.object({
  subject: text(2, 100),
  reason: text(2, 2000),
  proposal: text(2, 4000),
  channel: z.enum(SuggestionChannels).default('online'),
  proposerName: text(1, 50),
  proposerPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s]{5,20}$/)
    .optional(),
  topicId: Id.optional(),
  pointId: Id.optional(),
  mailboxId: Id.optional(),
  visitId: Id.optional(),
  householdId: Id.optional(),
  /** The proposer agrees to be thanked by name (masked) on a project's public page. */
  thankConsent: z.boolean().default(false),
});
export type CreateSuggestionBody = z.input<typeof CreateSuggestionBody>;

export const SimilarSuggestion = z.object({
  id: z.number(),
  subject: z.string(),
  status: z.enum(SuggestionStatuses),
  score: z.number(),
});
export const RedirectHint = z.object({ target: z.enum(RedirectTargets), reason: z.string() });

export const CreatedSuggestion = z.object({
  id: z.number(),
  status: z.enum(SuggestionStatuses),
  dueAt: Timestamp.nullable(),
  similar: z.array(SimilarSuggestion),
  /** The text reads like a personal claim or a court matter: shown to the proposer and to staff. */
  redirectHint: RedirectHint.nullable(),
});

export const SuggestionItem = z.object({
  id: z.number(),
  subject: z.string(),
  reason: z.string(),
  proposal: z.string(),
  channel: z.enum(SuggestionChannels),
  status: z.enum(SuggestionStatuses),
  topicId: z.number().nullable(),
  topicSubject: z.string().nullable(),
  pointId: z.number().nullable(),
  pointName: z.string().nullable(),
  proposerName: z.string(),
  /** Always masked (138****5678). */
  proposerPhone: z.string().nullable(),
  assigneeDepartment: z.string().nullable(),
  assigneeUnitId: z.number().nullable(),
  dueAt: Timestamp.nullable(),
  overdue: z.boolean(),
  adopted: z.boolean(),
  rating: z.number().nullable(),
  mergedIntoId: z.number().nullable(),
  createdAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  /** ts_rank when the list was searched. */
  rank: z.number().nullable(),
});
export type SuggestionItem = z.infer<typeof SuggestionItem>;

export const SuggestionEvent = z.object({
  fromStatus: z.enum(SuggestionStatuses).nullable(),
  toStatus: z.enum(SuggestionStatuses),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  dueAt: Timestamp.nullable(),
  onTime: z.boolean().nullable(),
  createdAt: Timestamp,
});

export const SuggestionDetail = SuggestionItem.extend({
  handlingNote: z.string().nullable(),
  answer: z.string().nullable(),
  reply: z.object({ id: z.number(), title: z.string(), body: z.string(), publishedAt: Timestamp }).nullable(),
  redirectTarget: z.enum(RedirectTargets).nullable(),
  redirectReason: z.string().nullable(),
  ratingComment: z.string().nullable(),
  thankConsent: z.boolean(),
  mine: z.boolean(),
  /** The suggestion this one was merged into, as the proposer should see it. */
  mergedInto: z
    .object({
      id: z.number(),
      subject: z.string(),
      status: z.enum(SuggestionStatuses),
      answer: z.string().nullable(),
    })
    .nullable(),
  mergedFrom: z.array(z.object({ id: z.number(), subject: z.string() })),
  projects: z.array(z.object({ id: z.number(), name: z.string() })),
  attachments: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number() })),
  events: z.array(SuggestionEvent),
  redirectHint: RedirectHint.nullable(),
});
export type SuggestionDetail = z.infer<typeof SuggestionDetail>;

export const SuggestionQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(SuggestionStatuses).optional(),
  topicId: Id.optional(),
  channel: z.enum(SuggestionChannels).optional(),
  overdue: QueryFlag,
  /** Only the actor's own suggestions (what residents always get). */
  mine: QueryFlag,
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

export const SimilarBody = z.object({
  text: text(2, 6000),
  excludeId: Id.optional(),
  limit: z.number().int().min(1).max(20).default(5),
});

export const NoteBody = z.object({ note: z.string().trim().max(2000).optional() });
/** A handling unit (承办单位) of the street, picked when a suggestion is assigned. */
export const HandlingUnit = z.object({
  id: z.number(),
  name: z.string(),
  active: z.boolean(),
  /** suggestions assigned to it so far */
  assigned: z.number(),
});
export const HandlingUnitBody = z.object({ name: text(1, 50) });
export const UpdateHandlingUnitBody = z.object({
  name: text(1, 50).optional(),
  active: z.boolean().optional(),
});

export const AssignBody = z.object({
  /** one of the street's active handling units */
  unitId: Id,
  assigneeUserId: Id.optional(),
  note: z.string().trim().max(2000).optional(),
});
export const HandleBody = z.object({ note: text(1, 4000), adopted: z.boolean().default(false) });
export const AnswerBody = z.object({ answer: text(2, 4000) });
export const RedirectBody = z.object({ target: z.enum(RedirectTargets), reason: text(2, 1000) });
export const MergeBody = z.object({ intoId: Id });
export const RateBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const Attachment = z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number() });

// --- Collective replies and projects ---------------------------------------------------------

export const Reply = z.object({
  id: z.number(),
  topicId: z.number().nullable(),
  topicSubject: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  publishedAt: Timestamp,
  suggestions: z.array(z.object({ id: z.number(), subject: z.string() })),
});
export const CreateReplyBody = z.object({
  title: text(2, 200),
  body: text(2, 10_000),
  topicId: Id.optional(),
  suggestionIds: z.array(Id).min(1).max(1000),
});

export const Milestone = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneAt: Timestamp.nullable(),
  state: z.enum(MilestoneStates),
});
export const Project = z.object({
  id: z.number(),
  name: z.string(),
  summary: z.string(),
  owner: z.string(),
  status: z.enum(ProjectStatuses),
  progress: z.number(),
  createdAt: Timestamp,
  milestones: z.array(Milestone),
  /** The suggestions behind it; a proposer is named (masked) only with consent. */
  suggestions: z.array(z.object({ id: z.number(), subject: z.string(), thanked: z.string().nullable() })),
});
export type Project = z.infer<typeof Project>;
export const CreateProjectBody = z.object({
  name: text(2, 100),
  summary: z.string().trim().max(4000).default(''),
  owner: text(1, 100),
  suggestionIds: z.array(Id).min(1).max(200),
  milestones: z
    .array(z.object({ title: text(1, 200), dueOn: z.iso.date().optional() }))
    .max(50)
    .default([]),
});
export const UpdateProjectBody = z.object({
  summary: z.string().trim().max(4000).optional(),
  owner: text(1, 100).optional(),
  status: z.enum(ProjectStatuses).optional(),
  progress: z.number().int().min(0).max(100).optional(),
});
export const CreateMilestoneBody = z.object({ title: text(1, 200), dueOn: z.iso.date().optional() });
export const UpdateMilestoneBody = z.object({ done: z.boolean() });
export const MilestoneParams = z.object({ id: Id, milestoneId: Id });
export const AttachmentParams = z.object({ id: Id, fileId: Id });

// --- Figures ---------------------------------------------------------------------------------

const Count = z.object({ key: z.string(), label: z.string(), count: z.number() });
export const SuggestionFigures = z.object({
  total: z.number(),
  byStatus: z.array(Count),
  byChannel: z.array(Count),
  byTopic: z.array(Count),
  byPoint: z.array(Count),
  /** Steps completed before their deadline, over all completed steps. */
  onTime: z.object({ steps: z.number(), onTime: z.number(), rate: z.number().nullable() }),
  overdueOpen: z.number(),
  adopted: z.number(),
  inProjects: z.number(),
  projects: z.number(),
  rated: z.number(),
  averageRating: z.number().nullable(),
});
export type SuggestionFigures = z.infer<typeof SuggestionFigures>;
