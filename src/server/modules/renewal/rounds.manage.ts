/** Consultation rounds (征询/签约) opened, listed and closed, and the rounds a household takes part in. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateRoundBody } from '../../../contract/renewal.ts';
import { requireHouseholdRead, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { requireRound, type Decision, type Kind } from './rounds.common.ts';

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
