/**
 * Dashboard benchmark (issue 10): time to count a whole-process dashboard with 1,000,000 households
 * in the database (10 streets × 100,000, 20 estates each), for one estate (5,000 households), one
 * street (100,000) and a district user's comparison of all 10 streets.
 * Run: node scripts/bench-dashboard.ts   (PostgreSQL from BENCH_DATABASE_URL or the local test server)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { closeDeps, createDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import type { RequestContext } from '../src/server/platform/context.ts';
import { permissionsOf } from '../src/contract/permissions.ts';
import { createRound } from '../src/server/modules/renewal/rounds.manage.ts';
import { compareStreets, getDashboard } from '../src/server/modules/dashboard/dashboard.service.ts';
import { dropDatabase, freshDatabase, KEY, leaderCtx, loadMillion, percentile } from './bench-households.ts';

const NAME = 'gz_bench_dashboard';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm the caches once
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `  ${label}: p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms (${runs} runs)`,
  );
}

const url = await freshDatabase(NAME);
try {
  const config = loadConfig({
    DATABASE_URL: url,
    GONGZHI_ENCRYPTION_KEY: KEY,
    GONGZHI_AUDIT_KEY: 'derive',
    LOG_LEVEL: 'silent',
  });
  const deps = await createDeps(config);
  console.log('== Loading 1,000,000 households (10 streets × 100,000)');
  const streets = await loadMillion(deps);
  const street = streets[3]!;
  const ctx = leaderCtx(street.tenantId, street.userId);
  // a signing round over every estate of the street, 80 % agreeing
  for (const estateId of street.estateIds) {
    const round = await createRound(deps, ctx, estateId, {
      title: '签约',
      kind: 'signing',
      threshold: 95,
      target: 100,
    });
    await sql`update round_households set decision = case when household_id % 10 < 8 then 'agree' end
              where tenant_id = ${street.tenantId} and round_id = ${round.id}`.execute(deps.db);
  }
  await sql`analyze`.execute(deps.db);

  console.log('\n== Dashboard (every figure counted from the records on each call)');
  await time('one estate (5,000 households)', RUNS, () =>
    getDashboard(deps, ctx, { estateId: street.estateIds[0] }),
  );
  await time('one street (100,000 households, 20 estates)', RUNS, () => getDashboard(deps, ctx, {}));

  // a district user granted all ten streets
  const official = await deps.db
    .insertInto('users')
    .values({
      username: 'bench_district',
      display_name: '区领导',
      password_hash: 'x',
      role: 'district_official',
      tenant_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.db
    .insertInto('user_tenant_grants')
    .values(streets.map((s) => ({ user_id: official.id, tenant_id: s.tenantId })))
    .execute();
  const district: RequestContext = {
    ...ctx,
    actor: {
      ...ctx.actor,
      userId: official.id,
      role: 'district_official',
      permissions: new Set(permissionsOf('district_official')),
    },
  };
  await time(
    'district comparison of 10 streets (1,000,000 households)',
    Math.max(3, Math.floor(RUNS / 5)),
    () => compareStreets(deps, district),
  );
  await closeDeps(deps);
} finally {
  await dropDatabase(NAME);
}
