import { sql } from 'kysely';
import { z } from 'zod';
import type { Analysis } from '../../../contract/opinion.ts';
import { AppError } from '../../platform/errors.ts';
import { hasPermission } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { publish } from '../../platform/events.ts';
import type { JobHandler } from '../../platform/jobs.ts';
import { MIN_VOTES_TO_CLUSTER, UNSEEN, type AnalysisResult, type VoteMatrix } from './opinion.analysis.ts';
import { analyseInWorker } from './opinion.compute.ts';
import { mapAccess, OPINION_TOPIC, progressOf, RECOMPUTE_JOB } from './opinion.service.ts';

/**
 * The recompute: a background job (platform/jobs.ts, claimed through the database by whichever
 * process is free) loads the map's votes, analyses them in a worker thread and stores the result
 * in `opinion_analyses`, so every process serves the same map. Votes arriving during a recompute
 * queue the next one.
 */

const Payload = z.object({ mapId: z.number() });

/** The map's approved statements × its participants' votes, one aggregated row per participant. */
export async function loadMatrix(
  deps: Pick<Deps, 'db'>,
  tenantId: number,
  mapId: number,
): Promise<VoteMatrix> {
  const statements = await deps.db
    .selectFrom('opinion_statements')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('map_id', '=', mapId)
    .where('status', '=', 'approved')
    .orderBy('id')
    .execute();
  const statementIds = statements.map((s) => s.id);
  const column = new Map(statementIds.map((id, i) => [id, i]));
  const rows = await votesByParticipant(deps, tenantId, mapId);
  const n = statementIds.length;
  const votes = new Int8Array(rows.length * n).fill(UNSEEN);
  rows.forEach((r, p) => {
    for (const cell of r.cells.split(',')) {
      const colon = cell.indexOf(':');
      const s = column.get(Number(cell.slice(0, colon)));
      if (s !== undefined) votes[p * n + s] = Number(cell.slice(colon + 1));
    }
  });
  return { statementIds, participants: rows.length, votes };
}

/** Participants read per query: the embedded database runs a query on the event loop's thread. */
const PARTICIPANTS_PER_READ = 500;

/**
 * Each voter's votes as one text ("statementId:vote,…"), which keeps 1.5 million votes to 5,000 rows
 * on the wire. Read a few hundred participants at a time along the votes' primary key, yielding in
 * between, so that on the embedded database other requests are served while a large map loads
 * (one query for all of them held the event loop for half a second at 5,000 × 300).
 */
async function votesByParticipant(deps: Pick<Deps, 'db'>, tenantId: number, mapId: number) {
  const ids = await deps.db
    .selectFrom('opinion_participants')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('map_id', '=', mapId)
    .orderBy('id')
    .execute();
  const rows: Array<{ cells: string }> = [];
  for (let i = 0; i < ids.length; i += PARTICIPANTS_PER_READ) {
    const first = ids[i]!.id;
    const last = ids[Math.min(i + PARTICIPANTS_PER_READ, ids.length) - 1]!.id;
    const chunk = await sql<{ cells: string }>`
      select string_agg(statement_id::text || ':' || vote::text, ',') as cells
      from opinion_votes
      where tenant_id = ${tenantId} and map_id = ${mapId} and participant_id between ${first} and ${last}
      group by participant_id order by participant_id`.execute(deps.db);
    rows.push(...chunk.rows);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

/** Recomputes one map now and stores the result (unless a newer one was stored meanwhile). */
export async function recompute(
  deps: Deps,
  tenantId: number,
  mapId: number,
): Promise<{ votesVersion: number; tookMs: number } | null> {
  const map = await deps.db
    .updateTable('opinion_maps')
    .set({ recompute_queued: false })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', mapId)
    .returning('votes_version')
    .executeTakeFirst();
  if (!map) return null;
  const started = performance.now();
  const matrix = await loadMatrix(deps, tenantId, mapId);
  const result = await analyseInWorker(matrix);
  const tookMs = Math.round(performance.now() - started);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('opinion_analyses')
      .values({
        tenant_id: tenantId,
        map_id: mapId,
        votes_version: map.votes_version,
        result: JSON.stringify(result),
        computed_at: deps.clock.now(),
        took_ms: tookMs,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'map_id'])
          .doUpdateSet((eb) => ({
            votes_version: eb.ref('excluded.votes_version'),
            result: eb.ref('excluded.result'),
            computed_at: eb.ref('excluded.computed_at'),
            took_ms: eb.ref('excluded.took_ms'),
          }))
          .whereRef('opinion_analyses.votes_version', '<=', 'excluded.votes_version'),
      )
      .execute();
    await publish(trx, { tenantId, topic: OPINION_TOPIC, data: { mapId, analysed: true } });
  });
  return { votesVersion: map.votes_version, tookMs };
}

export const recomputeJob: JobHandler = {
  kind: RECOMPUTE_JOB,
  async run(deps, job) {
    const { mapId } = Payload.parse(job.payload);
    const done = await recompute(deps, job.tenantId, mapId);
    return { result: done ? { mapId, ...done } : { mapId, missing: true } };
  },
};

const EMPTY: AnalysisResult = {
  participants: 0,
  clustered: 0,
  groups: [],
  statements: [],
  consensus: [],
  divisive: [],
  points: [],
  silhouette: null,
};

/**
 * The stored analysis with the statements' current texts. Staff see it any time; a resident once
 * they have voted on enough statements. Only statements still approved are shown.
 */
export async function getAnalysis(deps: Deps, ctx: RequestContext, id: number): Promise<Analysis> {
  const tenantId = await mapAccess(deps, ctx, id);
  if (!hasPermission(ctx.actor, 'opinion.read') && !hasPermission(ctx.actor, 'opinion.manage')) {
    const progress = await progressOf(deps, tenantId, id, ctx.actor.userId);
    if (!progress.maySeeMap)
      throw new AppError('forbidden', undefined, {
        zh: `请先对至少 ${progress.needed} 条观点表态，再查看意见地图`,
        en: `Vote on at least ${progress.needed} statements first, then see the opinion map`,
      });
  }
  const [stored, map, statements] = await Promise.all([
    deps.db
      .selectFrom('opinion_analyses')
      .select(['result', 'computed_at', 'votes_version'])
      .where('tenant_id', '=', tenantId)
      .where('map_id', '=', id)
      .executeTakeFirst(),
    deps.db
      .selectFrom('opinion_maps')
      .select('votes_version')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('opinion_statements')
      .select(['id', 'text'])
      .where('tenant_id', '=', tenantId)
      .where('map_id', '=', id)
      .where('status', '=', 'approved')
      .orderBy('id')
      .execute(),
  ]);
  const result = (stored?.result as AnalysisResult | undefined) ?? EMPTY;
  const texts = new Map(statements.map((s) => [s.id, s.text]));
  const counted = new Map(result.statements.map((s) => [s.id, s]));
  const shown = (ids: number[]) => ids.filter((s) => texts.has(s));
  return {
    participants: result.participants,
    clustered: result.clustered,
    groups: result.groups.map((g) => ({
      ...g,
      representative: g.representative.filter((r) => texts.has(r.statementId)),
    })),
    // every approved statement, the ones not counted yet with zero votes
    statements: statements.map((s) => {
      const c = counted.get(s.id);
      return {
        id: s.id,
        text: s.text,
        agree: c?.agree ?? 0,
        disagree: c?.disagree ?? 0,
        pass: c?.pass ?? 0,
        groups: c?.groups ?? [],
      };
    }),
    consensus: shown(result.consensus),
    divisive: shown(result.divisive),
    points: result.points,
    computedAt: stored?.computed_at ?? null,
    stale: Number(map.votes_version) > Number(stored?.votes_version ?? 0),
    minVotes: MIN_VOTES_TO_CLUSTER,
  };
}
