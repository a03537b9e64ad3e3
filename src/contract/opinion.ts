import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * Opinion maps (意见地图, Polis-style): short statements, 同意 / 不同意 / 跳过 votes, and the groups
 * of opinion the analysis finds, with what every group agrees on.
 */

export const MapStatuses = ['open', 'closed'] as const;
export const StatementStatuses = ['pending', 'approved', 'rejected'] as const;
export const STATEMENT_MAX = 140;

const Ref = z.number().int().positive();

export const MapBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    topicId: Ref.optional(),
    consultationId: Ref.optional(),
    draftId: Ref.optional(),
  })
  .refine((b) => [b.topicId, b.consultationId, b.draftId].filter((v) => v !== undefined).length <= 1, {
    message: '一张意见地图只能关联一个议题、征询轮次或法规草案',
    path: ['topicId'],
  });
export type MapBody = z.infer<typeof MapBody>;

export const MapQuery = z.object({
  topicId: z.coerce.number().int().positive().optional(),
  consultationId: z.coerce.number().int().positive().optional(),
  draftId: z.coerce.number().int().positive().optional(),
});

/** What the map informs, with the title to link it by. */
export const MapSubject = z.object({
  kind: z.enum(['topic', 'consultation', 'draft']),
  id: z.number(),
  title: z.string(),
});

export const MapSummary = z.object({
  id: z.number(),
  title: z.string(),
  status: z.enum(MapStatuses),
  subject: MapSubject.nullable(),
  statements: z.number(),
  participants: z.number(),
  createdAt: Timestamp,
});

export const MapDetail = MapSummary.extend({
  /** Participants' statements waiting for moderation (0 for those who do not moderate). */
  pending: z.number(),
  /** The signed-in participant's progress (null for staff who do not vote). */
  mine: z
    .object({
      voted: z.number(),
      total: z.number(),
      /** A resident sees the map once they have voted on enough statements. */
      maySeeMap: z.boolean(),
      needed: z.number(),
    })
    .nullable(),
  mayModerate: z.boolean(),
});

export const Statement = z.object({
  id: z.number(),
  text: z.string(),
  status: z.enum(StatementStatuses),
  byStaff: z.boolean(),
  createdAt: Timestamp,
});

export const StatementBody = z.object({ text: z.string().trim().min(2).max(STATEMENT_MAX) });
export const ModerateBody = z.object({ status: z.enum(['approved', 'rejected']) });
export const MapStatusBody = z.object({ status: z.enum(MapStatuses) });

export const VoteValue = z.union([z.literal(1), z.literal(-1), z.literal(0)]);
export const VoteBody = z.object({ statementId: Ref, vote: VoteValue });
export const BallotBody = z.object({
  /** The anonymous reference written on a paper card (e.g. 卡片-017); entering it again replaces it. */
  participantRef: z.string().trim().min(1).max(40),
  votes: z.array(VoteBody).min(1).max(500),
});

/** The next statement for the signed-in participant, one per screen. */
export const NextStatement = z.object({
  statement: z.object({ id: z.number(), text: z.string() }).nullable(),
  voted: z.number(),
  total: z.number(),
  maySeeMap: z.boolean(),
});

export const BallotResult = z.object({ participantRef: z.string(), votes: z.number() });

export const GroupRate = z.object({
  groupId: z.number(),
  agreeRate: z.number(),
  disagreeRate: z.number(),
  votes: z.number(),
});

export const Analysis = z.object({
  participants: z.number(),
  clustered: z.number(),
  groups: z.array(
    z.object({
      id: z.number(),
      size: z.number(),
      representative: z.array(
        z.object({ statementId: z.number(), side: z.enum(['agree', 'disagree']), rate: z.number() }),
      ),
    }),
  ),
  statements: z.array(
    z.object({
      id: z.number(),
      text: z.string(),
      agree: z.number(),
      disagree: z.number(),
      pass: z.number(),
      groups: z.array(GroupRate),
    }),
  ),
  consensus: z.array(z.number()),
  divisive: z.array(z.number()),
  /** Anonymous points of the clustered participants (no ids). */
  points: z.array(z.object({ x: z.number(), y: z.number(), groupId: z.number() })),
  computedAt: Timestamp.nullable(),
  /** Votes arrived since: a recompute is on its way. */
  stale: z.boolean(),
  minVotes: z.number(),
});
export type Analysis = z.infer<typeof Analysis>;
