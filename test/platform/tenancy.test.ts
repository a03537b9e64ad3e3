import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser, TEST_PASSWORD } from '../support/factories.ts';

let t: TestApp;
let streetA: number;
let streetB: number;

beforeAll(async () => {
  t = await createTestApp();
  streetA = await newStreet(t.deps, '甲街道');
  streetB = await newStreet(t.deps, '乙街道');
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it("keeps one street's users and audit trail out of another street's reach", async () => {
    const leaderA = await login(t.app, await newUser(t.deps, 'street_leader', streetA));
    const cadreB = await newUser(t.deps, 'cadre', streetB);

    const list = (await leaderA.call('GET', '/api/users')).json();
    expect(list.items.every((u: { tenantId: number }) => u.tenantId === streetA)).toBe(true);
    expect(list.items.map((u: { id: number }) => u.id)).not.toContain(cadreB.id);

    const patch = await leaderA.call('PATCH', `/api/users/${cadreB.id}`, { displayName: '改名' });
    expect(patch.statusCode).toBe(404);
    const row = await t.deps.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', cadreB.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).not.toBe('改名');

    const audit = (await leaderA.call('GET', '/api/audit?limit=500')).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(cadreB.username);
  });

  it('lets a street leader create users only in their own street and never platform roles', async () => {
    const leaderA = await login(t.app, await newUser(t.deps, 'street_leader', streetA));
    const created = await leaderA.call('POST', '/api/users', {
      username: `cadre_a_${process.pid}`,
      displayName: '新干部',
      password: TEST_PASSWORD,
      role: 'cadre',
      tenantId: streetB,
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().tenantId).toBe(streetA);
    const admin = await leaderA.call('POST', '/api/users', {
      username: `root_${process.pid}`,
      displayName: 'x',
      password: TEST_PASSWORD,
      role: 'system_admin',
    });
    expect(admin.statusCode).toBe(403);
  });

  it('lets a district official switch only to granted streets', async () => {
    const official = await newUser(t.deps, 'district_official', null);
    await t.deps.db
      .insertInto('user_tenant_grants')
      .values({ user_id: official.id, tenant_id: streetA })
      .execute();
    const s = await login(t.app, official);
    const me = (await s.call('GET', '/api/auth/me')).json();
    expect(me.tenants.map((x: { id: number }) => x.id)).toEqual([streetA]);
    expect((await s.call('POST', '/api/auth/tenant', { tenantId: streetB })).statusCode).toBe(404);
    expect((await s.call('POST', '/api/auth/tenant', { tenantId: streetA })).json().tenant.id).toBe(streetA);
  });

  it('names invalid fields in the request language', async () => {
    const leaderA = await login(t.app, await newUser(t.deps, 'street_leader', streetA));
    const res = await leaderA.call('POST', '/api/users', { username: 'x', role: 'king' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.username', 'body.displayName', 'body.password', 'body.role']),
    );
  });
});
