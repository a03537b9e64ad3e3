/**
 * Web delivery benchmark (issue 15): what a resident on a phone waits for. Chromium with the phone
 * profile set through the DevTools protocol — 4× CPU slowdown, 1.6 Mbps down / 750 kbps up, 150 ms
 * round trip — against a running demo server:
 * - the first page: bytes on the wire for `/login` with everything it loads by itself, and which
 *   assets over 1 KB came uncompressed or without a long-lived cache;
 * - first contentful paint of `/login` (empty cache);
 * - sign-in → portal content (the resident's 我的首页 with its stage line);
 * - warm repeat visit: the portal opened again with the cache of the first visit.
 * Each figure is the median of BENCH_RUNS (3) runs, every run in a fresh browser profile.
 * Run: node scripts/bench-web.ts [http://127.0.0.1:3000]
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/platform/seedKit.ts';

const BASE = (process.argv[2] ?? process.env.BENCH_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const USER = process.env.BENCH_USER ?? 'resident';
const PASSWORD = process.env.BENCH_PASSWORD ?? DEMO_PASSWORD;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The phone profile of the issue: a mid-range phone on a weak mobile network. */
const PHONE = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downBytesPerS: (1.6 * 1024 * 1024) / 8,
  upBytesPerS: (750 * 1024) / 8,
};

interface Transfer {
  url: string;
  status: number;
  wire: number;
  encoding: string;
  cacheControl: string;
  fromCache: boolean;
  bodySize: number;
}

/** Records every response of the page with its bytes on the wire, as the network layer saw them. */
async function watchNetwork(cdp: CDPSession): Promise<Transfer[]> {
  const byId = new Map<string, Transfer>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    byId.set(e.requestId, {
      url: e.response.url,
      status: e.response.status,
      wire: 0,
      encoding: String(headers['content-encoding'] ?? ''),
      cacheControl: String(headers['cache-control'] ?? ''),
      fromCache: e.response.fromDiskCache === true || e.response.fromPrefetchCache === true,
      bodySize: 0,
    });
  });
  cdp.on('Network.dataReceived', (e) => {
    const t = byId.get(e.requestId);
    if (t) t.bodySize += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const t = byId.get(e.requestId);
    if (!t) return;
    t.wire = e.encodedDataLength;
    done.push(t);
  });
  await cdp.send('Network.enable');
  return done;
}

async function phonePage(context: BrowserContext): Promise<{ page: Page; transfers: Transfer[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const transfers = await watchNetwork(cdp);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: PHONE.downBytesPerS,
    uploadThroughput: PHONE.upBytesPerS,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  return { page, transfers };
}

const portalShown = (page: Page) =>
  page.getByTestId('portal-stage').filter({ hasText: /\S/ }).waitFor({ state: 'visible', timeout: 120_000 });

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const found = performance.getEntriesByName('first-contentful-paint')[0];
        if (found) return resolve(found.startTime);
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

interface RunResult {
  loginBytes: number;
  loginFcp: number;
  signInToPortal: number;
  warmRepeat: number;
  warmBytes: number;
  transfers: Transfer[];
}

async function oneRun(context: BrowserContext): Promise<RunResult> {
  const { page, transfers } = await phonePage(context);
  await page.goto(`${BASE}/login`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const loginFcp = await firstContentfulPaint(page);
  const firstPage = [...transfers];
  const loginBytes = firstPage.reduce((sum, t) => sum + t.wire, 0);

  await page.getByLabel(/用户名|Username/).fill(USER);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  const t0 = Date.now();
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await portalShown(page);
  const signInToPortal = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  await page.close();

  // A returning visitor: a new tab of the same profile (its HTTP cache and session cookie).
  const warm = await phonePage(context);
  const t1 = Date.now();
  await warm.page.goto(`${BASE}/my`, { waitUntil: 'commit' });
  await portalShown(warm.page);
  const warmRepeat = Date.now() - t1;
  if (process.env.BENCH_WATERFALL) await printWaterfall(warm.page);
  await warm.page.waitForLoadState('networkidle');
  const warmBytes = warm.transfers.reduce((sum, t) => sum + t.wire, 0);
  await warm.page.close();
  return { loginBytes, loginFcp, signInToPortal, warmRepeat, warmBytes, transfers: firstPage };
}

/** The warm visit's requests on the page's own clock (BENCH_WATERFALL=1): what waits for what. */
async function printWaterfall(page: Page): Promise<void> {
  const rows = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: r.name, start: r.startTime, end: r.responseEnd, size: r.transferSize };
    }),
  );
  for (const r of rows.sort((a, b) => a.start - b.start)) {
    const path = new URL(r.name).pathname;
    console.log(
      `  ${r.start.toFixed(0).padStart(6)} → ${r.end.toFixed(0).padStart(6)} ms  ${String(r.size).padStart(7)} B  ${path}`,
    );
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Assets of the first page that break the delivery rules (over 1 KB and uncompressed, or not cached). */
function offences(transfers: Transfer[]): string[] {
  const out: string[] = [];
  for (const t of transfers) {
    const path = new URL(t.url).pathname;
    if (path.startsWith('/api/')) continue;
    if (t.bodySize > 1024 && !t.encoding) out.push(`uncompressed ${path} (${t.bodySize} B)`);
    if (path.startsWith('/assets/') && !/immutable/.test(t.cacheControl))
      out.push(`not immutable ${path} (${t.cacheControl || 'no Cache-Control'})`);
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--no-first-run',
  ],
});
try {
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const r = await oneRun(context);
    await context.close();
    results.push(r);
    console.log(
      `run ${i + 1}: /login ${(r.loginBytes / 1024).toFixed(0)} KB on the wire, FCP ${r.loginFcp.toFixed(0)} ms, ` +
        `sign-in → portal ${r.signInToPortal} ms, warm repeat ${r.warmRepeat} ms (${(r.warmBytes / 1024).toFixed(1)} KB)`,
    );
  }
  const first = results[0]!;
  console.log(`\nFirst page (${first.transfers.length} responses):`);
  for (const t of [...first.transfers].sort((a, b) => b.wire - a.wire).slice(0, 12)) {
    console.log(
      `  ${(t.wire / 1024).toFixed(1).padStart(8)} KB  ${t.encoding || '-'.padEnd(4)}  ${new URL(t.url).pathname}`,
    );
  }
  const bad = offences(first.transfers);
  console.log(bad.length ? `Delivery rules broken:\n  ${bad.join('\n  ')}` : 'Delivery rules: all kept.');
  console.log(
    `\nMedian of ${RUNS} (phone profile: ${PHONE.cpuSlowdown}× CPU, 1.6 Mbps, ${PHONE.latencyMs} ms RTT):\n` +
      `  /login on the wire   ${(median(results.map((r) => r.loginBytes)) / 1024).toFixed(0)} KB\n` +
      `  /login FCP           ${median(results.map((r) => r.loginFcp)).toFixed(0)} ms\n` +
      `  sign-in → portal     ${median(results.map((r) => r.signInToPortal))} ms\n` +
      `  warm repeat visit    ${median(results.map((r) => r.warmRepeat))} ms`,
  );
} finally {
  await browser.close();
}
