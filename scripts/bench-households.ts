/**
 * Households benchmarks (issue 3): ledger import of 100,000 rows, and list/search at 1,000,000
 * households. Run with `node scripts/bench-households.ts [import [postgres|pglite]|search|all]`.
 * PostgreSQL from BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test): a fresh database
 * is created and dropped. The import is also measured on the embedded PGlite.
 */
import ExcelJS from 'exceljs';
import pg from 'pg';
import { sql } from 'kysely';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDeps, createDeps } from '../src/server/bootstrap.ts';
import { sha256 } from '../src/server/platform/crypto.ts';
import { loadAverage, peakRssMb, rssMb, startProcess, stopProcess } from './bench-server.ts';
import { loadConfig } from '../src/server/config.ts';
import { permissionsOf } from '../src/contract/permissions.ts';
import type { RequestContext } from '../src/server/platform/context.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { listHouseholds } from '../src/server/modules/households/households.list.ts';
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

/** A street, its leader's API token and one empty estate per file to import, made before the server starts. */
async function importFixture(deps: Deps, estates: number) {
  const { tenantId, userId } = await setupStreet(deps, `imp${Math.floor(Math.random() * 1e6)}`);
  const token = `gz_bench_import_${Math.random().toString(36).slice(2)}`;
  await deps.db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: 'bench-import', token_hash: sha256(token) })
    .execute();
  const estateIds: number[] = [];
  for (let e = 0; e < estates; e++) {
    const estate = await deps.db
      .insertInto('estates')
      .values({ tenant_id: tenantId, name: `导入${e}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    estateIds.push(estate.id);
  }
  return { token, estateIds };
}

type LedgerFile = { label: string; data: Buffer; filename: string };

/** The process's CPU time so far (user + system, from /proc/<pid>/stat), in seconds: less sensitive to load than wall time. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** Resets the process's VmHWM to its current RSS (Linux `clear_refs` 5), so each import has its own peak. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * POSTs a form with node:http, which waits as long as the server takes: fetch gives up after 300 s
 * without response headers, which a PGlite import reaches on a loaded machine.
 */
async function post(url: string, token: string, form: FormData): Promise<{ status: number; body: string }> {
  const request = new Request(url, { method: 'POST', body: form });
  const body = Buffer.from(await request.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': request.headers.get('content-type')!,
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

/**
 * Serves `gongzhi serve` on the prepared database and uploads each file over HTTP, as a person
 * would, `BENCH_RUNS` times (3) each into an empty estate; prints per import the wall time, the
 * SERVER process's CPU time, its RSS before and its peak (VmHWM, reset before each import) and the
 * load, then the medians.
 */
async function measureImports(
  label: string,
  env: Record<string, string>,
  token: string,
  estateIds: number[],
  files: LedgerFile[],
) {
  const port = Number(process.env.BENCH_PORT ?? 3971);
  const base = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    ['src/server/cli.ts', 'serve'],
    {
      ...env,
      GONGZHI_ENCRYPTION_KEY: KEY,
      GONGZHI_AUDIT_KEY: 'derive',
      PORT: String(port),
      HOST: '127.0.0.1',
      MQTT_PORT: '0',
      LOG_LEVEL: 'warn',
    },
    `${base}/readyz`,
  );
  const pid = server.pid!;
  console.log(
    `  ${label}: server started, RSS ${rssMb(pid)} MB, peak so far (start-up) ${peakRssMb(pid)} MB`,
  );
  const results = new Map<string, Array<{ seconds: number; cpu: number; peak: number; load: string }>>();
  try {
    let estate = 0;
    for (let run = 1; run <= RUNS; run++) {
      for (const file of files) {
        const before = rssMb(pid);
        const reset = resetPeak(pid);
        const cpu0 = cpuSeconds(pid);
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(file.data)]), file.filename);
        const t0 = performance.now();
        const response = await post(
          `${base}/api/estates/${estateIds[estate++]}/household-imports`,
          token,
          form,
        );
        const report = JSON.parse(response.body) as { imported: number; rejected: number };
        const seconds = (performance.now() - t0) / 1000;
        if (response.status !== 200) throw new Error(`import answered ${response.status}: ${response.body}`);
        const cpu = cpuSeconds(pid) - cpu0;
        const peak = peakRssMb(pid);
        const load = loadAverage();
        const list = results.get(file.label) ?? [];
        list.push({ seconds, cpu, peak, load });
        results.set(file.label, list);
        console.log(
          `  ${`${label}, ${file.label}, run ${run}`.padEnd(24)} ${report.imported} imported, ${report.rejected} rejected in ${seconds.toFixed(1)} s ` +
            `(${Math.round(report.imported / seconds)} rows/s), server CPU ${cpu.toFixed(1)} s; server RSS ${before} MB before, ` +
            `peak (VmHWM${reset ? '' : ' since start'}) ${peak} MB  [load ${load}]`,
        );
      }
    }
  } finally {
    await stopProcess(server);
  }
  for (const [file, list] of results) {
    console.log(
      `  ${`${label}, ${file}`.padEnd(24)} median of ${list.length}: ${median(list.map((r) => r.seconds)).toFixed(1)} s, ` +
        `server CPU ${median(list.map((r) => r.cpu)).toFixed(1)} s, peak ${median(list.map((r) => r.peak))} MB ` +
        `(max ${Math.max(...list.map((r) => r.peak))} MB)  [loads ${list.map((r) => r.load.split(' ')[0]).join(', ')}]`,
    );
  }
}

async function benchImport() {
  const rows = ledgerRows(100_000, 7);
  const csv = Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\n'));
  const xlsx = await xlsxOf(rows);
  const files: LedgerFile[] = [
    { label: 'CSV', data: csv, filename: 'ledger.csv' },
    { label: 'XLSX', data: xlsx, filename: 'ledger.xlsx' },
  ];
  console.log(
    `\n== Ledger import over HTTP, 100,000 rows (CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB)`,
  );
  const only = process.argv[3]; // 'postgres' or 'pglite': that database alone
  if (only !== 'pglite') await importIntoPostgres(files);
  if (only !== 'postgres') await importIntoPglite(files);
}

async function importIntoPostgres(files: LedgerFile[]) {
  const dbName = process.env.BENCH_IMPORT_DB ?? 'gz_bench_import';
  const url = await freshDatabase(dbName);
  try {
    const deps = await createDeps(
      loadConfig({
        DATABASE_URL: url,
        GONGZHI_ENCRYPTION_KEY: KEY,
        GONGZHI_AUDIT_KEY: 'derive',
        LOG_LEVEL: 'silent',
      }),
    );
    const { token, estateIds } = await importFixture(deps, files.length * RUNS);
    await closeDeps(deps);
    await measureImports('PostgreSQL', { DATABASE_URL: url }, token, estateIds, files);
  } finally {
    await dropDatabase(dbName);
  }
}

async function importIntoPglite(files: LedgerFile[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-import-'));
  try {
    const config = {
      GONGZHI_DATA_DIR: dataDir,
      GONGZHI_ENCRYPTION_KEY: KEY,
      GONGZHI_AUDIT_KEY: 'derive',
      LOG_LEVEL: 'silent',
    };
    const deps = await createDeps(loadConfig(config));
    const { token, estateIds } = await importFixture(deps, files.length * RUNS);
    await closeDeps(deps);
    await measureImports('PGlite', { GONGZHI_DATA_DIR: dataDir }, token, estateIds, files);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
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
