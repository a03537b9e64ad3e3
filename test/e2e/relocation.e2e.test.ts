import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026';

/** Pages load lazily and talk to a real server: give every wait the same generous limit. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

type Move = { id: number; householdLabel: string; status: string; team: Array<{ name: string }> };
type Stored = { id: number; householdLabel: string; status: string; items: Array<{ name: string }> };

describe.skipIf(noBrowser)('relocation (搬家与仓库) journey', () => {
  let browser: Browser;
  let label = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident books a mover and a storage slot on the large-text page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-move`);
    await page.getByRole('heading', { name: '预约红色搬家先锋队' }).waitFor();
    const size = await page
      .locator('.gz-rl-mine')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await page.getByLabel('易碎或贵重物品（可不填）').fill('老式穿衣镜');
    await page.getByRole('button', { name: '提交搬家预约' }).click();
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('待排班');

    await page.getByRole('radio', { name: /梅岭北路临时仓库/ }).check();
    await page.getByRole('button', { name: '预约仓位' }).click();
    await poll(() => page.getByTestId('my-storage').first().textContent()).toContain('已预约');

    const moves = await apiGet<{ items: Move[] }>(page, '/api/relocation/moves');
    label = moves.items[0]!.householdLabel;
    expect(label).not.toBe('');
    await page.close();
  });

  it('staff schedule a team and check the furniture in; the resident confirms the move', async () => {
    const staff = await browser.newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/relocation`);
    const select = staff.getByLabel(`选择志愿者 ${label}`);
    await select.waitFor();
    await select.click();
    await staff
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^王磊$/ })
      .click();
    await staff.keyboard.press('Escape');
    const row = staff.getByRole('row').filter({ has: select });
    await row.getByRole('button', { name: /排\s*班/ }).click();
    await poll(async () => {
      const moves = await apiGet<{ items: Move[] }>(staff, '/api/relocation/moves');
      return (
        moves.items.find((m) => m.householdLabel === label && m.status === 'scheduled')?.team.length ?? 0
      );
    }).toBe(1);

    await staff.getByRole('tab', { name: '临时仓库' }).click();
    await staff.getByLabel(`物品清单（每行一件：名称 数量） ${label}`).fill('大衣柜 1\n樟木箱 2');
    await staff
      .getByRole('button', { name: /入\s*库/ })
      .first()
      .click();
    await poll(async () => {
      const s = await apiGet<{ items: Stored[] }>(staff, '/api/relocation/storage');
      return s.items.find((x) => x.householdLabel === label)?.status;
    }).toBe('stored');
    await staff.close();

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-move`);
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('王磊');
    await page.getByRole('button', { name: '搬家已完成，确认' }).click();
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('已确认完成');
    await poll(() => page.getByTestId('my-storage').first().textContent()).toContain('大衣柜×1');
    await page.close();
  });
});
