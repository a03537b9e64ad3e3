import { sql } from 'kysely';
import type { Deps } from './deps.ts';
import { HOUR } from './clock.ts';
import type { PeriodicTask } from './jobs.ts';

/**
 * Planner statistics and dead rows. PostgreSQL's autovacuum gathers statistics and reclaims the
 * row versions that updates leave behind some time after many rows change; PGlite (the embedded
 * database) has no autovacuum at all. Without statistics the planner guesses row counts (a guess of
 * "one row" for a freshly imported estate turned a 10 ms count into 3–30 s); without vacuuming,
 * every update of a household leaves a dead version in the table and in each of its indexes, so
 * the demo street's 1,859 households filled 829 pages (17,000 row versions) and every count over
 * them read all of it. Queries are written so their plans hold without statistics; gathering them
 * after bulk writes and periodically keeps every other plan good and the tables compact.
 */

/**
 * After bulk writes (ledger import, demo seed), with the connection that wrote, after its
 * transaction committed: `VACUUM (ANALYZE)` of the given tables (all of the database when none
 * given) — statistics for the planner, and the dead row versions reclaimed and pages marked
 * all-visible so that counts can be answered from indexes. Sampling and the visibility map keep it
 * bounded (a few hundred ms for a million-household street). Two processes doing it at once queue
 * on the table's lock (VACUUM and ANALYZE take a self-conflicting lock): no double work at the same
 * time, nothing kept per process. Does nothing when `GONGZHI_ANALYZE=off`, so benchmarks can check
 * plans on a never-analysed database.
 */
export async function analyze(
  deps: Pick<Deps, 'db' | 'config' | 'log'>,
  tables: readonly string[] = [],
  options: { vacuum?: boolean } = {},
) {
  if (!deps.config.analyze) return;
  const started = Date.now();
  const verb = options.vacuum === false ? sql`analyze` : sql`vacuum (analyze)`;
  if (tables.length === 0) await sql`${verb}`.execute(deps.db);
  else await sql`${verb} ${sql.join(tables.map((t) => sql.id(t)))}`.execute(deps.db);
  deps.log.debug({ tables, ms: Date.now() - started }, 'statistics gathered');
}

/**
 * Every six hours, the whole database, run by one process per turn (the `periodic_tasks` claim):
 * cheap on the tables that hardly changed. PostgreSQL's autovacuum reclaims dead rows itself, so
 * there only statistics are gathered; the embedded database is vacuumed too.
 */
export const statisticsTask: PeriodicTask = {
  name: 'statistics',
  everyMs: 6 * HOUR,
  run: (deps) => analyze(deps, [], { vacuum: deps.database.kind === 'pglite' }),
};
