import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const LAW = path.resolve(import.meta.dirname, '../fixtures/laws/人民调解法(2010-08-28).md');
const TITLE = '人民调解法（修订草案征求意见稿）';
/** Pages load behind a sign-in on a busy machine: give each check time. */
const WAIT = { timeout: 20_000, interval: 250 };
const OPINION = '建议明确居民委员会应当主动告知当事人可以申请调解，并公布调解员名单';

describe.skipIf(noBrowser)('legislative consultation journey', () => {
  let browser: Browser;
  let draftUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff import a draft; the figures come from the seeded records', async () => {
    const page = await browser.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/legislation`);
    await expect.poll(() => page.getByText('征询活动（场）').isVisible(), WAIT).toBe(true);
    await expect
      .poll(() => page.locator('main').innerText(), WAIT)
      .toMatch(
        /征询活动（场）\s+68\s+征询草案（部）\s+27\s+参与人次\s+1,\d{3}\s+收到意见（条）\s+495\s+被采纳（条）\s+123/,
      );

    await page.getByLabel('草案名称（可选）').fill(TITLE);
    await page.getByLabel('草案文件').setInputFiles(LAW);
    await page.getByRole('button', { name: '导入' }).click();
    await expect.poll(() => page.getByText(`已导入《${TITLE}》，共 35 条`).isVisible(), WAIT).toBe(true);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/legislation\/drafts\/\d+$/);
    draftUrl = page.url();
    await expect
      .poll(() => page.getByRole('heading', { name: '第四章 调解程序' }).isVisible(), WAIT)
      .toBe(true);
    await page.close();
  });

  it('a resident comments on an article, reached by its link', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${draftUrl}#art-17`);
    const article = page.getByRole('article', { name: '第十七条' });
    await expect.poll(() => article.isVisible(), WAIT).toBe(true);
    await article.getByRole('button', { name: '对第十七条提意见' }).click();
    await article.getByRole('radio', { name: '修改' }).check({ force: true });
    await article.getByLabel('意见内容').fill(OPINION);
    await article.getByLabel('理由（可选）').fill('老人更信任熟悉的人');
    await article.getByRole('button', { name: '提交意见' }).click();
    await expect.poll(() => page.getByText(/感谢您的意见/).isVisible(), WAIT).toBe(true);
    await page.goto(`${e2e.baseUrl}/legislation`);
    const mine = page.getByText(OPINION);
    await expect.poll(() => mine.isVisible(), WAIT).toBe(true);
    await expect.poll(() => page.getByText('待审核').first().isVisible(), WAIT).toBe(true);
    await page.close();
  });

  it('staff accept it, produce the consolidated report and mark adoption', async () => {
    const page = await browser.newPage();
    await signIn(page, 'committee', PASSWORD);
    await page.goto(`${draftUrl}/report`);
    await expect.poll(() => page.getByText('待审核的居民意见（1 条）').isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    const section = page.locator('.ant-card').filter({ hasText: '第十七条（1 条意见）' });
    await expect.poll(() => section.isVisible(), WAIT).toBe(true);
    expect(await section.innerText()).toContain('当事人可以向人民调解委员会申请调解');

    const docx = await page.request.get(
      `${draftUrl.replace('/legislation/', '/api/legislation/')}/report/file?format=docx`,
    );
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    const pdf = await page.request.get(
      `${draftUrl.replace('/legislation/', '/api/legislation/')}/report/file?format=pdf`,
    );
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await section.getByRole('combobox', { name: /的处理结果/ }).click();
    // antd renders an invisible role=option list for screen readers; click the visible item.
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^已采纳$/ })
      .click();
    await section.getByLabel('反馈说明').fill('修订稿第十七条已增加公布调解员名单的要求');
    await section.getByRole('button', { name: '保存反馈' }).click();
    await expect.poll(() => page.getByText('已反馈 1 条意见').isVisible(), WAIT).toBe(true);
    await page.getByRole('button', { name: '记录报送' }).click();
    await expect.poll(() => page.getByText('已记录报送').isVisible(), WAIT).toBe(true);
    await page.close();
  });

  it('the resident sees what became of the opinion', async () => {
    const page = await browser.newPage();
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/legislation`);
    const item = page.locator('.ant-list-item').filter({ hasText: OPINION });
    await expect.poll(() => item.isVisible(), WAIT).toBe(true);
    expect(await item.innerText()).toContain('已采纳');
    expect(await item.innerText()).toContain('修订稿第十七条已增加公布调解员名单的要求');
    await page.close();
  });
});
