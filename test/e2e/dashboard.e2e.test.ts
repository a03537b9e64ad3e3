import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

async function apiPost(context: BrowserContext, page: Page, url: string, data: unknown) {
  const csrf = (await context.cookies()).find((c) => c.name === 'gz_csrf')?.value ?? '';
  return page.request.post(`${e2e.baseUrl}${url}`, {
    data: data as object,
    headers: { 'x-csrf-token': csrf },
  });
}

describe.skipIf(noBrowser)('whole-process dashboard and big screen', () => {
  let browser: Browser;
  let estateId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the big screen changes by itself when a concern is recorded through the API', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const screen = await context.newPage();
    await signIn(screen, 'leader', PASSWORD);
    const estates = await apiGet<{ items: Array<{ id: number; name: string }> }>(screen, '/api/estates');
    estateId = estates.items.find((e) => e.name.includes('曹杨二村'))!.id;
    const someHousehold = await apiGet<{ items: Array<{ id: number }> }>(
      screen,
      `/api/households?estateId=${estateId}&limit=1`,
    );
    expect(someHousehold.items.length).toBe(1);

    await screen.goto(`${e2e.baseUrl}/dashboard/screen?estateId=${estateId}`);
    const openConcerns = screen.getByTestId('screen-households-openConcerns');
    await poll(() => openConcerns.isVisible()).toBe(true);
    const before = Number(await openConcerns.innerText());
    expect(Number.isInteger(before)).toBe(true);
    let navigations = 0;
    screen.on('framenavigated', (frame) => {
      if (frame === screen.mainFrame()) navigations += 1;
    });
    await screen.waitForTimeout(1_500); // let the live stream connect

    const res = await apiPost(context, screen, `/api/households/${someHousehold.items[0]!.id}/concerns`, {
      content: '大屏联动测试：楼道照明损坏',
    });
    expect(res.status()).toBe(200);

    await poll(async () => Number(await openConcerns.innerText())).toBe(before + 1);
    expect(navigations).toBe(0);
    await context.close();
  });

  it('a figure leads to the records behind it, and a report shows progress then a download', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/dashboard?estateId=${estateId}`);
    const overdue = page.getByTestId('figure-households-overdueFollowUps');
    await poll(() => overdue.isVisible()).toBe(true);
    await overdue.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/households');
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('1');
    expect(new URL(page.url()).searchParams.get('estateId')).toBe(String(estateId));

    await page.goBack();
    // Back on the board, the page above the toolbar is still filling in (the toolbar moves down
    // ~80 px within the first 200 ms): a click before it settles lands where the button was.
    await poll(() => overdue.isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    await poll(() => page.getByRole('button', { name: /导出 Excel/ }).isVisible()).toBe(true);
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const status = page.getByTestId('report-status');
    await poll(() => status.isVisible()).toBe(true);
    const download = page.getByTestId('report-download');
    await poll(() => download.isVisible()).toBe(true);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const data = fs.readFileSync(await file.path());
    expect(data.subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  it('the big screen fits an office screen of 1440 × 900: nothing scrolls and no panel spills over', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const screen = await context.newPage();
    await signIn(screen, 'leader', PASSWORD);
    await screen.goto(`${e2e.baseUrl}/dashboard/screen`);
    await poll(() => screen.getByTestId('screen-updated').isVisible()).toBe(true);
    await screen.waitForLoadState('networkidle');
    const fit = await screen.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      spilled: [...document.querySelectorAll('.gz-db-screen-panel')]
        .filter((p) => p.scrollHeight > p.clientHeight + 1 || p.getBoundingClientRect().bottom > innerHeight)
        .map((p) => p.querySelector('h2')?.textContent),
      footer: document.querySelector('.gz-db-screen-footer')!.getBoundingClientRect().bottom,
    }));
    expect(fit.width).toBeLessThanOrEqual(1440);
    expect(fit.height).toBeLessThanOrEqual(900); // was 1963: the phases ran a screen below
    expect(fit.spilled).toEqual([]);
    expect(fit.footer).toBeLessThanOrEqual(900);
    await context.close();
  });
});
