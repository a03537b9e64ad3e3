import type { FastifyRequest } from 'fastify';
import { ActorCache, type CachedAuth } from './actor-cache.ts';
import type { Actor } from './context.ts';
import type { Deps } from './deps.ts';
import { AppError, requestLang } from './errors.ts';
import { checkRoutePermission, type App } from './http.ts';

/**
 * Who sends a request, found by the auth module (which owns users, sessions and tokens) and handed in
 * by app.ts, so that this hook, run for every request, needs no module of its own.
 */
export interface ActorResolvers {
  token(deps: Deps, token: string): Promise<Actor | null>;
  session(deps: Deps, sessionToken: string): Promise<CachedAuth | null>;
}

export const SESSION_COOKIE = 'gz_sid';
export const CSRF_COOKIE = 'gz_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a session may reach before its required second factor is set up. */
const ENROLMENT_ROUTES = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/mfa',
  '/api/auth/mfa/setup',
  '/api/auth/mfa/confirm',
]);

/** A user who must have a second factor and has none is sent to set it up before anything else. */
function assertEnrolmentDone(request: FastifyRequest): void {
  if (!request.ctx?.actor.mfaEnrolmentPending) return;
  if (ENROLMENT_ROUTES.has(request.routeOptions.url ?? '')) return;
  throw new AppError(
    'forbidden',
    { mfaEnrolmentRequired: true },
    {
      zh: '请先设置双因素认证（动态验证码）',
      en: 'Set up two-factor sign-in (authenticator codes) first',
    },
  );
}

/**
 * Resolves the actor of every request (bearer token or session cookie), enforces CSRF on
 * cookie-authenticated mutations, then applies the route's declared permission. Runs in onRequest,
 * so anonymous calls get 401 before any body is validated.
 */
export function registerAuthHook(app: App, deps: Deps, resolve: ActorResolvers): void {
  const actors = new ActorCache(deps);
  app.addHook('onReady', () => actors.start());
  app.addHook('onClose', () => actors.stop());
  // A change this process made must hold for its very next request, before its NOTIFY comes back.
  app.addHook('onSend', async (request) => {
    if (!SAFE_METHODS.has(request.method)) actors.clear();
  });
  app.decorateRequest('ctx', null);
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (!request.url.startsWith('/api/')) return;
    const lang = requestLang(request);
    const base = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, lang };
    const authz = request.headers.authorization;
    if (authz?.startsWith('Bearer ')) {
      const token = authz.slice(7).trim();
      const found = await actors.resolve('token', token, async () => {
        const actor = await resolve.token(deps, token);
        return actor && { actor, csrfToken: null, expiresAt: null };
      });
      if (!found) throw new AppError('unauthenticated');
      request.ctx = { actor: found.actor, ...base };
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      const session = sid ? await actors.resolve('session', sid, () => resolve.session(deps, sid)) : null;
      if (session) {
        request.ctx = { actor: session.actor, ...base };
        if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
          throw new AppError('csrf_failed');
        }
      }
    }
    // Unmatched API paths (including those only the static-file wildcard matches): strangers get
    // 401, signed-in users the not-found answer.
    const unmatched = request.is404 || request.routeOptions.url === '/*';
    if (unmatched) {
      if (!request.ctx) throw new AppError('unauthenticated');
      return;
    }
    assertEnrolmentDone(request);
    checkRoutePermission(request, permission);
  });
}
