import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { CreateRoundBody, ResponseBody } from '../../../contract/renewal.ts';
import {
  requireAccess,
  requirePermission,
  requireTenant,
  requireHouseholdRead,
} from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import { maskName } from '../../platform/mask.ts';
import { addTimelineEvent, clearMilestone, recordMilestone } from '../households/households.timeline.ts';
import { requireStep } from './renewal.rules.ts';

type Kind = 'willingness' | 'plan' | 'signing';
type Decision = 'agree' | 'disagree' | 'undecided';

/** Whether `agreed` of `eligible` reaches `percent`, in integers so exactly 95 % counts. */
export function reaches(agreed: number, eligible: number, percent: number): boolean {
  return eligible > 0 && agreed * 10000 >= Math.round(percent * 100) * eligible;
}

async function requireRound(db: Executor, tenantId: number, roundId: number) {
  const round = await db
    .selectFrom('rounds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round) throw notFound();
  return round;
}

/** Opens a round over an estate (or some of its buildings); eligible households are fixed now. */
export async function createRound(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  body: z.infer<typeof CreateRoundBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.manage');
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', estateId)
    .executeTakeFirst();
  if (!estate) throw notFound();
  if (body.buildingIds) {
    const found = await deps.db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId)
      .where('id', 'in', body.buildingIds)
      .execute();
    if (found.length !== new Set(body.buildingIds).size)
      throw invalidField('body.buildingIds', '有楼栋不属于该小区', 'Some buildings are not in this estate');
  }
  if (body.threshold > body.target)
    throw invalidField(
      'body.threshold',
      '生效比例不能高于目标比例',
      'The threshold cannot exceed the target',
    );
  if (body.opensOn && body.closesOn && body.closesOn < body.opensOn)
    throw invalidField('body.closesOn', '截止日期早于开始日期', 'Closes before it opens');
  return deps.db.transaction().execute(async (trx) => {
    const round = await trx
      .insertInto('rounds')
      .values({
        tenant_id: tenantId,
        estate_id: estateId,
        title: body.title,
        kind: body.kind,
        threshold: body.threshold,
        target: body.target,
        building_ids: body.buildingIds ?? null,
        opens_on: body.opensOn ?? null,
        closes_on: body.closesOn ?? null,
        board_shows_names: body.boardShowsNames ?? false,
        signing_place: body.signingPlace || null,
        signing_hours: body.signingHours || null,
        signing_bring: body.signingBring || null,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let eligible = trx
      .selectFrom('households')
      .select([sql.lit(tenantId).as('tenant_id'), sql.lit(round.id).as('round_id'), 'id', 'building_id'])
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estateId);
    if (body.buildingIds) eligible = eligible.where('building_id', 'in', body.buildingIds);
    await trx
      .insertInto('round_households')
      .columns(['tenant_id', 'round_id', 'household_id', 'building_id'])
      .expression(eligible)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.create',
      entityType: 'round',
      entityId: round.id,
      payload: { estateId, ...body },
    });
    return { id: round.id };
  });
}

export async function listRounds(deps: Deps, ctx: RequestContext, estateId?: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'board.read');
  let q = deps.db
    .selectFrom('rounds')
    .innerJoin('estates', (j) =>
      j.onRef('estates.tenant_id', '=', 'rounds.tenant_id').onRef('estates.id', '=', 'rounds.estate_id'),
    )
    .selectAll('rounds')
    .select((eb) => [
      'estates.name as estate_name',
      eb
        .selectFrom('round_households as rh')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('rh.tenant_id', '=', 'rounds.tenant_id')
        .whereRef('rh.round_id', '=', 'rounds.id')
        .as('eligible'),
      eb
        .selectFrom('round_households as rh')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('rh.tenant_id', '=', 'rounds.tenant_id')
        .whereRef('rh.round_id', '=', 'rounds.id')
        .where('rh.decision', '=', 'agree')
        .as('agreed'),
    ])
    .where('rounds.tenant_id', '=', tenantId);
  if (estateId) q = q.where('rounds.estate_id', '=', estateId);
  const rows = await q.orderBy('rounds.id', 'desc').execute();
  const items = rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    estateName: r.estate_name,
    title: r.title,
    kind: r.kind as Kind,
    threshold: r.threshold,
    target: r.target,
    buildingIds: r.building_ids?.map(Number) ?? null,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    status: r.status as 'open' | 'closed',
    effectiveAt: r.effective_at,
    boardShowsNames: r.board_shows_names,
    signingPlace: r.signing_place,
    signingHours: r.signing_hours,
    signingBring: r.signing_bring,
    createdAt: r.created_at,
    eligible: Number(r.eligible ?? 0),
    agreed: Number(r.agreed ?? 0),
  }));
  return { items, total: items.length };
}

export async function getRound(deps: Deps, ctx: RequestContext, roundId: number) {
  const round = (await listRounds(deps, ctx)).items.find((r) => r.id === roundId);
  if (!round) throw notFound();
  return round;
}

export async function closeRound(deps: Deps, ctx: RequestContext, roundId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.manage');
  await requireRound(deps.db, tenantId, roundId);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('rounds')
      .set({ status: 'closed' })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', roundId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.close',
      entityType: 'round',
      entityId: roundId,
    });
  });
  return getRound(deps, ctx, roundId);
}

/**
 * The steps before an answer, from the household's records: a willingness answer needs a visit, a
 * signature a confirmed plan and drawing; a signature cannot be withdrawn once the building moved out.
 */
async function requireOrder(
  trx: Transaction<DB>,
  tenantId: number,
  kind: Kind,
  current: { decision: string | null; building_id: number },
  body: z.infer<typeof ResponseBody>,
) {
  if (kind === 'willingness') await requireStep(trx, tenantId, body.householdId, 'visit_before_willingness');
  if (kind === 'signing' && body.decision === 'agree') {
    await requireStep(trx, tenantId, body.householdId, 'plan_before_signing');
    await requireStep(trx, tenantId, body.householdId, 'drawing_before_signing');
  }
  if (kind === 'signing' && current.decision === 'agree' && body.decision !== 'agree') {
    const movedOut = await trx
      .selectFrom('building_phases')
      .select('phase')
      .where('tenant_id', '=', tenantId)
      .where('building_id', '=', current.building_id)
      .where('phase', '=', 'moved_out')
      .executeTakeFirst();
    if (movedOut)
      throw conflict(
        '该楼已搬离完成，不能撤回这一户的签约',
        'The building has moved out: this household’s signature cannot be withdrawn',
      );
  }
}

/**
 * Records a household's current answer. The round row is locked for the transaction, so answers
 * are counted one at a time: the one that brings agreement to the threshold records the moment the
 * round takes effect. The same answer sent twice (double click, retry) changes nothing.
 */
export async function respond(
  deps: Deps,
  ctx: RequestContext,
  roundId: number,
  body: z.infer<typeof ResponseBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.respond');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.respond', body.householdId);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const round = await trx
      .selectFrom('rounds')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', roundId)
      .forUpdate()
      .executeTakeFirst();
    if (!round) throw notFound();
    if (round.status !== 'open') throw conflict('该轮征询已结束', 'This round is closed');
    const current = await trx
      .selectFrom('round_households')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .where('household_id', '=', body.householdId)
      .executeTakeFirst();
    if (!current)
      throw invalidField(
        'body.householdId',
        '该户不在本轮征询范围内',
        'This household is not part of this round',
      );
    const kind = round.kind as Kind;
    if (kind === 'signing' && body.decision === 'agree' && !body.agreementNo) {
      throw invalidField('body.agreementNo', '签约需要填写协议编号', 'Signing needs the agreement number');
    }
    const same =
      current.decision === body.decision &&
      (current.reason ?? '') === (body.reason ?? '') &&
      (current.agreement_no ?? '') === (body.agreementNo ?? '');
    if (same) return { round, changed: false };
    await requireOrder(trx, tenantId, kind, current, body);

    await trx
      .updateTable('round_households')
      .set({
        decision: body.decision,
        reason: body.reason ?? null,
        agreement_no: body.agreementNo ?? null,
        signer: body.signer ?? null,
        witness: body.witness ?? null,
        responded_at: body.signedAt ? new Date(body.signedAt) : now,
        recorded_by: ctx.actor.userId,
      })
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .where('household_id', '=', body.householdId)
      .execute();
    await trx
      .insertInto('round_response_history')
      .values({
        tenant_id: tenantId,
        round_id: roundId,
        household_id: body.householdId,
        decision: body.decision,
        reason: body.reason ?? null,
        recorded_by: ctx.actor.userId,
        at: now,
      })
      .execute();

    await recordMilestone(trx, tenantId, body.householdId, 'consulted', `round:${roundId}`, now);
    if (kind === 'signing' && body.decision === 'agree')
      await recordMilestone(trx, tenantId, body.householdId, 'signed', `round:${roundId}`, now);
    if (kind === 'signing' && current.decision === 'agree' && body.decision !== 'agree')
      await clearMilestone(trx, tenantId, body.householdId, 'signed');

    if (!round.effective_at) {
      const counts = await roundCounts(trx, tenantId, roundId);
      if (reaches(counts.agreed, counts.eligible, round.threshold)) {
        await trx
          .updateTable('rounds')
          .set({ effective_at: now })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', roundId)
          .execute();
      }
    }
    await addTimelineEvent(trx, {
      tenantId,
      householdId: body.householdId,
      occurredAt: now,
      module: 'renewal',
      kind: `round_${kind}`,
      params: { title: round.title, decision: body.decision, reason: body.reason?.slice(0, 40) ?? null },
      detail: { roundId, decision: body.decision, agreementNo: body.agreementNo },
      actorId: ctx.actor.userId,
    });
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.respond',
      entityType: 'household',
      entityId: body.householdId,
      payload: {
        roundId,
        before: current.decision,
        after: body.decision,
        reason: body.reason,
        agreementNo: body.agreementNo,
      },
    });
    await publish(trx, { tenantId, topic: 'round', data: { roundId, estateId: round.estate_id } });
    await publish(trx, {
      tenantId,
      topic: 'household',
      data: { estateId: round.estate_id, householdId: body.householdId },
    });
    return { round, changed: true };
  });
  return { ...(await responseOf(deps.db, tenantId, roundId, body.householdId)), changed: result.changed };
}

async function responseOf(db: Executor, tenantId: number, roundId: number, householdId: number) {
  const r = await db
    .selectFrom('round_households')
    .leftJoin('users', 'users.id', 'round_households.recorded_by')
    .select([
      'round_households.household_id',
      'decision',
      'reason',
      'agreement_no',
      'signer',
      'witness',
      'scan_file_id',
      'responded_at',
      'users.display_name',
    ])
    .where('round_households.tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .where('round_households.household_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return {
    householdId: r.household_id,
    decision: (r.decision ?? 'undecided') as Decision,
    reason: r.reason,
    agreementNo: r.agreement_no,
    signer: r.signer,
    witness: r.witness,
    scanFileId: r.scan_file_id,
    respondedAt: r.responded_at ?? '',
    recordedBy: r.display_name,
  };
}

export async function responseHistory(deps: Deps, ctx: RequestContext, roundId: number, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.read');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.read', householdId);
  const rows = await deps.db
    .selectFrom('round_response_history')
    .leftJoin('users', 'users.id', 'round_response_history.recorded_by')
    .select(['decision', 'reason', 'at', 'users.display_name'])
    .where('round_response_history.tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .where('round_response_history.household_id', '=', householdId)
    .orderBy('round_response_history.id')
    .execute();
  const items = rows.map((r) => ({
    decision: r.decision as Decision,
    reason: r.reason,
    at: r.at,
    recordedBy: r.display_name,
  }));
  return { items, total: items.length };
}

/** Attaches the scanned signed agreement to a household's signing record. */
export async function attachScan(
  deps: Deps,
  ctx: RequestContext,
  roundId: number,
  householdId: number,
  file: UploadedFile,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.respond');
  await requireAccess(deps.db, ctx.actor, 'household', 'round.respond', householdId);
  const round = await requireRound(deps.db, tenantId, roundId);
  if (round.kind !== 'signing')
    throw invalidField(
      'file',
      '只有签约轮次需要上传协议扫描件',
      'Only signing rounds take a scanned agreement',
    );
  await deps.db.transaction().execute(async (trx) => {
    const stored = await deps.files.put(trx, tenantId, {
      name: file.filename,
      mime: file.mimetype,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    const updated = await trx
      .updateTable('round_households')
      .set({ scan_file_id: stored.id })
      .where('tenant_id', '=', tenantId)
      .where('round_id', '=', roundId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw invalidField('householdId', '该户不在本轮范围内', 'Not part of this round');
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'round.scan',
      entityType: 'household',
      entityId: householdId,
      payload: { roundId, fileId: stored.id, name: file.filename },
    });
  });
  return responseOf(deps.db, tenantId, roundId, householdId);
}

async function roundCounts(db: Executor, tenantId: number, roundId: number) {
  const r = await db
    .selectFrom('round_households')
    .select([
      sql<number>`count(*)`.as('eligible'),
      sql<number>`count(*) filter (where decision = 'agree')`.as('agreed'),
      sql<number>`count(*) filter (where decision = 'disagree')`.as('disagreed'),
      sql<number>`count(*) filter (where decision = 'undecided')`.as('undecided'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return r;
}

/** Progress of a round, overall and per building: one grouped query over its eligible households. */
export async function progress(deps: Deps, ctx: RequestContext, roundId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.read');
  const round = await requireRound(deps.db, tenantId, roundId);
  const rows = await deps.db
    .selectFrom('round_households as rh')
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'rh.tenant_id').onRef('b.id', '=', 'rh.building_id'),
    )
    .select([
      'rh.building_id',
      'b.number',
      'b.sort_key',
      sql<number>`count(*)`.as('eligible'),
      sql<number>`count(*) filter (where rh.decision = 'agree')`.as('agreed'),
      sql<number>`count(*) filter (where rh.decision = 'disagree')`.as('disagreed'),
      sql<number>`count(*) filter (where rh.decision = 'undecided')`.as('undecided'),
    ])
    .where('rh.tenant_id', '=', tenantId)
    .where('rh.round_id', '=', roundId)
    .groupBy(['rh.building_id', 'b.number', 'b.sort_key'])
    .orderBy('b.sort_key')
    .execute();
  const sum = (k: 'eligible' | 'agreed' | 'disagreed' | 'undecided') => rows.reduce((n, r) => n + r[k], 0);
  const eligible = sum('eligible');
  const agreed = sum('agreed');
  return {
    eligible,
    agreed,
    disagreed: sum('disagreed'),
    undecided: sum('undecided'),
    unanswered: eligible - agreed - sum('disagreed') - sum('undecided'),
    rate: eligible ? agreed / eligible : null,
    threshold: round.threshold,
    target: round.target,
    thresholdReached: reaches(agreed, eligible, round.threshold),
    targetReached: reaches(agreed, eligible, round.target),
    effectiveAt: round.effective_at,
    buildings: rows.map((r) => ({
      buildingId: r.building_id,
      name: r.number,
      eligible: r.eligible,
      agreed: r.agreed,
      rate: r.eligible ? r.agreed / r.eligible : null,
    })),
  };
}

/**
 * Households not yet agreeing, with what the street knows about why and who is on it; and the
 * buildings ranked by how many signatures they still lack to reach the target.
 */
export async function holdouts(
  deps: Deps,
  ctx: RequestContext,
  roundId: number,
  page: { limit: number; offset: number },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'round.read');
  const round = await requireRound(deps.db, tenantId, roundId);
  const base = deps.db
    .selectFrom('round_households as rh')
    .innerJoin('households', (j) =>
      j.onRef('households.tenant_id', '=', 'rh.tenant_id').onRef('households.id', '=', 'rh.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'rh.tenant_id').onRef('b.id', '=', 'rh.building_id'),
    )
    .where('rh.tenant_id', '=', tenantId)
    .where('rh.round_id', '=', roundId)
    .where((eb) => eb.or([eb('rh.decision', 'is', null), eb('rh.decision', '<>', 'agree')]))
    .where(householdVisibility(ctx.actor));
  const [rows, count, byBuilding] = await Promise.all([
    base
      .select((eb) => [
        'households.id',
        'b.number',
        'households.room',
        'households.head_name',
        'rh.decision',
        'rh.reason',
        'households.next_follow_up',
        eb
          .selectFrom('assignments as a')
          .innerJoin('users as u', 'u.id', 'a.user_id')
          .select(sql<string>`string_agg(u.display_name, '、')`.as('names'))
          .whereRef('a.tenant_id', '=', 'households.tenant_id')
          .whereRef('a.household_id', '=', 'households.id')
          .as('cadre'),
        eb
          .selectFrom('visits as v')
          .select(sql<string>`max(v.visited_at)`.as('t'))
          .whereRef('v.tenant_id', '=', 'households.tenant_id')
          .whereRef('v.household_id', '=', 'households.id')
          .as('last_visit'),
        eb
          .selectFrom('concerns as c')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('c.tenant_id', '=', 'households.tenant_id')
          .whereRef('c.household_id', '=', 'households.id')
          .where('c.status', '<>', 'resolved')
          .as('open_concerns'),
      ])
      .orderBy('b.sort_key')
      .orderBy('households.room')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    progress(deps, ctx, roundId).then((p) => p.buildings),
  ]);
  const buildingsByGap = byBuilding
    .map((b) => ({ ...b, gap: Math.max(0, Math.ceil((round.target * b.eligible) / 100 - 1e-9) - b.agreed) }))
    .sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name, 'zh'))
    .map(({ buildingId, name, eligible, agreed, gap }) => ({ buildingId, name, eligible, agreed, gap }));
  return {
    total: count.n,
    buildingsByGap,
    items: rows.map((r) => ({
      householdId: r.id,
      building: r.number,
      room: r.room,
      headName: r.head_name,
      decision: r.decision as Decision | null,
      reason: r.reason,
      cadre: r.cadre,
      lastVisit: r.last_visit ? new Date(r.last_visit).toISOString() : null,
      nextFollowUp: r.next_follow_up,
      openConcerns: Number(r.open_concerns ?? 0),
    })),
  };
}

/** The public board (公示): per-building progress and the flats that agreed, names masked by default. */
export async function publicBoard(deps: Deps, ctx: RequestContext, roundId: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'board.read');
  const round = await requireRound(deps.db, tenantId, roundId);
  const estate = await deps.db
    .selectFrom('estates')
    .select('name')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', round.estate_id)
    .executeTakeFirstOrThrow();
  const rows = await deps.db
    .selectFrom('round_households as rh')
    .innerJoin('households', (j) =>
      j.onRef('households.tenant_id', '=', 'rh.tenant_id').onRef('households.id', '=', 'rh.household_id'),
    )
    .innerJoin('buildings as b', (j) =>
      j.onRef('b.tenant_id', '=', 'rh.tenant_id').onRef('b.id', '=', 'rh.building_id'),
    )
    .select([
      'b.id as building_id',
      'b.number',
      'b.sort_key',
      'households.room',
      'households.head_name',
      'rh.decision',
    ])
    .where('rh.tenant_id', '=', tenantId)
    .where('rh.round_id', '=', roundId)
    .orderBy('b.sort_key')
    .orderBy('households.room')
    .execute();
  const buildings = new Map<
    number,
    { name: string; eligible: number; agreed: number; agreedFlats: Array<{ room: string; name: string }> }
  >();
  for (const r of rows) {
    let b = buildings.get(r.building_id);
    if (!b) buildings.set(r.building_id, (b = { name: r.number, eligible: 0, agreed: 0, agreedFlats: [] }));
    b.eligible++;
    if (r.decision === 'agree') {
      b.agreed++;
      b.agreedFlats.push({
        room: r.room,
        name: round.board_shows_names ? r.head_name : maskName(r.head_name),
      });
    }
  }
  const eligible = rows.length;
  const agreed = rows.filter((r) => r.decision === 'agree').length;
  return {
    title: round.title,
    kind: round.kind as Kind,
    estateName: estate.name,
    rate: eligible ? agreed / eligible : null,
    eligible,
    agreed,
    thresholdReached: reaches(agreed, eligible, round.threshold),
    buildings: [...buildings.values()].map((b) => ({
      ...b,
      rate: b.eligible ? b.agreed / b.eligible : null,
    })),
  };
}

/** The rounds a household takes part in, with its current answer (for the resident's page). */
export async function roundsOfHousehold(deps: Deps, ctx: RequestContext, householdId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireHouseholdRead(deps.db, ctx.actor, householdId);
  const rows = await deps.db
    .selectFrom('round_households as rh')
    .innerJoin('rounds as r', (j) =>
      j.onRef('r.tenant_id', '=', 'rh.tenant_id').onRef('r.id', '=', 'rh.round_id'),
    )
    .select([
      'r.id',
      'r.title',
      'r.kind',
      'r.status',
      'r.effective_at',
      'r.opens_on',
      'r.closes_on',
      'r.signing_place',
      'r.signing_hours',
      'r.signing_bring',
      'rh.decision',
      'rh.responded_at',
      'rh.agreement_no',
      'rh.signer',
    ])
    .where('rh.tenant_id', '=', tenantId)
    .where('rh.household_id', '=', householdId)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({
    roundId: r.id,
    title: r.title,
    kind: r.kind as Kind,
    status: r.status,
    effectiveAt: r.effective_at,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    signingPlace: r.signing_place,
    signingHours: r.signing_hours,
    signingBring: r.signing_bring,
    decision: r.decision as Decision | null,
    respondedAt: r.responded_at,
    agreementNo: r.agreement_no,
    signer: r.signer,
  }));
}
