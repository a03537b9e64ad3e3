import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
// An account no other journey signs in with: once it has a second factor, its sign-in changes.
const USER = 'lawyer';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

const codeFor = (secret: string) => OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret) });

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /用户菜单/ }).click();
  await page.getByRole('menuitem', { name: /退出/ }).click();
  await page.waitForURL(/\/login/);
}

async function passwordStep(page: Page): Promise<void> {
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(USER);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await poll(() => page.getByRole('heading', { name: '双因素认证' }).isVisible()).toBe(true);
}

async function codeStep(page: Page, code: string): Promise<void> {
  await page.getByLabel('验证码或恢复码').fill(code);
  await page.getByRole('button', { name: /验\s*证/ }).click();
}

describe.skipIf(noBrowser)('second factor journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enrols TOTP, signs in with password and code, and takes a recovery code once', async () => {
    const page = await browser.newPage();
    await signIn(page, USER, PASSWORD);
    await page.getByRole('button', { name: /用户菜单/ }).click();
    await page.getByRole('menuitem', { name: '账号安全' }).click();
    await page.waitForURL(/\/account\/security/);
    await page.getByRole('button', { name: '开始设置' }).click();
    await poll(() => page.getByRole('img', { name: '身份验证器设置二维码' }).isVisible()).toBe(true);
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('6 位验证码').fill(codeFor(secret));
    await page.getByRole('button', { name: '确认开启' }).click();
    const codes = page.getByRole('list', { name: /恢复码/ }).getByRole('listitem');
    await poll(() => codes.count()).toBe(10);
    const recovery = (await codes.first().innerText()).trim();
    await page.getByRole('button', { name: '我已保存，继续' }).click();
    await poll(() => page.getByText(/已开启，开启于/).isVisible()).toBe(true);
    await signOut(page);

    // password, then a code computed here from the secret the page showed
    await passwordStep(page);
    await codeStep(page, codeFor(secret));
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await poll(() => page.getByRole('main').isVisible()).toBe(true);
    await signOut(page);

    // a recovery code signs in once …
    await passwordStep(page);
    await codeStep(page, recovery);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await signOut(page);
    // … and never again
    await passwordStep(page);
    await codeStep(page, recovery);
    await poll(() => page.getByText('验证码不正确、已过期或已使用').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  }, 180_000);

  it('the demo says that it does not require a second factor of its administrator', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', PASSWORD);
    await poll(() =>
      page
        .getByText(/演示模式：本服务器未要求/)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.close();
  }, 60_000);
});
