import { sql } from 'kysely';
import client from 'prom-client';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { requireTenant } from '../../access/access.ts';
import { AppError } from '../../platform/errors.ts';
import { mayReceive } from '../../platform/events.ts';
import { safeEqual } from '../../platform/crypto.ts';

/** Request counts and latencies per route, in Prometheus text; one registry per app instance. */
export function registerMetrics(app: App): client.Registry {
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
  return registry;
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

export function systemRoutes(app: App, deps: Deps, registry: client.Registry): void {
  const hide = { hide: false, tags: ['system'] };
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: {
        ...hide,
        summary: 'Process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { permission: 'public' },
      schema: {
        ...hide,
        summary: 'Database reachable',
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        throw new AppError('unavailable', undefined, undefined, error);
      }
      return { status: 'ready' as const };
    },
  );
  app.get(
    '/metrics',
    {
      config: { permission: 'public' },
      schema: { ...hide, summary: 'Prometheus metrics (Authorization: Bearer GONGZHI_METRICS_TOKEN)' },
    },
    async (request, reply) => {
      assertMetricsToken(deps.config.metricsToken, request.headers.authorization);
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );

  // One server-sent-event stream per tab carries every live change of the actor's street.
  app.get(
    '/api/events',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['system'], summary: 'Live changes of my street that I may see (server-sent events)' },
    },
    (request, reply) => {
      const { actor } = ctxOf(request);
      const tenantId = requireTenant(actor);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // A dropped stream (a process gone) reconnects after 1 s, through the balancer to another one.
      res.write(`retry: 1000\nevent: hello\ndata: {}\n\n`);
      const unsubscribe = deps.events.subscribe(tenantId, (event) => {
        if (!mayReceive(actor, event)) return;
        res.write(
          `event: ${event.topic}\ndata: ${JSON.stringify('data' in event ? (event.data ?? {}) : {})}\n\n`,
        );
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
