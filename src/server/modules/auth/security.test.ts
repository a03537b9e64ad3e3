import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type TestUser } from '../../../../test/support/factories.ts';
import { sql } from 'kysely';
import { ManualClock } from '../../platform/clock.ts';
import { auditCheckpointTask } from '../../platform/audit-seal.ts';

let t: TestApp;
let clock: ManualClock;
let street: number;
let leader: TestUser;

beforeAll(async () => {
  clock = new ManualClock();
  t = await createTestApp({ clock });
  street = await newStreet(t.deps);
  leader = await newUser(t.deps, 'street_leader', street);
});
afterAll(() => t.close());

describe('password policy at every door', () => {
  it('refuses weak passwords on user creation and admin reset with a message in both languages', async () => {
    const s = await login(t.app, leader);
    const weak = ['12345678', 'password12', 'Password1!', 'abcdefghijk', 'Zhang.san2026'];
    for (const password of weak) {
      const res = await s.call('POST', '/api/users', {
        username: 'zhang.san',
        displayName: '张三',
        password,
        role: 'cadre',
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().details[0]).toMatchObject({ path: 'body.password' });
    }
    const ok = await s.call('POST', '/api/users', {
      username: 'zhang.san',
      displayName: '张三',
      password: 'Lake#view-2026',
      role: 'cadre',
    });
    expect(ok.statusCode).toBe(200);
    const reset = await s.call('PATCH', `/api/users/${ok.json().id}`, { password: 'qwerty@123' });
    expect(reset.statusCode).toBe(400);
    const en = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${ok.json().id}`,
      headers: { cookie: `${s.cookie}; gz_lang=en`, 'x-csrf-token': s.csrf },
      payload: { password: 'short' },
    });
    expect(en.json().details[0].message).toMatch(/at least 10 characters/);
  });

  it('applies to changing one’s own password, which needs the current one', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const s = await login(t.app, cadre);
    const other = await login(t.app, cadre);
    const wrong = await s.call('POST', '/api/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'River#bend-2026',
    });
    expect(wrong.statusCode).toBe(400);
    const weak = await s.call('POST', '/api/auth/password', {
      currentPassword: cadre.password,
      newPassword: 'iloveyou12',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details[0].path).toBe('body.newPassword');
    const ok = await s.call('POST', '/api/auth/password', {
      currentPassword: cadre.password,
      newPassword: 'River#bend-2026',
    });
    expect(ok.statusCode).toBe(200);
    expect((await s.call('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await other.call('GET', '/api/auth/me')).statusCode).toBe(401);
    await login(t.app, { username: cadre.username, password: 'River#bend-2026' });
  });
});

describe('audit verification from the web', () => {
  it('lists every break: a leader those of the street, a system admin those of every street', async () => {
    const other = await newStreet(t.deps, '另一街道');
    const admin = await newUser(t.deps, 'system_admin', null);
    await auditCheckpointTask.run(t.deps);
    const leaderSession = await login(t.app, leader);
    const clean = (await leaderSession.call('POST', '/api/audit/verify')).json();
    expect(clean).toMatchObject({ ok: true, totalBreaks: 0 });
    expect(clean.checkpoints).toBeGreaterThan(0);

    for (const tenantId of [street, other]) {
      await sql`update audit_log set payload = '{"forged":true}' where tenant_id = ${tenantId} and seq = 1`.execute(
        t.deps.db,
      );
    }
    const mine = (await leaderSession.call('POST', '/api/audit/verify')).json();
    expect(mine.ok).toBe(false);
    expect(mine.breaks.map((b: { tenantId: number }) => b.tenantId)).toEqual([street]);
    const all = (await (await login(t.app, admin)).call('POST', '/api/audit/verify')).json();
    const streets = new Set(all.breaks.map((b: { tenantId: number }) => b.tenantId));
    expect(streets).toEqual(new Set([street, other]));
  });
});
