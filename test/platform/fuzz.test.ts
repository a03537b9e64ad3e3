import type { Response as InjectResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, type Permission, type Role } from '../../src/contract/permissions.ts';
import { DEMO_PASSWORD } from '../../src/server/platform/seedKit.ts';
import { createTestApp, testDbKind, type TestApp } from '../support/app.ts';
import { login, newUser, type Session } from '../support/factories.ts';
import { seedSmallStreet } from '../support/small-street.ts';
import {
  badValues,
  operationsOf,
  pathMutations,
  rawBodies,
  sample,
  type Operation,
  type Schema,
} from '../support/fuzz-inputs.ts';

/**
 * Schema-driven fuzzing of every operation in the app's own OpenAPI document: a few hundred
 * malformed inputs each (wrong types, NUL and lone surrogates, numbers beyond any column, ids that
 * are not numbers or exceed bigint, missing and extra fields, broken JSON, odd content types…),
 * sent by a signed-in user holding the operation's permission and, for some, by nobody. Nothing
 * may answer 5xx. Runs on PostgreSQL only (PGlite is one connection and forgives other things).
 */
const onPostgres = testDbKind() === 'postgres';
const PER_OPERATION_MIN = 104;
const PER_OPERATION_MAX = 160;
const CONCURRENCY = 8;
/**
 * An operation whose well-formed call answers a document (a PDF, a spreadsheet, a QR code) gets
 * its single faults only, not the two-fault fillers: most of those it would ignore and answer with
 * a whole document each, which is slow and finds nothing.
 */
const isDocument = (res: InjectResponse) =>
  !String(res.headers['content-type']).startsWith('application/json');
/** Operations that walk a whole street on every call (verifying its audit chain): single faults only. */
const WHOLE_STREET = new Set(['POST /api/audit/verify']);
/** Server-sent event streams never end: fuzzing them would wait forever for each answer. */
const SKIPPED = new Set(['GET /api/events']);

/** Whose session an operation is fuzzed with: the first of these roles holding its permission. */
const ROLE_ORDER: Array<{ username: string; role: Role }> = [
  { username: 'leader', role: 'street_leader' },
  { username: 'committee', role: 'committee' },
  { username: 'cadre', role: 'cadre' },
  { username: 'mediator', role: 'mediator' },
  { username: 'designer', role: 'designer' },
  { username: 'vendor', role: 'vendor' },
  { username: 'volunteer', role: 'volunteer' },
  { username: 'liaison', role: 'liaison' },
  { username: 'resident', role: 'resident' },
  { username: 'district', role: 'district_official' },
];

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  anonymous?: boolean;
  label: string;
}

interface Failure {
  operation: string;
  input: string;
  status: number;
  body: string;
}

let t: TestApp;
let sessions: Map<string, Session>;
let adminUsername: string;
let loginIp = 0;

/** A session whose user another fuzzed call signed out, disabled or demoted is signed in again. */
async function ensureSession(username: string): Promise<Session> {
  const current = sessions.get(username)!;
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: current.cookie } });
  if (me.statusCode === 200) return current;
  const again = await login(
    t.app,
    { username, password: DEMO_PASSWORD },
    `10.9.${++loginIp >> 8}.${loginIp & 255}`,
  );
  sessions.set(username, again);
  return again;
}

function sessionFor(operation: Operation): string | null {
  const permission = operation.permission;
  if (permission === 'public') return null;
  if (permission === 'authenticated' || permission === undefined) return 'leader';
  const needed: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  const holder = ROLE_ORDER.find((r) => needed.some((p) => permissionsOf(r.role).includes(p)));
  return holder?.username ?? adminUsername;
}

/** The inputs of one operation: each a single fault on top of an otherwise well-formed request. */
function requestsFor(operation: Operation, slow: boolean): Request[] {
  const out: Request[] = [];
  const path = Object.fromEntries(operation.pathParams.map((p) => [p.name, '1']));
  const query: Record<string, string> = {};
  for (const q of operation.queryParams.filter((p) => p.required)) query[q.name] = String(sample(q.schema));
  const body = operation.body ? sample(operation.body) : undefined;
  const json = { 'content-type': 'application/json' };
  const make = (over: Partial<Request> & { label: string }): Request => ({
    method: operation.method,
    url: urlOf(operation.path, over.url ? {} : path, query),
    headers: body === undefined && !over.payload ? {} : json,
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    ...over,
  });

  out.push(make({ label: 'well-formed' }));
  // path parameters: not numbers, beyond bigint, encoded bytes that are not text
  for (const p of operation.pathParams)
    for (const bad of pathMutations)
      out.push(
        make({
          label: `path ${p.name}=${bad}`,
          url: urlOf(operation.path, { ...path, [p.name]: bad }, query),
        }),
      );
  // query parameters, each given every bad value (and twice, and as an object)
  for (const q of operation.queryParams) {
    for (const bad of [...pathMutations, '', 'true', '[object Object]'])
      out.push(
        make({
          label: `query ${q.name}=${bad}`,
          url: urlOf(operation.path, path, { ...query, [q.name]: bad }),
        }),
      );
    out.push(
      make({
        label: `query ${q.name} twice`,
        url: `${urlOf(operation.path, path, query)}${sep(query)}${q.name}=1&${q.name}=2`,
      }),
    );
    out.push(
      make({
        label: `query ${q.name}[a]`,
        url: `${urlOf(operation.path, path, query)}${sep(query)}${q.name}[a]=1`,
      }),
    );
  }
  // body fields: every bad value in every field (two levels deep), each field missing, one extra
  if (body !== undefined && operation.body) {
    for (const field of fieldsOf(operation.body, body)) {
      for (const [name, value] of badValues)
        out.push(
          make({
            label: `body ${field.join('.')}=${name}`,
            payload: JSON.stringify(setAt(body, field, value)),
          }),
        );
      out.push(
        make({
          label: `body ${field.join('.')} missing`,
          payload: JSON.stringify(setAt(body, field, undefined)),
        }),
      );
    }
    out.push(
      make({ label: 'body extra field', payload: JSON.stringify({ ...(body as object), zzExtra: 1 }) }),
    );
  }
  // whole bodies: broken JSON, wrong shapes, odd content types (also where no body is expected)
  // a body on a read is ignored: a few of them are enough where each answer costs a PDF
  for (const raw of slow && !operation.body ? rawBodies.slice(0, 4) : rawBodies)
    out.push(make({ label: `raw ${raw.label}`, headers: raw.headers, payload: raw.payload }));
  // odd headers
  out.push(
    make({ label: 'accept-language garbage', headers: { ...json, 'accept-language': 'xx-\u00ff;q=abc' } }),
  );
  out.push(make({ label: 'content-length lie', headers: { ...json, 'content-length': '5' } }));
  // the same faults from a stranger: refused before anything else runs
  const anonymous = out
    .filter((_, i) => i % 9 === 0)
    .map((r) => ({ ...r, anonymous: true, label: `anonymous ${r.label}` }));
  out.push(...anonymous);
  // two or three faults at once, until every operation has its share
  const random = rng(hash(`${operation.method} ${operation.path}`));
  const singles = out.slice();
  while (!slow && out.length < PER_OPERATION_MIN) {
    const a = singles[Math.floor(random() * singles.length)]!;
    const b = singles[Math.floor(random() * singles.length)]!;
    out.push({ ...a, url: b.url, label: `${a.label} + ${b.label}` });
  }
  return out.slice(0, PER_OPERATION_MAX);
}

const sep = (query: Record<string, string>) => (Object.keys(query).length ? '&' : '?');

function urlOf(template: string, path: Record<string, string>, query: Record<string, string>): string {
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? '1');
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${/%[0-9A-Fa-f]{2}/.test(v) ? v : encodeURIComponent(v)}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

/** Paths of the sample's fields, objects' own fields and array items' fields, two levels deep. */
function fieldsOf(
  schema: Schema,
  value: unknown,
  prefix: Array<string | number> = [],
  depth = 0,
): Array<Array<string | number>> {
  if (depth > 2 || value === null || typeof value !== 'object') return [];
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    if (value.length)
      out.push([...prefix, 0], ...fieldsOf(schema.items ?? {}, value[0], [...prefix, 0], depth + 1));
    return out;
  }
  const props = schema.properties ?? {};
  for (const key of Object.keys(props)) {
    out.push([...prefix, key]);
    out.push(...fieldsOf(props[key]!, (value as Record<string, unknown>)[key], [...prefix, key], depth + 1));
  }
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as typeof node;
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

async function send(request: Request, session: Session | null): Promise<InjectResponse> {
  const auth = session && !request.anonymous ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
  return t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { ...request.headers, ...auth },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  await seedSmallStreet(t.deps);
  const admin = await newUser(t.deps, 'system_admin', null);
  adminUsername = admin.username;
  sessions = new Map();
  for (const { username } of ROLE_ORDER)
    sessions.set(username, await login(t.app, { username, password: DEMO_PASSWORD }));
  sessions.set(admin.username, await login(t.app, admin));
}, 300_000);
afterAll(() => t?.close());

describe.skipIf(!onPostgres)('fuzzing every OpenAPI operation', () => {
  it('never answers 5xx', async () => {
    const started = Date.now();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(doc, t.routes).filter((o) => !SKIPPED.has(`${o.method} ${o.path}`));
    // reads first, deletions last: a deleted row would make later operations stop at 404
    const order = { GET: 0, POST: 1, PUT: 1, PATCH: 1, DELETE: 2 } as Record<string, number>;
    operations.sort((a, b) => order[a.method]! - order[b.method]!);
    const failures: Failure[] = [];
    let sent = 0;
    const timings: Array<[string, number]> = [];
    const check = async (operation: Operation, request: Request, session: Session | null) => {
      const res = await send(request, session);
      sent++;
      if (res.statusCode >= 500)
        failures.push({
          operation: `${operation.method} ${operation.path}`,
          input: `${request.label} → ${request.method} ${request.url} ${String(request.payload ?? '').slice(0, 200)}`,
          status: res.statusCode,
          body: res.body.slice(0, 300),
        });
      return res;
    };
    for (const operation of operations) {
      const username = sessionFor(operation);
      const session = username ? await ensureSession(username) : null;
      const opStart = Date.now();
      const [first, ...rest] = requestsFor(operation, false);
      const slow =
        isDocument(await check(operation, first!, session)) ||
        WHOLE_STREET.has(`${operation.method} ${operation.path}`);
      const requests = slow ? requestsFor(operation, true).slice(1) : rest;
      await pool(requests, CONCURRENCY, async (request) => {
        await check(operation, request, session);
      });
      timings.push([`${operation.method} ${operation.path}`, Date.now() - opStart]);
    }
    timings.sort((a, b) => b[1] - a[1]);
    console.info(
      timings
        .slice(0, 25)
        .map(([o, ms]) => `${o} ${ms}ms`)
        .join('\n'),
    );
    const seconds = Math.round((Date.now() - started) / 1000);
    console.info(
      `fuzz: ${operations.length} operations, ${sent} requests, ${failures.length} answers ≥ 500, ${seconds} s`,
    );
    expect(operations.length).toBeGreaterThan(250);
    expect(sent).toBeGreaterThanOrEqual(30_000);
    expect(failures).toEqual([]);
  }, 900_000);
});
