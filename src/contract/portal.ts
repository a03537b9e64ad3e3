import { z } from 'zod';
import { Stages } from './households.ts';
import { Timestamp } from './common.ts';

/**
 * The residents' portal: one summary of everything that concerns the signed-in resident's household,
 * gathered from every module's own services. Each item says where the resident acts (`link`).
 */

export const PortalItemKinds = [
  'plan', // 一户一方案 waiting for the household's confirmation
  'drawing', // 一户一图纸 waiting for confirmation
  'round', // a consultation or signing round waiting for the household's answer
  'move', // 红色搬家先锋队 booking
  'storage', // 临时仓库 booking
  'rental', // 为你找房 reservation
  'consultation', // 惠民市集 consultation
  'meeting', // 红色议事厅 meeting the household is invited to
  'draft', // a draft law open for comment (基层立法联系点)
  'topic', // a topic call of 人民建议征集
  'suggestion', // one of the resident's own suggestions
  'opinion', // one of the resident's own opinions on a draft
  'concern', // a concern (诉求) on the household's file
  'case', // the household's own mediation case
  'lesson', // an anti-fraud lesson
  'notice', // an in-app notification (platform outbox)
] as const;
export type PortalItemKind = (typeof PortalItemKinds)[number];

/** Whether the item waits for the resident, is under way, or has come to an end (never colour alone). */
export const PortalTones = ['action', 'progress', 'done', 'info'] as const;

export const PortalItem = z.object({
  kind: z.enum(PortalItemKinds),
  id: z.number(),
  title: z.string(),
  /** The module's own status code (e.g. `scheduled`, `answered`); the web app words it. */
  status: z.string(),
  tone: z.enum(PortalTones),
  /** One line of detail in the module's words (time and place, outcome note, quote …). */
  detail: z.string().nullable(),
  /** The date that matters for the item (meeting time, move day, deadline, answer date). */
  at: Timestamp.nullable(),
  /** Where in the app the resident acts on it; null when nothing is to be done online. */
  link: z.string().nullable(),
});
export type PortalItem = z.infer<typeof PortalItem>;

export const PortalHousehold = z.object({
  id: z.number(),
  estateName: z.string(),
  buildingNumber: z.string(),
  room: z.string(),
  headName: z.string(),
  stage: z.enum(Stages),
  /** The stage that comes next in the whole process; null once the family has moved back. */
  nextStage: z.enum(Stages).nullable(),
  /** Position of `stage` in the process, 1-based, and the number of stages. */
  step: z.number(),
  steps: z.number(),
  assignees: z.array(z.object({ name: z.string(), orgUnit: z.string().nullable() })),
});

export const PortalSections = [
  'awaiting',
  'bookings',
  'meetings',
  'drafts',
  'topics',
  'mine',
  'lessons',
  'notices',
] as const;
export type PortalSection = (typeof PortalSections)[number];

export const PortalHome = z.object({
  displayName: z.string(),
  household: PortalHousehold.nullable(),
  /** Things waiting for the household's confirmation or answer: plan, drawing, consultation, signing. */
  awaiting: z.array(PortalItem),
  /** Movers, storage, rentals and market consultations. */
  bookings: z.array(PortalItem),
  /** Council-hall meetings the household is invited to, not held yet or with minutes just published. */
  meetings: z.array(PortalItem),
  /** Draft laws open for comment. */
  drafts: z.array(PortalItem),
  /** Open topic calls for people's suggestions. */
  topics: z.array(PortalItem),
  /** The household's own suggestions, opinions, concerns and mediation case, and what became of them. */
  mine: z.array(PortalItem),
  /** Anti-fraud lessons for residents (when the street runs the anti-fraud module). */
  lessons: z.array(PortalItem),
  /** In-app notifications, newest first. */
  notices: z.array(PortalItem),
  /** Number of notices not yet read. */
  unreadNotices: z.number(),
});
export type PortalHome = z.infer<typeof PortalHome>;
