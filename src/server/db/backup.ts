import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const run = promisify(execFile);

/** What a backup or restore acts on: the database the server would open with the same environment. */
export type BackupTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export class RestoreRefused extends Error {}

/** Files kept by the embedded deployment next to the database files, never part of a database dump. */
const KEEP_ON_RESTORE = ['encryption.key'];

/**
 * Writes a backup of the whole database to `file`. PostgreSQL: `pg_dump` custom format (restorable
 * table by table with pg_restore, compressed). Embedded: PGlite's own data-directory dump, a gzipped
 * tarball. Uploaded files live in the database (files/file_chunks), so both carry them.
 */
export async function backup(target: BackupTarget, file: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  if (target.kind === 'postgres') {
    const { dbname, env } = libpqTarget(target.url);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, dbname], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } else {
    if (!isPgliteDir(target.dataDir)) throw new Error(`No embedded database in ${target.dataDir}`);
    const db = new PGlite({ dataDir: target.dataDir });
    try {
      await db.waitReady; // dumpDataDir does not wait for the start itself
      const dump = await db.dumpDataDir('gzip');
      fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  // Renamed only when complete: a crash mid-way never leaves a truncated file under the real name.
  fs.renameSync(partial, file);
  return { bytes: fs.statSync(file).size };
}

/**
 * Restores `file` into the target. A target that already holds a database is refused unless `force`:
 * PostgreSQL then drops the public schema first; the embedded data directory is moved aside (not
 * deleted) to `<dir>.replaced-<time>`, keeping its encryption key in place.
 */
export async function restore(
  target: BackupTarget,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ replaced: string | null }> {
  // replaced: what happened to the database that was there, in words for the operator
  if (!fs.existsSync(file)) throw new Error(`No backup file ${file}`);
  return target.kind === 'postgres'
    ? restorePostgres(target.url, file, options.force === true)
    : restorePglite(target.dataDir, file, options.force === true);
}

async function restorePostgres(
  url: string,
  file: string,
  force: boolean,
): Promise<{ replaced: string | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let tables = 0;
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname = 'public'`,
    );
    tables = rows[0]?.n ?? 0;
    if (tables > 0 && !force)
      throw new RestoreRefused(
        `The database is not empty (${tables} tables); restore with --force to replace it.`,
      );
    if (tables > 0) await client.query('drop schema public cascade; create schema public;');
  } finally {
    await client.end();
  }
  const { dbname, env } = libpqTarget(url);
  // One transaction: a restore that fails half-way leaves the database as empty as it was.
  await run(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    { env, maxBuffer: 16 * 1024 * 1024 },
  );
  return { replaced: tables > 0 ? 'the previous tables were dropped' : null };
}

async function restorePglite(
  dataDir: string,
  file: string,
  force: boolean,
): Promise<{ replaced: string | null }> {
  let replaced: string | null = null;
  if (isPgliteDir(dataDir)) {
    if (!force)
      throw new RestoreRefused(`${dataDir} already holds a database; restore with --force to replace it.`);
    replaced = `${dataDir.replace(/\/+$/, '')}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dataDir, replaced);
    fs.mkdirSync(dataDir, { recursive: true });
    for (const name of KEEP_ON_RESTORE)
      if (fs.existsSync(path.join(replaced, name)))
        fs.copyFileSync(path.join(replaced, name), path.join(dataDir, name));
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new PGlite({ dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
  try {
    await db.waitReady;
    await db.query('select 1');
  } finally {
    await db.close();
  }
  return { replaced: replaced && `the previous data directory was moved to ${replaced}` };
}

function isPgliteDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * The URL for libpq tools without its password (command lines are visible to every local user in
 * `ps`); the password travels in PGPASSWORD instead.
 */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}
