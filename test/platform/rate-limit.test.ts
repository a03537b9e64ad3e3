import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser } from '../support/factories.ts';

const LIMIT = 6;
let t: TestApp;
let second: BuiltApp;
const clock = new ManualClock('2026-11-27T08:00:10.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock, env: { GONGZHI_PUBLIC_RATE_LIMIT: String(LIMIT) } });
  // a second app process on the same database: nothing of the count is kept in memory
  second = await buildApp(t.deps);
});
afterAll(async () => {
  await second.app.close();
  await t.close();
});

const me = (app: BuiltApp['app'], ip: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: ip, headers });

describe('rate limit on anonymous and public routes', () => {
  it('is shared by two app instances on one database, answers 429 with Retry-After, and ends with the minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++)
      statuses.push((await me(i % 2 ? second.app : t.app, '10.0.0.1')).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(401));
    const limited = await me(second.app, '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBe('50');
    expect((await me(t.app, '10.0.0.1')).statusCode).toBe(429);
    // another address has its own count; public sign-in counts as well
    expect((await me(t.app, '10.0.0.2')).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.1',
      payload: { username: 'x', password: 'y' },
    });
    expect(signIn.statusCode).toBe(429);
    clock.advance(50_000);
    expect((await me(second.app, '10.0.0.1')).statusCode).toBe(401);
  });

  it('does not count signed-in callers on their own routes, nor health probes', async () => {
    const street = await newStreet(t.deps);
    clock.advance(60_000);
    const session = await login(t.app, await newUser(t.deps, 'cadre', street));
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await session.call('GET', '/api/auth/me');
      expect(res.statusCode).toBe(200);
    }
    for (let i = 0; i < LIMIT + 2; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    }
  });

  it('gives Retry-After on the sign-in lock too', async () => {
    clock.advance(60_000);
    const street = await newStreet(t.deps, '第二街道');
    const user = await newUser(t.deps, 'cadre', street);
    let last = await t.app.inject({ method: 'GET', url: '/healthz' });
    for (let i = 0; i < 6; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.1.0.${i}`,
        payload: { username: user.username, password: 'wrong-password' },
      });
    }
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('login_locked');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });
});
