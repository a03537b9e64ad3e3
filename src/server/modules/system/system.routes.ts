import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import { requireTenant } from '../../access/access.ts';
import { AppError } from '../../platform/errors.ts';
import { mayReceive } from '../../platform/events.ts';

export function systemRoutes(app: App, deps: Deps): void {
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
