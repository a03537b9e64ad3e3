import { z } from 'zod';
import { Timestamp } from './common.ts';

/** 红色议事厅: topics, meetings with QR sign-in, resolutions, self-governance projects (自治项目). */

export const TopicSources = ['visit', 'concern', 'suggestion', 'staff'] as const;
export const TopicStatuses = ['open', 'discussing', 'resolved', 'project', 'closed'] as const;
export const ParticipantKinds = ['resident', 'party_member', 'cadre', 'expert'] as const;
export const VoteChoices = ['for', 'against', 'abstain'] as const;
/** An invitee's answer: 参加 / 不参加 / 待定. */
export const RsvpAnswers = ['yes', 'no', 'maybe'] as const;
/** Topic sources that are records of their own (a visit, a concern, a suggestion) and can be linked. */
export const LinkableSources = ['visit', 'concern', 'suggestion'] as const;

export const TopicBody = z.object({
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(4000).optional(),
  source: z.enum(TopicSources),
  /** The visit, concern or suggestion (of this street) the topic comes from. */
  sourceRef: z.number().int().positive().optional(),
  raisedByName: z.string().trim().min(1).max(100),
  householdIds: z.array(z.number().int().positive()).max(500).default([]),
  buildingIds: z.array(z.number().int().positive()).max(200).default([]),
});

export const Topic = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  source: z.enum(TopicSources),
  sourceRef: z.number().nullable(),
  /** The linked record: what it says in a line, and the household whose file holds a visit or concern. */
  sourceRecord: z
    .object({ id: z.number(), label: z.string(), householdId: z.number().nullable() })
    .nullable(),
  raisedByName: z.string(),
  householdIds: z.array(z.number()),
  buildingIds: z.array(z.number()),
  status: z.enum(TopicStatuses),
  createdAt: Timestamp,
});

export const TopicStatusBody = z.object({ status: z.enum(TopicStatuses) });

export const ParticipantBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(ParticipantKinds),
  userId: z.number().int().positive().optional(),
  householdId: z.number().int().positive().optional(),
  /** An expert's institute, a cadre's unit. */
  organisation: z.string().trim().max(100).optional(),
});

export const MeetingBody = z.object({
  title: z.string().trim().min(2).max(200),
  heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(200),
  host: z.string().trim().min(1).max(100),
  topicIds: z.array(z.number().int().positive()).max(50).default([]),
  invited: z.array(ParticipantBody).max(500).default([]),
});

export const Participant = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(ParticipantKinds),
  userId: z.number().nullable(),
  householdId: z.number().nullable(),
  /** The household's address, e.g. 曹杨一村21号101室. */
  householdLabel: z.string().nullable(),
  organisation: z.string().nullable(),
  invited: z.boolean(),
  signedInAt: Timestamp.nullable(),
  signInMethod: z.enum(['qr', 'staff']).nullable(),
  rsvp: z.enum(RsvpAnswers).nullable(),
  rsvpAt: Timestamp.nullable(),
  /** Who answered, when not the invitee's own account (e.g. another member of the household). */
  rsvpByName: z.string().nullable(),
});

export const ResolutionBody = z
  .object({
    topicId: z.number().int().positive().optional(),
    text: z.string().trim().min(2).max(4000),
    votesFor: z.number().int().min(0).optional(),
    votesAgainst: z.number().int().min(0).optional(),
    votesAbstain: z.number().int().min(0).optional(),
    votes: z
      .array(z.object({ participantId: z.number().int().positive(), choice: z.enum(VoteChoices) }))
      .max(1000)
      .optional(),
  })
  .refine((b) => b.votes !== undefined || b.votesFor !== undefined, {
    message: 'votes or votesFor/votesAgainst/votesAbstain',
    path: ['votes'],
  });

export const Resolution = z.object({
  id: z.number(),
  topicId: z.number().nullable(),
  text: z.string(),
  votesFor: z.number(),
  votesAgainst: z.number(),
  votesAbstain: z.number(),
  individual: z.boolean(),
  passed: z.boolean(),
  createdAt: Timestamp,
});

export const MeetingSummary = z.object({
  id: z.number(),
  title: z.string(),
  heldAt: Timestamp,
  place: z.string(),
  host: z.string(),
  status: z.enum(['planned', 'held']),
  invitedCount: z.number(),
  presentCount: z.number(),
});

export const Meeting = MeetingSummary.extend({
  minutes: z.string().nullable(),
  /** When minutes and resolutions were published to the invited residents; null while a draft. */
  minutesPublishedAt: Timestamp.nullable(),
  /** Answers of the invited: 参加 / 不参加 / 待定 / not yet. */
  rsvpCounts: z.object({ yes: z.number(), no: z.number(), maybe: z.number(), none: z.number() }),
  topics: z.array(Topic.pick({ id: true, title: true, status: true })),
  participants: z.array(Participant),
  resolutions: z.array(Resolution),
});

export const MinutesBody = z.object({
  minutes: z.string().trim().min(1).max(20000),
  held: z.boolean().default(true),
});

export const SignInLink = z.object({
  url: z.string(),
  token: z.string(),
  qrDataUrl: z.string(),
  /** The token is good until then (the current and the next minute); the page fetches a new one before. */
  expiresAt: Timestamp,
  refreshInSeconds: z.number(),
  /** Where the link's host comes from: GONGZHI_PUBLIC_URL, or this request's own address. */
  origin: z.enum(['config', 'request']),
});
export const CheckInBody = z.object({ token: z.string().min(8).max(200) });
export const CheckInResult = z.object({
  meetingId: z.number(),
  title: z.string(),
  signedInAt: Timestamp,
  name: z.string(),
});

export const ProjectMember = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.string().trim().max(100).optional(),
});

export const ProjectBody = z.object({
  name: z.string().trim().min(2).max(200),
  kind: z.string().trim().min(1).max(100),
  description: z.string().trim().max(4000).optional(),
  owners: z.array(ProjectMember).min(1).max(20),
  members: z.array(ProjectMember).max(200).default([]),
  topicIds: z.array(z.number().int().positive()).max(50).default([]),
  householdIds: z.array(z.number().int().positive()).max(500).default([]),
  milestones: z
    .array(z.object({ title: z.string().trim().min(1).max(200), dueOn: z.iso.date().optional() }))
    .max(50)
    .default([]),
});

const MilestoneEdit = z.object({
  /** An existing milestone (kept and renamed); omitted for a new one. */
  id: z.number().int().positive().optional(),
  title: z.string().trim().min(1).max(200),
  dueOn: z.iso.date().optional(),
  done: z.boolean().default(false),
});

/** Replaces the project's people, links and milestones (milestones left out are removed). */
export const ProjectUpdateBody = ProjectBody.omit({ milestones: true }).extend({
  milestones: z.array(MilestoneEdit).max(50).default([]),
  progress: z.number().int().min(0).max(100),
});

export const ProgressBody = z.object({
  progress: z.number().int().min(0).max(100),
  milestoneIdsDone: z.array(z.number().int().positive()).max(50).default([]),
});

export const PublishBody = z.object({
  resultSummary: z.string().trim().min(2).max(4000),
  completed: z.boolean().default(true),
});

export const Milestone = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneAt: Timestamp.nullable(),
});

export const Project = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  description: z.string().nullable(),
  owners: z.array(ProjectMember),
  members: z.array(ProjectMember),
  topicIds: z.array(z.number()),
  topics: z.array(z.object({ id: z.number(), title: z.string() })),
  householdIds: z.array(z.number()),
  households: z.array(z.object({ id: z.number(), label: z.string() })),
  status: z.enum(['active', 'completed']),
  progress: z.number(),
  published: z.boolean(),
  resultSummary: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  milestones: z.array(Milestone),
  createdAt: Timestamp,
});

export const PublishedProject = Project.pick({
  id: true,
  name: true,
  kind: true,
  description: true,
  owners: true,
  members: true,
  topics: true,
  status: true,
  progress: true,
  resultSummary: true,
  publishedAt: true,
  milestones: true,
});

/** A household to pick for an invitation or a project: address, head and members' names. */
export const HouseholdOption = z.object({
  id: z.number(),
  label: z.string(),
  headName: z.string(),
  memberNames: z.array(z.string()),
  partyMember: z.boolean(),
});

export const HouseholdOptionQuery = z.object({
  q: z.string().trim().max(50).optional(),
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .optional(),
});

/** Street staff one may invite as cadres. */
export const StaffOption = z.object({ id: z.number(), name: z.string(), role: z.string() });

export const RsvpBody = z.object({ answer: z.enum(RsvpAnswers) });

/**
 * The meeting as an invited resident sees it: time, place, agenda with what each topic is about, their
 * answer and sign-in; minutes and resolutions once published.
 */
export const ResidentMeeting = z.object({
  id: z.number(),
  title: z.string(),
  heldAt: Timestamp,
  place: z.string(),
  host: z.string(),
  status: z.enum(['planned', 'held']),
  topics: z.array(Topic.pick({ id: true, title: true, description: true, status: true })),
  invitation: z.object({
    participantId: z.number(),
    name: z.string(),
    rsvp: z.enum(RsvpAnswers).nullable(),
    rsvpAt: Timestamp.nullable(),
    signedInAt: Timestamp.nullable(),
  }),
  /** Answers may change until the meeting starts. */
  rsvpOpen: z.boolean(),
  minutesPublishedAt: Timestamp.nullable(),
  minutes: z.string().nullable(),
  resolutions: z.array(Resolution.extend({ topicTitle: z.string().nullable() })),
});

export const TopicDraftQuery = z.object({
  source: z.enum(LinkableSources),
  ref: z.coerce.number().int().positive(),
});

/** A topic prefilled from a visit, concern or suggestion ("提交议事"). */
export const TopicDraft = z.object({
  title: z.string(),
  description: z.string(),
  source: z.enum(LinkableSources),
  sourceRef: z.number(),
  raisedByName: z.string(),
  householdIds: z.array(z.number()),
  buildingIds: z.array(z.number()),
});
