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
    // a page of a module brings its part of the dictionary (in the language shown), and switching
    // language on it loads that part in the other language before the page re-renders
    await page.getByRole('navigation').getByText('Users').first().click();
    await poll(() => page.getByPlaceholder('Username or name').isVisible()).toBe(true);
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => page.locator('html').getAttribute('lang')).toMatch(/^zh/);
    await poll(() => page.getByPlaceholder('用户名或姓名').isVisible()).toBe(true);

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
  it('sends the security headers on pages and API answers, and the app and the API docs work under the CSP', async () => {
    const page = await browser.newPage();
    // Every refusal by the Content-Security-Policy is an event in the page and a console error.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    const consoleRefusals: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleRefusals.push(m.text());
    });
    const violations = async () => [
      ...consoleRefusals,
      ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
    ];

    const html = await page.goto(`${e2e.baseUrl}/login`);
    const api = await page.request.get(`${e2e.baseUrl}/api/auth/me`);
    for (const headers of [html!.headers(), api.headers()]) {
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }

    await signIn(page, 'leader', 'Demo@2026cy');
    for (const path of ['/dashboard', '/households', '/rounds']) {
      await page.goto(`${e2e.baseUrl}${path}`);
      await poll(() => page.getByRole('main').isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
    }
    expect(await violations()).toEqual([]);

    // swagger-ui renders the API's tags and operations from script files only
    await page.goto(`${e2e.baseUrl}/api/docs`);
    await poll(() => page.getByText('/api/auth/login', { exact: true }).isVisible()).toBe(true);
    await poll(() => page.locator('.opblock').count()).toBeGreaterThan(5);
    expect(await violations()).toEqual([]);

    // framed by another page, the app does not load
    const framer = await browser.newPage();
    await framer.setContent(`<iframe src="${e2e.baseUrl}/login" width="400" height="300"></iframe>`);
    await framer.waitForTimeout(1500);
    const framed = framer.frames().find((f) => f.url().startsWith(e2e.baseUrl));
    const loaded = framed ? await framed.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(loaded).not.toMatch(/共治|登\s*录/);
  });
});
