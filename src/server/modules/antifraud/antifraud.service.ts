import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  Entry,
  EntryBody,
  EntryPatch,
  EntryQuery,
  EntrySource,
  ReasonCode,
  Round,
  RoundBody,
  RoundDetail,
  Tier,
  Visit,
  VisitBody,
  VisitChannel,
  VisitOutcome,
} from '../../../contract/antifraud.ts';
import { EntrySources, ReasonCodes, Tiers, VisitChannels } from '../../../contract/antifraud.ts';
import { permissionsOf, Roles, type Role } from '../../../contract/permissions.ts';
import { hasPermission, requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { streetDate } from '../../platform/streetTime.ts';

/**
 * The anti-fraud watch list (重点关注对象), visits and rounds. Everything here is confidential to
 * the street's anti-fraud lead (antifraud.manage) and, for their own entries, the assigned workers
 * (antifraud.visit): nothing is written to the household timeline, nothing is published live, and
 * every read and change is audited with ids and codes only (never names).
 */

/** Roles whose members may be assigned entries. */
const WORKER_ROLES: Role[] = Roles.filter((r) => permissionsOf(r).includes('antifraud.visit'));

function requireWatchList(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  if (!hasPermission(ctx.actor, 'antifraud.manage') && !hasPermission(ctx.actor, 'antifraud.visit'))
    throw new AppError('forbidden');
  return tenantId;
}

function requireManage(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  return tenantId;
}

/**
 * Visit minutes are a short note, not a case file: long digit runs (account, card, phone or ID
 * numbers) and sums of money are refused, so they cannot slip into the list through free text.
 */
export function minutesProblem(text: string): { zh: string; en: string } | null {
  if (/(?:\d[\s-]?){11,}/.test(text))
    return {
      zh: '走访记录不能包含账号、卡号、电话或身份证号等长串数字',
      en: 'Visit notes may not contain account, card, phone or ID numbers',
    };
  if (
    /\d+(?:\.\d+)?\s*(?:元|块|万|千元|美元|USD|RMB|¥|￥)|[¥￥$]\s*\d|[一二三四五六七八九十百千万两]+\s*(?:元|块钱|万元)/i.test(
      text,
    )
  )
    return {
      zh: '走访记录不记录金额，请删去涉及钱款的内容',
      en: 'Visit notes do not record amounts of money',
    };
  return null;
}

function entryQuery(db: Executor, tenantId: number, today: string) {
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

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>;

const addressOf = (building: string, room: string) => `${building} ${room}室`;

function toEntry(r: EntryRow, today: string): z.infer<typeof Entry> {
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

const TIER_ORDER = sql<number>`case e.tier when 'high' then 0 when 'medium' then 1 else 2 end`;

/**
 * The watch list as the actor may see it: the lead sees the street's entries, a worker only their
 * own. Reading the list is itself audited (who looked, with which filter, how many rows).
 */
export async function listEntries(deps: Deps, ctx: RequestContext, query: z.infer<typeof EntryQuery>) {
  const tenantId = requireWatchList(ctx);
  const today = streetDate(deps.clock.now());
  let q = entryQuery(deps.db, tenantId, today);
  if (!hasPermission(ctx.actor, 'antifraud.manage') || query.mine === 'true')
    q = q.where('e.worker_id', '=', ctx.actor.userId);
  if (query.due === 'true') q = q.where('e.review_on', '<', today);
  if (query.tier) q = q.where('e.tier', '=', query.tier);
  if (query.source) q = q.where('e.source', '=', query.source);
  if (query.workerId) q = q.where('e.worker_id', '=', query.workerId);
  const rows = await q.orderBy(TIER_ORDER).orderBy('e.review_on').orderBy('e.id').execute();
  const items = rows.map((r) => toEntry(r, today));
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.list',
      entityType: 'antifraud_entry',
      payload: { filter: query, count: items.length },
    }),
  );
  return { items, total: items.length };
}

async function loadEntry(db: Executor, tenantId: number, id: number, today: string) {
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

/** One entry with its visits; audited as a view. A worker reaches only their own entries (404). */
export async function getEntry(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireWatchList(ctx);
  await requireAccess(deps.db, ctx.actor, 'antifraud_entry', 'antifraud.visit', id);
  const entry = await loadEntry(deps.db, tenantId, id, streetDate(deps.clock.now()));
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.view',
      entityType: 'antifraud_entry',
      entityId: id,
    }),
  );
  return entry;
}

/** The assigned worker must be a user of this street who may do anti-fraud visits. */
async function checkWorker(db: Executor, tenantId: number, workerId: number | null | undefined) {
  if (workerId === null || workerId === undefined) return;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', workerId)
    .where('tenant_id', '=', tenantId)
    .where('disabled', '=', false)
    .where('role', 'in', WORKER_ROLES)
    .executeTakeFirst();
  if (!user)
    throw invalidField(
      'body.workerId',
      '所选人员不是本街道的反诈工作人员',
      'The chosen person is not an anti-fraud worker of this street',
    );
}

function checkDates(today: string, reviewOn: string, retainUntil: string) {
  if (retainUntil <= today)
    throw invalidField('body.retainUntil', '保存期限必须晚于今天', 'The retention date must be after today');
  if (reviewOn > retainUntil)
    throw invalidField(
      'body.reviewOn',
      '复核日期不能晚于保存期限',
      'The review date cannot be after the retention date',
    );
}

/** Puts a resident on the watch list (the lead). No timeline event, no live event: it stays here. */
export async function createEntry(deps: Deps, ctx: RequestContext, body: z.infer<typeof EntryBody>) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  checkDates(today, body.reviewOn, body.retainUntil);
  await checkWorker(deps.db, tenantId, body.workerId);
  const household = await deps.db
    .selectFrom('households')
    .select(['id', 'head_name', 'members'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.householdId)
    .executeTakeFirst();
  if (!household)
    throw invalidField('body.householdId', '本街道没有这户住户', 'No such household in this street');
  let memberName: string | null = null;
  if (body.memberName && body.memberName !== household.head_name) {
    const names = ((household.members ?? []) as Array<{ name?: string }>).map((m) => m.name);
    if (!names.includes(body.memberName))
      throw invalidField(
        'body.memberName',
        '该户档案中没有这位家庭成员',
        'This person is not a member of the household on file',
      );
    memberName = body.memberName;
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('antifraud_entries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', body.householdId)
      .where(sql<string>`coalesce(member_name, '')`, '=', memberName ?? '')
      .executeTakeFirst();
    if (existing) throw conflict('此人已在关注名单中', 'This person is already on the watch list');
    const row = await trx
      .insertInto('antifraud_entries')
      .values({
        tenant_id: tenantId,
        household_id: body.householdId,
        member_name: memberName,
        source: body.source,
        tier: body.tier,
        reason_code: body.reasonCode,
        worker_id: body.workerId ?? null,
        review_on: body.reviewOn,
        retain_until: body.retainUntil,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.create',
      entityType: 'antifraud_entry',
      entityId: row.id,
      // ids and codes only: the audit trail must not become a second copy of the list
      payload: {
        householdId: body.householdId,
        member: memberName === null ? 'head' : 'member',
        source: body.source,
        tier: body.tier,
        reasonCode: body.reasonCode,
        workerId: body.workerId ?? null,
        reviewOn: body.reviewOn,
        retainUntil: body.retainUntil,
      },
    });
    return row.id;
  });
  return loadEntry(deps.db, tenantId, id, today);
}

/** Re-tiers, reassigns or re-dates an entry (the lead), recording before and after. */
export async function updateEntry(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  patch: z.infer<typeof EntryPatch>,
) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  const before = await deps.db
    .selectFrom('antifraud_entries')
    .select(['source', 'tier', 'reason_code', 'worker_id', 'review_on', 'retain_until'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound();
  const reviewOn = patch.reviewOn ?? before.review_on;
  const retainUntil = patch.retainUntil ?? before.retain_until;
  if (patch.reviewOn !== undefined || patch.retainUntil !== undefined)
    checkDates(today, reviewOn, retainUntil);
  await checkWorker(deps.db, tenantId, patch.workerId);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('antifraud_entries')
      .set({
        ...(patch.source ? { source: patch.source } : {}),
        ...(patch.tier ? { tier: patch.tier } : {}),
        ...(patch.reasonCode ? { reason_code: patch.reasonCode } : {}),
        ...(patch.workerId !== undefined ? { worker_id: patch.workerId } : {}),
        review_on: reviewOn,
        retain_until: retainUntil,
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.update',
      entityType: 'antifraud_entry',
      entityId: id,
      payload: {
        before: {
          source: before.source,
          tier: before.tier,
          reasonCode: before.reason_code,
          workerId: before.worker_id,
          reviewOn: before.review_on,
          retainUntil: before.retain_until,
        },
        after: patch,
      },
    });
  });
  return loadEntry(deps.db, tenantId, id, today);
}

/** Takes someone off the list before the retention date (no longer at risk, or on their request). */
export async function deleteEntry(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireManage(ctx);
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('antifraud_entries')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.entry.delete',
      entityType: 'antifraud_entry',
      entityId: id,
    });
  });
  return { ok: true as const };
}

/** Records a visit: the assigned worker on their own entry, or the lead on any. */
export async function recordVisit(
  deps: Deps,
  ctx: RequestContext,
  entryId: number,
  body: z.infer<typeof VisitBody>,
) {
  const tenantId = requireWatchList(ctx);
  await requireAccess(deps.db, ctx.actor, 'antifraud_entry', 'antifraud.visit', entryId);
  const today = streetDate(deps.clock.now());
  if (body.visitedOn > today)
    throw invalidField('body.visitedOn', '走访日期不能晚于今天', 'The visit date cannot be in the future');
  const problem = minutesProblem(body.minutes);
  if (problem) throw invalidField('body.minutes', problem.zh, problem.en);
  const outcomes = [...new Set(body.outcomes)];
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('antifraud_visits')
      .values({
        tenant_id: tenantId,
        entry_id: entryId,
        worker_id: ctx.actor.userId,
        channel: body.channel,
        visited_on: body.visitedOn,
        minutes: body.minutes,
        outcomes,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.visit.create',
      entityType: 'antifraud_entry',
      entityId: entryId,
      payload: { visitId: row.id, channel: body.channel, visitedOn: body.visitedOn, outcomes },
    });
  });
  return loadEntry(deps.db, tenantId, entryId, today);
}

/** People who can be assigned entries, with how many each carries. */
export async function listWorkers(deps: Deps, ctx: RequestContext) {
  const tenantId = requireManage(ctx);
  const rows = await deps.db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.display_name',
      (eb) =>
        eb
          .selectFrom('antifraud_entries as e')
          .select(sql<number>`count(*)`.as('n'))
          .where('e.tenant_id', '=', tenantId)
          .whereRef('e.worker_id', '=', 'u.id')
          .as('entries'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.disabled', '=', false)
    .where('u.role', 'in', WORKER_ROLES)
    .orderBy('u.display_name')
    .execute();
  const items = rows.map((r) => ({ id: r.id, name: r.display_name, entries: Number(r.entries ?? 0) }));
  return { items, total: items.length };
}

// ---- rounds ----

/**
 * Each round with its face-to-face rate: the round's target entries that had at least one 面访
 * dated inside the round's period, over all its target entries. Phone and WeChat visits count as
 * "reached", not as face to face.
 */
async function roundRows(db: Executor, tenantId: number, roundId?: number, workerId?: number) {
  const res = await sql<{
    id: number;
    name: string;
    starts_on: string;
    ends_on: string;
    created_at: string;
    targets: number;
    in_person: number;
    reached: number;
  }>`
    select r.id, r.name, r.starts_on::text as starts_on, r.ends_on::text as ends_on, r.created_at,
      count(re.entry_id) as targets,
      count(re.entry_id) filter (where exists (
        select 1 from antifraud_visits v
        where v.tenant_id = re.tenant_id and v.entry_id = re.entry_id and v.channel = 'in_person'
          and v.visited_on between r.starts_on and r.ends_on)) as in_person,
      count(re.entry_id) filter (where exists (
        select 1 from antifraud_visits v
        where v.tenant_id = re.tenant_id and v.entry_id = re.entry_id
          and v.visited_on between r.starts_on and r.ends_on)) as reached
    from antifraud_rounds r
    left join antifraud_round_entries re on re.tenant_id = r.tenant_id and re.round_id = r.id
      ${
        workerId === undefined
          ? sql``
          : sql`and exists (select 1 from antifraud_entries e
              where e.tenant_id = re.tenant_id and e.id = re.entry_id and e.worker_id = ${workerId})`
      }
    where r.tenant_id = ${tenantId} ${roundId === undefined ? sql`` : sql`and r.id = ${roundId}`}
    group by r.id, r.name, r.starts_on, r.ends_on, r.created_at
    ${workerId === undefined ? sql`` : sql`having count(re.entry_id) > 0`}
    order by r.starts_on, r.id`.execute(db);
  return res.rows.map((r): z.infer<typeof Round> => {
    const targets = Number(r.targets);
    const inPerson = Number(r.in_person);
    return {
      id: Number(r.id),
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      targets,
      inPerson,
      reached: Number(r.reached),
      inPersonRate: targets === 0 ? null : inPerson / targets,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

/**
 * Whose targets a round shows: the lead sees the whole round; a worker (antifraud.visit only) sees
 * the rounds it has people in, counted over its own people — enough to know who still needs a
 * face-to-face visit, without learning who else is on the list.
 */
function roundScope(ctx: RequestContext): number | undefined {
  return hasPermission(ctx.actor, 'antifraud.manage') ? undefined : ctx.actor.userId;
}

/** Visit rounds with their face-to-face rates. */
export async function listRounds(deps: Deps, ctx: RequestContext) {
  const tenantId = requireWatchList(ctx);
  const items = await roundRows(deps.db, tenantId, undefined, roundScope(ctx));
  return { items, total: items.length };
}

/** One round and, per target entry, whether it was seen face to face / reached in the period. */
export async function getRound(
  deps: Deps,
  ctx: RequestContext,
  id: number,
): Promise<z.infer<typeof RoundDetail>> {
  const tenantId = requireWatchList(ctx);
  const workerId = roundScope(ctx);
  const [round] = await roundRows(deps.db, tenantId, id, workerId);
  if (!round) throw notFound();
  const targets = await deps.db
    .selectFrom('antifraud_round_entries as re')
    .innerJoin('antifraud_rounds as r', (j) =>
      j.onRef('r.tenant_id', '=', 're.tenant_id').onRef('r.id', '=', 're.round_id'),
    )
    .innerJoin('antifraud_entries as e', (j) =>
      j.onRef('e.tenant_id', '=', 're.tenant_id').onRef('e.id', '=', 're.entry_id'),
    )
    .innerJoin('households as h', (j) =>
      j.onRef('h.tenant_id', '=', 'e.tenant_id').onRef('h.id', '=', 'e.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'h.tenant_id').onRef('b.id', '=', 'h.building_id'),
    )
    .leftJoin('users as w', 'w.id', 'e.worker_id')
    .select([
      'e.id',
      'e.tier',
      'e.member_name',
      'h.head_name',
      'h.room',
      'b.number as building_number',
      'w.display_name as worker_name',
      sql<boolean>`exists (select 1 from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id and v.channel = 'in_person'
          and v.visited_on between r.starts_on and r.ends_on)`.as('in_person'),
      sql<boolean>`exists (select 1 from antifraud_visits v
        where v.tenant_id = e.tenant_id and v.entry_id = e.id
          and v.visited_on between r.starts_on and r.ends_on)`.as('reached'),
    ])
    .where('re.tenant_id', '=', tenantId)
    .where('re.round_id', '=', id)
    .$if(workerId !== undefined, (q) => q.where('e.worker_id', '=', workerId!))
    .orderBy('e.id')
    .execute();
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.round.view',
      entityType: 'antifraud_round',
      entityId: id,
    }),
  );
  return {
    ...round,
    entries: targets.map((t) => ({
      entryId: t.id,
      address: addressOf(t.building_number, t.room),
      personName: t.member_name ?? t.head_name,
      tier: t.tier as Tier,
      workerName: t.worker_name,
      inPerson: Boolean(t.in_person),
      reached: Boolean(t.reached),
    })),
  };
}

/** Opens a round of visits over the given entries (default: everyone on the list today). */
export async function createRound(deps: Deps, ctx: RequestContext, body: z.infer<typeof RoundBody>) {
  const tenantId = requireManage(ctx);
  let entryIds: number[];
  if (body.entryIds) {
    entryIds = [...new Set(body.entryIds)];
    const found = await deps.db
      .selectFrom('antifraud_entries')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', entryIds.length ? entryIds : [0])
      .execute();
    if (found.length !== entryIds.length)
      throw invalidField(
        'body.entryIds',
        '所选对象不在关注名单中',
        'A chosen entry is not on the watch list',
      );
  } else {
    entryIds = (
      await deps.db.selectFrom('antifraud_entries').select('id').where('tenant_id', '=', tenantId).execute()
    ).map((r) => r.id);
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('antifraud_rounds')
      .values({
        tenant_id: tenantId,
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (entryIds.length)
      await trx
        .insertInto('antifraud_round_entries')
        .values(entryIds.map((entry_id) => ({ tenant_id: tenantId, round_id: row.id, entry_id })))
        .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.round.create',
      entityType: 'antifraud_round',
      entityId: row.id,
      payload: { name: body.name, startsOn: body.startsOn, endsOn: body.endsOn, entries: entryIds.length },
    });
    return row.id;
  });
  const [round] = await roundRows(deps.db, tenantId, id);
  return round!;
}

// ---- figures ----

/** Counts for the lead: entries per tier/source/reason, visits per channel, rounds, overdue reviews. */
export async function figures(deps: Deps, ctx: RequestContext) {
  const tenantId = requireManage(ctx);
  const today = streetDate(deps.clock.now());
  const count = sql<number>`count(*)`;
  const [tiers, sources, reasons, channels, overdue, unassigned, rounds, plays] = await Promise.all([
    deps.db
      .selectFrom('antifraud_entries')
      .select(['tier', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('tier')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(['source', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('source')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(['reason_code', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('reason_code')
      .execute(),
    deps.db
      .selectFrom('antifraud_visits')
      .select(['channel', count.as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('channel')
      .execute(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(count.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('review_on', '<', today)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('antifraud_entries')
      .select(count.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('worker_id', 'is', null)
      .executeTakeFirstOrThrow(),
    roundRows(deps.db, tenantId),
    deps.db
      .selectFrom('antifraud_lessons')
      .select(sql<number>`coalesce(sum(plays), 0)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
  ]);
  const of = <K extends string>(rows: Array<Record<string, unknown>>, col: string, key: K) =>
    Number(rows.find((r) => r[col] === key)?.n ?? 0);
  return {
    entries: tiers.reduce((s, r) => s + Number(r.n), 0),
    byTier: Tiers.map((tier) => ({ tier, count: of(tiers, 'tier', tier) })),
    bySource: EntrySources.map((source) => ({ source, count: of(sources, 'source', source) })),
    byReason: ReasonCodes.map((reasonCode) => ({
      reasonCode,
      count: of(reasons, 'reason_code', reasonCode),
    })),
    visitsByChannel: VisitChannels.map((channel) => ({ channel, count: of(channels, 'channel', channel) })),
    overdueReviews: Number(overdue.n),
    unassigned: Number(unassigned.n),
    rounds,
    lessonPlays: Number(plays.n),
  };
}

// ---- retention ----

/**
 * Deletes every entry whose retention date has passed (with its visits and round memberships),
 * street by street, writing one audit row per street. Run by the periodic task; safe to repeat.
 */
export async function purgeExpiredEntries(deps: Deps): Promise<{ purged: number }> {
  const today = streetDate(deps.clock.now());
  const tenants = await deps.db
    .selectFrom('antifraud_entries')
    .select('tenant_id')
    .where('retain_until', '<', today)
    .groupBy('tenant_id')
    .execute();
  let purged = 0;
  for (const { tenant_id: tenantId } of tenants) {
    await deps.db.transaction().execute(async (trx) => {
      const gone = await trx
        .deleteFrom('antifraud_entries')
        .where('tenant_id', '=', tenantId)
        .where('retain_until', '<', today)
        .returning('id')
        .execute();
      if (gone.length === 0) return;
      purged += gone.length;
      await writeAudit(
        trx,
        deps.clock,
        { actor: null, ip: null, userAgent: 'gongzhi retention' },
        {
          tenantId,
          action: 'antifraud.entry.purge',
          entityType: 'antifraud_entry',
          payload: { count: gone.length, ids: gone.map((g) => g.id), before: today },
        },
      );
    });
  }
  return { purged };
}
