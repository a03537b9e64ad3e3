import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from './platform/deps.ts';
import { registerTextEdge } from './platform/edge.ts';
import { AppError, handleError } from './platform/errors.ts';
import { securityHeaders } from './platform/headers.ts';
import { serializerCompiler } from './platform/serialize.ts';
import type { App, RoutePermission } from './platform/http.ts';
import { registerPhotoBodies } from './platform/uploads.ts';
import { registerCompression, registerWebApp } from './platform/web.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { resolveSession, resolveToken } from './modules/auth/auth.service.ts';
import { registerRateLimit } from './platform/rate-limit.ts';
import { registerAuthHook, SESSION_COOKIE } from './platform/auth-hook.ts';
import { registerMetrics } from './platform/metrics.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { householdRoutes } from './modules/households/households.routes.ts';
import { renewalRoutes } from './modules/renewal/renewal.routes.ts';
import { relocationRoutes } from './modules/relocation/relocation.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { suggestionRoutes } from './modules/suggestions/suggestions.routes.ts';
import { legislationRoutes } from './modules/legislation/legislation.routes.ts';
import { councilRoutes } from './modules/council/council.routes.ts';
import { mediationRoutes } from './modules/mediation/mediation.routes.ts';
import { iotRoutes } from './modules/iot/iot.routes.ts';
import { iotRegistry } from './modules/iot/iot.ingest.common.ts';
import { antifraudRoutes } from './modules/antifraud/antifraud.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { safetyRoutes } from './modules/safety/safety.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { opinionRoutes } from './modules/opinion/opinion.routes.ts';

// GZ_WEB_DIST lets parallel test runs build and serve their own copy of the web app.
const WEB_DIST =
  process.env.GZ_WEB_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}

export interface BuiltApp {
  app: App;
  /** Every route with its declared permission, for the route/permission test. */
  routes: RegisteredRoute[];
}

/** Modules register here, one line each; order does not matter. */
const modules: Array<(app: App, deps: Deps) => void> = [
  systemRoutes,
  authRoutes,
  adminRoutes,
  householdRoutes,
  legislationRoutes,
  suggestionRoutes,
  renewalRoutes,
  relocationRoutes,
  councilRoutes,
  mediationRoutes,
  iotRoutes,
  antifraudRoutes,
  portalRoutes,
  inboxRoutes,
  safetyRoutes,
  dashboardRoutes,
  opinionRoutes,
];

/**
 * TRUST_PROXY as Fastify takes it. A hop count trusts that many proxies in front of us, whatever
 * their address (Fastify itself refuses plain numbers): only right when the server cannot be
 * reached except through them — otherwise list their addresses.
 */
function trustProxyOption(setting: Deps['config']['trustProxy']) {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return [...setting];
}

/** Builds the HTTP application around the given dependencies. Never listens: main.ts and tests do. */
export async function buildApp(
  deps: Deps,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    loggerInstance: options.logger === undefined ? deps.log : undefined,
    logger: options.logger === undefined ? undefined : options.logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // Off unless TRUST_PROXY names the proxies: a client-set X-Forwarded-For is never believed.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
  } as FastifyServerOptions).withTypeProvider<ZodTypeProvider>() as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const url = route.url ?? route.path ?? '';
    // Plugin-made routes: API docs and static web assets are public and never authenticate.
    if (route.config.permission === undefined && (url.startsWith('/api/docs') || !url.startsWith('/api/'))) {
      if (!['/healthz', '/readyz', '/metrics'].includes(url)) route.config.permission = 'public';
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url, permission: route.config.permission });
    }
  });

  await app.register(helmet, securityHeaders(deps.config));
  registerTextEdge(app);
  // before compression: it keeps the answer's JSON text, not the compressed stream
  registerIdempotency(app, deps);
  // before every route, so its hook sees them all (and before static files, which are pre-compressed)
  await registerCompression(app);
  await app.register(cookie);
  registerPhotoBodies(app);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 5, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '共治 Gongzhi API',
        version: '0.1.0',
        description:
          'Whole-process co-governance of old-neighbourhood renewal. Authenticate with the session cookie ' +
          '(browser; mutations need the x-csrf-token header) or `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'gz_sid' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerRateLimit(app, deps, SESSION_COOKIE);
  registerAuthHook(app, deps, { token: resolveToken, session: resolveSession });
  // the IoT ingest keeps its counters beside the pipeline; /metrics appends them to the app's own
  registerMetrics(app, deps, [iotRegistry]);
  for (const register of modules) register(app, deps);
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const hasWeb = await registerWebApp(app, WEB_DIST);
  app.setNotFoundHandler((request, reply) => {
    if (
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      hasWeb &&
      request.headers.accept?.includes('text/html')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    throw new AppError('not_found');
  });

  return { app, routes };
}
