import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  CreateConcernBody,
  CreateHouseholdBody,
  CreateVisitBody,
  HouseholdFile,
  HouseholdQuery,
  HouseholdSummary,
  Stage,
  UpdateConcernBody,
  UpdateHouseholdBody,
} from '../../../contract/households.ts';
import { TOTAL_CAP } from '../../../contract/common.ts';
import { stageLabels } from '../../../contract/households.ts';
import type { DB } from '../../db/schema.ts';
import { hasPermission, requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import {
  canonicalBuilding,
  canonicalRoom,
  checkIdNumber,
  checkPhone,
  floorOf,
  queryTokens,
  searchTokens,
} from './households.rules.ts';
import { addTimelineEvent, recordMilestone } from './households.timeline.ts';
import { streetDate } from '../../platform/streetTime.ts';

type Member = { name: string; relation: string; ageBand: '0-17' | '18-59' | '60-79' | '80+' | null };

function summaryQuery(db: Executor, tenantId: number, today: string) {
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
function assignedTo(userId: number) {
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

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

/** Phones are shown in full to roles that call residents, and to residents for their own household. */
function phoneFor(deps: Deps, actor: Actor, householdId: number, enc: string | null): string | null {
  if (!enc) return null;
  const phone = deps.cipher.decrypt(enc);
  const own = actor.householdId === householdId;
  return hasPermission(actor, 'household.read_phone') || own ? phone : maskPhone(phone);
}

function toSummary(deps: Deps, actor: Actor, r: SummaryRow): HouseholdSummary {
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

/** A household's own records, as list filters (the same conditions the dashboard counts with). */
const hasRecord = (
  today: string,
): Record<NonNullable<z.infer<typeof HouseholdQuery>['has']>, Expression<SqlBool>> => ({
  visit: sql<SqlBool>`exists (select 1 from visits v where v.tenant_id = households.tenant_id and v.household_id = households.id)`,
  signed: sql<SqlBool>`exists (select 1 from round_households rh join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id and r.kind = 'signing'
    where rh.tenant_id = households.tenant_id and rh.household_id = households.id and rh.decision = 'agree')`,
  plan: sql<SqlBool>`exists (select 1 from plans p where p.tenant_id = households.tenant_id and p.household_id = households.id and p.confirmed_at is not null)`,
  drawing: sql<SqlBool>`exists (select 1 from drawings d where d.tenant_id = households.tenant_id and d.household_id = households.id and d.confirmed_at is not null)`,
  accepted: sql<SqlBool>`exists (select 1 from acceptances a where a.tenant_id = households.tenant_id and a.household_id = households.id and a.status = 'passed')`,
  open_concern: sql<SqlBool>`exists (select 1 from concerns c where c.tenant_id = households.tenant_id and c.household_id = households.id and c.status <> 'resolved')`,
  overdue_concern: sql<SqlBool>`exists (select 1 from concerns c where c.tenant_id = households.tenant_id and c.household_id = households.id and c.status <> 'resolved' and c.due_date < ${today}::date)`,
});

/** The list's conditions on `households` alone: who may see what, then the page's filters. */
function householdFilter(actor: Actor, query: z.infer<typeof HouseholdQuery>, today: string) {
  return (eb: ExpressionBuilder<DB, 'households'>): Expression<SqlBool> => {
    const parts: Array<Expression<SqlBool>> = [householdVisibility(actor)(eb)];
    if (query.estateId) parts.push(eb('households.estate_id', '=', query.estateId));
    if (query.buildingId) parts.push(eb('households.building_id', '=', query.buildingId));
    if (query.stage) parts.push(eb('households.stage', '=', query.stage));
    if (query.overdue) parts.push(eb('households.next_follow_up', '<', today));
    if (query.has) parts.push(hasRecord(today)[query.has]);
    if (query.mine) parts.push(assignedTo(actor.userId)(eb));
    const tokens = query.q ? queryTokens(query.q) : [];
    if (tokens.length) parts.push(sql<SqlBool>`households.search_tokens @> ${sql.val(tokens)}::text[]`);
    return eb.and(parts);
  };
}

/**
 * Households the actor may see, filtered and searched; `q` matches names, 21号101, phone and ID tails.
 * The total is counted up to TOTAL_CAP (one more row tells whether there are more), so a whole
 * street's first page does not count every household of the street.
 */
export async function listHouseholds(deps: Deps, ctx: RequestContext, query: z.infer<typeof HouseholdQuery>) {
  const tenantId = requireTenant(ctx.actor);
  const today = streetDate(deps.clock.now());
  const filter = householdFilter(ctx.actor, query, today);
  const [rows, count] = await Promise.all([
    summaryQuery(deps.db, tenantId, today)
      .where(filter)
      .orderBy('households.estate_id')
      .orderBy('households.building_id')
      .orderBy('households.room')
      .orderBy('households.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    // counted on households alone: every household has its building, so the join changes no total
    deps.db
      .selectFrom(
        deps.db
          .selectFrom('households')
          .select(sql`1`.as('one'))
          .where('households.tenant_id', '=', tenantId)
          .where(filter)
          .limit(TOTAL_CAP + 1)
          .as('capped'),
      )
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const totalCapped = count.n > TOTAL_CAP;
  return {
    items: rows.map((r) => toSummary(deps, ctx.actor, r)),
    total: totalCapped ? TOTAL_CAP : count.n,
    totalCapped,
  };
}

/** A file's visits, newest first. */
function visitsQuery(db: Executor, tenantId: number, householdId: number) {
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

type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsQuery>['executeTakeFirstOrThrow']>>;

// Timestamps nested in json come in PostgreSQL's text form; every answer carries ISO strings.
const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: string | null) => (value === null ? null : iso(value));

function toVisit(v: VisitRow) {
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

/**
 * The whole file of one household: profile, members, concerns, visits, timeline, and allowed actions.
 * One round trip: the row access check is the query's own condition (an invisible household finds no
 * row and answers 404) and the file's lists come nested as json arrays.
 */
export async function getHouseholdFile(
  deps: Deps,
  ctx: RequestContext,
  id: number,
): Promise<z.infer<typeof HouseholdFile>> {
  const tenantId = requireTenant(ctx.actor);
  const readPermissions = ['household.read_all', 'household.read', 'self.read'] as const;
  if (!readPermissions.some((p) => ctx.actor.permissions.has(p))) throw notFound();
  const today = streetDate(deps.clock.now());
  const row = await summaryQuery(deps.db, tenantId, today)
    .innerJoin('estates', (j) =>
      j
        .onRef('estates.tenant_id', '=', 'households.tenant_id')
        .onRef('estates.id', '=', 'households.estate_id'),
    )
    .select((eb) => [
      'estates.name as estate_name',
      'households.id_number_enc',
      'households.registered_count',
      'households.resident_count',
      'households.area_building',
      'households.area_usable',
      'households.notes',
      'households.members',
      'households.updated_at',
      jsonArrayFrom(visitsQuery(deps.db, tenantId, id)).as('visits'),
      jsonArrayFrom(concernsQuery(deps.db, tenantId, { householdId: id })).as('concerns'),
      jsonArrayFrom(
        eb
          .selectFrom('household_events')
          .select(['id', 'occurred_at', 'module', 'kind', 'params', 'title', 'detail'])
          .where('tenant_id', '=', tenantId)
          .where('household_id', '=', id)
          .orderBy('occurred_at', 'desc')
          .orderBy('id', 'desc')
          .limit(200),
      ).as('timeline'),
      jsonArrayFrom(
        eb
          .selectFrom('assignments')
          .innerJoin('users', 'users.id', 'assignments.user_id')
          .leftJoin('org_units', (j) =>
            j
              .onRef('org_units.tenant_id', '=', 'assignments.tenant_id')
              .onRef('org_units.id', '=', 'assignments.org_unit_id'),
          )
          .select(['users.id', 'users.display_name', 'org_units.name as unit'])
          .where('assignments.tenant_id', '=', tenantId)
          .where('assignments.household_id', '=', id),
      ).as('assignees'),
    ])
    .where('households.id', '=', id)
    .where(householdVisibility(ctx.actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  const visits = row.visits.map(toVisit);
  const staff =
    ctx.actor.permissions.has('household.read') || ctx.actor.permissions.has('household.read_all');
  const idNumber = row.id_number_enc ? maskIdNumber(deps.cipher.decrypt(row.id_number_enc)) : null;
  return {
    ...toSummary(deps, ctx.actor, row),
    estateName: row.estate_name,
    idNumber,
    registeredCount: row.registered_count,
    residentCount: row.resident_count,
    areaBuilding: row.area_building,
    areaUsable: row.area_usable,
    notes: staff ? row.notes : null,
    members: (row.members ?? []) as Member[],
    // Emotional-governance notes are working notes of staff, not shown to the household itself.
    visits: staff
      ? visits
      : visits.map((v) => ({ ...v, decisionMaker: null, trustedPerson: null, emotionalNotes: null })),
    concerns: row.concerns.map((c) => toConcern(c, today)),
    timeline: row.timeline.map((t) => ({
      id: t.id,
      occurredAt: iso(t.occurred_at),
      module: t.module,
      kind: t.kind,
      params: t.params,
      title: t.title,
      detail: t.detail,
    })),
    assignees: row.assignees.map((a) => ({ userId: a.id, name: a.display_name, orgUnit: a.unit })),
    actions: {
      edit: hasPermission(ctx.actor, 'household.write'),
      visit: hasPermission(ctx.actor, 'visit.write'),
      concern: hasPermission(ctx.actor, 'concern.write'),
      revealId: hasPermission(ctx.actor, 'household.reveal_id') && row.id_number_enc !== null,
      assign: hasPermission(ctx.actor, 'org.manage'),
    },
    updatedAt: row.updated_at,
  };
}

type ConcernFilter = { householdId?: number; ownerId?: number; open?: boolean; ids?: number[] };

function concernsQuery(db: Executor, tenantId: number, filter: ConcernFilter) {
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

type ConcernRow = Awaited<ReturnType<ReturnType<typeof concernsQuery>['executeTakeFirstOrThrow']>>;

function toConcern(c: ConcernRow, today: string) {
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

function encryptIdNumber(deps: Deps, raw: string | null | undefined, path: string) {
  if (raw === undefined) return {};
  if (raw === null || raw === '') return { id_number_enc: null, id_number_index: null };
  const checked = checkIdNumber(raw);
  if (!checked.ok)
    throw invalidField(path, '身份证号码校验不通过（GB 11643）', 'ID number fails the GB 11643 check');
  return {
    id_number_enc: deps.cipher.encrypt(checked.value),
    id_number_index: deps.cipher.blindIndex(checked.value),
  };
}

function encryptPhone(deps: Deps, raw: string | null | undefined, path: string) {
  if (raw === undefined) return {};
  if (raw === null || raw === '') return { phone_enc: null };
  const checked = checkPhone(raw);
  if (!checked.ok) throw invalidField(path, '电话号码格式不正确', 'Malformed phone number');
  return { phone_enc: deps.cipher.encrypt(checked.value) };
}

/** Rebuilds the search tokens of some households from their current data (after any edit). */
export async function refreshSearchTokens(
  deps: Deps,
  trx: Transaction<DB>,
  tenantId: number,
  ids: number[],
): Promise<void> {
  const rows = await trx
    .selectFrom('households')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.tenant_id', '=', 'households.tenant_id')
        .onRef('buildings.id', '=', 'households.building_id'),
    )
    .select([
      'households.id',
      'buildings.number',
      'room',
      'head_name',
      'members',
      'phone_enc',
      'id_number_enc',
    ])
    .where('households.tenant_id', '=', tenantId)
    .where('households.id', 'in', ids)
    .execute();
  for (const r of rows) {
    const tokens = searchTokens({
      building: r.number,
      room: r.room,
      headName: r.head_name,
      memberNames: ((r.members ?? []) as Member[]).map((m) => m.name),
      phone: r.phone_enc ? deps.cipher.decrypt(r.phone_enc) : null,
      idNumber: r.id_number_enc ? deps.cipher.decrypt(r.id_number_enc) : null,
    });
    await trx
      .updateTable('households')
      .set({ search_tokens: tokens })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', r.id)
      .execute();
  }
}

export async function createHousehold(
  deps: Deps,
  ctx: RequestContext,
  body: z.infer<typeof CreateHouseholdBody>,
): Promise<{ id: number }> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.write');
  const building = await deps.db
    .selectFrom('buildings')
    .select(['id', 'estate_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', body.buildingId)
    .executeTakeFirst();
  if (!building) throw invalidField('body.buildingId', '楼栋不存在', 'No such building');
  const room = canonicalRoom(body.room);
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('building_id', '=', building.id)
      .where('room', '=', room)
      .executeTakeFirst();
    if (exists) throw conflict('该门牌已有住户档案', 'This flat already has a file', { id: exists.id });
    const row = await trx
      .insertInto('households')
      .values({
        tenant_id: tenantId,
        estate_id: building.estate_id,
        building_id: building.id,
        room,
        floor: floorOf(room),
        head_name: body.headName,
        tenure: body.tenure ?? null,
        ...encryptPhone(deps, body.phone, 'body.phone'),
        ...encryptIdNumber(deps, body.idNumber, 'body.idNumber'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshSearchTokens(deps, trx, tenantId, [row.id]);
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.create',
      entityType: 'household',
      entityId: row.id,
      payload: { buildingId: building.id, room, headName: body.headName },
    });
    return { id: row.id };
  });
}

export async function updateHousehold(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof UpdateHouseholdBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'household.write', id);
  await deps.db.transaction().execute(async (trx) => {
    const f = body.flags ?? {};
    await trx
      .updateTable('households')
      .set({
        ...(body.headName !== undefined ? { head_name: body.headName } : {}),
        ...(body.registeredCount !== undefined ? { registered_count: body.registeredCount } : {}),
        ...(body.residentCount !== undefined ? { resident_count: body.residentCount } : {}),
        ...(body.areaBuilding !== undefined ? { area_building: body.areaBuilding } : {}),
        ...(body.areaUsable !== undefined ? { area_usable: body.areaUsable } : {}),
        ...(body.tenure !== undefined ? { tenure: body.tenure } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.members !== undefined ? { members: JSON.stringify(body.members) } : {}),
        ...(f.elderlyAlone !== undefined ? { elderly_alone: f.elderlyAlone } : {}),
        ...(f.veryOld !== undefined ? { very_old: f.veryOld } : {}),
        ...(f.disability !== undefined ? { disability: f.disability } : {}),
        ...(f.hardship !== undefined ? { hardship: f.hardship } : {}),
        ...(f.partyMember !== undefined ? { party_member: f.partyMember } : {}),
        ...(f.needsMovingHelp !== undefined ? { needs_moving_help: f.needsMovingHelp } : {}),
        ...(f.needsStorage !== undefined ? { needs_storage: f.needsStorage } : {}),
        ...encryptPhone(deps, body.phone, 'body.phone'),
        ...encryptIdNumber(deps, body.idNumber, 'body.idNumber'),
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await refreshSearchTokens(deps, trx, tenantId, [id]);
    // Sensitive values never enter the audit payload in clear.
    const { phone, idNumber, ...rest } = body;
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.update',
      entityType: 'household',
      entityId: id,
      payload: {
        ...rest,
        ...(phone !== undefined ? { phone: phone ? maskPhone(phone) : null } : {}),
        ...(idNumber !== undefined ? { idNumber: idNumber ? maskIdNumber(idNumber) : null } : {}),
      },
    });
  });
  return getHouseholdFile(deps, ctx, id);
}

/** Shows a full ID number to an actor allowed to see it, with the reason on the audit trail. */
export async function revealIdNumber(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  reason: string,
): Promise<{ idNumber: string | null }> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.reveal_id');
  await requireAccess(deps.db, ctx.actor, 'household', 'household.reveal_id', id);
  const row = await deps.db
    .selectFrom('households')
    .select('id_number_enc')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.reveal_id',
      entityType: 'household',
      entityId: id,
      payload: { reason },
    }),
  );
  return { idNumber: row.id_number_enc ? deps.cipher.decrypt(row.id_number_enc) : null };
}

/** Records a visit (走访) with the concerns it raised; the household reaches the 'visited' stage. */
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

export async function recordVisit(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof CreateVisitBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'visit.write', householdId);
  const now = deps.clock.now();
  const visitedAt = recordedTime(now, body.visitedAt, 'body.visitedAt');
  const visitId = await deps.db.transaction().execute(async (trx) => {
    const visit = await trx
      .insertInto('visits')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        visitor_id: ctx.actor.userId,
        visited_at: visitedAt,
        method: body.method,
        summary: body.summary,
        decision_maker: body.decisionMaker ?? null,
        trusted_person: body.trustedPerson ?? null,
        emotional_notes: body.emotionalNotes ?? null,
        next_follow_up: body.nextFollowUp ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of body.concerns ?? []) {
      await trx
        .insertInto('concerns')
        .values({
          tenant_id: tenantId,
          household_id: householdId,
          content: c.content,
          category: c.category ?? null,
          due_date: c.dueDate ?? null,
          owner_id: ctx.actor.userId,
          visit_id: visit.id,
          created_by: ctx.actor.userId,
          created_at: now,
        })
        .execute();
    }
    // The next follow-up is whatever the latest visit says (a visit without one clears it).
    await trx
      .updateTable('households')
      .set({ next_follow_up: body.nextFollowUp ?? null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', householdId)
      .execute();
    await recordMilestone(trx, tenantId, householdId, 'visited', `visit:${visit.id}`, visitedAt);
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: visitedAt,
      module: 'households',
      kind: 'visit',
      params: { method: body.method, summary: body.summary.slice(0, 60) },
      detail: { visitId: visit.id, concerns: body.concerns?.length ?? 0 },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'visit.create',
      entityType: 'household',
      entityId: householdId,
      payload: {
        visitId: visit.id,
        method: body.method,
        nextFollowUp: body.nextFollowUp,
        concerns: body.concerns?.length ?? 0,
      },
    });
    await publishHouseholdChange(trx, tenantId, householdId);
    return visit.id;
  });
  const visits = await visitsQuery(deps.db, tenantId, householdId).where('visits.id', '=', visitId).execute();
  return toVisit(visits[0]!);
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

export async function addConcern(
  deps: Deps,
  ctx: RequestContext,
  householdId: number,
  body: z.infer<typeof CreateConcernBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'household', 'concern.write', householdId);
  const now = deps.clock.now();
  const recordedAt = recordedTime(now, body.recordedAt, 'body.recordedAt');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('concerns')
      .values({
        tenant_id: tenantId,
        household_id: householdId,
        content: body.content,
        category: body.category ?? null,
        owner_id: body.ownerId ?? ctx.actor.userId,
        due_date: body.dueDate ?? null,
        created_by: ctx.actor.userId,
        created_at: recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addTimelineEvent(trx, {
      tenantId,
      householdId,
      occurredAt: recordedAt,
      module: 'households',
      kind: 'concern',
      params: { content: body.content.slice(0, 60) },
      detail: { concernId: row.id },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'concern.create',
      entityType: 'concern',
      entityId: row.id,
      payload: { householdId, ...body },
    });
    // Open concerns are on the dashboards and the big screen: let them refresh.
    await publishHouseholdChange(trx, tenantId, householdId);
    return row.id;
  });
  return (await listConcerns(deps.db, tenantId, { ids: [id] }, streetDate(now)))[0]!;
}

export async function updateConcern(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof UpdateConcernBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  const concern = await deps.db
    .selectFrom('concerns')
    .select(['household_id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!concern) throw notFound();
  await requireAccess(deps.db, ctx.actor, 'household', 'concern.write', concern.household_id);
  if (body.status === 'resolved' && !body.resolution) {
    throw invalidField(
      'body.resolution',
      '办结诉求需要填写处理结果',
      'Resolving a concern needs a resolution',
    );
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('concerns')
      .set({
        ...(body.status !== undefined
          ? { status: body.status, resolved_at: body.status === 'resolved' ? now : null }
          : {}),
        ...(body.resolution !== undefined ? { resolution: body.resolution } : {}),
        ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
        ...(body.dueDate !== undefined ? { due_date: body.dueDate } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    if (body.status === 'resolved' && concern.status !== 'resolved') {
      await addTimelineEvent(trx, {
        tenantId,
        householdId: concern.household_id,
        occurredAt: now,
        module: 'households',
        kind: 'concern_resolved',
        params: { resolution: body.resolution!.slice(0, 60) },
        detail: { concernId: id },
        actorId: ctx.actor.userId,
      });
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'concern.update',
      entityType: 'concern',
      entityId: id,
      payload: { before: { status: concern.status }, after: body },
    });
  });
  return (await listConcerns(deps.db, tenantId, { ids: [id] }, streetDate(now)))[0]!;
}

/** A cadre's home: my households, overdue follow-ups, this week's, my open concerns, stage counts. */
export async function myWork(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  const now = deps.clock.now();
  const today = streetDate(now);
  const weekEnd = streetDate(new Date(now.getTime() + 7 * 86_400_000));
  const base = () => summaryQuery(deps.db, tenantId, today).where(assignedTo(ctx.actor.userId));
  const [total, overdue, dueSoon, concerns, stages] = await Promise.all([
    base()
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    base()
      .where('households.next_follow_up', '<', today)
      .orderBy('households.next_follow_up')
      .limit(100)
      .execute(),
    base()
      .where('households.next_follow_up', '>=', today)
      .where('households.next_follow_up', '<=', weekEnd)
      .orderBy('households.next_follow_up')
      .limit(100)
      .execute(),
    listConcerns(deps.db, tenantId, { ownerId: ctx.actor.userId, open: true }, today),
    base()
      .clearSelect()
      .select(['households.stage', sql<number>`count(*)`.as('n')])
      .groupBy('households.stage')
      .execute(),
  ]);
  return {
    households: total.n,
    overdueFollowUps: overdue.map((r) => toSummary(deps, ctx.actor, r)),
    dueThisWeek: dueSoon.map((r) => toSummary(deps, ctx.actor, r)),
    openConcerns: concerns,
    stageCounts: stages.map((s) => ({ stage: s.stage as Stage, count: s.n })),
  };
}

export { stageLabels, canonicalBuilding };
