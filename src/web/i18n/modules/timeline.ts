import type { Lang } from '../../../contract/errors.ts';
import {
  label,
  renderTimelineTitle,
  text,
  type TimelineParams,
  type TimelineTable,
} from '../../../contract/timeline.ts';
import { timelineZh } from '../../../contract/timeline.zh.ts';
import { formatYuan } from '../../components/money.ts';

/**
 * Household timeline sentences (一户一档). The Chinese table is shared with the server (it writes the
 * stored title with it); the English one is typed to the same kinds, so a new kind without an
 * English sentence does not compile.
 */
export { timelineZh };

const visitMethod = { door: 'Door-to-door visit', phone: 'Phone call', wechat: 'WeChat contact' };
const confirmMethod = { online: 'online', paper: 'signed on paper', in_person: 'in person' };
const decision = { agree: 'agreed', disagree: 'disagreed', undecided: 'undecided' };
const direction = { out: 'Moving out', back: 'Moving back' };
const slot = { am: 'morning', pm: 'afternoon' };
const transition = { self: 'own arrangement', agency: 'rental via agency', relatives: 'with relatives' };
const orderStatus = {
  registered: 'registered',
  pending: 'awaiting dispatch',
  dispatched: 'dispatched',
  in_progress: 'in progress',
  to_verify: 'awaiting verification',
  closed: 'closed',
  cancelled: 'cancelled',
};

const quoted = (p: TimelineParams, key: string) => `“${text(p, key)}”`;
const suffix = (value: string, open: string, close = '') => (value ? `${open}${value}${close}` : '');
const confirmed = (what: string) => (p: TimelineParams) =>
  `${what} v${text(p, 'version')} confirmed (${label(confirmMethod, p, 'method')}${suffix(text(p, 'by'), ', ')})`;
const round = (what: string) => (p: TimelineParams) =>
  `${what} ${quoted(p, 'title')}: ${label(decision, p, 'decision')}${suffix(text(p, 'reason'), ' (', ')')}`;
const phase = (what: string) => (p: TimelineParams) => `${text(p, 'building')}: ${what}`;

function needsParts(p: TimelineParams): string {
  const parts: string[] = [];
  if ('moveOn' in p) parts.push(p.moveOn ? `planned move-out ${text(p, 'moveOn')}` : 'move-out date cleared');
  if ('transition' in p)
    parts.push(p.transition ? `transition: ${label(transition, p, 'transition')}` : 'transition cleared');
  return parts.join('; ');
}

export const timelineEn: TimelineTable = {
  visit: (p) => `${label(visitMethod, p, 'method')}: ${text(p, 'summary')}`,
  concern: (p) => `Concern: ${text(p, 'content')}`,
  concern_resolved: (p) => `Concern resolved: ${text(p, 'resolution')}`,
  photo: (p) => `Photo: ${text(p, 'caption') || 'taken on a visit'}`,
  assignment: (p) => `Assigned to ${text(p, 'name')}`,
  plan_version: (p) => `Household plan v${text(p, 'version')} drawn up`,
  plan_confirmed: confirmed('Plan'),
  drawing_version: (p) =>
    `Household drawing v${text(p, 'version')} uploaded${suffix(text(p, 'comment'), ': ')}`,
  drawing_confirmed: confirmed('Drawing'),
  drawing_change_request: (p) => `Drawing change requested: ${text(p, 'content')}`,
  round_willingness: round('Willingness consultation'),
  round_plan: round('Plan consultation'),
  round_signing: round('Signing'),
  phase_moved_out: phase('everyone moved out'),
  phase_started: phase('works started'),
  phase_structure_done: phase('structure finished'),
  phase_completed: phase('works completed'),
  phase_accepted: phase('accepted'),
  phase_moved_back: phase('moved back'),
  inspection: (p) =>
    p.defectClosed
      ? 'A defect was put right'
      : `Inspection against drawing v${text(p, 'version')}: ${text(p, 'defects')} defect(s) to fix`,
  accepted: (p) =>
    p.defectClosed
      ? 'Defects put right; inspection passed'
      : `Inspection against drawing v${text(p, 'version')}: passed`,
  council_attendance: (p) => `Attended the council hall: ${text(p, 'meeting')} (${text(p, 'name')})`,
  council_topic: (p) => `Council hall topic: ${text(p, 'title')}`,
  council_project: (p) => `Joined a self-governance project: ${text(p, 'name')}`,
  market_consultation: (p) => `Community fair: decoration consultation booked with ${text(p, 'vendor')}`,
  market_quote: (p) =>
    `Community fair: ${text(p, 'vendor')} quoted ${formatYuan(Number(p.amount ?? 0), 'en')}`,
  market_contract: (p) =>
    `Community fair: decoration contract with ${text(p, 'vendor')} (${text(p, 'contractNo')})`,
  market_complaint: (p) => `Community fair: complaint about ${text(p, 'vendor')}`,
  market_rating: (p) => `Community fair: rated ${text(p, 'vendor')} ${text(p, 'rating')} stars`,
  move_requested: (p) =>
    `Moving team booked (${label(direction, p, 'direction').toLowerCase()}, ${text(p, 'moveOn')} ${label(slot, p, 'slot')})`,
  move_scheduled: (p) =>
    `Move scheduled: ${text(p, 'volunteers', ', ')} (${text(p, 'moveOn')} ${label(slot, p, 'slot')})`,
  move_done: (p) => `${label(direction, p, 'direction')} done, confirmed by the resident`,
  move_cancelled: (p) => `Move booking cancelled (${text(p, 'moveOn')})`,
  needs_set: (p) => `Relocation plans: ${needsParts(p)}`,
  rental_reserved: (p) => `Flat finder: reserved ${quoted(p, 'rental')}`,
  rental_contracted: (p) => `Flat finder: lease signed for ${quoted(p, 'rental')}`,
  rental_moved_in: (p) => `Flat finder: moved into ${quoted(p, 'rental')}`,
  rental_cancelled: (p) => `Flat finder: reservation of ${quoted(p, 'rental')} cancelled`,
  storage_booked: (p) => `Storage booked: ${text(p, 'warehouse')}, ${text(p, 'slots')} slot(s)`,
  storage_in: (p) => `Belongings checked into storage (${text(p, 'count')} item(s))`,
  storage_out: (p) => `Belongings collected from storage, signed for by ${text(p, 'signedBy')}`,
  storage_cancelled: (p) => `Storage booking cancelled (${text(p, 'warehouse')})`,
  safety_work_order: (p) =>
    `Safety work order #${text(p, 'orderId')} ${label(orderStatus, p, 'status')}: ${text(p, 'orderTitle')}`,
};

const tables: Record<Lang, TimelineTable> = { zh: timelineZh, en: timelineEn };

/** A timeline entry's sentence in the interface language (old free-text entries keep their text). */
export function timelineTitle(
  lang: Lang,
  entry: { kind: string; params: TimelineParams | null; title: string },
): string {
  return renderTimelineTitle(tables[lang], entry);
}
