import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { animationsSettled, e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });
const STATEMENT = `E2E观点：楼下晾衣区请保留${Date.now() % 100000}`;
const CARD = `会议E2E-${Date.now() % 100000}`;

/** Serious and critical WCAG 2.1 AA violations on the page, as the accessibility sweep counts them. */
async function blocking(page: Page): Promise<string[]> {
  await animationsSettled(page);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(noBrowser)('opinion map (意见地图) journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident votes on a phone in elder mode and adds a statement, staff moderate it, the map and report show the groups', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'resident', PASSWORD);
    const toggle = phone.getByTestId('elder-switch');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await poll(() => phone.evaluate(() => document.documentElement.classList.contains('gz-elder'))).toBe(
      true,
    );

    await phone.goto(`${e2e.baseUrl}/opinion`);
    await phone.getByRole('link', { name: '曹杨二村方案选项意见地图' }).click();
    await poll(() => phone.getByTestId('opinion-statement').isVisible()).toBe(true);
    expect(await blocking(phone)).toEqual([]);
    // one statement per screen, large buttons
    const agree = phone.getByRole('button', { name: /^同\s*意$/ });
    expect((await agree.boundingBox())!.height).toBeGreaterThanOrEqual(60);
    for (let i = 0; i < 8; i++) {
      const before = await phone.getByTestId('opinion-statement').innerText();
      const choice = ['同意', '不同意', '跳过'][i % 3]!;
      // antd may space out two-character labels (跳 过)
      await phone.getByRole('button', { name: new RegExp(`^${[...choice].join('\\s*')}$`) }).click();
      await poll(async () => (await phone.getByTestId('opinion-statement').innerText()) !== before).toBe(
        true,
      );
    }
    await poll(() => phone.getByText('已表态 8 / 14 条').first().isVisible()).toBe(true);
    await phone.getByLabel('观点').fill(STATEMENT);
    await phone.getByRole('button', { name: '提交观点' }).click();
    await poll(() => phone.getByText('已提交，等待工作人员审核后展示。').isVisible()).toBe(true);

    // after voting, the resident sees the map (anonymous groups)
    await phone.getByRole('link', { name: '查看意见地图' }).click();
    await poll(() => phone.getByTestId('opinion-group-1').isVisible()).toBe(true);
    await poll(() => phone.getByTestId('opinion-consensus').innerText()).toContain('方案应一户一议');
    expect(await blocking(phone)).toEqual([]);

    // staff moderate the resident's statement; it joins the map
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/opinion`);
    await staff.getByRole('link', { name: '曹杨二村方案选项意见地图' }).click();
    await poll(() => staff.getByTestId('opinion-pending').innerText()).toContain(STATEMENT);
    await staff.getByRole('button', { name: `通过 ${STATEMENT}`, exact: true }).click();
    await poll(() => staff.getByTestId('opinion-pending').innerText()).not.toContain(STATEMENT);
    await poll(() => staff.getByRole('img', { name: /意见分布.*第 1 群体.*第 2 群体/ }).isVisible()).toBe(
      true,
    );
    await poll(() => staff.getByTestId('opinion-divisive').innerText()).toMatch(/群体1/);
    for (const g of [1, 2, 3])
      await poll(() => staff.getByTestId(`opinion-group-${g}`).isVisible()).toBe(true);
    expect(await blocking(staff)).toEqual([]);

    // a paper card from a meeting, entered by staff, counts one more participant
    const participants = async () =>
      Number((await staff.getByTestId('opinion-participants').innerText()).replace(/\D/g, ''));
    const before = await participants();
    await staff.getByRole('button', { name: '录入纸质表决卡' }).click();
    const card = staff.getByRole('dialog');
    await poll(() => card.getByRole('radiogroup').count()).toBeGreaterThanOrEqual(3);
    await card.getByLabel('卡片编号').fill(CARD);
    for (const [i, choice] of ['同意', '不同意', '跳过'].entries())
      await card.getByRole('radiogroup').nth(i).getByText(choice, { exact: true }).click();
    expect(await blocking(staff)).toEqual([]);
    await card.getByRole('button', { name: '保存，录入下一张' }).click();
    await poll(() => card.getByText(`已录入 1 张。刚保存：${CARD}（3 条）`).isVisible()).toBe(true);
    // cleared for the next card
    expect(await card.getByLabel('卡片编号').inputValue()).toBe('');
    await staff.keyboard.press('Escape');
    await poll(participants).toBe(before + 1);

    // staff close the map: residents are told so in large text; reopened, they vote again
    await staff.getByRole('button', { name: '关闭表决' }).click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '关闭表决' }).click();
    await poll(() => staff.getByTestId('opinion-map-status').innerText()).toContain('已结束');
    expect(await staff.getByRole('button', { name: '录入纸质表决卡' }).isDisabled()).toBe(true);
    await phone.goto(`${e2e.baseUrl}/opinion`);
    await phone.getByRole('link', { name: '曹杨二村方案选项意见地图' }).click();
    const closed = phone.getByTestId('opinion-closed');
    await poll(() => closed.isVisible()).toBe(true);
    expect(await closed.innerText()).toBe('这张意见地图已结束征集，不能再表态或提出观点。');
    expect(await phone.getByRole('button', { name: /^同\s*意$/ }).count()).toBe(0);
    expect(await blocking(phone)).toEqual([]);
    await staff.getByRole('button', { name: '重新开放' }).click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: '重新开放' }).click();
    await poll(() => staff.getByTestId('opinion-map-status').innerText()).toContain('征集中');
    // residents get no live events of the map: the phone sees the reopening on its next load
    await phone.reload();
    await poll(() => phone.getByTestId('opinion-statement').isVisible()).toBe(true);
    // the printable report
    const href = await staff.getByRole('link', { name: '打印报告（PDF）' }).getAttribute('href');
    const report = await staff.request.get(`${e2e.baseUrl}${href}`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toBe('application/pdf');
    expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // the map links to the topic it informs, and the topic back to its map
    await staff.getByRole('link', { name: '曹杨二村成套改造方案选项：大家怎么看' }).click();
    await poll(() =>
      staff.getByRole('link', { name: '意见地图：曹杨二村方案选项意见地图' }).isVisible(),
    ).toBe(true);

    // the resident's next screen now offers the approved statement
    await phone.goto(`${e2e.baseUrl}/opinion`);
    await phone.getByRole('link', { name: '曹杨二村方案选项意见地图' }).click();
    await poll(() => phone.getByText('已表态 8 / 15 条').first().isVisible()).toBe(true);
  }, 300_000);
});
