import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDbKind, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type TestUser } from '../../../../test/support/factories.ts';
import { buildApp } from '../../app.ts';
import { createDeps } from '../../bootstrap.ts';
import { openDatabase } from '../../db/database.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { App } from '../../platform/http.ts';

// Two server processes on one database: A changes a sign-in, B (which has the actor cached) must
// refuse it within a second. The clock never moves, so B's entries never age out: only the
// notification can make B forget.
let a: TestApp;
let b: App;
let closeB: () => Promise<void>;
let user: TestUser;

beforeAll(async () => {
  const clock = new ManualClock();
  a = await createTestApp({ clock });
  let database = a.deps.database; // PGlite: one embedded database is one process
  if (testDbKind() === 'postgres') {
    // PostgreSQL: B gets its own pool and its own LISTEN connection, as another process would.
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(a.deps.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.name}`;
    database = await openDatabase({ url: url.toString(), poolSize: 2 });
  }
  const depsB = await createDeps(a.deps.config, { database, clock, logLevel: 'silent' });
  b = (await buildApp(depsB)).app;
  await b.ready();
  closeB = async () => {
    await b.close();
    await depsB.events.stop();
    if (database !== a.deps.database) await database.close();
  };
  const street = await newStreet(a.deps);
  user = await newUser(a.deps, 'street_leader', street);
});
afterAll(async () => {
  await closeB();
  await a.close();
});

/** Asks B until it answers 401, for at most a second; returns how long that took. */
async function refusedByB(headers: Record<string, string>): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 1000) {
    const res = await b.inject({ method: 'GET', url: '/api/auth/me', headers });
    if (res.statusCode === 401) return Date.now() - t0;
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('process B still accepts the credential a second later');
}

describe('signed-in actors cached per process', () => {
  it('a token revoked on one process stops working on another within a second', async () => {
    const session = await login(a.app, user);
    const created = await session.call('POST', '/api/auth/tokens', { name: 'cli' });
    const { id, token } = created.json<{ id: number; token: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    for (let i = 0; i < 3; i++)
      expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(200);

    expect((await session.call('DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(200);
    expect(await refusedByB(bearer)).toBeLessThan(1000);
  });

  it('a user disabled by any means (here plain SQL) is signed out on every process within a second', async () => {
    const session = await login(a.app, user);
    const cookie = { cookie: session.cookie };
    for (let i = 0; i < 3; i++)
      expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: cookie })).statusCode).toBe(200);

    await sql`update users set disabled = true where id = ${user.id}`.execute(a.deps.db);
    expect(await refusedByB(cookie)).toBeLessThan(1000);
  });
});
