/**
 * Search time at 100,000 suggestions on PostgreSQL.
 *
 *   node scripts/bench-suggestions.ts [--url postgres://root@127.0.0.1:5432/test] [--rows 100000] [--runs 30] [--keep]
 *
 * Creates a fresh database beside the given one, migrates it, generates synthetic suggestions from the
 * test fixture's themes (recombined, with varied places and building numbers), then times the real
 * service call `listSuggestions` (count + ranked page of 20) and `findSimilar` for the fixture's
 * queries, and prints p50/p95. Rows are bulk-inserted (no audit rows): this measures reads.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { permissionsOf } from '../src/contract/permissions.ts';
import { createDeps, closeDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { toSearchText } from '../src/server/platform/chinese-text.ts';
import type { RequestContext } from '../src/server/platform/context.ts';
import { listSuggestions } from '../src/server/modules/suggestions/suggestions.reading.ts';
import { findSimilar } from '../src/server/modules/suggestions/suggestions.similar.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://root@127.0.0.1:5432/test' },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);

interface Fixture {
  suggestions: Array<{ theme: string; subject: string; reason: string; proposal: string }>;
  queries: Array<{ q: string }>;
}
const fixture = JSON.parse(
  fs.readFileSync(new URL('../test/fixtures/suggestions/suggestions.json', import.meta.url), 'utf8'),
) as Fixture;

async function admin(text: string) {
  const client = new pg.Client({ connectionString: args.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const name = `gz_bench_sg_${Date.now()}`;
const url = new URL(args.url);
url.pathname = `/${name}`;
await admin(`create database ${name}`);
console.log(`database ${name}`);

try {
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  const config = loadConfig({
    DATABASE_URL: url.toString(),
    GONGZHI_ENCRYPTION_KEY: '0'.repeat(63) + '1',
    GONGZHI_AUDIT_KEY: 'derive',
    LOG_LEVEL: 'silent',
  });
  const deps = await createDeps(config, { database, logLevel: 'silent' });
  const tenant = await deps.db
    .insertInto('tenants')
    .values({ code: 'bench', name: '基准街道' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ctx: RequestContext = {
    actor: {
      userId: 0,
      username: 'bench',
      displayName: 'bench',
      role: 'committee',
      permissions: new Set(permissionsOf('committee')),
      tenantId: tenant.id,
      householdId: null,
      via: 'token',
    },
    ip: null,
    userAgent: 'bench',
    lang: 'zh',
  };

  // Generate: recombine subject / reason / proposal within a theme, vary the place and building.
  const byTheme = new Map<string, Fixture['suggestions']>();
  for (const s of fixture.suggestions) byTheme.set(s.theme, [...(byTheme.get(s.theme) ?? []), s]);
  const themes = [...byTheme.values()];
  const places = [
    '曹杨一村',
    '曹杨二村',
    '枣阳路',
    '兰溪路',
    '花溪路',
    '桂巷',
    '杏山路',
    '梅岭北路',
    '南梅园',
    '北梅园',
  ];
  // mulberry32: a small deterministic generator with well-mixed low bits.
  let seedValue = 42;
  const rand = (n: number) => {
    seedValue = (seedValue + 0x6d2b79f5) | 0;
    let x = Math.imul(seedValue ^ (seedValue >>> 15), 1 | seedValue);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n) | 0;
  };
  const statuses = ['registered', 'accepted', 'assigned', 'handled', 'answered', 'answered', 'answered'];
  const channels = ['online', 'point', 'mailbox', 'visit', 'phone'];
  const t0 = performance.now();
  const BATCH = 1000;
  const now = Date.now();
  for (let start = 0; start < ROWS; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
      const list = themes[rand(themes.length)]!;
      const subject = list[rand(list.length)]!.subject;
      const place = `${places[rand(places.length)]}${1 + rand(40)}号楼`;
      const reason = list[rand(list.length)]!.reason.replace(/^[^\s，。]{2,6}(村|小区|路|巷|园)/u, place);
      const proposal = list[rand(list.length)]!.proposal;
      const at = new Date(now - rand(365 * 86_400) * 1000);
      rows.push({
        tenant_id: tenant.id,
        subject,
        reason,
        proposal,
        proposer_name: '基准居民',
        channel: channels[rand(channels.length)]!,
        status: statuses[rand(statuses.length)]!,
        search_vector: sql<string>`setweight(to_tsvector('simple', ${toSearchText(subject)}), 'A') || setweight(to_tsvector('simple', ${toSearchText(`${reason}\n${proposal}`)}), 'B')`,
        created_at: at,
        updated_at: at,
      });
    }
    await deps.db.insertInto('suggestions').values(rows).execute();
    if ((start / BATCH) % 20 === 0) process.stdout.write(`\r${start + rows.length} rows`);
  }
  await sql`analyze suggestions`.execute(deps.db);
  console.log(`\r${ROWS} rows generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const queries = [
    ...fixture.queries.map((q) => q.q),
    '小区电动车充电难怎么办',
    '老年人助餐送餐上门',
    '楼道灯坏了没人修',
  ];
  // Warm up (jieba dictionary, connection pool, PostgreSQL caches).
  for (const q of queries) await listSuggestions(deps, ctx, { q, limit: 20, offset: 0 });

  const all: number[] = [];
  console.log('\nquery                      total   p50 ms   p95 ms');
  for (const q of queries) {
    const times: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const s = performance.now();
      total = (await listSuggestions(deps, ctx, { q, limit: 20, offset: 0 })).total;
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `${q.padEnd(20, '\u3000').slice(0, 20)} ${String(total).padStart(7)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(
    `\nsearch (list + count + rank, page of 20), ${all.length} calls: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms`,
  );

  const similar: number[] = [];
  for (const s of fixture.suggestions.slice(0, 40)) {
    const start = performance.now();
    await findSimilar(deps, ctx, { text: `${s.subject}\n${s.reason}`, limit: 5 });
    similar.push(performance.now() - start);
  }
  similar.sort((a, b) => a - b);
  console.log(
    `similar (while typing), ${similar.length} calls: p50 ${percentile(similar, 50).toFixed(1)} ms, p95 ${percentile(similar, 95).toFixed(1)} ms`,
  );

  const plan = await sql<{
    'QUERY PLAN': string;
  }>`explain analyze select id from suggestions where tenant_id = ${tenant.id} and search_vector @@ to_tsquery('simple', ${"('充电桩' | '充电')"}) order by ts_rank(search_vector, to_tsquery('simple', ${"('充电桩' | '充电')"})) desc limit 20`.execute(
    deps.db,
  );
  console.log('\nplan for 充电桩:\n' + plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  await closeDeps(deps);
} finally {
  if (!args.keep) await admin(`drop database if exists ${name} with (force)`);
}
