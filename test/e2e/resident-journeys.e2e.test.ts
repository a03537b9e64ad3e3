import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

/** A resident on a phone, from the portal to the end of each journey (issue 19, points 11–13). */

const PASSWORD = 'Demo@2026cy';
const PHONE = { width: 390, height: 844 };
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

async function api<T>(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'gz_csrf')?.value ?? '';
  const res =
    method === 'GET'
      ? await page.request.get(`${e2e.baseUrl}${url}`)
      : await page.request.post(`${e2e.baseUrl}${url}`, {
          headers: { 'x-csrf-token': csrf },
          ...(body === undefined ? {} : { data: body }),
        });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

interface DrawingSet {
  drawings: Array<{ version: number; confirmedAt: string | null }>;
  changeRequests: Array<{ id: number; status: string; content: string }>;
}

/** The designer uploads a new version of the household's drawing, answering a change request. */
async function designerUploads(designer: Page, householdId: number, changeRequestId?: number) {
  const csrf = (await designer.context().cookies()).find((c) => c.name === 'gz_csrf')?.value ?? '';
  const res = await designer.request.post(`${e2e.baseUrl}/api/households/${householdId}/drawings`, {
    headers: { 'x-csrf-token': csrf },
    multipart: {
      comment: changeRequestId ? '按居民意见修改' : '新一版',
      ...(changeRequestId ? { changeRequestId: String(changeRequestId) } : {}),
      file: { name: 'drawing.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% e2e\n') },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

describe.skipIf(noBrowser)('a resident on a phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let designer: Page;
  let householdId: number;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, 'resident', PASSWORD);
    householdId = (await api<{ householdId: number }>(page, 'GET', '/api/auth/me')).householdId;
    designer = await (await browser.newContext()).newPage();
    await signIn(designer, 'designer', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for a change to the drawing: no 确认图纸 while it is pending, also after a reload (point 11)', async () => {
    // Whatever other journeys did first, start from a drawing waiting for the household.
    const before = await api<DrawingSet>(page, 'GET', `/api/households/${householdId}/drawings`);
    const open = before.changeRequests.find((c) => c.status === 'open');
    if (open) await designerUploads(designer, householdId, open.id);
    else if (before.drawings[0]?.confirmedAt) await designerUploads(designer, householdId);

    await page.goto(`${e2e.baseUrl}/my-home`);
    const drawing = page.locator('section[aria-labelledby="home-drawing"]');
    await poll(() => drawing.getByRole('button', { name: '确认图纸' }).isVisible()).toBe(true);
    // the second step speaks of the drawing, not the plan
    await drawing.getByRole('button', { name: '确认图纸' }).click();
    await poll(() => drawing.getByText(/请再看一遍/).innerText()).toContain('图纸');
    expect(await drawing.getByText(/请再看一遍/).innerText()).not.toContain('方案');
    await drawing.getByRole('button', { name: '先不确认' }).click();

    await drawing.getByRole('button', { name: '我想改图纸' }).click();
    await drawing.getByLabel('修改意见').fill('卫生间门想开在左边');
    await drawing.getByRole('button', { name: '提交' }).click();
    await poll(() => drawing.getByText(/已交给设计师/).isVisible()).toBe(true);
    expect(await drawing.getByText('卫生间门想开在左边').isVisible()).toBe(true);
    expect(await drawing.getByRole('button', { name: '确认图纸' }).count()).toBe(0);
    // the note took the focus from the button that went away
    await poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toContain(
      'gz-rn-home-done',
    );

    await page.reload();
    await poll(() => drawing.getByText('卫生间门想开在左边').isVisible()).toBe(true);
    await poll(() => drawing.getByText(/已交给设计师/).isVisible()).toBe(true);
    expect(await drawing.getByRole('button', { name: '确认图纸' }).count()).toBe(0);
    // the portal says the same: waiting for the designer, nothing to confirm
    await page.goto(`${e2e.baseUrl}/my`);
    const item = page.locator('.gz-portal-item[data-kind="drawing"]');
    await poll(() => item.innerText()).toContain('已提修改意见');

    // the designer answers with a new version: now the household can confirm it
    const now = await api<DrawingSet>(page, 'GET', `/api/households/${householdId}/drawings`);
    const request = now.changeRequests.find((c) => c.status === 'open')!;
    expect(request.content).toBe('卫生间门想开在左边');
    await designerUploads(designer, householdId, request.id);
    await page.goto(`${e2e.baseUrl}/my-home`);
    await poll(() => drawing.getByRole('button', { name: '确认图纸' }).isVisible()).toBe(true);
  });

  it("请您签约 leads to where, when and how to sign, and the household's own state (point 12)", async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    const item = page.locator('.gz-portal-item[data-kind="round"]').filter({ hasText: '请您签约' }).first();
    await poll(() => item.isVisible()).toBe(true);
    await item.getByRole('link').first().click();
    await poll(() => new URL(page.url()).pathname).toBe('/my-home');
    const state = page
      .locator('section[aria-labelledby="home-rounds"] [data-testid="signing-state"]')
      .first();
    await poll(() => state.isVisible()).toBe(true);
    const text = await state.innerText();
    expect(text).toContain('您家还没有签约');
    expect(text).not.toContain('未答复');
    expect(text).toContain('在哪里签');
    expect(text).toContain('睦邻中心');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
    expect(text).toContain('9:00');
    expect(text).toContain('身份证');
  });
});
