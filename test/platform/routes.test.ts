import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_METRICS_TOKEN, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser } from '../support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.ready();
});
afterAll(() => t.close());

const apiRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));

describe('route permissions', () => {
  it('every registered route declares its permission', () => {
    const undeclared = t.routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(apiRoutes().length).toBeGreaterThan(10);
  });

  it('answers 401 to anonymous calls on every non-public API route', async () => {
    const failures: string[] = [];
    for (const route of apiRoutes().filter((r) => r.permission !== 'public')) {
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' ? undefined : {},
      });
      if (res.statusCode !== 401 || res.json().code !== 'unauthenticated')
        failures.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a bogus bearer token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer gz_nope' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document covering every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect((result as { errors?: unknown[] }).errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const missing = apiRoutes()
      .filter((r) => r.url !== '/api/openapi.json')
      .filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('serves interactive docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('operations endpoints', () => {
  it('reports health, readiness and metrics', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_requests_total');
    expect(metrics.body).toContain('http_request_duration_seconds');
  });

  it('keeps /metrics from anonymous callers and wrong tokens', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer test-metrics-token-0123456780' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('http_requests_total');
  });

  it('has no /metrics at all without GONGZHI_METRICS_TOKEN', async () => {
    const bare = await createTestApp({ env: { GONGZHI_METRICS_TOKEN: '' } });
    try {
      const res = await bare.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('returns a request id and a localised error body, never internals', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(anonymous.statusCode).toBe(401); // unknown API paths reveal nothing to strangers
    const s = await login(t.app, await newUser(t.deps, 'cadre', await newStreet(t.deps)));
    const zh = await s.call('GET', '/api/nope');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'not_found', message: '找不到该记录' });
    expect(zh.headers['x-request-id']).toBeTruthy();
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/nope',
      headers: { cookie: s.cookie, 'accept-language': 'en-US' },
    });
    expect(en.json().message).toBe('Not found');
  });
});
