/**
 * Renewal benchmarks (issue 4): round progress with 1,000,000 households in the database, and the
 * latency of a live update from a response recorded on one server process to a server-sent event
 * received from ANOTHER process (both on one PostgreSQL, through LISTEN/NOTIFY).
 * Run: node scripts/bench-renewal.ts   (PostgreSQL from BENCH_DATABASE_URL or the local test server)
 */
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { createDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { createRound } from '../src/server/modules/renewal/rounds.manage.ts';
import { progress } from '../src/server/modules/renewal/rounds.progress.ts';
import { respond } from '../src/server/modules/renewal/rounds.responses.ts';
import { dropDatabase, freshDatabase, KEY, leaderCtx, loadMillion, percentile } from './bench-households.ts';

const url = await freshDatabase('gz_bench_renewal');
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
  const street = streets[2]!;
  const ctx = leaderCtx(street.tenantId, street.userId);

  // A signing round over one 5,000-household estate, and one over the whole 100,000-household street.
  const estateRound = await createRound(deps, ctx, street.estateIds[0]!, {
    title: '签约',
    kind: 'signing',
    threshold: 95,
    target: 100,
  });
  await sql`update round_households set decision = case when household_id % 10 < 8 then 'agree' when household_id % 10 = 8 then 'disagree' end
            where round_id = ${estateRound.id}`.execute(deps.db);
  const streetRounds = [];
  for (const estateId of street.estateIds) {
    const r = await createRound(deps, ctx, estateId, {
      title: '意愿征询',
      kind: 'willingness',
      threshold: 95,
      target: 100,
    });
    await sql`update round_households set decision = 'agree' where round_id = ${r.id} and household_id % 3 > 0`.execute(
      deps.db,
    );
    streetRounds.push(r.id);
  }
  await sql`analyze`.execute(deps.db);

  console.log('\n== GET progress (per-building grouping), 200 calls after 20 warm-up');
  const times: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now();
    await progress(deps, ctx, i % 2 ? estateRound.id : streetRounds[i % streetRounds.length]!);
    if (i >= 20) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  progress of a 5,000-household round: p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`,
  );

  const recordTimes: number[] = [];
  const pending = await deps.db
    .selectFrom('round_households')
    .select('household_id')
    .where('round_id', '=', estateRound.id)
    .where('decision', 'is', null)
    .limit(60)
    .execute();
  for (const [i, h] of pending.entries()) {
    const t0 = performance.now();
    await respond(deps, ctx, estateRound.id, {
      householdId: h.household_id,
      decision: 'agree',
      agreementNo: `B-${i}`,
    });
    recordTimes.push(performance.now() - t0);
  }
  recordTimes.sort((a, b) => a - b);
  console.log(
    `  record a signature (lock, audit, milestone, NOTIFY): p50 ${percentile(recordTimes, 50).toFixed(1)} ms  p95 ${percentile(recordTimes, 95).toFixed(1)} ms`,
  );

  console.log('\n== Live update latency: response on process A → SSE event on process B');
  const depsB = await createDeps(config);
  const appB = (await buildApp(depsB, { logger: false })).app;
  await appB.listen({ port: 0, host: '127.0.0.1' });
  const portB = (appB.server.address() as { port: number }).port;
  const token = `gz_bench_${Date.now()}`;
  const { sha256 } = await import('../src/server/platform/crypto.ts');
  await deps.db
    .insertInto('api_tokens')
    .values({ user_id: street.userId, name: 'bench', token_hash: sha256(token) })
    .execute();
  const arrivals: number[] = [];
  let sentAt = 0;
  let resolveNext: (() => void) | null = null;
  const req = http.get(
    { host: '127.0.0.1', port: portB, path: '/api/events', headers: { authorization: `Bearer ${token}` } },
    (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (chunk.includes('event: round') && sentAt) {
          arrivals.push(performance.now() - sentAt);
          sentAt = 0;
          resolveNext?.();
        }
      });
    },
  );
  await new Promise((r) => setTimeout(r, 500));
  const more = await deps.db
    .selectFrom('round_households')
    .select('household_id')
    .where('round_id', '=', estateRound.id)
    .where('decision', 'is', null)
    .limit(50)
    .execute();
  for (const [i, h] of more.entries()) {
    const arrived = new Promise<void>((r) => (resolveNext = r));
    sentAt = performance.now();
    await respond(deps, ctx, estateRound.id, {
      householdId: h.household_id,
      decision: 'agree',
      agreementNo: `L-${i}`,
    });
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 2000))]);
  }
  req.destroy();
  arrivals.sort((a, b) => a - b);
  console.log(
    `  ${arrivals.length}/${more.length} events received; from the start of the request: p50 ${percentile(arrivals, 50).toFixed(1)} ms  p95 ${percentile(arrivals, 95).toFixed(1)} ms  max ${arrivals.at(-1)!.toFixed(1)} ms`,
  );
  await appB.close();
  await depsB.events.stop();
  await depsB.database.close();
  await deps.events.stop();
  await deps.database.close();
} finally {
  await dropDatabase('gz_bench_renewal');
}
process.exit(0);
