import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { animationsSettled, e2e, launchBrowser, noBrowser } from './browser.ts';
import { dictionaryKeys, rawKeyOn } from './dictionaryKeys.ts';
import { appRoutes, hasParams, mayOpen, routePattern, type AppRoute } from './routes.ts';

/**
 * WCAG 2.1 AA over every route of the app: axe-core runs in Chromium on each page, as a user who
 * may open it, once the page has loaded its data. Serious and critical violations fail the test.
 * Routes come from the code (routes.ts); `:params` are filled with ids found in the links of the
 * pages already visited, or else from the API (see `resolvers`).
 */

const PASSWORD = 'Demo@2026cy';
/** Every key of the dictionary: one shown as text is a string whose part of the dictionary did not load. */
const keys = await dictionaryKeys();
/** Staff roles first, so a page both staff and residents may open is checked as staff; the
 *  resident and vendor pages are still checked as them (nobody else may open those). */
const USERS = [
  'leader',
  'cadre',
  'committee',
  'volunteer',
  'designer',
  'vendor',
  'mediator',
  'liaison',
  'resident',
  'district',
  'admin',
] as const;
type UserName = (typeof USERS)[number];

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface Session {
  user: UserName;
  context: BrowserContext;
  page: Page;
  permissions: string[];
  /** Pages of this user not in use by a lane right now. */
  idle: Page[];
  waiting: Array<() => void>;
}

/** Pages checked at once: the server and Chromium share two cores, three keeps both busy. */
const LANES = 3;

/** Lends one of the user's pages to `fn`, waiting while all are busy. */
async function withPage<T>(session: Session, fn: (page: Page) => Promise<T>): Promise<T> {
  while (session.idle.length === 0) await new Promise<void>((resolve) => session.waiting.push(resolve));
  const page = session.idle.pop()!;
  try {
    return await fn(page);
  } finally {
    session.idle.push(page);
    session.waiting.shift()?.();
  }
}

/** Runs `fn` over the items, `lanes` at a time. */
async function inLanes<T>(items: T[], lanes: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}

/**
 * Fallback ids for detail routes whose pages are reached by buttons rather than links. Each takes
 * a signed-in page and answers a concrete path (or null when the demo data has none).
 */
const resolvers: Record<string, (page: Page) => Promise<string | null>> = {
  '/council/check-in/:id': async (page) => {
    const meetings = await apiGet<{ items: Array<{ id: number }> }>(page, '/api/council/meetings');
    return meetings.items[0] ? `/council/check-in/${meetings.items[0].id}` : null;
  },
  // a household on the phone: the offline page lists the sweep user's assigned ones after a sync;
  // a user with none (a leader) is shown any household's page saying it is not on this phone
  // (the journey in offline.e2e.test.ts checks the page with a household on it)
  '/field/households/:id': async (page) => {
    await page.goto(`${e2e.baseUrl}/field`);
    await page.getByRole('button', { name: /立即同步|Sync now/ }).click();
    const link = page.locator('a[href^="/field/households/"]').first();
    await link.waitFor({ timeout: 20_000 }).catch(() => undefined);
    const href = await link.getAttribute('href', { timeout: 1000 }).catch(() => null);
    if (href) return href;
    const any = await apiGet<{ items: Array<{ id: number }> }>(page, '/api/households?limit=1');
    return any.items[0] ? `/field/households/${any.items[0].id}` : null;
  },
  // the voting screen is reached from the map's own page, not by a link the sweep follows
  '/opinion/:id/vote': async (page) => {
    const maps = await apiGet<{ items: Array<{ id: number }> }>(page, '/api/opinion-maps');
    return maps.items[0] ? `/opinion/${maps.items[0].id}/vote` : null;
  },
};

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  if (!response.ok()) throw new Error(`GET ${url}: ${response.status()}`);
  return (await response.json()) as T;
}

/** Opens a path and waits until the page shows its heading and no spinner or skeleton is left. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}${path}`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  await settle(page);
}

async function settle(page: Page): Promise<void> {
  await page
    .locator('h1')
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 })
    .catch(() => undefined);
  // Data loads show spinners and skeletons; a page may keep one running (a live view
  // reconnecting), so this waits for them a while but does not insist.
  const busy = page.locator('.ant-spin-spinning, .ant-skeleton-active');
  for (let waited = 0; waited < 20_000 && (await busy.count()) > 0; waited += 200) {
    await page.waitForTimeout(200);
  }
  // antd's enter transitions (fades, zooms) would otherwise be measured half-way.
  await animationsSettled(page);
}

/** The page rendered an error or "forbidden" result instead of itself. */
async function failedToRender(page: Page): Promise<string | null> {
  for (const status of ['403', '404', '500']) {
    if (await page.locator(`.ant-result-${status}`).count()) return `shows a ${status} page`;
  }
  if (page.url().includes('/login')) return 'was sent to the sign-in page';
  if (await page.locator('.gz-error-alert').count()) {
    return `shows an error: ${(await page.locator('.gz-error-alert').first().innerText()).slice(0, 120)}`;
  }
  // a value the page failed to turn into words (a number parsed out of text, a missing field)
  const text = await page
    .locator('main')
    .innerText()
    .catch(() => '');
  const broken = /.{0,30}\b(NaN|undefined|Invalid Date)\b.{0,30}/.exec(text);
  if (broken) return `shows "${broken[0].trim()}"`;
  const raw = await rawKeyOn(page, keys);
  if (raw) return `shows the raw dictionary key "${raw}"`;
  return null;
}

/**
 * The header and side menu of the signed-in shell: the same on every page of a user, so they are
 * checked with each user's home page and not again with each of the other pages.
 */
const SHELL = ['.gz-shell > .gz-header', '.gz-sider'];

async function audit(
  page: Page,
  where: string,
  findings: Finding[],
  { withShell = true } = {},
): Promise<void> {
  // Only violations are collected: skipping the bookkeeping of passes makes axe several times faster.
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ['violations'] });
  if (!withShell) for (const selector of SHELL) builder = builder.exclude(selector);
  const result = await builder.analyze();
  for (const violation of result.violations) {
    if (!BLOCKING.has(violation.impact ?? '')) continue;
    findings.push({
      where,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.slice(0, 6).map((node) => node.target.join(' ')),
    });
  }
}

function describeFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `${f.where}: ${f.rule} (${f.impact}) — ${f.help}\n${f.targets.map((t) => `      ${t}`).join('\n')}`,
    )
    .join('\n');
}

/** Every `href` on the page that points inside the app. */
async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  const origin = new URL(e2e.baseUrl).origin;
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin)
    .map((url) => url.pathname);
}

describe.skipIf(noBrowser)('accessibility: WCAG 2.1 AA on every route (axe-core)', () => {
  let browser: Browser;
  const sessions = new Map<UserName, Session>();
  const routes = appRoutes();

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const user of USERS) {
      const context = await browser.newContext({ locale: 'zh-CN', reducedMotion: 'reduce' });
      const response = await context.request.post(`${e2e.baseUrl}/api/auth/login`, {
        data: { username: user, password: PASSWORD },
      });
      expect(response.status(), `demo user ${user} signs in`).toBe(200);
      const me = (await response.json()) as { permissions: string[] };
      const pages = await Promise.all(Array.from({ length: LANES }, () => context.newPage()));
      sessions.set(user, {
        user,
        context,
        page: pages[0]!,
        permissions: me.permissions,
        idle: [...pages],
        waiting: [],
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds the routes of every module in the code', () => {
    const paths = routes.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/', '/login', '/households', '/households/:id']));
    expect(paths.length).toBeGreaterThan(30);
  });

  it('public pages: sign-in (both languages), activation, not-found', async () => {
    const findings: Finding[] = [];
    const context = await browser.newContext({ locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    const publicPaths = [
      ...routes.filter((r) => r.guard.kind === 'public').map((r) => r.path),
      '/no-such-page',
    ];
    for (const lang of ['zh', 'en'] as const) {
      await context.addInitScript((l) => localStorage.setItem('gz_lang', l), lang);
      for (const path of publicPaths) {
        await open(page, path);
        if (path !== '/login' && new URL(page.url()).pathname === '/login') {
          // Unguarded but inside the signed-in shell: any signed-in user may open it.
          const { page: signedIn } = sessions.get('leader')!;
          await open(signedIn, path);
          await audit(signedIn, `${path} [leader]`, findings);
          continue;
        }
        expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'en' ? 'en' : 'zh-CN');
        expect(await rawKeyOn(page, keys), `${path} [anonymous, ${lang}]`).toBeNull();
        await audit(page, `${path} [anonymous, ${lang}]`, findings);
      }
    }
    await context.close();
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 600_000);

  it('the home page of every demo user (and in English for staff and residents)', async () => {
    const findings: Finding[] = [];
    // users side by side (each in their own browser context), as the routes are checked below
    await inLanes([...sessions.values()], LANES, async ({ page, user }) => {
      const languages =
        user === 'leader' || user === 'resident' ? (['zh', 'en'] as const) : (['zh'] as const);
      for (const lang of languages) {
        // The language is the stored choice (zh unless set): English is set on the page already open.
        if (lang === 'en') await page.evaluate(() => localStorage.setItem('gz_lang', 'en'));
        await open(page, '/');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'en' ? 'en' : 'zh-CN');
        expect(await rawKeyOn(page, keys), `/ [${user}, ${lang}]`).toBeNull();
        await audit(page, `/ [${user}, ${lang}]`, findings);
      }
      await page.evaluate(() => localStorage.setItem('gz_lang', 'zh'));
    });
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 600_000);

  it('every route, as a user who may open it', async () => {
    const findings: Finding[] = [];
    const problems: string[] = [];
    const timings: Array<{ path: string; open: number; audit: number }> = [];
    /** Concrete in-app paths seen in links, and who saw them. */
    const seen = new Map<string, UserName>();
    const userFor = (route: AppRoute) =>
      USERS.find((u) => mayOpen(route.guard, sessions.get(u)!.permissions));
    const staticPaths = routes.filter((r) => !hasParams(r.path)).map((r) => r.path);

    const check = (route: AppRoute, concrete: string, user: UserName) =>
      withPage(sessions.get(user)!, async (page) => {
        const started = Date.now();
        await open(page, concrete);
        const opened = Date.now();
        const failure = await failedToRender(page);
        if (failure) problems.push(`${concrete} (${route.path}) as ${user} ${failure} [${route.source}]`);
        await audit(page, `${concrete} (${route.path}) [${user}]`, findings, { withShell: false });
        timings.push({ path: concrete, open: opened - started, audit: Date.now() - opened });
        for (const link of await linksOn(page)) if (!seen.has(link)) seen.set(link, user);
      });

    // The home page was checked above, for every user.
    const signedIn = routes.filter((r) => r.guard.kind === 'signed-in' && r.path !== '/');
    // Lists first: their links give the ids of the detail pages.
    await inLanes(
      signedIn.filter((r) => !hasParams(r.path)),
      LANES,
      async (route) => {
        const user = userFor(route);
        if (user) await check(route, route.path, user);
        else problems.push(`${route.path}: no demo user may open it [${route.source}]`);
      },
    );
    // Detail pages, in passes: a detail page may link to further ones (a round → its board).
    let pending = signedIn.filter((r) => hasParams(r.path));
    const findTarget = async (route: AppRoute, useResolver: boolean) => {
      const pattern = routePattern(route.path);
      const permitted = USERS.filter((u) => mayOpen(route.guard, sessions.get(u)!.permissions));
      for (const [link, user] of seen) {
        if (!pattern.test(link) || staticPaths.includes(link)) continue;
        const viewer = permitted.includes(user) ? user : permitted[0];
        if (viewer) return { path: link, user: viewer };
      }
      const resolve = resolvers[route.path];
      if (useResolver && resolve && permitted[0]) {
        const resolved = await resolve(sessions.get(permitted[0])!.page);
        if (resolved) return { path: resolved, user: permitted[0] };
      }
      return null;
    };
    for (const useResolver of [false, true]) {
      let progress = true;
      while (progress && pending.length) {
        // the routes a link (or a resolver) now leads to, checked together; their own links
        // may lead to more in the next pass
        const found: Array<{ route: AppRoute; path: string; user: UserName }> = [];
        for (const route of pending) {
          const target = await findTarget(route, useResolver);
          if (target) found.push({ route, ...target });
        }
        progress = found.length > 0;
        pending = pending.filter((r) => !found.some((f) => f.route === r));
        await inLanes(found, LANES, (f) => check(f.route, f.path, f.user));
      }
    }
    for (const route of pending) {
      problems.push(
        `${route.path}: no page links to it and no resolver in a11y.e2e.test.ts gives an id [${route.source}]`,
      );
    }
    const slowest = timings.sort((a, b) => b.open + b.audit - (a.open + a.audit)).slice(0, 8);
    console.info(
      `[a11y] checked ${signedIn.length} signed-in routes; slowest (open + axe, ms): ${slowest
        .map((x) => `${x.path} ${x.open}+${x.audit}`)
        .join(', ')}`,
    );
    expect(problems, problems.join('\n')).toEqual([]);
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 900_000);
});
