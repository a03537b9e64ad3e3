/**
 * Route sweep (issue 15): every GET API route of the demo street, as each demo account, timed over
 * HTTP against running demo servers, and the 10 slowest printed with their p50/p95.
 *
 * Routes come from the server's own OpenAPI document. Path parameters are filled from what the
 * routes already opened returned: `items[].id` (or `[].id`) of `/api/…/estates` gives the ids for
 * `/api/estates/{id}/…`, and a `householdId` field anywhere gives ids for `/households/{id}`.
 * Routes are opened in rounds until no new one can be filled. The live-event stream and file
 * downloads are left out (they stream; their time is the client's).
 *
 * Run against servers you started (e.g. two `npm run demo` on fresh databases, one of them with
 * DATABASE_URL), with GONGZHI_MFA_REQUIRED=false so admin and leader sign in with a password, and
 * GONGZHI_ANALYZE=off for a never-analysed database:
 *   node scripts/bench-routes.ts http://127.0.0.1:3000 [http://127.0.0.1:3001 …]
 * Progress: one line per account, and every route over BENCH_SLOW_MS (100) p95 as it is found.
 * BENCH_SAMPLES (10) timed requests per route and account after one warm-up request; BENCH_OUT=file
 * writes every timing as JSON.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DEMO_USERS } from '../src/server/modules/demo/demo.seed.ts';
import { DEMO_PASSWORD } from '../src/server/modules/demo/seedKit.ts';

const BASES = process.argv.slice(2).map((u) => u.replace(/\/$/, ''));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 10);
/** Routes slower than this (p95) are named as the sweep goes. */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 100);
const PASSWORD = process.env.BENCH_PASSWORD ?? DEMO_PASSWORD;
// every demo account: the seed's users, the admin, and the anti-fraud worker its module seeds
const ACCOUNTS = ['admin', ...DEMO_USERS.map((u) => u.username), 'antifraud'];
/** Streams and binary downloads: not request/response timings. */
const SKIP = [/^\/api\/events$/, /\/download$/, /\/files\//, /^\/api\/docs/, /^\/api\/openapi\.json$/];

interface OpenApi {
  paths: Record<string, { get?: { parameters?: Array<{ in: string; name: string; required?: boolean }> } }>;
}

interface Timing {
  base: string;
  account: string;
  route: string;
  url: string;
  p50: number;
  p95: number;
  /** A file (CSV, PDF, XLSX…) rather than a JSON answer: ranked apart, its time is the file's making. */
  file: boolean;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function signIn(base: string, username: string): Promise<string | null> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      password: username === 'admin' ? (process.env.BENCH_ADMIN_PASSWORD ?? PASSWORD) : PASSWORD,
    }),
  });
  if (!res.ok) return null;
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Collects ids by the collection they belong to, from anything a route answered. */
function harvest(route: string, body: unknown, ids: Map<string, Set<number>>): void {
  const add = (segment: string, id: unknown) => {
    if (typeof id !== 'number' || !Number.isInteger(id)) return;
    let set = ids.get(segment);
    if (!set) ids.set(segment, (set = new Set()));
    if (set.size < 5) set.add(id);
  };
  const last =
    route
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .at(-1) ?? '';
  const list = Array.isArray(body) ? body : (body as { items?: unknown[] } | null)?.items;
  if (Array.isArray(list)) for (const item of list) add(last, (item as { id?: unknown } | null)?.id);
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 20)) walk(v, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const m = /^(\w+?)Id$/.exec(key);
      if (m) add(`${m[1]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}s`, v);
      else walk(v, depth + 1);
    }
  };
  walk(body, 0);
}

/** The route with its parameters filled, or null while an id is still unknown. */
function fill(route: string, required: string[], ids: Map<string, Set<number>>): string | null {
  const parts = route.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i]!.startsWith('{')) continue;
    const id = [...(ids.get(parts[i - 1] ?? '') ?? [])][0];
    if (id === undefined) return null;
    parts[i] = String(id);
  }
  const query: string[] = [];
  for (const name of required) {
    const m = /^(\w+?)Id$/.exec(name);
    const id = m ? [...(ids.get(`${m[1]}s`) ?? [])][0] : undefined;
    if (id === undefined) return null;
    query.push(`${name}=${id}`);
  }
  return parts.join('/') + (query.length ? `?${query.join('&')}` : '');
}

async function timeRoute(
  base: string,
  url: string,
  cookie: string,
): Promise<{ ok: boolean; ms: number[]; body: unknown; file: boolean }> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(base + url, { headers: { cookie, accept: 'application/json' } });
    const text = await res.text();
    const json = /json/.test(res.headers.get('content-type') ?? '');
    return { ok: res.ok, ms: performance.now() - t0, text, json };
  };
  const warm = await once();
  if (!warm.ok) return { ok: false, ms: [], body: null, file: false };
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) ms.push((await once()).ms);
  let body: unknown = null;
  try {
    body = JSON.parse(warm.text);
  } catch {
    // not JSON (a CSV export): nothing to harvest
  }
  return { ok: true, ms: ms.sort((a, b) => a - b), body, file: !warm.json };
}

async function sweep(base: string): Promise<{ timings: Timing[]; unreached: string[] }> {
  const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as OpenApi;
  const routes = Object.entries(doc.paths)
    .filter(([p, ops]) => ops.get && p.startsWith('/api/') && !SKIP.some((re) => re.test(p)))
    .map(([p, ops]) => ({
      route: p,
      required: (ops.get!.parameters ?? []).filter((q) => q.in === 'query' && q.required).map((q) => q.name),
    }));
  const timings: Timing[] = [];
  const reached = new Set<string>();
  for (const account of ACCOUNTS) {
    const cookie = await signIn(base, account);
    if (!cookie) {
      console.log(
        `  ${account}: cannot sign in (second factor required? start the server with GONGZHI_MFA_REQUIRED=false), skipped`,
      );
      continue;
    }
    const started = performance.now();
    const before = timings.length;
    const ids = new Map<string, Set<number>>();
    const done = new Set<string>();
    for (let progress = true; progress;) {
      progress = false;
      for (const { route, required } of routes) {
        if (done.has(route)) continue;
        const url = fill(route, required, ids);
        if (!url) continue;
        done.add(route);
        progress = true;
        const r = await timeRoute(base, url, cookie);
        if (!r.ok) continue;
        reached.add(route);
        harvest(route, r.body, ids);
        const timing = {
          base,
          account,
          route,
          url,
          p50: percentile(r.ms, 50),
          p95: percentile(r.ms, 95),
          file: r.file,
        };
        timings.push(timing);
        if (timing.p95 > SLOW_MS) console.log(`    slow: p95 ${timing.p95.toFixed(0)} ms  ${account} ${url}`);
      }
    }
    const mine = timings.slice(before);
    const worst = mine.reduce<Timing | undefined>((w, t) => (!w || t.p95 > w.p95 ? t : w), undefined);
    console.log(
      `  ${account.padEnd(10)} ${String(mine.length).padStart(3)} routes in ${((performance.now() - started) / 1000).toFixed(0)} s` +
        (worst ? `, slowest p95 ${worst.p95.toFixed(0)} ms ${worst.url}` : ''),
    );
  }
  return { timings, unreached: routes.map((r) => r.route).filter((r) => !reached.has(r)) };
}

if (BASES.length === 0) {
  console.error('Usage: node scripts/bench-routes.ts <base URL of a demo server> [more base URLs]');
  process.exit(2);
}
for (const base of BASES) {
  const t0 = performance.now();
  console.log(`== ${base}: signing in as ${ACCOUNTS.length} accounts…`);
  const { timings, unreached } = await sweep(base);
  const routes = new Set(timings.map((t) => t.route)).size;
  console.log(
    `\n== ${base}: ${routes} GET routes answered 200 (${timings.length} route × account pairs, ` +
      `${SAMPLES} timed requests each) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const line = (t: Timing) =>
    `  p95 ${t.p95.toFixed(0).padStart(6)} ms  p50 ${t.p50.toFixed(0).padStart(6)} ms  ${t.account.padEnd(10)} ${t.url}`;
  const api = timings.filter((t) => !t.file);
  console.log(`10 slowest JSON routes (p95) of ${new Set(api.map((t) => t.route)).size}:`);
  for (const t of [...api].sort((a, b) => b.p95 - a.p95).slice(0, 10)) console.log(line(t));
  const files = timings.filter((t) => t.file);
  console.log(`Slowest file downloads (p95) of ${new Set(files.map((t) => t.route)).size}:`);
  for (const t of [...files].sort((a, b) => b.p95 - a.p95).slice(0, 5)) console.log(line(t));
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(timings, null, 1));
  if (unreached.length)
    console.log(`Not answered 200 for any account (${unreached.length}): ${unreached.join(' ')}`);
}
