/**
 * Households benchmarks (issue 3): ledger import of 100,000 rows, and list/search at 1,000,000
 * households. Run with `node scripts/bench-households.ts [import|search|all]`.
 * PostgreSQL from BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test): a fresh database
 * is created and dropped. The import is also measured on the embedded PGlite.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { createDeps } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { permissionsOf } from '../src/contract/permissions.ts';
import type { RequestContext } from '../src/server/platform/context.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { listHouseholds } from '../src/server/modules/households/households.service.ts';
import { importLedger } from '../src/server/modules/households/ledger/ledger.service.ts';
import { searchTokens } from '../src/server/modules/households/households.rules.ts';
import { rng, syntheticIdNumber, syntheticName } from '../src/server/modules/households/households.seed.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
export const KEY = 'ab'.repeat(32);
const mode = process.argv[2] ?? 'all';

export async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(name: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.end();
}

export function leaderCtx(tenantId: number, userId = 1): RequestContext {
  return {
    actor: {
      userId,
      username: 'bench',
      displayName: 'bench',
      role: 'street_leader',
      permissions: new Set(permissionsOf('street_leader')),
      tenantId,
      householdId: null,
      via: 'session',
    },
    ip: null,
    userAgent: 'bench',
    lang: 'zh',
  };
}

async function setupStreet(deps: Deps, code: string): Promise<{ tenantId: number; userId: number }> {
  const t = await deps.db
    .insertInto('tenants')
    .values({ code, name: `${code} 街道` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u = await deps.db
    .insertInto('users')
    .values({
      username: `bench-${code}`,
      display_name: 'bench',
      password_hash: 'x',
      role: 'street_leader',
      tenant_id: t.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { tenantId: t.id, userId: u.id };
}

function ledgerRows(n: number, seed: number): string[][] {
  const next = rng(seed);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const building = 1 + Math.floor(i / 60);
    const room = `${1 + Math.floor((i % 60) / 10)}${String((i % 10) + 1).padStart(2, '0')}`;
    rows.push([
      i % 60 === 0 ? `${building}号` : '',
      room,
      syntheticName(next),
      syntheticIdNumber(next),
      `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`,
      String(1 + (i % 5)),
      (14 + next() * 12).toFixed(1),
      '公房',
      i % 9 === 0 ? '独居老人' : '',
    ]);
  }
  return rows;
}

const HEADER = [
  '楼号',
  '室号',
  '户主',
  '身份证号',
  '联系电话',
  '户籍人数',
  '建筑面积',
  '房屋性质',
  '特殊情况',
];

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['台账（合成数据）']);
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function measureImport(label: string, deps: Deps, file: Buffer, filename: string) {
  const { tenantId } = await setupStreet(deps, `imp${Math.floor(Math.random() * 1e6)}`);
  const ctx = leaderCtx(tenantId);
  const estate = await deps.db
    .insertInto('estates')
    .values({ tenant_id: tenantId, name: label })
    .returning('id')
    .executeTakeFirstOrThrow();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const report = await importLedger(deps, ctx, estate.id, file, filename, {});
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  console.log(
    `${label.padEnd(34)} ${report.imported} imported, ${report.rejected} rejected in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.imported / seconds)} rows/s); RSS ${Math.round(rssBefore / 1e6)} → peak ${Math.round(peak / 1e6)} MB`,
  );
}

async function benchImport() {
  const rows = ledgerRows(100_000, 7);
  const csv = Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\n'));
  const xlsx = await xlsxOf(rows);
  console.log(
    `\n== Ledger import, 100,000 rows (CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB)`,
  );
  const url = await freshDatabase('gz_bench_import');
  try {
    const deps = await createDeps(
      loadConfig({
        DATABASE_URL: url,
        GONGZHI_ENCRYPTION_KEY: KEY,
        GONGZHI_AUDIT_KEY: 'derive',
        LOG_LEVEL: 'silent',
      }),
    );
    await measureImport('PostgreSQL, CSV', deps, csv, 'ledger.csv');
    await measureImport('PostgreSQL, XLSX', deps, xlsx, 'ledger.xlsx');
    await deps.events.stop();
    await deps.database.close();
  } finally {
    await dropDatabase('gz_bench_import');
  }
  const database = await openDatabase({});
  const deps = await createDeps(
    loadConfig({ GONGZHI_ENCRYPTION_KEY: KEY, GONGZHI_AUDIT_KEY: 'derive', LOG_LEVEL: 'silent' }),
    {
      database,
    },
  );
  await measureImport('PGlite (embedded, in memory), CSV', deps, csv, 'ledger.csv');
  await deps.events.stop();
  await database.close();
}

/** Loads 1,000,000 households: 10 streets × 20 estates × 50 buildings × 100 flats. */
export function loadMillion(deps: Deps) {
  return loadStreets(
    deps,
    Array.from({ length: 10 }, () => 20),
  );
}

/** Loads one street per entry of `estatesPerStreet`, each estate 50 buildings × 100 flats (5,000 households). */
export async function loadStreets(
  deps: Deps,
  estatesPerStreet: number[],
): Promise<Array<{ tenantId: number; userId: number; estateIds: number[] }>> {
  const streets = [];
  const next = rng(42);
  const t0 = performance.now();
  for (const [s, estates] of estatesPerStreet.entries()) {
    const { tenantId, userId } = await setupStreet(deps, `street${s}`);
    const estateIds: number[] = [];
    for (let e = 0; e < estates; e++) {
      const estate = await deps.db
        .insertInto('estates')
        .values({ tenant_id: tenantId, name: `小区${e}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      estateIds.push(estate.id);
      const buildings = await deps.db
        .insertInto('buildings')
        .values(
          Array.from({ length: 50 }, (_, b) => ({
            tenant_id: tenantId,
            estate_id: estate.id,
            number: `${b + 1}号`,
            sort_key: b + 1,
          })),
        )
        .returning(['id', 'number'])
        .execute();
      const values = [];
      for (const b of buildings) {
        for (let f = 0; f < 100; f++) {
          const room = `${1 + Math.floor(f / 10)}${String((f % 10) + 1).padStart(2, '0')}`;
          const headName = syntheticName(next);
          const phone = `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
          values.push({
            tenant_id: tenantId,
            estate_id: estate.id,
            building_id: b.id,
            room,
            floor: Math.floor(f / 10) + 1,
            head_name: headName,
            search_tokens: searchTokens({
              building: b.number,
              room,
              headName,
              memberNames: [],
              phone,
              idNumber: syntheticIdNumber(next),
            }),
            stage: next() < 0.6 ? 'visited' : 'not_visited',
          });
        }
      }
      for (let i = 0; i < values.length; i += 1000) {
        await deps.db
          .insertInto('households')
          .values(values.slice(i, i + 1000).map((v) => ({ ...v, stage_rank: v.stage === 'visited' ? 1 : 0 })))
          .execute();
      }
    }
    streets.push({ tenantId, userId, estateIds });
    console.log(
      `  street ${s + 1}/${estatesPerStreet.length} loaded (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  await sql`analyze`.execute(deps.db);
  return streets;
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function benchSearch() {
  console.log('\n== Household list/search at 1,000,000 households (PostgreSQL)');
  const url = await freshDatabase('gz_bench_search');
  try {
    const deps = await createDeps(
      loadConfig({
        DATABASE_URL: url,
        GONGZHI_ENCRYPTION_KEY: KEY,
        GONGZHI_AUDIT_KEY: 'derive',
        LOG_LEVEL: 'silent',
      }),
    );
    const streets = await loadMillion(deps);
    const street = streets[3]!;
    const ctx = leaderCtx(street.tenantId, street.userId);
    const sample = await deps.db
      .selectFrom('households')
      .select(['head_name'])
      .where('tenant_id', '=', street.tenantId)
      .limit(50)
      .execute();
    const cases: Array<[string, () => Record<string, unknown>]> = [
      ['full name', () => ({ q: sample[Math.floor(Math.random() * 50)]!.head_name })],
      [
        'name prefix (2 chars)',
        () => ({ q: [...sample[Math.floor(Math.random() * 50)]!.head_name].slice(0, 2).join('') }),
      ],
      [
        'address 21号101 in an estate',
        () => ({
          q: `${1 + Math.floor(Math.random() * 50)}号${101 + Math.floor(Math.random() * 9)}`,
          estateId: street.estateIds[Math.floor(Math.random() * 20)],
        }),
      ],
      ['phone/ID tail (4 chars)', () => ({ q: String(1000 + Math.floor(Math.random() * 9000)) })],
      ['estate page, no q', () => ({ estateId: street.estateIds[Math.floor(Math.random() * 20)] })],
      [
        'estate + stage filter',
        () => ({ estateId: street.estateIds[Math.floor(Math.random() * 20)], stage: 'visited' }),
      ],
      ['whole street (100k), page 1', () => ({})],
    ];
    for (const [label, params] of cases) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 120; i++) {
        const t0 = performance.now();
        const page = await listHouseholds(deps, ctx, { limit: 50, offset: 0, ...params() });
        if (i >= 20) times.push(performance.now() - t0); // first 20 warm the cache
        total += page.total;
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${label.padEnd(30)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  (avg hits ${Math.round(total / 120)})`,
      );
    }
    await deps.events.stop();
    await deps.database.close();
  } finally {
    await dropDatabase('gz_bench_search');
  }
}

if (import.meta.main) {
  if (mode === 'import' || mode === 'all') await benchImport();
  if (mode === 'search' || mode === 'all') await benchSearch();
  process.exit(0);
}
