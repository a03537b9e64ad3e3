import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

describe.skipIf(noBrowser)('platform journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the demo admin signs in, switches to English and back, and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(e2e.baseUrl);
    await page.waitForURL(/\/login/);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);

    await signIn(page, 'admin', 'Demo@2026cy');
    await poll(() => page.getByRole('main').isVisible()).toBe(true);
    await poll(() => page.getByRole('button', { name: /系统管理员/ }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await poll(() => page.getByRole('navigation').getByText('Users').first().isVisible()).toBe(true);
    // the choice survives a reload
    await page.reload();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => page.locator('html').getAttribute('lang')).toMatch(/^zh/);

    await page.getByRole('button', { name: /系统管理员/ }).click();
    await page.getByRole('menuitem', { name: /退出/ }).click();
    await page.waitForURL(/\/login/);
    await poll(() => page.getByText('您已安全退出').isVisible()).toBe(true);
    // the session is gone on the server too
    const me = await page.request.get(`${e2e.baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);
  });

  it('serves deep links to the app and sends strangers to sign in first', async () => {
    const page = await browser.newPage();
    await page.goto(`${e2e.baseUrl}/admin/audit`);
    await page.waitForURL(/\/login\?next=%2Fadmin%2Faudit/);
    await page.getByLabel(/用户名/).fill('leader');
    await page.getByLabel(/密码/).fill('Demo@2026cy');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin\/audit/);
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await browser.newPage();
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel(/用户名/).fill('leader');
    await page.getByLabel(/密码/).fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await poll(() => page.getByText('用户名或密码不正确').isVisible()).toBe(true);
  });
});
