import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { Config } from '../../src/server/config.ts';
import type { Deps } from '../../src/server/platform/deps.ts';
import type { App } from '../../src/server/platform/http.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser, type Session } from '../support/factories.ts';

/** The request edge: security headers, the client address, text that cannot be stored, empty patches. */
let t: TestApp;
let streetId: number;
let admin: Session;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  streetId = await newStreet(t.deps);
  admin = await login(t.app, await newUser(t.deps, 'system_admin', null));
  leader = await login(t.app, await newUser(t.deps, 'street_leader', streetId));
});
afterAll(() => t.close());

/** The same database behind an app built with other settings. */
async function appWith(config: Partial<Config>): Promise<App> {
  const deps: Deps = { ...t.deps, config: { ...t.deps.config, ...config } };
  return (await buildApp(deps)).app;
}

describe('security headers', () => {
  const expectHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  };

  it('are on API answers, errors included, and on the API docs page', async () => {
    expectHeaders((await leader.call('GET', '/api/auth/me')).headers);
    expectHeaders((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).headers); // 401
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.headers['content-type']).toContain('text/html');
    expectHeaders(docs.headers);
  });

  it('add HSTS only when the deployment says it is served over HTTPS', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    const secureApp = await appWith({ secureCookies: true });
    const secure = await secureApp.inject({ method: 'GET', url: '/healthz' });
    expect(secure.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    await secureApp.close();
  });
});

describe('client address (TRUST_PROXY)', () => {
  const forged = '203.0.113.77';

  async function failedLoginIp(app: App, xff: string): Promise<string | null> {
    const username = `nobody-${Math.random().toString(36).slice(2)}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': xff },
      payload: { username, password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    const row = await t.deps.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login_failed')
      .where(sql<string>`payload->>'username'`, '=', username)
      .executeTakeFirstOrThrow();
    return row.ip;
  }

  it('ignores a client-set X-Forwarded-For by default', async () => {
    expect(t.deps.config.trustProxy).toBe(false);
    const ip = await failedLoginIp(t.app, forged);
    expect(ip).toBe('127.0.0.1');
    const all = await t.deps.db.selectFrom('audit_log').select('ip').where('ip', '=', forged).execute();
    expect(all).toEqual([]);
  });

  it('believes it only from the proxies TRUST_PROXY names', async () => {
    const trusting = await appWith({ trustProxy: ['127.0.0.1/32'] });
    expect(await failedLoginIp(trusting, forged)).toBe(forged);
    await trusting.close();
    const elsewhere = await appWith({ trustProxy: ['10.0.0.0/8'] });
    expect(await failedLoginIp(elsewhere, forged)).toBe('127.0.0.1');
    await elsewhere.close();
  });

  it('never lets a forged address reach the sign-in throttle: failures count against the real one', async () => {
    const throttleKeys = async () =>
      (await t.deps.db.selectFrom('login_throttle').select(['key', 'failures']).execute()).filter((r) =>
        r.key.startsWith('ip:'),
      );
    const before = (await throttleKeys()).find((r) => r.key === 'ip:127.0.0.1')?.failures ?? 0;
    for (let i = 1; i <= 3; i++) await failedLoginIp(t.app, `198.51.100.${i}`);
    const after = await throttleKeys();
    expect(after.find((r) => r.key === 'ip:127.0.0.1')?.failures).toBe(before + 3);
    expect(after.filter((r) => r.key.startsWith('ip:198.51.100.'))).toEqual([]);
    // …and a trusted proxy's forwarded address is the one throttled
    const trusting = await appWith({ trustProxy: ['127.0.0.1/32'] });
    await failedLoginIp(trusting, '198.51.100.9');
    await trusting.close();
    expect((await throttleKeys()).find((r) => r.key === 'ip:198.51.100.9')?.failures).toBe(1);
  });

  it('with a hop count, takes the address that many proxies back, not what the client wrote', async () => {
    const oneHop = await appWith({ trustProxy: 1 });
    // The client wrote the first entry; our one proxy appended the address it saw.
    expect(await failedLoginIp(oneHop, `${forged}, 198.51.100.5`)).toBe('198.51.100.5');
    await oneHop.close();
  });
});

describe('text the database cannot store', () => {
  it('refuses NUL in a body field with a 400 naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a\u0000b', password: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.username' }] });
  });

  it('refuses lone surrogates, NUL in queries, paths, nested fields and headers', async () => {
    const surrogate = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"\\ud800","password":"x"}',
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().details[0].path).toBe('body.username');
    const paired = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '😀', password: 'x' },
    });
    expect(paired.statusCode).toBe(401); // a proper pair is ordinary text

    const query = await leader.call('GET', '/api/households?q=%00');
    expect(query.statusCode).toBe(400);
    expect(query.json().details[0].path).toBe('query.q');
    const path = await leader.call('GET', '/api/households/1%00');
    expect(path.statusCode).toBe(400);
    expect(path.json().details[0].path).toBe('params.id');
    const nested = await admin.call('POST', '/api/tenants', { code: 'x', name: { deep: ['\ud800'] } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().details[0].path).toBe('body.name.deep.0');
    const header = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'x-anything': 'a\u0000' },
    });
    // Strangers are refused first (401); a signed-in caller learns which header is wrong.
    expect(header.statusCode).toBe(401);
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: leader.cookie, 'x-anything': 'a\u0000' },
    });
    expect(signedIn.statusCode).toBe(400);
    expect(signedIn.json().details[0].path).toBe('headers.x-anything');
  });

  it('answers numbers beyond any id with 400', async () => {
    const res = await leader.call('GET', '/api/households/99999999999999999999');
    expect(res.statusCode).toBe(400);
  });
});

describe('malformed upload forms', () => {
  it('answer 400 whichever route reads the form, not 500 from the parser', async () => {
    const forms = [
      { type: 'multipart/form-data', payload: 'x' }, // no boundary
      {
        type: 'multipart/form-data; boundary=gz', // cut off inside the file
        payload: '--gz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nxx',
      },
    ];
    for (const form of forms) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/safety/photos',
        headers: { cookie: leader.cookie, 'x-csrf-token': leader.csrf, 'content-type': form.type },
        payload: form.payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_request', message: expect.stringContaining('表单') });
    }
  });
});

describe('empty patches', () => {
  it('are refused with 400 before any UPDATE is built', async () => {
    const res = await admin.call('PATCH', '/api/users/1', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].message).toBe('没有要修改的内容');
    const unknownOnly = await admin.call('PATCH', '/api/users/1', { notAField: 1 });
    expect(unknownOnly.statusCode).toBe(400);
  });
});

describe('unique violations', () => {
  it('become 409 with a message, also when two requests race past the service check', async () => {
    const code = `race-${process.pid}`;
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => admin.call('POST', '/api/tenants', { code, name: `并发街道${i}` })),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().message).toBeTruthy();
  });
});
