import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * 反诈 (anti-fraud): the watch list of residents at risk (重点关注对象), visits and visit rounds,
 * and audio lessons residents can play.
 *
 * Data minimisation (个人信息保护法): an entry holds only what the street needs to visit someone —
 * a reference to a resident already in the household file, where the entry came from, a coarse
 * tier, a reason from a fixed list, who visits, and the dates. Case details, bank accounts and
 * amounts are never recorded: every request body is a strict object, so such a field is refused.
 */

export const EntrySources = ['police', 'committee', 'self'] as const; // 公安推送 / 居委会排查 / 本人申请
export const Tiers = ['high', 'medium', 'low'] as const;
export const ReasonCodes = [
  'elderly_health_products', // 独居老人，保健品推销目标
  'suspected_fraud_call', // 近期接到疑似诈骗电话
  'investment_scam', // 投资理财诈骗风险
  'impersonation', // 冒充公检法、客服诈骗风险
  'online_dating', // 网络交友诈骗风险
  'pension_scam', // 养老诈骗风险（以房养老、养老项目）
  'repeat_risk', // 曾受骗，防二次受骗
] as const;
export const VisitChannels = ['in_person', 'phone', 'wechat'] as const; // 面访 / 电话 / 微信
export const VisitOutcomes = [
  'app_installed', // 已安装国家反诈中心 APP
  'hotline_96110', // 已讲解 96110 预警劝阻专线
  'lesson_played', // 已播放反诈语音课
  'family_informed', // 已告知家属或紧急联系人
  'apps_checked', // 已检查手机中的可疑小程序、APP
  'materials_given', // 已发放宣传资料
  'not_reached', // 未见到本人
] as const;

export type EntrySource = (typeof EntrySources)[number];
export type Tier = (typeof Tiers)[number];
export type ReasonCode = (typeof ReasonCodes)[number];
export type VisitChannel = (typeof VisitChannels)[number];
export type VisitOutcome = (typeof VisitOutcomes)[number];

/** A calendar day as the street sees it (Asia/Shanghai), e.g. `2026-12-01`. */
export const LocalDate = z.iso.date();

const PositiveId = z.number().int().positive();

/** The leader puts someone on the watch list. Strict: anything beyond these fields is refused. */
export const EntryBody = z.strictObject({
  householdId: PositiveId,
  /** A member's name as recorded in the household file; omitted for the head of household. */
  memberName: z.string().trim().min(1).max(50).optional(),
  source: z.enum(EntrySources),
  tier: z.enum(Tiers),
  reasonCode: z.enum(ReasonCodes),
  workerId: PositiveId.nullable().optional(),
  reviewOn: LocalDate,
  retainUntil: LocalDate,
});

/** Changing an entry (re-tiering after a review, another worker, new dates). */
export const EntryPatch = z.strictObject({
  source: z.enum(EntrySources).optional(),
  tier: z.enum(Tiers).optional(),
  reasonCode: z.enum(ReasonCodes).optional(),
  workerId: PositiveId.nullable().optional(),
  reviewOn: LocalDate.optional(),
  retainUntil: LocalDate.optional(),
});

export const EntryQuery = z.strictObject({
  /** Only the entries assigned to me (a worker always sees only those). */
  mine: z.enum(['true', 'false']).optional(),
  /** Only entries whose review date has passed. */
  due: z.enum(['true', 'false']).optional(),
  tier: z.enum(Tiers).optional(),
  source: z.enum(EntrySources).optional(),
  workerId: z.coerce.number().int().positive().optional(),
});

export const VisitBody = z.strictObject({
  channel: z.enum(VisitChannels),
  visitedOn: LocalDate,
  /** A short note. No case details, account numbers or amounts (checked). */
  minutes: z.string().trim().max(300).default(''),
  outcomes: z.array(z.enum(VisitOutcomes)).max(VisitOutcomes.length).default([]),
});

export const Visit = z.object({
  id: z.number(),
  entryId: z.number(),
  channel: z.enum(VisitChannels),
  visitedOn: LocalDate,
  workerId: z.number().nullable(),
  workerName: z.string().nullable(),
  minutes: z.string(),
  outcomes: z.array(z.enum(VisitOutcomes)),
  createdAt: Timestamp,
});

export const Entry = z.object({
  id: z.number(),
  householdId: z.number(),
  /** 21号 203 室 — where the worker goes. */
  address: z.string(),
  /** The person on the list: the member's name, or the head of household's. */
  personName: z.string(),
  memberName: z.string().nullable(),
  source: z.enum(EntrySources),
  tier: z.enum(Tiers),
  reasonCode: z.enum(ReasonCodes),
  workerId: z.number().nullable(),
  workerName: z.string().nullable(),
  reviewOn: LocalDate,
  retainUntil: LocalDate,
  reviewDue: z.boolean(),
  lastVisitOn: LocalDate.nullable(),
  lastVisitChannel: z.enum(VisitChannels).nullable(),
  visitCount: z.number(),
  /** In a round running today and not yet visited face to face in it. */
  roundPending: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const EntryDetail = Entry.extend({ visits: z.array(Visit) });

export const Worker = z.object({ id: z.number(), name: z.string(), entries: z.number() });

export const RoundBody = z
  .strictObject({
    name: z.string().trim().min(1).max(50),
    startsOn: LocalDate,
    endsOn: LocalDate,
    /** The entries to visit in this round; omitted: every entry on the list today. */
    entryIds: z.array(PositiveId).max(5000).optional(),
  })
  .refine((r) => r.startsOn <= r.endsOn, { path: ['endsOn'], message: '结束日期不能早于开始日期' });

export const Round = z.object({
  id: z.number(),
  name: z.string(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  targets: z.number(),
  /** Target entries with at least one face-to-face visit inside the round's period. */
  inPerson: z.number(),
  /** Target entries with any visit (face to face, phone or WeChat) inside the period. */
  reached: z.number(),
  /** inPerson / targets, 0…1 (null for a round without targets). */
  inPersonRate: z.number().nullable(),
  createdAt: Timestamp,
});

export const RoundTarget = z.object({
  entryId: z.number(),
  address: z.string(),
  personName: z.string(),
  tier: z.enum(Tiers),
  workerName: z.string().nullable(),
  inPerson: z.boolean(),
  reached: z.boolean(),
});

export const RoundDetail = Round.extend({ entries: z.array(RoundTarget) });

export const Figures = z.object({
  entries: z.number(),
  byTier: z.array(z.object({ tier: z.enum(Tiers), count: z.number() })),
  bySource: z.array(z.object({ source: z.enum(EntrySources), count: z.number() })),
  byReason: z.array(z.object({ reasonCode: z.enum(ReasonCodes), count: z.number() })),
  visitsByChannel: z.array(z.object({ channel: z.enum(VisitChannels), count: z.number() })),
  overdueReviews: z.number(),
  unassigned: z.number(),
  rounds: z.array(Round),
  lessonPlays: z.number(),
});

export const LessonBody = z.strictObject({
  title: z.string().trim().min(2).max(100),
  /** The script in Chinese: read aloud by the browser when there is no recording. */
  script: z.string().trim().min(10).max(4000),
  durationSeconds: z.number().int().min(10).max(3600),
  published: z.boolean().default(true),
});

export const LessonPatch = z.strictObject({
  title: z.string().trim().min(2).max(100).optional(),
  script: z.string().trim().min(10).max(4000).optional(),
  durationSeconds: z.number().int().min(10).max(3600).optional(),
  published: z.boolean().optional(),
});

export const Lesson = z.object({
  id: z.number(),
  title: z.string(),
  script: z.string(),
  durationSeconds: z.number(),
  published: z.boolean(),
  /** A recording uploaded by staff; without one the page reads the script aloud. */
  audio: z.object({ mime: z.string(), size: z.number() }).nullable(),
  plays: z.number(),
  createdAt: Timestamp,
});

export const PlayResult = z.object({ plays: z.number() });
