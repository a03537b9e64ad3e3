import client from 'prom-client';
import { safeEqual } from './crypto.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import type { App } from './http.ts';

/**
 * Request counts and latencies per route, in Prometheus text (one registry per app instance), served
 * at /metrics with the counters that modules keep in their own registries (`more`) appended.
 */
export function registerMetrics(app: App, deps: Deps, more: readonly client.Registry[] = []): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    {
      config: { permission: 'public' },
      schema: {
        hide: false,
        tags: ['system'],
        summary: 'Prometheus metrics (Authorization: Bearer GONGZHI_METRICS_TOKEN)',
      },
    },
    async (request, reply) => {
      assertMetricsToken(deps.config.metricsToken, request.headers.authorization);
      const texts = await Promise.all([registry, ...more].map((one) => one.metrics()));
      return reply.header('content-type', registry.contentType).send(texts.join('\n'));
    },
  );
}

/**
 * Metrics tell an outsider how busy the office is and which routes it uses: only a scraper holding
 * GONGZHI_METRICS_TOKEN reads them. Without the setting the endpoint does not exist (404).
 */
function assertMetricsToken(expected: string | undefined, authorization: string | undefined): void {
  if (!expected) throw new AppError('not_found');
  const given = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  if (!safeEqual(given, expected)) throw new AppError('unauthenticated');
}
