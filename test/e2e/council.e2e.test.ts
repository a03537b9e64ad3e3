import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026';
const TITLE = `E2E议事会${Date.now() % 100000}`;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });
const OK = /^(确\s*定|OK)$/;

describe.skipIf(noBrowser)('council hall (红色议事厅) journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('calls a meeting, a resident signs in by its QR link, and a resolution is recorded', async () => {
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/council`);
    await staff.getByRole('button', { name: /召开议事会/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('会议名称').fill(TITLE);
    await dialog.getByLabel('时间').fill('2026-12-05T14:30');
    await dialog.getByLabel('地点').fill('曹杨二村睦邻中心');
    await dialog.getByLabel('主持人').fill('陈丽华');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => staff.getByRole('link', { name: `进入 ${TITLE}` }).isVisible()).toBe(true);
    await staff.getByRole('link', { name: `进入 ${TITLE}` }).click();
    await poll(() => staff.getByRole('heading', { name: TITLE }).isVisible()).toBe(true);
    await poll(() => staff.getByTestId('sign-in-url').inputValue()).toContain('/council/check-in/');
    const url = await staff.getByTestId('sign-in-url').inputValue();
    expect(await staff.getByRole('img', { name: '签到二维码' }).getAttribute('src')).toMatch(
      /^data:image\/png/,
    );

    // the resident opens the QR link on a phone
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'resident', PASSWORD);
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
    await poll(() => phone.getByText('签到成功').isVisible()).toBe(true);
    await poll(() => phone.getByText(TITLE, { exact: false }).isVisible()).toBe(true);

    await staff.reload();
    await poll(() => staff.getByTestId('attendance').innerText()).toBe('1 / 0');
    await poll(() => staff.getByText(/扫码/).first().isVisible()).toBe(true);

    await staff.getByLabel('决议内容').fill('同意在楼道增设电动车集中充电点');
    await staff.getByLabel('赞成').fill('18');
    await staff.getByLabel('反对').fill('2');
    await staff.getByLabel('弃权').fill('1');
    await staff.getByRole('button', { name: '记录决议' }).click();
    await poll(() => staff.getByTestId('resolutions').innerText()).toMatch(
      /增设电动车集中充电点[\s\S]*赞成 18[\s\S]*通过/,
    );

    const meetingId = /check-in\/(\d+)/.exec(url)![1];
    const pdf = await staff.request.get(`${e2e.baseUrl}/api/council/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });
});
