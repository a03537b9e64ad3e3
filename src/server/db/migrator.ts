import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';
import { MIGRATIONS_DIR, migrationFiles } from './migration-files.ts';

// One advisory lock key for all migrating processes: several servers starting at once take turns.
const MIGRATION_LOCK = 726_4001;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies pending forward-only migrations, each in its own transaction together with its
 * bookkeeping row. A process that loses the race to another hits the primary key of
 * schema_migrations, rolls back, and moves on.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  await database.execScript(`
    begin;
    select pg_advisory_xact_lock(${MIGRATION_LOCK});
    create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    );
    commit;`);
  const applied: string[] = [];
  for (const file of migrationFiles(dir)) {
    if (await isApplied(database, file)) continue;
    const body = fs.readFileSync(path.join(dir, file), 'utf8');
    try {
      await database.execScript(
        `begin;\nselect pg_advisory_xact_lock(${MIGRATION_LOCK});\n` +
          `insert into schema_migrations (name) values ('${file}');\n${body}\n;commit;`,
      );
      applied.push(file);
    } catch (error) {
      await database.execScript('rollback;').catch(() => undefined);
      if (await isApplied(database, file)) continue; // another process applied it meanwhile
      throw new Error(`Migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return { applied };
}

async function isApplied(database: Database, file: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('schema_migrations')
    .select('name')
    .where('name', '=', file)
    .executeTakeFirst();
  return row !== undefined;
}
