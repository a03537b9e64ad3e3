import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const WAIT = { timeout: 20_000, interval: 250 };
const SUBJECT = '楼下花坛旁能否装几个充电桩';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe.skipIf(noBrowser)("residents' suggestion journey", () => {
  let browser: Browser;
  let detailPath = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident on a phone sees open topic calls and submits a suggestion with a photo', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/suggest`);
    await expect.poll(() => page.getByText('电动车充电难专项征集').isVisible(), WAIT).toBe(true);
    // Large text on residents' pages.
    const size = await page
      .locator('.gz-resident')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await expect.poll(() => page.getByText('幸福饭堂').first().isVisible(), WAIT).toBe(true);

    await page.getByRole('button', { name: '我要提建议' }).click();
    await page.waitForURL(/\/suggest\/new/);
    await page.getByLabel('建议主题').fill(SUBJECT);
    await page.getByLabel('主要事由').fill('电瓶车没有地方充电，邻居从楼上拉电线飞线充电，很危险。');
    // Similar suggestions appear while typing.
    await expect.poll(() => page.getByText('已有居民提过类似建议').isVisible(), WAIT).toBe(true);
    await page.getByLabel('对策建议').fill('利用花坛边角安装充电桩，扫码充电。');
    await page.getByLabel('建议人姓名').fill('刘桂芳');
    await page.getByLabel('联系电话').fill('13812345678');
    await page
      .getByLabel('照片（选填）')
      .setInputFiles({ name: '花坛.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '提交建议' }).click();
    await expect.poll(() => page.getByText('提交成功，感谢您的建议！').isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.waitForURL(/\/suggest\/\d+$/);
    detailPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { name: SUBJECT }).isVisible(), WAIT).toBe(true);
    await expect.poll(() => page.getByText('138****5678').isVisible(), WAIT).toBe(true);
    await expect.poll(() => page.getByRole('img', { name: /花坛\.png/ }).isVisible(), WAIT).toBe(true);
    await page.close();
  });

  it('staff find it by searching 充电桩, accept, assign it to a unit picked from the list, and answer it', async () => {
    const page = await browser.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/suggestions?q=${encodeURIComponent('充电桩')}`);
    await expect.poll(() => page.getByRole('link', { name: SUBJECT }).isVisible(), WAIT).toBe(true);
    // Seeded overdue items stand out.
    await expect.poll(async () => (await page.getByText('已超期').count()) >= 0, WAIT).toBe(true);
    await page.goto(`${e2e.baseUrl}${detailPath.replace('/suggest/', '/suggestions/')}`);
    await expect.poll(() => page.getByRole('heading', { name: '下一步办理' }).isVisible(), WAIT).toBe(true);
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    // 交办: the handling unit is picked from the street's list (a Select), not typed
    await expect.poll(() => page.getByRole('button', { name: '交办' }).isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '交办' }).click();
    const unit = page.getByRole('combobox', { name: '承办部门' });
    await expect.poll(() => unit.isVisible(), WAIT).toBe(true);
    await unit.click();
    await page.locator('.ant-select-item-option', { hasText: '街道城建办' }).click();
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    // assigned: 办理 is offered now, and the unit shows among the details
    await expect.poll(() => page.getByRole('button', { name: '办理' }).isVisible(), WAIT).toBe(true);
    await expect
      .poll(() => page.locator('.ant-descriptions').getByText('街道城建办').isVisible(), WAIT)
      .toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '答复' }).isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '答复' }).click();
    await page.getByLabel('答复').fill('已列入花坛式充电桩项目第二批选址，感谢您的建议。');
    await page
      .getByRole('button', { name: '确 定' })
      .or(page.getByRole('button', { name: '确定' }))
      .click();
    await expect
      .poll(() => page.getByText('已列入花坛式充电桩项目第二批选址').first().isVisible(), WAIT)
      .toBe(true);
    await page.close();
  });

  it('the resident reads the answer and rates it', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}${detailPath}`);
    await expect.poll(() => page.getByText('已列入花坛式充电桩项目第二批选址').isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '5 星' }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.getByText('您的评价：5 星。').isVisible(), WAIT).toBe(true);
    await page.goto(`${e2e.baseUrl}/suggest`);
    await expect.poll(() => page.getByText(SUBJECT).isVisible(), WAIT).toBe(true);
    await page.close();
  });

  it('staff see the figures', async () => {
    const page = await browser.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/suggestions/figures`);
    await expect.poll(() => page.getByText('按期办结率').isVisible(), WAIT).toBe(true);
    // Four ECharts charts drew (canvas), each wrapped in an image role carrying its numbers as text.
    await expect.poll(() => page.locator('main canvas').count(), WAIT).toBeGreaterThanOrEqual(4);
    const labels = await page
      .locator('main [role="img"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.some((l) => l.startsWith('按提交渠道'))).toBe(true);
    await page.close();
  });
});
