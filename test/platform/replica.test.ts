import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { createDeps } from '../../src/server/bootstrap.ts';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import { openTestDatabase } from '../support/db.ts';
import { TEST_AUDIT_KEY, TEST_KEY, testDbKind } from '../support/app.ts';
import { login, newStreet, newUser } from '../support/factories.ts';

/**
 * DATABASE_READ_URL: the heavy read-only pages run on the replica. Here the "replica" is the same
 * database opened read-only (default_transaction_read_only), so any write that slipped into a
 * replica path fails exactly as it would on a hot standby.
 */
describe.skipIf(testDbKind() !== 'postgres')('read replica (DATABASE_READ_URL)', () => {
  let database: Database;
  let deps: Deps;
  let built: BuiltApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const test = await openTestDatabase('postgres', inject('dbTemplate'));
    drop = test.drop;
    const readOnly = new URL(test.url!);
    readOnly.searchParams.set('options', '-c default_transaction_read_only=on');
    database = await openDatabase({ url: test.url!, readUrl: readOnly.toString(), poolSize: 2 });
    const config = loadConfig({
      GONGZHI_ENCRYPTION_KEY: TEST_KEY,
      GONGZHI_AUDIT_KEY: TEST_AUDIT_KEY,
      // a street leader signs in with a password only, as in every other test (test/support/app.ts)
      GONGZHI_MFA_REQUIRED: 'false',
      LOG_LEVEL: 'silent',
    });
    deps = await createDeps(config, { database, logLevel: 'silent' });
    built = await buildApp(deps);
  });
  afterAll(async () => {
    await built.app.close();
    await deps.events.stop();
    await database.close();
    await drop();
  });

  it('opens the replica read-only, so the check below can fail', async () => {
    expect(deps.readDb).not.toBe(deps.db);
    await expect(sql`create table replica_probe (x int)`.execute(deps.readDb)).rejects.toThrow(
      /read-only transaction/,
    );
  });

  it('serves dashboards, figures and the ledger export from the replica, and writes to the primary', async () => {
    const tenantId = await newStreet(deps, '读库街道');
    const leader = await newUser(deps, 'street_leader', tenantId);
    const session = await login(built.app, leader);
    for (const url of [
      '/api/dashboard',
      '/api/safety/figures',
      '/api/iot/figures',
      '/api/households/export',
    ]) {
      const res = await session.call('GET', url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    }
    // The export's audit row was written (to the primary) although its rows came from the replica.
    const audit = await deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'household.export')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
