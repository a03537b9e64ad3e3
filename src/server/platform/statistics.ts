import { sql } from 'kysely';
import type { Deps } from './deps.ts';
import { HOUR } from './clock.ts';
import type { PeriodicTask } from './jobs.ts';

/**
 * Planner statistics. PostgreSQL's autovacuum gathers them some time after many rows change;
 * PGlite (the embedded database) has no autovacuum at all. Without them the planner guesses row
 * counts, and a guess of "one row" for a freshly imported estate turned a 10 ms count into 3–30 s.
 * Queries are written so their plans hold without statistics; gathering them after bulk writes and
 * periodically keeps every other plan good too.
 */

/**
 * `ANALYZE` of the given tables (all of the database when none given). Called after bulk writes
 * (ledger import, demo seed) with the connection that wrote, after its transaction committed.
 * Sampling keeps it bounded (a few hundred ms for a million-household street). Does nothing when
 * `GONGZHI_ANALYZE=off`, so benchmarks can check plans on a never-analysed database.
 */
export async function analyze(deps: Pick<Deps, 'db' | 'config' | 'log'>, tables: readonly string[] = []) {
  if (!deps.config.analyze) return;
  const started = Date.now();
  if (tables.length === 0) await sql`analyze`.execute(deps.db);
  else await sql`analyze ${sql.join(tables.map((t) => sql.id(t)))}`.execute(deps.db);
  deps.log.debug({ tables, ms: Date.now() - started }, 'statistics gathered');
}

/** Every six hours, the whole database: cheap on the tables that hardly changed, and enough for both. */
export const statisticsTask: PeriodicTask = {
  name: 'statistics',
  everyMs: 6 * HOUR,
  run: (deps) => analyze(deps),
};
