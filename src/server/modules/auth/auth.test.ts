import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type TestUser } from '../../../../test/support/factories.ts';
import { ManualClock, MINUTE } from '../../platform/clock.ts';

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

describe('sign-in', () => {
  it('opens a session with httpOnly cookie and a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: leader.username, password: leader.password },
    });
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'gz_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({
      username: leader.username,
      role: 'street_leader',
      tenant: { id: street },
    });
    expect(res.json().permissions).toContain('household.read_all');
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: leader.username, password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码不正确' });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'nope' },
    });
    expect(unknown.json().code).toBe('invalid_credentials');
  });

  it('locks an account after five failures, then lets it in after the lock expires', async () => {
    const victim = await newUser(t.deps, 'cadre', street);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: victim.username, password: 'bad' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.username, password: victim.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('login_locked');
    expect(locked.json().details.retryAfterSeconds).toBeGreaterThan(0);
    clock.advance(16 * MINUTE);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: victim.username, password: victim.password },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('requires the CSRF header on cookie-authenticated mutations', async () => {
    const s = await login(t.app, leader);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const withHeader = await s.call('POST', '/api/auth/tokens', { name: 'x' });
    expect(withHeader.statusCode).toBe(200);
  });

  it('ends the session on logout', async () => {
    const s = await login(t.app, leader);
    expect((await s.call('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await s.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const s = await login(t.app, leader);
    clock.advance(13 * 60 * MINUTE);
    expect((await s.call('GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('act with the creating user permissions, need no CSRF, and stop working when revoked', async () => {
    const cadre = await newUser(t.deps, 'cadre', street);
    const s = await login(t.app, cadre);
    const created = (await s.call('POST', '/api/auth/tokens', { name: '对接系统' })).json();
    expect(created.token).toMatch(/^gz_/);
    const bearer = { authorization: `Bearer ${created.token}` };

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
    expect(me.json()).toMatchObject({ username: cadre.username, role: 'cadre' });
    // A cadre may not manage users, and neither may the cadre's token.
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer });
    expect(users.statusCode).toBe(403);
    const mutation = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: bearer,
      payload: { name: 'second' },
    });
    expect(mutation.statusCode).toBe(200);

    const list = (await s.call('GET', '/api/auth/tokens')).json();
    expect(list.items.map((i: { name: string }) => i.name)).toContain('对接系统');
    expect(JSON.stringify(list)).not.toContain(created.token);

    expect((await s.call('DELETE', `/api/auth/tokens/${created.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer })).statusCode).toBe(
      401,
    );
  });

  it("cannot revoke another user's token (answers not found)", async () => {
    const a = await login(t.app, await newUser(t.deps, 'cadre', street));
    const b = await login(t.app, await newUser(t.deps, 'cadre', street));
    const token = (await a.call('POST', '/api/auth/tokens', { name: 'mine' })).json();
    const res = await b.call('DELETE', `/api/auth/tokens/${token.id}`);
    expect(res.statusCode).toBe(404);
  });
});
