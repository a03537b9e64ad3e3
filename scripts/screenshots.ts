/**
 * Screenshots for the README, taken with playwright-core and Debian's Chromium against a running
 * demo server (`npm run demo`). Rerun: `node scripts/screenshots.ts [http://127.0.0.1:3000]`.
 * Each shot signs in as its demo account; add a shot by adding one entry to `shots`.
 */
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

const BASE = process.argv[2] ?? process.env.GZ_BASE_URL ?? 'http://127.0.0.1:3000';
const PASSWORD = process.env.GZ_DEMO_PASSWORD ?? 'Demo@2026cy';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(import.meta.dirname, '..');

interface Shot {
  /** Where the PNG goes, relative to the repository root. */
  path: string;
  /** The page, or a function finding it through the API (e.g. an estate's id). */
  url: string | ((api: <T>(url: string) => Promise<T>) => Promise<string>);
  viewport: { width: number; height: number };
  /** The demo account to sign in as (see the README), or null for a public page. */
  login: string | null;
  /** Something on the page that shows it has loaded its data. */
  ready?: string;
  /** Extra steps before the picture, e.g. switching on elder mode. */
  prepare?: (page: Page) => Promise<void>;
  fullPage?: boolean;
}

async function estateId(api: <T>(url: string) => Promise<T>, name: string): Promise<number> {
  const estates = await api<{ items: Array<{ id: number; name: string }> }>('/api/estates');
  const estate = estates.items.find((e) => e.name.includes(name));
  if (!estate) throw new Error(`No estate ${name} in the demo`);
  return estate.id;
}

export const shots: Shot[] = [
  {
    path: 'docs/screenshots/dashboard.png',
    url: async (api) => `/dashboard?estateId=${await estateId(api, '曹杨一村')}`,
    viewport: { width: 1440, height: 900 },
    login: 'leader',
    ready: '[data-testid="figure-households-households"]',
  },
  {
    path: 'docs/screenshots/bigscreen.png',
    url: async (api) => `/dashboard/screen?estateId=${await estateId(api, '曹杨一村')}`,
    viewport: { width: 1440, height: 900 },
    login: 'leader',
    ready: '[data-testid="screen-households-households"]',
  },
];

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function main(): Promise<void> {
  const only = process.env.GZ_SHOTS?.split(',');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const shot of shots) {
      if (only && !only.some((o) => shot.path.includes(o))) continue;
      const context = await browser.newContext({ viewport: shot.viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      if (shot.login) await signIn(page, shot.login);
      const api = async <T>(url: string): Promise<T> => {
        const res = await page.request.get(`${BASE}${url}`);
        if (!res.ok()) throw new Error(`${url}: ${res.status()}`);
        return (await res.json()) as T;
      };
      const url = typeof shot.url === 'string' ? shot.url : await shot.url(api);
      await page.goto(`${BASE}${url}`);
      if (shot.ready) await page.waitForSelector(shot.ready, { timeout: 60_000 });
      await shot.prepare?.(page);
      await page.waitForTimeout(1_500); // charts finish their first animation
      await page.screenshot({ path: path.join(OUT, shot.path), fullPage: shot.fullPage ?? false });
      console.log(`${shot.path} ← ${url}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
