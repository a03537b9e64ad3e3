/**
 * The rules of 平安六防 as pure functions: work-order state machine, deadlines and escalation,
 * 群租 criteria, merchant/charging-site/building risk levels, patrol coverage and percentiles.
 * No database, no clock: callers pass what the rule needs, so each rule is tested on its own.
 */
import { STREET_UTC_OFFSET_MS } from '../../platform/streetTime.ts';

export const Priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof Priorities)[number];

export const OrderStatuses = [
  'pending',
  'dispatched',
  'in_progress',
  'to_verify',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

export type OrderAction = 'dispatch' | 'accept' | 'feedback' | 'close' | 'reject' | 'cancel';

/** Which action may move an order from which state, and where to. */
const TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  // dispatching again from 已派单 hands the order to someone else
  dispatch: { from: ['pending', 'dispatched'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'in_progress' },
  feedback: { from: ['in_progress'], to: 'to_verify' },
  close: { from: ['to_verify'], to: 'closed' },
  reject: { from: ['to_verify'], to: 'in_progress' },
  cancel: { from: ['pending', 'dispatched', 'in_progress'], to: 'cancelled' },
};

/** The state an action leads to, or null when it is not allowed from `from`. */
export function nextStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'dispatched', 'in_progress', 'to_verify'];

export interface SlaMinutes {
  acceptMinutes: number;
  resolveMinutes: number;
}

/** Defaults a street starts with: urgent 15 min to accept and 4 h to resolve, and so on. */
export const DEFAULT_SLA: Record<Priority, SlaMinutes> = {
  urgent: { acceptMinutes: 15, resolveMinutes: 4 * 60 },
  high: { acceptMinutes: 60, resolveMinutes: 24 * 60 },
  normal: { acceptMinutes: 4 * 60, resolveMinutes: 3 * 24 * 60 },
  low: { acceptMinutes: 24 * 60, resolveMinutes: 7 * 24 * 60 },
};

export function deadlines(createdAt: Date, sla: SlaMinutes): { acceptDueAt: Date; resolveDueAt: Date } {
  return {
    acceptDueAt: new Date(createdAt.getTime() + sla.acceptMinutes * 60_000),
    resolveDueAt: new Date(createdAt.getTime() + sla.resolveMinutes * 60_000),
  };
}

/** An alarm's severity decides the priority of the order dispatched from it. */
export function priorityFromSeverity(severity: string | null | undefined): Priority {
  if (severity === 'critical') return 'urgent';
  if (severity === 'warning') return 'high';
  return 'normal';
}

/**
 * Where a work order from an alarm sends people: estate, building, flat and the device's spot
 * (`曹杨一村 7号 楼道 2 层`). A device's own place name is often only the spot inside the building,
 * so estate and building are put in front unless the place name already says them.
 */
export function alarmPlace(p: {
  estate: string | null;
  building: string | null;
  room: string | null;
  placeName: string | null;
  deviceName: string;
}): string {
  const spot = p.placeName?.trim() ?? '';
  const buildingNo = p.building?.replace(/[号幢栋]$/, '') ?? '';
  const says = (text: string) => new RegExp(`(^|\\D)${text}(号|幢|栋|楼|#)`).test(spot);
  const parts = [
    p.estate && !spot.includes(p.estate) ? p.estate : null,
    p.building && !(buildingNo && says(buildingNo)) ? p.building : null,
    p.room && !spot.includes(p.room) ? `${p.room}室` : null,
    spot || null,
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : p.deviceName;
}

export const MAX_ESCALATION = 3;

/**
 * How far a late order should have been escalated by `now`.
 * While waiting to be accepted (待派单/已派单) the acceptance deadline counts, while being handled
 * (处置中) the resolution deadline. Level 1 when the deadline passes (reminder), then one level more
 * for every further acceptance window (level 2: duty dispatchers, level 3: street leaders).
 */
export function escalationTarget(
  order: { status: OrderStatus; acceptDueAt: Date; resolveDueAt: Date },
  sla: SlaMinutes,
  now: Date,
): number {
  let due: Date;
  if (order.status === 'pending' || order.status === 'dispatched') {
    due = order.resolveDueAt < order.acceptDueAt ? order.resolveDueAt : order.acceptDueAt;
  } else if (order.status === 'in_progress') {
    due = order.resolveDueAt;
  } else return 0;
  const late = now.getTime() - due.getTime();
  if (late <= 0) return 0;
  const step = Math.max(1, sla.acceptMinutes) * 60_000;
  return Math.min(MAX_ESCALATION, 1 + Math.floor(late / step));
}

/** Whether the order is late by `now` (for badges and the overdue count). */
export function isOverdue(
  order: { status: OrderStatus; acceptDueAt: Date; resolveDueAt: Date; acceptedAt: Date | null },
  now: Date,
): boolean {
  if (order.status === 'pending' || order.status === 'dispatched')
    return now > order.acceptDueAt || now > order.resolveDueAt;
  if (order.status === 'in_progress') return now > order.resolveDueAt;
  return false;
}

// ---- 群租 (overcrowded rentals) -------------------------------------------------------------

export const RentalFlags = [
  'over_two_per_room',
  'under_5m2_per_person',
  'partitions',
  'beds_in_kitchen_or_balcony',
] as const;
export type RentalFlag = (typeof RentalFlags)[number];

export interface RentalFacts {
  occupants: number;
  rooms: number;
  areaM2: number;
  partitions: boolean;
  bedsInKitchenOrBalcony: boolean;
}

/**
 * Shanghai's 群租 criteria: more than two people per room, less than 5 m² of usable area per person,
 * rooms split by partitions, or beds in a kitchen or on a balcony. Any one flags the flat.
 */
export function groupRentalFlags(f: RentalFacts): RentalFlag[] {
  const flags: RentalFlag[] = [];
  if (f.rooms > 0 ? f.occupants / f.rooms > 2 : f.occupants > 2) flags.push('over_two_per_room');
  if (f.occupants > 0 && f.areaM2 / f.occupants < 5) flags.push('under_5m2_per_person');
  if (f.partitions) flags.push('partitions');
  if (f.bedsInKitchenOrBalcony) flags.push('beds_in_kitchen_or_balcony');
  return flags;
}

export type RentalStatus = 'ok' | 'flagged' | 'notice' | 'rectified';

/** A flat's state after a check: flagged until a notice is issued; a clean re-check after a notice rectifies it. */
export function rentalStatusAfterCheck(
  previous: RentalStatus | null,
  flags: readonly RentalFlag[],
): RentalStatus {
  if (flags.length > 0) return previous === 'notice' ? 'notice' : 'flagged';
  if (previous === 'notice' || previous === 'flagged' || previous === 'rectified') return 'rectified';
  return 'ok';
}

// ---- risk levels ----------------------------------------------------------------------------

export type RiskLevel = 'low' | 'medium' | 'high';

export const IssuanceBands = ['none', 'under_50k', '50k_500k', 'over_500k'] as const;
export const Custodies = ['bank_custody', 'guarantee', 'insurance', 'none'] as const;

/**
 * Prepaid-card merchants (防预付卡陷阱): high when much is issued without custody of the funds or
 * complaints pile up; medium when money is at stake without full protection or there are complaints.
 */
export function merchantRisk(m: {
  issuanceBand: (typeof IssuanceBands)[number];
  custody: (typeof Custodies)[number];
  complaints: number;
  monthsOperating: number | null;
}): RiskLevel {
  if (m.issuanceBand === 'none') return m.complaints >= 3 ? 'medium' : 'low';
  const unprotected = m.custody === 'none';
  if (m.complaints >= 5) return 'high';
  if (unprotected && (m.issuanceBand === 'over_500k' || m.issuanceBand === '50k_500k')) return 'high';
  if (unprotected && m.monthsOperating !== null && m.monthsOperating < 12) return 'high';
  if (unprotected || m.complaints >= 2 || m.issuanceBand === 'over_500k') return 'medium';
  return 'low';
}

/** E-bike charging sites: each missing protection adds risk; too close to a building is itself high. */
export function chargingSiteRisk(s: {
  distanceOk: boolean;
  canopy: boolean;
  extinguisher: boolean;
  cctv: boolean;
  autoCutoff: boolean;
}): RiskLevel {
  if (!s.distanceOk) return 'high';
  const missing = [s.canopy, s.extinguisher, s.cctv, s.autoCutoff].filter((x) => !x).length;
  if (missing >= 2) return 'high';
  return missing === 1 ? 'medium' : 'low';
}

export const BuildingHazards = [
  'corridor_clutter',
  'ebike_indoor',
  'blocked_exit',
  'extinguisher_missing',
  'aged_wiring',
  'fire_door_open',
] as const;
export type BuildingHazard = (typeof BuildingHazards)[number];

/** A building's fire risk: blocked exits or e-bikes charged indoors are high; any other hazard medium. */
export function buildingRisk(hazards: readonly BuildingHazard[]): RiskLevel {
  if (hazards.includes('blocked_exit') || hazards.includes('ebike_indoor') || hazards.length >= 3)
    return 'high';
  return hazards.length > 0 ? 'medium' : 'low';
}

// ---- figures --------------------------------------------------------------------------------

/** Nearest-rank percentile of `values` (0 < p ≤ 100); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Frequency = 'daily' | 'weekly' | 'monthly';

const PERIOD_DAYS: Record<Frequency, number> = { daily: 1, weekly: 7, monthly: 30 };

/** How many patrols a plan asks for over `days` days (whole periods, at least one). */
export function plannedPatrols(frequency: Frequency, timesPerPeriod: number, days: number): number {
  return Math.max(1, Math.round(days / PERIOD_DAYS[frequency])) * timesPerPeriod;
}

/**
 * Patrol coverage over a window: patrols done (each plan counted up to what it planned) over
 * patrols planned. Extra patrols of one plan never make up for another plan's missing ones.
 * A plan made during the window plans only for its own `days` of it; one made later, none.
 */
export function patrolCoverage(
  plans: ReadonlyArray<{ frequency: Frequency; timesPerPeriod: number; done: number; days?: number }>,
  days: number,
): { planned: number; done: number; rate: number | null } {
  let planned = 0;
  let done = 0;
  for (const p of plans) {
    const own = Math.min(days, p.days ?? days);
    if (own <= 0) continue;
    const n = plannedPatrols(p.frequency, p.timesPerPeriod, own);
    planned += n;
    done += Math.min(n, p.done);
  }
  return { planned, done, rate: planned === 0 ? null : done / planned };
}

/**
 * Start of the plan's current period (today / this week from Monday / this month) as a UTC instant;
 * periods start at the street's midnight (platform/streetTime).
 */
export function periodStart(frequency: Frequency, now: Date): Date {
  const local = new Date(now.getTime() + STREET_UTC_OFFSET_MS);
  let y = local.getUTCFullYear();
  let m = local.getUTCMonth();
  let d = local.getUTCDate();
  if (frequency === 'weekly') {
    const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
    const monday = new Date(Date.UTC(y, m, d) - dow * 86_400_000);
    y = monday.getUTCFullYear();
    m = monday.getUTCMonth();
    d = monday.getUTCDate();
  } else if (frequency === 'monthly') d = 1;
  return new Date(Date.UTC(y, m, d) - STREET_UTC_OFFSET_MS);
}
