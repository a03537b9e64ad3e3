/**
 * What the anti-fraud files share: the access checks, the entry as read, and the worker roles.
 *
 * The anti-fraud watch list (重点关注对象), visits and rounds. Everything here is confidential to
 * the street's anti-fraud lead (antifraud.manage) and, for their own entries, the assigned workers
 * (antifraud.visit): nothing is written to the household timeline, nothing is published live, and
 * every read and change is audited with ids and codes only (never names).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  Entry,
  EntrySource,
  ReasonCode,
  Tier,
  Visit,
  VisitChannel,
  VisitOutcome,
} from '../../../contract/antifraud.ts';
import { permissionsOf, Roles, type Role } from '../../../contract/permissions.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/** Roles whose members may be assigned entries. */
export const WORKER_ROLES: Role[] = Roles.filter((r) => permissionsOf(r).includes('antifraud.visit'));

export function requireWatchList(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'antifraud.manage') && !hasPermission(ctx.actor, 'antifraud.visit'))
    throw new AppError('forbidden');
  return tenantId;
}

export function requireManage(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  return tenantId;
}

export function entryQuery(db: Executor, tenantId: number, today: string) {
  return db
    .selectFrom('antifraud_entries as e')
    .innerJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'e.tenant_id').onRef('h.id', '=', 'e.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .leftJoin('users as w', 'w.id', 'e.worker_id')
    .where('e.tenant_id', '=', tenantId)
    .select([
      'e.id',
      'e.household_id',
      'e.member_name',
      'e.source',
      'e.tier',
      'e.reason_code',
      'e.worker_id',
      'w.display_name as worker_name',
      'e.review_on',
      'e.retain_until',
      'e.created_at',
      'e.updated_at',
      'h.head_name',
      'h.room',
      'b.number as building_number',
      sql<number>`(select count(*) from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id)`.as('visit_count'),
      sql<string | null>`(select max(v.visited_on)::text from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id)`.as('last_visit_on'),
      sql<string | null>`(select v.channel from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id
        order by v.visited_on desc, v.id desc limit 1)`.as('last_visit_channel'),
      sql<boolean>`exists (
        select 1 from antifraud_round_entries re
        join antifraud_rounds r on r.tenant_id = re.tenant_id and r.id = re.round_id
        where re.tenant_id = e.tenant_id and re.entry_id = e.id
          and r.starts_on <= ${today}::date and r.ends_on >= ${today}::date
          and not exists (
            select 1 from antifraud_visits v
            where v.tenant_id = e.tenant_id and v.entry_id = e.id and v.channel = 'in_person'
              and v.visited_on between r.starts_on and r.ends_on))`.as('round_pending'),
    ]);
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

export const addressOf = (building: string, room: string) => `${building} ${room}室`;

export function toEntry(r: EntryRow, today: string): z.infer<typeof Entry> {
  return {
    id: r.id,
    householdId: r.household_id,
    address: addressOf(r.building_number, r.room),
    personName: r.member_name ?? r.head_name,
    memberName: r.member_name,
    source: r.source as EntrySource,
    tier: r.tier as Tier,
    reasonCode: r.reason_code as ReasonCode,
    workerId: r.worker_id,
    workerName: r.worker_name,
    reviewOn: r.review_on,
    retainUntil: r.retain_until,
    reviewDue: r.review_on < today,
    lastVisitOn: r.last_visit_on,
    lastVisitChannel: r.last_visit_channel as VisitChannel | null,
    visitCount: Number(r.visit_count ?? 0),
    roundPending: Boolean(r.round_pending),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function loadEntry(db: Executor, tenantId: number, id: number, today: string) {
  const row = await entryQuery(db, tenantId, today).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const visits = await db
    .selectFrom('antifraud_visits as v')
    .leftJoin('users as u', 'u.id', 'v.worker_id')
    .select([
      'v.id',
      'v.entry_id',
      'v.channel',
      'v.visited_on',
      'v.worker_id',
      'u.display_name',
      'v.minutes',
      'v.outcomes',
      'v.created_at',
    ])
    .where('v.tenant_id', '=', tenantId)
    .where('v.entry_id', '=', id)
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  return {
    ...toEntry(row, today),
    visits: visits.map((v): z.infer<typeof Visit> => ({
      id: v.id,
      entryId: v.entry_id,
      channel: v.channel as VisitChannel,
      visitedOn: v.visited_on,
      workerId: v.worker_id,
      workerName: v.display_name,
      minutes: v.minutes,
      outcomes: v.outcomes as VisitOutcome[],
      createdAt: v.created_at,
    })),
  };
}
