import type { FastifyRequest } from 'fastify';
import type { App } from './http.ts';
import { AppError, invalidField } from './errors.ts';

/**
 * The one edge every request's text passes before any route sees it.
 *
 * PostgreSQL cannot store NUL in text (it answers "invalid byte sequence"), and a lone UTF-16
 * surrogate has no UTF-8 form, so either would fail deep inside a query as a 500 — or worse, be
 * stored in a JSON column and break every later read. They are refused here, for every string in
 * the body, the query, the path and the headers, with a 400 naming the field.
 */

/** The first offending string's path below `root`, or null when all strings are clean. */
export function findBadText(value: unknown, root: string, depth = 0): string | null {
  if (typeof value === 'string') return isCleanText(value) ? null : root;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadText(value[i], `${root}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!isCleanText(key)) return `${root}.${safeKey(key)}`;
    const bad = findBadText(item, `${root}.${key}`, depth + 1);
    if (bad) return bad;
  }
  return null;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export function isCleanText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** A key that is itself bad is named without the bad characters (the message must be printable). */
function safeKey(key: string): string {
  return key.replace(/\u0000/g, '\\u0000').replace(LONE_SURROGATES, '\uFFFD');
}

const badText = (path: string) =>
  invalidField(
    path,
    '含有不允许的字符（空字符或不成对的代理字符）',
    'Contains a character that is not allowed (NUL or a lone surrogate)',
  );

function checkText(request: FastifyRequest): void {
  const bad =
    findBadText(request.params, 'params') ??
    findBadText(request.query, 'query') ??
    findBadText(request.headers, 'headers') ??
    findBadText(request.body, 'body');
  if (bad) throw badText(bad);
}

/** A PATCH that, once validated, changes nothing is a mistake of the caller, not an empty UPDATE. */
function checkPatchNotEmpty(request: FastifyRequest): void {
  if (request.method !== 'PATCH') return;
  const body = request.body;
  const empty =
    body === undefined ||
    body === null ||
    (typeof body === 'object' &&
      !Array.isArray(body) &&
      Object.values(body as Record<string, unknown>).every((v) => v === undefined));
  if (empty)
    throw new AppError('validation_failed', [
      { path: 'body', message: { zh: '没有要修改的内容', en: 'Nothing to change' } },
    ]);
}

export function registerTextEdge(app: App): void {
  // preValidation: after the auth hook (strangers still get 401) and before the schemas run.
  app.addHook('preValidation', async (request) => checkText(request));
  // preHandler: after validation, so keys the schema drops do not count as changes.
  app.addHook('preHandler', async (request) => checkPatchNotEmpty(request));
}
