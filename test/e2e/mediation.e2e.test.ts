import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const TITLE = `E2E邻里纠纷${Date.now() % 100000}`;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });
const OK = /^(确\s*定|OK)$/;

describe.skipIf(noBrowser)('"2+3" mediation journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('takes a case from intake to a signed agreement and its PDF', async () => {
    const page = await browser.newPage();
    await signIn(page, 'mediator', PASSWORD);
    await page.goto(`${e2e.baseUrl}/mediation`);
    await page.getByRole('button', { name: /登记案件/ }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('纠纷名称').fill(TITLE);
    await dialog.getByLabel('纠纷事实').fill('楼上空调冷凝水滴落至楼下阳台，双方多次争执。');
    await dialog.getByLabel('当事人请求').fill('申请人要求加装冷凝水管。');
    // party 1: a household of the street, picked by the household picker
    await dialog.getByLabel('所在户（按门牌或姓名搜索） 1').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await poll(() => option.isVisible()).toBe(true);
    const household = (await option.innerText()).split(' ')[0]!;
    await option.click();
    await poll(() => dialog.getByLabel('姓名/名称 1').inputValue()).not.toBe('');
    await dialog.getByLabel('姓名/名称 1').fill('测试甲');
    // party 2: an outsider with a phone, stored encrypted and shown masked
    await dialog.getByRole('radio', { name: '外来当事人' }).nth(1).dispatchEvent('click');
    await dialog.getByLabel('姓名/名称 2').fill('测试乙');
    await dialog.getByLabel('联系电话 2').fill('13912345678');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByRole('heading', { name: new RegExp(TITLE) }).isVisible()).toBe(true);
    await poll(() => page.getByTestId('case-status').innerText()).toBe('待受理');
    await poll(() => page.getByTestId('parties').innerText()).toContain(household);
    await poll(() => page.getByTestId('parties').innerText()).toContain('139****5678');
    expect(await page.getByTestId('parties').innerText()).not.toContain('13912345678');

    await page.getByRole('button', { name: /^受\s*理$/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: '街道调委会' }).dispatchEvent('click');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByTestId('case-status').innerText()).toBe('调解中');
    await poll(() => page.getByText('街道调委会').first().isVisible()).toBe(true);

    await page.getByRole('button', { name: '记录调解' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('时间').fill('2026-11-20T10:00');
    await dialog.getByLabel('地点').fill('曹杨一村事和院');
    await dialog.getByLabel('记录').fill('双方到场，同意由被申请人加装冷凝水管。');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByText('双方到场，同意由被申请人加装冷凝水管。').isVisible()).toBe(true);

    await page.getByRole('button', { name: '调解结果' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('争议事项及各方责任').fill('冷凝水滴落责任在被申请人。');
    await dialog.getByLabel('协议内容').fill('被申请人七日内加装冷凝水管。');
    await dialog.getByLabel('履行方式').fill('被申请人自行安装，调解员回访确认');
    await dialog.getByLabel('履行期限').fill('2026-12-31');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByTestId('case-status').innerText()).toBe('达成书面协议');

    // each party's signature says how it was given; the mediator recording it is the witness
    await page.getByRole('button', { name: '签名 测试甲' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('本人现场在纸质协议上签字').click();
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByRole('button', { name: '签名 测试乙' }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: '签名 测试乙' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByText('委托代理人代签').click();
    await dialog.getByLabel('代签人（姓名及与当事人的关系）').fill('测试丙（女儿）');
    await dialog.getByLabel('授权委托书').fill('2026年11月20日授权委托书，委托其签署本调解协议。');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => page.getByRole('button', { name: '签名 测试乙' }).count()).toBe(0);
    const parties = page.getByTestId('parties');
    await poll(() => parties.innerText()).toMatch(/本人现场在纸质协议上签字 · 见证人：/);
    await poll(() => parties.innerText()).toContain('委托代理人代签：测试丙（女儿）');
    await page.getByRole('button', { name: '调解员签名' }).click();
    await poll(() => page.getByText('协议生效').isVisible()).toBe(true);
    await poll(() => page.getByTestId('case-file').innerText()).toMatch(/调解协议\s*已归档/);

    const href = await page.getByRole('link', { name: /调解协议书（PDF）/ }).getAttribute('href');
    const pdf = await page.request.get(`${e2e.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
  });
});
