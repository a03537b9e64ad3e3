/**
 * HTTP throughput under concurrency (issue 16). Starts, on one PostgreSQL database and in the same run,
 * a bare "ceiling" server (Fastify 5 + one `pg` point query per request) and the application
 * (`gongzhi serve`), each in its own process, and loads both with autocannon at 1 and 50 clients.
 * Prints each route's req/s, p50/p95 and its throughput as a share of the ceiling's, per run and the
 * median of the runs.
 *
 *   node scripts/bench-http.ts [--runs 3] [--duration 8] [--prepare-only] [--reload]
 *
 * Data (prepared once, kept in database BENCH_HTTP_DB, default gz_tp_http, and reused): 1,000,000
 * households — one street of 500,000 (the whole-street first page) and five of 100,000 (the search
 * mix, household detail, round progress and signing run in one of those).
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { createDeps, closeDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { sha256 } from '../src/server/platform/crypto.ts';
import { createRound } from '../src/server/modules/renewal/rounds.manage.ts';
import { loadAverage, peakRssMb, startProcess, stopProcess } from './bench-server.ts';
import { freshDatabase, KEY, leaderCtx, loadStreets, percentile } from './bench-households.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const DB_NAME = process.env.BENCH_HTTP_DB ?? 'gz_tp_http';
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

interface Meta {
  bigStreet: { tenantId: number; token: string };
  street: { tenantId: number; token: string; estateIds: number[] };
  detailIds: number[];
  names: string[];
  progressRoundId: number;
  signingRoundId: number;
  signingHouseholds: number[];
}

function databaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

async function readMeta(): Promise<Meta | null> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  try {
    await client.connect();
    const r = await client.query<{ meta: Meta }>('select meta from bench_http_meta');
    return r.rows[0]?.meta ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Loads the households once, with visits, concerns and a timeline for the files the detail route reads. */
async function prepare(): Promise<Meta> {
  const url = await freshDatabase(DB_NAME);
  const deps = await createDeps(
    loadConfig({
      DATABASE_URL: url,
      GONGZHI_ENCRYPTION_KEY: KEY,
      GONGZHI_AUDIT_KEY: 'derive',
      LOG_LEVEL: 'silent',
    }),
  );
  console.log('== Preparing 1,000,000 households (1 street × 500,000 + 5 × 100,000), once');
  const streets = await loadStreets(deps, [100, 20, 20, 20, 20, 20]);
  const big = streets[0]!;
  const street = streets[1]!;
  const tenantId = street.tenantId;
  const estateId = street.estateIds[0]!;
  // A realistic file: 3 visits, 2 concerns and 8 timeline entries for 2,000 households.
  const detail = await deps.db
    .selectFrom('households')
    .select(['id', 'head_name'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .limit(2000)
    .execute();
  const detailIds = detail.map((d) => d.id);
  await sql`insert into visits (tenant_id, household_id, visitor_id, visited_at, method, summary, decision_maker, emotional_notes)
    select ${tenantId}, h, ${street.userId}, now() - (v || ' days')::interval, 'door', '入户走访，了解改造意愿', '户主本人', '情绪稳定'
    from unnest(${detailIds}::bigint[]) h, generate_series(1, 3) v`.execute(deps.db);
  await sql`insert into concerns (tenant_id, household_id, content, category, owner_id, status)
    select ${tenantId}, h, '担心过渡期租房', 'relocation', ${street.userId}, case when c = 1 then 'open' else 'resolved' end
    from unnest(${detailIds}::bigint[]) h, generate_series(1, 2) c`.execute(deps.db);
  await sql`insert into household_events (tenant_id, household_id, occurred_at, module, kind, title)
    select ${tenantId}, h, now() - (e || ' days')::interval, 'households', 'visit', '入户走访'
    from unnest(${detailIds}::bigint[]) h, generate_series(1, 8) e`.execute(deps.db);

  const ctx = leaderCtx(tenantId, street.userId);
  const progressRound = await createRound(deps, ctx, estateId, {
    title: '意愿征询',
    kind: 'willingness',
    threshold: 95,
    target: 100,
  });
  await sql`update round_households set decision = case when household_id % 10 < 8 then 'agree' when household_id % 10 = 8 then 'disagree' end
            where round_id = ${progressRound.id}`.execute(deps.db);
  const signingRound = await createRound(deps, ctx, street.estateIds[1]!, {
    title: '签约',
    kind: 'signing',
    threshold: 95,
    target: 100,
  });
  const signing = await deps.db
    .selectFrom('round_households')
    .select('household_id')
    .where('round_id', '=', signingRound.id)
    .limit(5000)
    .execute();
  const tokens = [];
  for (const s of [big, street]) {
    const token = `gz_bench_${s.tenantId}_${Math.random().toString(36).slice(2)}`;
    await deps.db
      .insertInto('api_tokens')
      .values({ user_id: s.userId, name: 'bench-http', token_hash: sha256(token) })
      .execute();
    tokens.push(token);
  }
  await sql`analyze`.execute(deps.db);
  const meta: Meta = {
    bigStreet: { tenantId: big.tenantId, token: tokens[0]! },
    street: { tenantId, token: tokens[1]!, estateIds: street.estateIds },
    detailIds,
    names: detail.slice(0, 200).map((d) => d.head_name),
    progressRoundId: progressRound.id,
    signingRoundId: signingRound.id,
    signingHouseholds: signing.map((s) => s.household_id),
  };
  await sql`create table bench_http_meta (meta jsonb not null)`.execute(deps.db);
  await sql`insert into bench_http_meta values (${JSON.stringify(meta)}::jsonb)`.execute(deps.db);
  await closeDeps(deps);
  return meta;
}

/** The ceiling: what this machine serves with Fastify and one indexed point query per request. */
async function runCeiling(url: string, port: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/households/:id', async (req) => {
    const r = await pool.query(
      'select id, tenant_id, room, head_name, stage from households where tenant_id = $1 and id = $2',
      [Number(process.env.BENCH_TENANT), Number(req.params.id)],
    );
    return r.rows[0] ?? null;
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

interface Result {
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

type Req = { method?: string; path: string; body?: string };

async function load(base: string, token: string | null, next: () => Req, clients: number, seconds: number) {
  const times: number[] = [];
  let errors = 0;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const instance = autocannon({
    url: base,
    connections: clients,
    duration: seconds,
    headers,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', ...next() }) }],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 400) errors++;
    times.push(ms);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  // No answer at all within the run (every request queued past it) reads as an infinite latency.
  if (times.length === 0) times.push(Infinity);
  return {
    rps: result.requests.total / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    errors: errors + result.errors + result.timeouts,
  } satisfies Result;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function routes(meta: Meta): Array<{ name: string; token: string | null; next: () => Req; ceiling?: true }> {
  const s = meta.street;
  const searches = [
    () => `q=${encodeURIComponent(pick(meta.names))}`,
    () => `q=${encodeURIComponent([...pick(meta.names)].slice(0, 2).join(''))}`,
    () =>
      `q=${encodeURIComponent(`${1 + Math.floor(Math.random() * 50)}号${101 + Math.floor(Math.random() * 9)}`)}&estateId=${pick(s.estateIds)}`,
    () => `q=${1000 + Math.floor(Math.random() * 9000)}`,
  ];
  let searchTurn = 0;
  let agreement = Date.now();
  return [
    {
      name: 'ceiling (bare point query)',
      token: null,
      ceiling: true,
      next: () => ({ path: `/households/${pick(meta.detailIds)}` }),
    },
    {
      name: 'household detail',
      token: s.token,
      next: () => ({ path: `/api/households/${pick(meta.detailIds)}` }),
    },
    {
      name: 'search mix (1,000,000)',
      token: s.token,
      next: () => ({ path: `/api/households?limit=50&${searches[searchTurn++ % searches.length]!()}` }),
    },
    {
      name: 'whole street page 1 (500,000)',
      token: meta.bigStreet.token,
      next: () => ({ path: '/api/households?limit=50' }),
    },
    {
      name: 'round progress (5,000)',
      token: s.token,
      next: () => ({ path: `/api/consultations/${meta.progressRoundId}/progress` }),
    },
    {
      name: 'signing',
      token: s.token,
      next: () => ({
        method: 'POST',
        path: `/api/consultations/${meta.signingRoundId}/responses`,
        body: JSON.stringify({
          householdId: pick(meta.signingHouseholds),
          decision: 'agree',
          agreementNo: `B-${agreement++}`,
        }),
      }),
    },
  ];
}

/**
 * The signing route measures recording a signature, not the order of steps: the bench street has no
 * confirmed plans or drawings, so it relaxes those two prerequisites (as a street may, visibly).
 */
async function relaxSigningOrder(url: string, tenantId: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into renewal_settings (tenant_id, relaxed) values ($1, '{plan_before_signing,drawing_before_signing}')
       on conflict (tenant_id) do update set relaxed = excluded.relaxed`,
      [tenantId],
    );
  } finally {
    await client.end();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      duration: { type: 'string', default: '8' },
      'prepare-only': { type: 'boolean', default: false },
      reload: { type: 'boolean', default: false },
    },
  });
  let meta = values.reload ? null : await readMeta();
  if (!meta) meta = await prepare();
  if (values['prepare-only']) return;
  const url = databaseUrl();
  await relaxSigningOrder(url, meta.street.tenantId);
  const ceilingPort = Number(process.env.BENCH_PORT ?? 3961);
  const appPort = ceilingPort + 1;
  const ceiling = await startProcess(
    [import.meta.filename, '--ceiling', url, String(ceilingPort)],
    { BENCH_TENANT: String(meta.street.tenantId) },
    `http://127.0.0.1:${ceilingPort}/households/${meta.detailIds[0]}`,
  );
  const app = await startProcess(
    ['src/server/cli.ts', 'serve'],
    {
      DATABASE_URL: url,
      GONGZHI_ENCRYPTION_KEY: KEY,
      GONGZHI_AUDIT_KEY: 'derive',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      MQTT_PORT: '0',
      LOG_LEVEL: 'warn',
      GONGZHI_ADMIN_PASSWORD: 'bench-admin-password',
    },
    `http://127.0.0.1:${appPort}/readyz`,
  );
  try {
    const runs = Number(values.runs);
    const seconds = Number(values.duration);
    const all = routes(meta);
    const results = new Map<string, Result[]>();
    for (let run = 1; run <= runs; run++) {
      console.log(`\n== Run ${run}/${runs} (${seconds} s per route and client count, after a 2 s warm-up)`);
      for (const clients of [1, 50]) {
        let ceilingRps = 0;
        for (const route of all) {
          const base = `http://127.0.0.1:${route.ceiling ? ceilingPort : appPort}`;
          await load(base, route.token, route.next, clients, 2);
          const r = await load(base, route.token, route.next, clients, seconds);
          if (route.ceiling) ceilingRps = r.rps;
          const key = `${route.name}|${clients}`;
          results.set(key, [...(results.get(key) ?? []), { ...r, rps: r.rps, errors: r.errors }]);
          console.log(
            `  ${route.name.padEnd(32)} ${String(clients).padStart(2)} clients  ${r.rps.toFixed(0).padStart(6)} req/s  ` +
              `p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ` +
              `${((100 * r.rps) / ceilingRps).toFixed(1).padStart(5)} % of ceiling${r.errors ? `  ${r.errors} errors` : ''}  [load ${loadAverage()}]`,
          );
        }
      }
    }
    console.log(`\n== Median of ${runs} runs (share of the ceiling: median of the per-run shares)`);
    for (const clients of [1, 50]) {
      const ceilingRuns = results.get(`${all[0]!.name}|${clients}`)!;
      for (const route of all) {
        const rs = results.get(`${route.name}|${clients}`)!;
        const shares = rs.map((r, i) => (100 * r.rps) / ceilingRuns[i]!.rps);
        console.log(
          `  ${route.name.padEnd(32)} ${String(clients).padStart(2)} clients  ${median(rs.map((r) => r.rps))
            .toFixed(0)
            .padStart(6)} req/s  ` +
            `p50 ${median(rs.map((r) => r.p50))
              .toFixed(1)
              .padStart(6)} ms  p95 ${median(rs.map((r) => r.p95))
              .toFixed(1)
              .padStart(6)} ms  ` +
            `${median(shares).toFixed(1).padStart(5)} % of ceiling`,
        );
      }
    }
    console.log(`\n  app server peak RSS (VmHWM): ${peakRssMb(app.pid!)} MB`);
  } finally {
    await stopProcess(app);
    await stopProcess(ceiling);
  }
}

if (process.argv[2] === '--ceiling') {
  await runCeiling(process.argv[3]!, Number(process.argv[4]));
} else {
  await main();
  process.exit(0);
}
