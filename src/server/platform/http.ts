import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../contract/permissions.ts';
import type { RequestContext } from './context.ts';
import { AppError } from './errors.ts';

/**
 * What a route requires. Every route declares one (a test enforces it):
 * 'public' — anyone; 'authenticated' — any signed-in user; a permission or a list (any of them).
 */
export type RoutePermission = 'public' | 'authenticated' | Permission | readonly Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Honours an Idempotency-Key header (platform/idempotency.ts): a repeat answers the first result. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext | null;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The request's context; the auth hook has already refused anonymous calls to non-public routes. */
export function ctxOf(request: FastifyRequest): RequestContext {
  if (!request.ctx) throw new AppError('unauthenticated');
  return request.ctx;
}

/** Decides a declared permission against the resolved actor (runs in onRequest, before validation). */
export function checkRoutePermission(request: FastifyRequest, permission: RoutePermission | undefined): void {
  if (permission === 'public') return;
  if (!request.ctx) throw new AppError('unauthenticated');
  if (permission === undefined) throw new AppError('forbidden'); // undeclared routes are denied
  if (permission === 'authenticated') return;
  const needed: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  if (!needed.some((p) => request.ctx!.actor.permissions.has(p))) throw new AppError('forbidden');
}

/** Sends a file download with a UTF-8 filename that Chinese names survive. */
export function sendDownload(
  reply: FastifyReply,
  name: string,
  mime: string,
  data: Buffer | Uint8Array,
): FastifyReply {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(Buffer.from(data));
}
