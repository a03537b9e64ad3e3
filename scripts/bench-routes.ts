/**
 * Route sweep (issue 15): every GET API route of the demo street, as each demo account, timed over
 * HTTP against running demo servers, and the 10 slowest printed with their p50/p95.
 *
 * Routes come from the server's own OpenAPI document. Path parameters are filled from what the
 * routes already opened returned: `items[].id` (or `[].id`) of `/api/…/estates` gives the ids for
 * `/api/estates/{id}/…`, and a `householdId` field anywhere gives ids for `/households/{id}`.
 * Routes are opened in rounds until no new one can be filled. The live-event stream and job
 * downloads are left out (they stream; their time is the client's). Photos and attachments are
 * reached only where the demo street has some (it seeds none), and a job only after a POST.
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
import { DEMO_PASSWORD } from '../src/server/platform/seedKit.ts';

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

/** Ids found so far: by collection name (`households`), and by the URL whose answer listed them. */
interface Ids {
  bySegment: Map<string, Set<number>>;
  /** `/api/households/5/photos` → the `id`s (and other numeric fields such as `version`) listed there */
  byUrl: Map<string, Map<string, Set<number>>>;
}

const newIds = (): Ids => ({ bySegment: new Map(), byUrl: new Map() });

function addTo<K>(map: Map<K, Set<number>>, key: K, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) return;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  if (set.size < 5) set.add(value);
}

/** An item's numeric fields that can fill a path: `id`, `version`, `…Id`. */
function listItems(url: string, items: unknown[], ids: Ids): void {
  let fields = ids.byUrl.get(url);
  if (!fields) ids.byUrl.set(url, (fields = new Map<string, Set<number>>()));
  for (const item of items.slice(0, 20)) {
    if (item === null || typeof item !== 'object') continue;
    for (const [key, v] of Object.entries(item)) if (key === 'id' || key === 'version') addTo(fields, key, v);
  }
}

/**
 * Collects ids from anything a route answered: a list's items under the route's last segment and
 * under its URL; arrays inside an answer (a household file's `photos`) under their key and under
 * URL/key; every `…Id` field under its collection (`householdId` → households).
 */
function harvest(route: string, url: string, body: unknown, ids: Ids): void {
  const last =
    route
      .split('/')
      .filter((s) => s && !s.startsWith('{'))
      .at(-1) ?? '';
  const path = url.split('?')[0]!;
  const list = Array.isArray(body) ? body : (body as { items?: unknown[] } | null)?.items;
  if (Array.isArray(list)) {
    for (const item of list) addTo(ids.bySegment, last, (item as { id?: unknown } | null)?.id);
    listItems(path, list, ids);
  }
  const walk = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 20)) walk(v, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const m = /^(\w+?)Id$/.exec(key);
      if (m) addTo(ids.bySegment, `${m[1]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}s`, v);
      else {
        if (Array.isArray(v) && depth === 0) {
          for (const item of v) addTo(ids.bySegment, key, (item as { id?: unknown } | null)?.id);
          listItems(`${path}/${key}`, v, ids);
        }
        walk(v, depth + 1);
      }
    }
  };
  walk(body, 0);
}

/** Collections that are listed under another name (a consultation is a round in the lists). */
const ALIASES: Record<string, string> = { consultations: 'rounds' };
/** Required query parameters that are not ids. */
const QUERY_VALUES: Record<string, (ids: Ids) => string | undefined> = {
  source: () => 'visit',
  ref: (ids) => first(ids.bySegment.get('visits')),
};
const first = (set: Set<number> | undefined) => (set ? String([...set][0]) : undefined);
const MAX_TRIES = 5;

/**
 * The route with its parameters filled, up to MAX_TRIES ways (a household without photos cannot fill
 * /households/{id}/photos/{photoId}, the next one may), or [] while an id is still unknown. A
 * parameter takes the ids listed at the URL filled so far (`/api/antifraud/rounds` for its
 * `{id}`), else those of its collection.
 */
function fill(route: string, required: string[], ids: Ids): string[] {
  const query: string[] = [];
  for (const name of required) {
    const m = /^(\w+?)Id$/.exec(name);
    const value = m ? first(ids.bySegment.get(`${m[1]}s`)) : QUERY_VALUES[name]?.(ids);
    if (value === undefined) return [];
    query.push(`${name}=${value}`);
  }
  const suffix = query.length ? `?${query.join('&')}` : '';
  const parts = route.split('/');
  const out: string[] = [];
  const expand = (i: number, prefix: string) => {
    if (out.length >= MAX_TRIES) return;
    if (i === parts.length) return void out.push(prefix + suffix);
    const part = parts[i]!;
    const at = i === 0 ? part : `${prefix}/${part}`;
    if (!part.startsWith('{')) return expand(i + 1, at);
    const param = part.slice(1, -1);
    const listed = ids.byUrl.get(prefix);
    const segment = parts[i - 1] ?? '';
    const candidates =
      listed?.get(param === 'version' ? 'version' : 'id') ??
      ids.bySegment.get(segment) ??
      ids.bySegment.get(ALIASES[segment] ?? '') ??
      ids.bySegment.get(`${/^(\w+?)Id$/.exec(param)?.[1] ?? ''}s`);
    for (const id of candidates ?? []) expand(i + 1, `${prefix}/${id}`);
  };
  expand(0, '');
  return out;
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
    const ids = newIds();
    const done = new Set<string>();
    for (let progress = true; progress;) {
      progress = false;
      for (const { route, required } of routes) {
        if (done.has(route)) continue;
        const urls = fill(route, required, ids);
        if (urls.length === 0) continue;
        done.add(route);
        progress = true;
        let url = '';
        let r: Awaited<ReturnType<typeof timeRoute>> | undefined;
        for (url of urls) {
          r = await timeRoute(base, url, cookie);
          if (r.ok) break;
        }
        if (!r?.ok) continue;
        reached.add(route);
        harvest(route, url, r.body, ids);
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
