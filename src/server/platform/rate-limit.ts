import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import type { App } from './http.ts';

const WINDOW_MS = 60_000;
const SWEEP_EVERY = 500;
/** Probes of the load balancer and the metrics scraper are never limited. */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);

/** Anonymous callers (no session cookie, no bearer token) and every call to a public route count. */
function counts(request: FastifyRequest, sessionCookie: string): boolean {
  if (!request.url.startsWith('/api/') || EXEMPT.has(request.url)) return false;
  if (request.routeOptions.config?.permission === 'public') return true;
  return !request.headers.authorization && !request.cookies[sessionCookie];
}

/**
 * Counts one request of `key` in the current minute, in one statement so concurrent requests on
 * any number of processes all count. Gives the hits so far and when the minute ends.
 */
export async function hit(deps: Deps, key: string): Promise<{ hits: number; resetsAt: number }> {
  const now = deps.clock.now().getTime();
  const windowStart = new Date(Math.floor(now / WINDOW_MS) * WINDOW_MS);
  const row = await sql<{ hits: number }>`
    insert into rate_limit_hits (key, window_start, hits) values (${key}, ${windowStart}, 1)
    on conflict (key) do update set
      hits = case when rate_limit_hits.window_start = excluded.window_start
        then rate_limit_hits.hits + 1 else 1 end,
      window_start = excluded.window_start
    returning hits`.execute(deps.db);
  return { hits: Number(row.rows[0]!.hits), resetsAt: windowStart.getTime() + WINDOW_MS };
}

/**
 * GONGZHI_PUBLIC_RATE_LIMIT requests per minute and client address (as TRUST_PROXY resolves it) on
 * anonymous and public API routes; beyond it 429 with Retry-After until the minute ends.
 */
export function registerRateLimit(app: App, deps: Deps, sessionCookie: string): void {
  let sinceSweep = 0;
  app.addHook('onRequest', async (request) => {
    if (!counts(request, sessionCookie)) return;
    const { hits, resetsAt } = await hit(deps, `ip:${request.ip ?? 'unknown'}`);
    if (++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      const before = new Date(deps.clock.now().getTime() - 10 * WINDOW_MS).toISOString();
      await deps.db.deleteFrom('rate_limit_hits').where('window_start', '<', before).execute();
    }
    if (hits > deps.config.publicRateLimit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((resetsAt - deps.clock.now().getTime()) / 1000));
      throw new AppError('rate_limited', { retryAfterSeconds });
    }
  });
}
