import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { zodIssueMessage } from './zod-messages.ts';
import { errorMessages, type ErrorBody, type ErrorCode, type Lang } from '../../contract/errors.ts';

/** The one error type services throw; the error handler turns it into `{code, message, details}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Overrides the generic message for this code (already localised by the thrower). */
  readonly localized: { zh: string; en: string } | undefined;

  constructor(code: ErrorCode, details?: unknown, localized?: { zh: string; en: string }, cause?: unknown) {
    super(localized?.en ?? errorMessages[code].en, { cause });
    this.code = code;
    this.details = details;
    this.localized = localized;
  }

  get status(): number {
    return errorMessages[this.code].status;
  }
}

/** Shorthands so call sites read as sentences: `throw notFound()`. */
export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const conflict = (zh: string, en: string, details?: unknown) =>
  new AppError('conflict', details, { zh, en });
export const badRequest = (zh: string, en: string, details?: unknown) =>
  new AppError('bad_request', details, { zh, en });

/** Field-level failure, for rules Zod schemas cannot express. */
export function invalidField(path: string, zh: string, en: string): AppError {
  return new AppError('validation_failed', [{ path, message: { zh, en } }]);
}

/** The SQLSTATE of a PostgreSQL (pg or PGlite) error, also when a library wrapped it. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/**
 * What a database refusal means to the caller. A unique violation is a race two requests lost
 * (same code, same number) or a duplicate the service did not look for; bad values that slipped
 * past the schemas (out of range, malformed) are the caller's; deadlocks and serialisation
 * failures are worth retrying. None of them is a server fault.
 */
const databaseRefusals: Array<{ match: (state: string) => boolean; error: () => AppError }> = [
  {
    match: (s) => s === '23505',
    error: () =>
      conflict(
        '已有相同编号或代码的记录，请刷新后重试',
        'A record with the same number or code already exists; reload and try again',
      ),
  },
  {
    match: (s) => s === '23503',
    error: () =>
      conflict('关联的记录不存在或仍在使用中', 'A related record does not exist or is still in use'),
  },
  {
    match: (s) => s === '40001' || s === '40P01' || s === '55P03',
    error: () =>
      conflict('记录正被他人同时修改，请稍后重试', 'Someone else is changing this record; try again'),
  },
  {
    // 22xxx data exceptions, 23502/23514 (not null, check), 54000 (e.g. an index row too long).
    match: (s) => s.startsWith('22') || s === '23502' || s === '23514' || s === '54000',
    error: () => badRequest('提交的值超出允许范围或格式不正确', 'A value is out of range or malformed'),
  },
];

export function databaseRefusal(error: unknown): AppError | undefined {
  const state = sqlState(error);
  if (state === undefined) return undefined;
  return databaseRefusals.find((r) => r.match(state))?.error();
}

/**
 * The multipart parser's own complaints about a form that is not one (no boundary, cut off, a
 * boundary longer than the standard allows): the caller's mistake, whichever route read the form.
 */
const MALFORMED_MULTIPART =
  /^Multipart: |unexpected end of multipart data|^Boundary required|^The needle cannot|^Malformed part header/i;

export function isMalformedMultipart(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return error instanceof Error && typeof message === 'string' && MALFORMED_MULTIPART.test(message);
}

export function requestLang(request: FastifyRequest): Lang {
  const cookie = (request.cookies as Record<string, string | undefined> | undefined)?.gz_lang;
  if (cookie === 'en' || cookie === 'zh') return cookie;
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en/i.test(header) ? 'en' : 'zh';
}

/** A Zod issue in plain words (platform/zod-messages). */
export function localiseIssue(issue: z.core.$ZodIssue | Record<string, unknown>, lang: Lang): string {
  return zodIssueMessage(issue, lang);
}

function body(request: FastifyRequest, code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { code, message, ...(details === undefined ? {} : { details }), requestId: String(request.id) };
}

function localisedDetails(details: unknown, lang: Lang): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    if (d && typeof d === 'object' && 'message' in d) {
      const m = d.message;
      if (m && typeof m === 'object' && lang in m)
        return { ...d, message: (m as Record<Lang, string>)[lang] };
    }
    return d;
  });
}

/** The single Fastify error handler: stable codes, localised messages, no internals on 5xx. */
export function handleError(
  error: FastifyError | AppError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const lang = requestLang(request);
  const refusal = error instanceof AppError ? undefined : databaseRefusal(error);
  if (refusal) {
    request.log.info({ err: error, sqlState: sqlState(error) }, 'database refused the request');
    return handleError(refusal, request, reply);
  }
  if (!(error instanceof AppError) && isMalformedMultipart(error)) {
    request.log.info({ err: error }, 'malformed multipart form');
    return handleError(
      badRequest(
        '上传的表单格式不正确，请重新选择文件上传',
        'The upload form is malformed; choose the file again',
      ),
      request,
      reply,
    );
  }
  if (error instanceof AppError) {
    const message = error.localized?.[lang] ?? errorMessages[error.code][lang];
    if (error.status >= 500) request.log.error({ err: error }, 'server error');
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (error.status === 429 && typeof retryAfter === 'number')
      reply.header('retry-after', String(retryAfter));
    void reply
      .status(error.status)
      .send(body(request, error.code, message, localisedDetails(error.details, lang)));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: localiseIssue({ code: v.keyword, ...v.params, message: v.message }, lang),
    }));
    void reply
      .status(400)
      .send(body(request, 'validation_failed', errorMessages.validation_failed[lang], details));
    return;
  }
  if ('method' in error && isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    void reply.status(500).send(body(request, 'internal', errorMessages.internal[lang]));
    return;
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_PARTS_LIMIT') {
    void reply.status(413).send(body(request, 'payload_too_large', errorMessages.payload_too_large[lang]));
    return;
  }
  if (status === 415) {
    void reply.status(415).send(body(request, 'unsupported_file', errorMessages.unsupported_file[lang]));
    return;
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, bad content type): say what, never how.
    void reply
      .status(status)
      .send(body(request, 'bad_request', errorMessages.bad_request[lang], error.message));
    return;
  }
  if (isDatabaseUnavailable(error)) {
    // A failover or restart in progress: say so, and when to try again, instead of a bare 500.
    request.log.warn({ err: error }, 'database unavailable');
    void reply
      .status(503)
      .header('retry-after', '2')
      .send(body(request, 'unavailable', errorMessages.unavailable[lang]));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send(body(request, 'internal', errorMessages.internal[lang]));
}

// SQLSTATEs of a server shutting down, starting up, or read-only while promotion is pending
// (admin_shutdown, crash_shutdown, cannot_connect_now, read_only_sql_transaction) and the driver's
// errors for a connection that dropped or could not be made.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '25006', '08000', '08003', '08006']);
const UNAVAILABLE_NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// What the driver and PgBouncer say while the primary is down or being replaced (PgBouncer answers
// "server login has been failing" for server_login_retry seconds after a failed connect; when a
// transaction's connection drops, Kysely's rollback reports the driver's "not queryable" instead).
const PGBOUNCER_OR_DRIVER_UNAVAILABLE =
  /Connection terminated|timeout exceeded when trying to connect|server conn crashed|query_wait_timeout|server login has been failing|pgbouncer cannot connect to server|has encountered a connection error and is not queryable|Client was closed and is not queryable/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NET.has(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && PGBOUNCER_OR_DRIVER_UNAVAILABLE.test(message);
}
