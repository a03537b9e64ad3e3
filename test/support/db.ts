import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrator.ts';

export type TestDbKind = 'pglite' | 'postgres';

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/**
 * PGlite: a migrated data directory dumped to a tarball. PostgreSQL: a migrated template database.
 * Returns what `openTestDatabase` needs to copy it.
 */
export async function prepareTemplate(kind: TestDbKind): Promise<string> {
  if (kind === 'postgres') {
    const name = `gz_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(`create database ${name}`);
    const database = await openDatabase({ url: urlFor(name), poolSize: 2 });
    await migrate(database);
    await database.close();
    return name;
  }
  const database = await openDatabase({});
  await migrate(database);
  const dump = await database.dumpDataDir!();
  const file = path.join(os.tmpdir(), `gz-pglite-template-${process.pid}-${Date.now()}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

export async function dropTemplate(kind: TestDbKind, template: string): Promise<void> {
  if (kind === 'postgres') await adminQuery(`drop database if exists ${template} with (force)`);
  else fs.rmSync(template, { force: true });
}

/** A private, migrated database for one test file, and the function that throws it away. */
export async function openTestDatabase(
  kind: TestDbKind,
  template: string,
): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  if (kind === 'postgres') {
    const name = `gz_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await adminQuery(`create database ${name} template ${template}`);
    const database = await openDatabase({ url: urlFor(name), poolSize: 4 });
    return {
      database,
      url: urlFor(name),
      drop: async () => {
        await database.close();
        await adminQuery(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(template)]) });
  return { database, drop: () => database.close() };
}
