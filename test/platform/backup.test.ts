import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDeps } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import { backup, restore, type BackupTarget } from '../../src/server/db/backup.ts';
import { openDatabase, type Database, type Db } from '../../src/server/db/database.ts';
import { openTestDatabase } from '../support/db.ts';
import { TEST_AUDIT_KEY, TEST_KEY, testDbKind } from '../support/app.ts';
import { newStreet, newUser } from '../support/factories.ts';

const run = promisify(execFile);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

async function gongzhi(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/server/cli.ts', ...args], {
      env: {
        ...process.env,
        GONGZHI_ENCRYPTION_KEY: TEST_KEY,
        GONGZHI_AUDIT_KEY: TEST_AUDIT_KEY,
        LOG_LEVEL: 'silent',
        ...env,
      },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Every row of every table (uploaded files are rows of files/file_chunks) in a stable order, plus
 * where every identity sequence stands: two databases with the same logical dump hold the same data
 * and hand out the same next ids.
 */
async function logicalDump(db: Db): Promise<{ tables: Record<string, string>; sequences: string }> {
  const names = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() order by 1`.execute(db);
  const tables: Record<string, string> = {};
  for (const { name } of names.rows) {
    const rows = await sql<{ r: string }>`
      select t::text as r from ${sql.table(name)} t order by 1`.execute(db);
    tables[name] = createHash('sha256')
      .update(rows.rows.map((x) => x.r).join('\n'))
      .digest('hex');
    tables[`${name}#rows`] = String(rows.rows.length);
  }
  const seqs = await sql<{ name: string; last: number | null }>`
    select sequencename as name, last_value as last from pg_sequences
     where schemaname = current_schema() order by 1`.execute(db);
  return { tables, sequences: JSON.stringify(seqs.rows) };
}

/** A street with a user and an uploaded file (256 KiB chunks: this one spans two). */
async function fillWithData(database: Database): Promise<void> {
  const config = loadConfig({
    GONGZHI_ENCRYPTION_KEY: TEST_KEY,
    GONGZHI_AUDIT_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: 'silent',
  });
  const deps = await createDeps(config, { database, logLevel: 'silent' });
  const tenantId = await newStreet(deps, '备份街道');
  const user = await newUser(deps, 'cadre', tenantId);
  await deps.db.transaction().execute((trx) =>
    deps.files.put(trx, tenantId, {
      name: '图纸.pdf',
      mime: 'application/pdf',
      data: randomBytes(300 * 1024),
      createdBy: user.id,
    }),
  );
  await deps.events.stop();
}

describe('backup and restore', () => {
  it('restores a backup into a fresh database with the same rows and files, and refuses a non-empty one', async () => {
    const file = path.join(work, 'gongzhi.backup');
    let source: Database;
    let sourceEnv: NodeJS.ProcessEnv;
    let freshEnv: NodeJS.ProcessEnv;
    let openFresh: () => Promise<Database>;
    if (testDbKind() === 'postgres') {
      const { database, url, drop } = await openTestDatabase('postgres', inject('dbTemplate'));
      cleanup.push(drop);
      source = database;
      sourceEnv = { DATABASE_URL: url };
      const freshUrl = await emptyPostgresDatabase();
      freshEnv = { DATABASE_URL: freshUrl };
      openFresh = () => openDatabase({ url: freshUrl, poolSize: 2 });
    } else {
      const dirA = path.join(work, 'a');
      const dirB = path.join(work, 'b');
      source = await openDatabase({
        dataDir: dirA,
        loadDataDir: new Blob([fs.readFileSync(inject('dbTemplate'))]),
      });
      sourceEnv = { GONGZHI_DATA_DIR: dirA, DATABASE_URL: '' };
      freshEnv = { GONGZHI_DATA_DIR: dirB, DATABASE_URL: '' };
      openFresh = () => openDatabase({ dataDir: dirB });
    }
    await fillWithData(source);
    const before = await logicalDump(source.db);
    expect(Number(before.tables['file_chunks#rows'])).toBe(2);
    // The embedded database is single-process: the CLI opens it itself (PostgreSQL's closes in drop).
    if (testDbKind() === 'pglite') await source.close();

    // The functions the CLI runs, in this process (a CLI start costs seconds; its wiring is below).
    await backup(targetOf(sourceEnv), file);
    await restore(targetOf(freshEnv), file);
    const fresh = await openFresh();
    const after = await logicalDump(fresh.db);
    await fresh.close();
    expect(after).toEqual(before);

    // The source is not empty: a restore into it is refused and changes nothing ...
    const refused = await gongzhi(sourceEnv, 'restore', file);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/--force/);
    // ... unless asked for, and the result is again the backed-up database.
    await restore(targetOf(sourceEnv), file, { force: true });
    const again =
      testDbKind() === 'postgres'
        ? await openDatabase({ url: sourceEnv.DATABASE_URL!, poolSize: 2 })
        : await openDatabase({ dataDir: sourceEnv.GONGZHI_DATA_DIR! });
    expect(await logicalDump(again.db)).toEqual(before);
    await again.close();
  }, 240_000);
});

function targetOf(env: NodeJS.ProcessEnv): BackupTarget {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: env.GONGZHI_DATA_DIR! };
}

/** A database with nothing in it (not even migrations), like one a DBA has just created. */
async function emptyPostgresDatabase(): Promise<string> {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const name = `gz_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  admin.pathname = `/${name}`;
  return admin.toString();
}
