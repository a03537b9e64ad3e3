/**
 * Opinion map benchmark (issue 22): the recompute of a map with 5,000 participants × 300 statements
 * (1.5 million votes from three planted groups), three runs, the median printed.
 *   1. the analysis alone (vote matrix → groups, consensus, division) in its worker thread;
 *   2. the whole recompute job: load the votes from the database, analyse, store the result.
 * Meanwhile the event loop's delay is sampled: the analysis runs in a worker thread, so the
 * process keeps serving. Run with `node scripts/bench-opinion.ts` (embedded PGlite in a temporary
 * directory; set BENCH_DATABASE_URL to use a PostgreSQL database instead, which it fills and empties).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { closeDeps, createDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { analyseInWorker } from '../src/server/modules/opinion/opinion.compute.ts';
import { recompute } from '../src/server/modules/opinion/opinion.jobs.ts';
import { plantedBallots } from '../src/server/modules/opinion/opinion.synthetic.ts';
import { UNSEEN } from '../src/server/modules/opinion/opinion.analysis.ts';
import { loadAverage } from './bench-server.ts';

const PARTICIPANTS = 5_000;
const STATEMENTS = 300;
const RUNS = 3;
const planted = () =>
  plantedBallots({
    groups: 3,
    participants: PARTICIPANTS,
    statements: STATEMENTS,
    consensus: [0, 10, 20, 30, 40],
    seed: 22,
    weights: [5, 3, 2],
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `fn` RUNS times, sampling the event loop's delay meanwhile. */
async function measure(label: string, fn: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  lag.disable();
  console.log(
    `  ${label}: median ${median(ms).toFixed(0)} ms (runs ${ms.map((m) => m.toFixed(0)).join(', ')} ms); ` +
      `event loop delay max ${(lag.max / 1e6).toFixed(0)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms`,
  );
}

console.log(
  `== Opinion map recompute, ${PARTICIPANTS} participants × ${STATEMENTS} statements (load ${loadAverage()})`,
);
let groups = 0;
const inputs = Array.from({ length: RUNS }, () => planted().matrix); // generated before timing
await measure('analysis in its worker thread', async () => {
  const result = await analyseInWorker(inputs.pop()!);
  groups = result.groups.length;
});
console.log(`  (${groups} groups found)`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-opinion-'));
const deps = await createDeps(
  loadConfig({
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    GONGZHI_DATA_DIR: dataDir,
    GONGZHI_ENCRYPTION_KEY: 'ab'.repeat(32),
    GONGZHI_AUDIT_KEY: 'derive',
    GONGZHI_AUDIT_CHECKPOINT_DIR: path.join(dataDir, 'checkpoints'),
    LOG_LEVEL: 'silent',
  }),
);
try {
  const t0 = performance.now();
  const tenant = await deps.db
    .insertInto('tenants')
    .values({ code: `bench-opinion-${Date.now()}`, name: '基准街道' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tenantId = tenant.id;
  const now = new Date();
  const map = await deps.db
    .insertInto('opinion_maps')
    .values({ tenant_id: tenantId, title: '基准意见地图', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const statementIds: number[] = [];
  for (let s = 0; s < STATEMENTS; s++)
    statementIds.push(
      (
        await deps.db
          .insertInto('opinion_statements')
          .values({
            tenant_id: tenantId,
            map_id: map.id,
            text: `观点 ${s + 1}`,
            status: 'approved',
            by_staff: true,
            author_id: null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const participants = await sql<{ id: number }>`
    insert into opinion_participants (tenant_id, map_id, ref, created_at)
    select ${tenantId}, ${map.id}, 'card-' || g, ${now} from generate_series(1, ${PARTICIPANTS}) g
    returning id`.execute(deps.db);
  const { matrix } = planted();
  const ids = participants.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const CHUNK = 250;
  for (let from = 0; from < PARTICIPANTS; from += CHUNK) {
    const pid: number[] = [];
    const sid: number[] = [];
    const vote: number[] = [];
    for (let p = from; p < Math.min(PARTICIPANTS, from + CHUNK); p++)
      for (let s = 0; s < STATEMENTS; s++) {
        const v = matrix.votes[p * STATEMENTS + s]!;
        if (v === UNSEEN) continue;
        pid.push(ids[p]!);
        sid.push(statementIds[s]!);
        vote.push(v);
      }
    await sql`insert into opinion_votes (tenant_id, map_id, participant_id, statement_id, vote, voted_at)
      select ${tenantId}, ${map.id}, p, s, v, ${now}
      from unnest(${pid}::bigint[], ${sid}::bigint[], ${vote}::smallint[]) as x(p, s, v)`.execute(deps.db);
  }
  await sql`analyze opinion_votes`.execute(deps.db);
  const votes = await sql<{
    n: number;
  }>`select count(*)::int as n from opinion_votes where tenant_id = ${tenantId}`.execute(deps.db);
  console.log(
    `  (${votes.rows[0]!.n} votes stored in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
  );
  await measure('whole recompute job (load votes, analyse, store)', () => recompute(deps, tenantId, map.id));
  console.log(`== done (load ${loadAverage()})`);
} finally {
  await closeDeps(deps);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
