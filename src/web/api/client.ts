/**
 * The one way the web app talks to the server: JSON over fetch, same-origin cookies,
 * CSRF header on every state-changing request, and errors thrown as `ApiError`.
 */
import type { ErrorCode } from '../../contract/errors.ts';
import { currentLanguage, languageTag } from '../i18n/index.ts';

const API_BASE = '/api';
const CSRF_COOKIE = 'gz_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** `network_error` never comes from the server: the request did not get an answer at all. */
export type ClientErrorCode = ErrorCode | 'network_error';

/** One invalid field from a `validation_failed` answer. */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: ClientErrorCode;
    message: string;
    details?: unknown;
    requestId?: string | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** Field errors of a `validation_failed` answer; empty for every other error. */
  get fieldErrors(): FieldError[] {
    if (this.code !== 'validation_failed' || !Array.isArray(this.details)) return [];
    return this.details.filter(isFieldError);
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).path === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

export function isApiError(error: unknown, code?: ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

// --- CSRF -------------------------------------------------------------------------------------

/** Fallback when the cookie cannot be read (the session answer carries the same token). */
let csrfFallback: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfFallback = token;
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return csrfFallback;
}

// --- Session expiry ----------------------------------------------------------------------------

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => {};

/**
 * Called when any request except the session probe and the login itself answers 401:
 * the session has expired or was ended elsewhere, so the app must send the user to sign in.
 */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

// These answer 401 as a normal outcome ("not signed in", "wrong password"), not as an expiry.
const SESSION_PATHS = new Set(['/auth/me', '/auth/login']);

// --- Requests ----------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  query?: QueryParams;
  signal?: AbortSignal;
  /** Extra headers, e.g. the Idempotency-Key of a record the offline outbox may send twice. */
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    // Empty filters are left out rather than sent as `q=`, which a strict schema could reject.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFromResponse(response: Response, body: unknown): ApiError {
  const data = (typeof body === 'object' && body !== null ? body : {}) as Partial<{
    code: ErrorCode;
    message: string;
    details: unknown;
    requestId: string;
  }>;
  // A proxy or crashed server may answer without our JSON shape; derive a code from the status.
  const fallbackCode: ErrorCode =
    response.status === 401
      ? 'unauthenticated'
      : response.status === 403
        ? 'forbidden'
        : response.status === 404
          ? 'not_found'
          : response.status >= 500
            ? 'unavailable'
            : 'bad_request';
  return new ApiError({
    status: response.status,
    code: data.code ?? fallbackCode,
    message: data.message ?? '',
    details: data.details,
    requestId: data.requestId ?? response.headers.get('x-request-id') ?? undefined,
  });
}

async function request<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The server answers error messages in this language.
    'Accept-Language': languageTag(currentLanguage()),
  };
  // A Blob (a photo) is sent as it is, typed by itself; anything else as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? body.type : 'application/json';
  Object.assign(headers, options.headers);
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: body === undefined ? null : raw ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    // Aborts (a query was cancelled) must stay aborts so TanStack Query can ignore them.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: error instanceof Error ? error.message : String(error),
    });
  }

  const data = await readJson(response);
  if (!response.ok) {
    const error = errorFromResponse(response, data);
    if (response.status === 401 && !SESSION_PATHS.has(path)) onUnauthenticated();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, undefined, { ...options, ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** `{ items, total }`: the shape of every list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  /** Long lists count up to a cap: true when there are more than `total`. */
  totalCapped?: boolean;
}
