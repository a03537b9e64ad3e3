/** What the household files share: the summary, visit and concern rows as read, recorded times and the live-screen nudge. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { HouseholdSummary, Stage } from '../../../contract/households.ts';
import type { DB } from '../../db/schema.ts';
import { hasPermission } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskPhone } from '../../platform/mask.ts';

export type Member = { name: string; relation: string; ageBand: '0-17' | '18-59' | '60-79' | '80+' | null };

export function summaryQuery(db: Executor, tenantId: number, today: string) {
  return db
    .selectFrom('households')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.tenant_id', '=', 'households.tenant_id')
        .onRef('buildings.id', '=', 'households.building_id'),
    )
    .where('households.tenant_id', '=', tenantId)
    .select((eb) => [
      'households.id',
      'households.estate_id',
      'households.building_id',
      'buildings.number as building_number',
      'households.room',
      'households.floor',
      'households.head_name',
      'households.phone_enc',
      'households.stage',
      'households.tenure',
      'households.elderly_alone',
      'households.very_old',
      'households.disability',
      'households.hardship',
      'households.party_member',
      'households.needs_moving_help',
      'households.needs_storage',
      'households.next_follow_up',
      eb
        .selectFrom('concerns')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('concerns.tenant_id', '=', 'households.tenant_id')
        .whereRef('concerns.household_id', '=', 'households.id')
        .where('concerns.status', '<>', 'resolved')
        .as('open_concerns'),
      sql<boolean>`households.next_follow_up < ${today}::date`.as('overdue'),
    ]);
}

/** Households in the user's 包干 list. */
export function assignedTo(userId: number) {
  return (eb: ExpressionBuilder<DB, 'households'>) =>
    eb.exists(
      eb
        .selectFrom('assignments')
        .select(sql`1`.as('one'))
        .whereRef('assignments.tenant_id', '=', 'households.tenant_id')
        .whereRef('assignments.household_id', '=', 'households.id')
        .where('assignments.user_id', '=', userId),
    );
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

/** Phones are shown in full to roles that call residents, and to residents for their own household. */
export function phoneFor(deps: Deps, actor: Actor, householdId: number, enc: string | null): string | null {
  if (!enc) return null;
  const phone = deps.cipher.decrypt(enc);
  const own = actor.householdId === householdId;
  return hasPermission(actor, 'household.read_phone') || own ? phone : maskPhone(phone);
}

export function toSummary(deps: Deps, actor: Actor, r: SummaryRow): HouseholdSummary {
  return {
    id: r.id,
    estateId: r.estate_id,
    buildingId: r.building_id,
    buildingNumber: r.building_number,
    room: r.room,
    floor: r.floor,
    headName: r.head_name,
    phone: phoneFor(deps, actor, r.id, r.phone_enc),
    stage: r.stage as Stage,
    tenure: r.tenure as HouseholdSummary['tenure'],
    flags: {
      elderlyAlone: r.elderly_alone,
      veryOld: r.very_old,
      disability: r.disability,
      hardship: r.hardship,
      partyMember: r.party_member,
      needsMovingHelp: r.needs_moving_help,
      needsStorage: r.needs_storage,
    },
    nextFollowUp: r.next_follow_up,
    openConcerns: Number(r.open_concerns ?? 0),
  };
}

/** A file's visits, newest first. */
export function visitsQuery(db: Executor, tenantId: number, householdId: number) {
  return db
    .selectFrom('visits')
    .leftJoin('users', 'users.id', 'visits.visitor_id')
    .select([
      'visits.id',
      'visited_at',
      'visitor_id',
      'users.display_name',
      'method',
      'summary',
      'decision_maker',
      'trusted_person',
      'emotional_notes',
      'next_follow_up',
    ])
    .where('visits.tenant_id', '=', tenantId)
    .where('visits.household_id', '=', householdId)
    .orderBy('visited_at', 'desc');
}

export type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsQuery>['executeTakeFirstOrThrow']>>;

// Timestamps nested in json come in PostgreSQL's text form; every answer carries ISO strings.
export const iso = (value: string) => new Date(value).toISOString();
export const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

export function toVisit(v: VisitRow) {
  return {
    id: v.id,
    visitedAt: iso(v.visited_at),
    visitorId: v.visitor_id,
    visitorName: v.display_name,
    method: v.method as 'door' | 'phone' | 'wechat',
    summary: v.summary,
    decisionMaker: v.decision_maker,
    trustedPerson: v.trusted_person,
    emotionalNotes: v.emotional_notes,
    nextFollowUp: v.next_follow_up,
  };
}

export type ConcernFilter = { householdId?: number; ownerId?: number; open?: boolean; ids?: number[] };

export function concernsQuery(db: Executor, tenantId: number, filter: ConcernFilter) {
  let q = db
    .selectFrom('concerns')
    .leftJoin('users', 'users.id', 'concerns.owner_id')
    .selectAll('concerns')
    .select('users.display_name as owner_name')
    .where('concerns.tenant_id', '=', tenantId);
  if (filter.householdId !== undefined) q = q.where('concerns.household_id', '=', filter.householdId);
  if (filter.ownerId !== undefined) q = q.where('concerns.owner_id', '=', filter.ownerId);
  if (filter.open) q = q.where('concerns.status', '<>', 'resolved');
  if (filter.ids) q = q.where('concerns.id', 'in', filter.ids);
  return q.orderBy('concerns.created_at', 'desc').limit(500);
}

export type ConcernRow = Awaited<ReturnType<ReturnType<typeof concernsQuery>['executeTakeFirstOrThrow']>>;

export function toConcern(c: ConcernRow, today: string) {
  return {
    id: c.id,
    householdId: c.household_id,
    content: c.content,
    category: c.category,
    ownerId: c.owner_id,
    ownerName: c.owner_name,
    dueDate: c.due_date,
    status: c.status as 'open' | 'in_progress' | 'resolved',
    resolution: c.resolution,
    visitId: c.visit_id,
    createdAt: iso(c.created_at),
    resolvedAt: isoOrNull(c.resolved_at),
    overdue: c.status !== 'resolved' && c.due_date !== null && c.due_date < today,
  };
}

export async function listConcerns(db: Executor, tenantId: number, filter: ConcernFilter, today: string) {
  const rows = await concernsQuery(db, tenantId, filter).execute();
  return rows.map((c) => toConcern(c, today));
}

/**
 * When a record was written down: now, or the earlier time a phone recorded it offline (sent when
 * the signal came back). A minute of clock drift is forgiven; the future is not.
 */
export function recordedTime(now: Date, given: string | undefined, path: string): Date {
  const at = given ? new Date(given) : now;
  if (at.getTime() > now.getTime() + 60_000)
    throw invalidField(path, '记录时间不能晚于现在', 'A record cannot be dated in the future');
  return at;
}

/** Tells live screens (battle map, boards) that a household of an estate changed. */
export async function publishHouseholdChange(
  trx: Executor,
  tenantId: number,
  householdId: number,
): Promise<void> {
  const h = await trx
    .selectFrom('households')
    .select(['estate_id', 'building_id', 'stage'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', householdId)
    .executeTakeFirst();
  if (h)
    await publish(trx, {
      tenantId,
      topic: 'household',
      data: { estateId: h.estate_id, buildingId: h.building_id, householdId, stage: h.stage },
    });
}
