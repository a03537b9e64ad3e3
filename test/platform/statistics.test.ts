import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../support/app.ts';
import { newStreet } from '../support/factories.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import { runPeriodicIfDue } from '../../src/server/platform/jobs.ts';
import { analyze, statisticsTask } from '../../src/server/platform/statistics.ts';

let deps: Deps;
let close: () => Promise<void>;
let tenantId: number;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
  tenantId = await newStreet(deps);
});
afterAll(() => close());

/** Writes rows and updates each of them a few times, the way a seed or an import leaves a table. */
async function churn(table: 'jobs', rows: number) {
  for (let i = 0; i < rows; i++)
    await deps.db
      .insertInto(table)
      .values({
        tenant_id: tenantId,
        kind: 'test.churn',
        payload: '{}',
        created_by: null,
        created_at: new Date(),
      })
      .execute();
  for (let round = 0; round < 3; round++)
    await deps.db.updateTable(table).set({ attempts: round }).where('kind', '=', 'test.churn').execute();
}

const statisticsRows = async (table: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = ${table}`.execute(
        deps.db,
      )
    ).rows[0]!.n,
  );
const allVisiblePages = async (table: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select relallvisible::int as n from pg_class where oid = ${table}::regclass`.execute(deps.db)
    ).rows[0]!.n,
  );

describe('planner statistics and dead rows', () => {
  it('gathers nothing when GONGZHI_ANALYZE=off', async () => {
    await churn('jobs', 200);
    await analyze({ ...deps, config: { ...deps.config, analyze: false } }, ['jobs']);
    expect(await statisticsRows('jobs')).toBe(0);
    expect(await allVisiblePages('jobs')).toBe(0);
  });

  it('after bulk writes, gathers statistics and reclaims dead rows (pages all-visible again)', async () => {
    await analyze(deps, ['jobs']);
    expect(await statisticsRows('jobs')).toBeGreaterThan(0);
    // only VACUUM marks pages all-visible: without it every count reads the heap and its dead rows
    expect(await allVisiblePages('jobs')).toBeGreaterThan(0);
  });

  it('the periodic run is taken by one process per turn and gathers every table', async () => {
    expect(await statisticsRows('tenants')).toBe(0);
    await sql`update periodic_tasks set next_run_at = now() - interval '1 minute' where name = ${statisticsTask.name}`.execute(
      deps.db,
    );
    const runs = await Promise.all([
      runPeriodicIfDue(deps, statisticsTask),
      runPeriodicIfDue(deps, statisticsTask),
    ]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(await statisticsRows('tenants')).toBeGreaterThan(0);
  });
});
