import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { z } from 'zod';
import type { Deps } from './deps.ts';
import { AppError, badRequest } from './errors.ts';
import type { App } from './http.ts';

/**
 * `Idempotency-Key` on routes declared `config: { idempotent: true }` (recording a visit, a concern,
 * a photo): a phone that lost the answer to a request sends it again with the same key, and gets
 * the first answer instead of a second record. Keys are per street and user, kept in the database
 * (every process sees them; the primary key settles two copies arriving at once), for 7 days.
 *
 * Only successful answers are kept: a refusal (permission, validation, a reassigned household) is
 * not stored, so the key is free again and the same request is judged afresh each time — refused
 * again as long as the reason holds, accepted once it is fixed.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 3600_000;
const KEY_FORMAT = /^[\x21-\x7e]{8,128}$/;
const SWEEP_EVERY = 200;

interface Claim {
  tenantId: number;
  userId: number;
  key: string;
}

interface Stored {
  fingerprint: string;
  status: number | null;
  content_type: string | null;
  body: string | null;
}

/** The header in a route's OpenAPI schema (checked by the hooks below, not by the schema). */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .optional()
    .describe('Client-made key (8–128 visible ASCII): the same key again answers the first result'),
});

const fingerprints = new WeakMap<FastifyRequest, string>();
const claims = new WeakMap<FastifyRequest, Claim>();

function keyOf(request: FastifyRequest): string | undefined {
  if (!request.routeOptions.config?.idempotent) return undefined;
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_FORMAT.test(key))
    throw badRequest(
      'Idempotency-Key 格式不正确（8–128 个可见 ASCII 字符）',
      'Idempotency-Key must be 8–128 visible ASCII characters',
    );
  return key;
}

/**
 * What makes two requests "the same": method, URL, content type and the raw body. A multipart
 * boundary is random per send, so it is left out of the type and cut out of the body.
 */
export function fingerprintOf(method: string, url: string, contentType: string, body: Buffer): string {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  const text = body.toString('latin1');
  const normalised = boundary ? text.split(boundary).join('') : text;
  const type = contentType.replace(/;\s*boundary=[^;]*/i, '').trim();
  return createHash('sha256')
    .update(`${method}\n${url}\n${type}\n`)
    .update(normalised, 'latin1')
    .digest('hex');
}

async function readAll(payload: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) throw new AppError('payload_too_large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads the body once to fingerprint it, and hands the parser a copy of the same bytes. */
async function fingerprintBody(request: FastifyRequest, payload: Readable): Promise<Readable> {
  const body = await readAll(payload, request.routeOptions.bodyLimit ?? 2 * 1024 * 1024);
  const contentType = String(request.headers['content-type'] ?? '');
  fingerprints.set(request, fingerprintOf(request.method, request.url, contentType, body));
  const copy = new PassThrough();
  (copy as PassThrough & { receivedEncodedLength: number }).receivedEncodedLength = body.length;
  copy.end(body);
  return copy;
}

/** Takes the key for this request, or finds who holds it (an expired row is taken over). */
async function claimKey(deps: Deps, claim: Claim, fingerprint: string): Promise<Stored | null> {
  const now = deps.clock.now();
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const taken = await sql<{ key: string }>`
    insert into idempotency_keys (tenant_id, user_id, key, fingerprint, created_at)
    values (${claim.tenantId}, ${claim.userId}, ${claim.key}, ${fingerprint}, ${now})
    on conflict (tenant_id, user_id, key) do update
      set fingerprint = excluded.fingerprint, created_at = excluded.created_at,
          status = null, content_type = null, body = null
      where idempotency_keys.created_at < ${expired}
    returning key`.execute(deps.db);
  if (taken.rows.length > 0) return null;
  const held = await deps.db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'content_type', 'body'])
    .where('tenant_id', '=', claim.tenantId)
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  // Expired and swept between the two statements: nobody holds it, so try once more.
  return held ?? claimKey(deps, claim, fingerprint);
}

function replay(reply: FastifyReply, stored: Stored): FastifyReply {
  return reply
    .status(stored.status!)
    .header('content-type', stored.content_type ?? 'application/json; charset=utf-8')
    .header('idempotent-replayed', 'true')
    .send(stored.body ?? '');
}

async function beforeHandler(deps: Deps, request: FastifyRequest, reply: FastifyReply) {
  const key = keyOf(request);
  const fingerprint = fingerprints.get(request);
  if (!key || !request.ctx) return;
  const claim = { tenantId: request.ctx.actor.tenantId ?? 0, userId: request.ctx.actor.userId, key };
  // A body-less request never passed through preParsing: its fingerprint is that of an empty body.
  const print = fingerprint ?? fingerprintOf(request.method, request.url, '', Buffer.alloc(0));
  const held = await claimKey(deps, claim, print);
  if (!held) {
    claims.set(request, claim);
    return;
  }
  if (held.fingerprint !== print) throw new AppError('idempotency_key_reused');
  if (held.status === null) throw new AppError('idempotency_in_progress');
  return replay(reply, held);
}

/** Keeps a successful answer under its key; frees the key after a refusal or a failure. */
async function afterHandler(deps: Deps, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const claim = claims.get(request);
  if (!claim) return;
  claims.delete(request);
  const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
  if (!ok) {
    await deps.db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', claim.tenantId)
      .where('user_id', '=', claim.userId)
      .where('key', '=', claim.key)
      .execute();
    return;
  }
  const contentType = reply.getHeader('content-type');
  await deps.db
    .updateTable('idempotency_keys')
    .set({
      status: reply.statusCode,
      content_type: typeof contentType === 'string' ? contentType : null,
      body: payload,
    })
    .where('tenant_id', '=', claim.tenantId)
    .where('user_id', '=', claim.userId)
    .where('key', '=', claim.key)
    .execute();
}

/**
 * Registers the hooks. Must come before compression, so the answer kept is the JSON text and not
 * its compressed stream.
 */
export function registerIdempotency(app: App, deps: Deps): void {
  let sinceSweep = 0;
  app.addHook('preParsing', async (request, _reply, payload) =>
    keyOf(request) ? fingerprintBody(request, payload) : payload,
  );
  app.addHook('preHandler', async (request, reply) => {
    const replayed = await beforeHandler(deps, request, reply);
    if (replayed) return replayed; // answered from the key: the handler does not run
    if (claims.has(request) && ++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      const before = new Date(deps.clock.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString();
      await deps.db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    await afterHandler(deps, request, reply, payload);
    return payload;
  });
}
