/** How a round stands: its progress per building, the households still holding out, and the public board. */
import { sql } from 'kysely';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { householdVisibility } from '../../access/policies.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { maskName } from '../../platform/mask.ts';
import { reaches, requireRound, type Decision, type Kind } from './rounds.common.ts';

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
