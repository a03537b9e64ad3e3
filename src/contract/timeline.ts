import { z } from 'zod';

/**
 * Household timeline entries (一户一档) are stored as a kind and its parameters, not as a sentence,
 * so each interface renders them in its own language. Parameters hold codes (a visit method, a
 * decision…) and the users' own words (a summary, a name); never a pre-rendered label.
 */

export const TimelineKinds = [
  'visit',
  'concern',
  'concern_resolved',
  'photo',
  'assignment',
  'plan_version',
  'plan_confirmed',
  'drawing_version',
  'drawing_confirmed',
  'drawing_change_request',
  'round_willingness',
  'round_plan',
  'round_signing',
  'phase_moved_out',
  'phase_started',
  'phase_structure_done',
  'phase_completed',
  'phase_accepted',
  'phase_moved_back',
  'inspection',
  'accepted',
  'council_attendance',
  'council_topic',
  'council_project',
  'market_consultation',
  'market_quote',
  'market_contract',
  'market_complaint',
  'market_rating',
  'move_requested',
  'move_scheduled',
  'move_done',
  'move_cancelled',
  'needs_set',
  'rental_reserved',
  'rental_contracted',
  'rental_moved_in',
  'rental_cancelled',
  'storage_booked',
  'storage_in',
  'storage_out',
  'storage_cancelled',
  'safety_work_order',
] as const;
export type TimelineKind = (typeof TimelineKinds)[number];

export const TimelineParams = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.null(), z.array(z.string())]),
);
export type TimelineParams = z.infer<typeof TimelineParams>;

/** One language's sentences: a function per kind, so optional parts need no template syntax. */
export type TimelineTable = Record<TimelineKind, (p: TimelineParams) => string>;

export const isTimelineKind = (kind: string): kind is TimelineKind =>
  (TimelineKinds as readonly string[]).includes(kind);

/**
 * The sentence of an entry in a table's language. Entries written before kinds carried parameters
 * (params null) or of a kind this build does not know keep their stored Chinese text.
 */
export function renderTimelineTitle(
  table: TimelineTable,
  e: { kind: string; params: TimelineParams | null; title: string },
): string {
  if (!e.params || !isTimelineKind(e.kind)) return e.title;
  return table[e.kind](e.params);
}

/** A parameter as text ('' when absent; a list joined by the language's separator), for the tables. */
export const text = (p: TimelineParams, key: string, separator = '、'): string => {
  const v = p[key];
  if (Array.isArray(v)) return v.join(separator);
  return v === null || v === undefined ? '' : String(v);
};

/** A coded parameter through a language's labels; an unknown code shows as itself. */
export const label = (labels: Record<string, string>, p: TimelineParams, key: string): string =>
  labels[text(p, key)] ?? text(p, key);
