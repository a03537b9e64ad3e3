import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser } from './browser.ts';

/**
 * The main staff flow with the keyboard only: a 包干 cadre signs in, opens the household list
 * from the side menu, searches, opens a household file and records a visit — Tab / Shift+Tab /
 * Enter / Space / arrow keys and typing, never the mouse — and every stop shows where focus is.
 */

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

interface Focused {
  tag: string;
  role: string | null;
  type: string | null;
  name: string;
  href: string | null;
  /** An outline or a focus ring (box-shadow) drawn on the element or the control that wraps it. */
  visible: boolean;
}

/** What has the keyboard focus, and whether the focus can be seen. */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const labelled = element.getAttribute('aria-labelledby');
    const name =
      element.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (element as HTMLInputElement).labels?.[0]?.textContent ??
      element.textContent ??
      '';
    const drawsFocus = (node: Element) => {
      const style = getComputedStyle(node);
      const outline =
        style.outlineStyle !== 'none' &&
        parseFloat(style.outlineWidth) >= 1 &&
        !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(style.outlineColor);
      return outline || (style.boxShadow !== 'none' && style.boxShadow !== '');
    };
    // antd draws the ring of an input, select or picker on the wrapper it marks "-focused", and
    // that of a (transparent) radio or checkbox input on the label around it.
    const hidden = getComputedStyle(element).opacity === '0';
    let visible = !hidden && drawsFocus(element);
    for (let node = element.parentElement, depth = 0; node && depth < 4 && !visible; depth++) {
      if (/focused/.test(node.className) || (hidden && node.tagName === 'LABEL')) visible = drawsFocus(node);
      node = node.parentElement;
    }
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role'),
      type: element.getAttribute('type'),
      name: name.replace(/\s+/g, ' ').trim().slice(0, 80),
      href: element.getAttribute('href'),
      visible,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches; fails if it never does. Every
 * element passed on the way must show its focus.
 */
async function tabTo(
  page: Page,
  matches: (f: Focused) => boolean,
  what: string,
  { back = false, max = 80 } = {},
): Promise<Focused> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f) continue;
    path.push(`${f.tag}${f.role ? `[${f.role}]` : ''} "${f.name}"`);
    expect(f.visible, `focus is visible on ${path.at(-1)} (on the way to ${what})`).toBe(true);
    if (matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what}; passed:\n  ${path.join('\n  ')}`);
}

describe.skipIf(noBrowser)('keyboard-only staff journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a cadre signs in, finds a household, opens its file and records a visit with the keyboard', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();

    // Sign in: the form fields and the button, in order.
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel('用户名').waitFor();
    await tabTo(page, (f) => f.tag === 'input' && f.name.includes('用户名'), 'the username field');
    await page.keyboard.type('cadre');
    await tabTo(page, (f) => f.tag === 'input' && f.name.includes('密码'), 'the password field');
    await page.keyboard.type('Demo@2026cy');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await poll(() => page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);

    // A household in the cadre's care, to search for (looked up the way the list shows it).
    const list = await page.request.get(`${e2e.baseUrl}/api/households?pageSize=5`);
    expect(list.status()).toBe(200);
    const household = ((await list.json()) as { items: Array<{ id: number; headName: string }> }).items[0]!;
    expect(household).toBeDefined();

    // Signed in, focus starts at the page content (not lost with the vanished form).
    await poll(async () => (await focused(page))?.tag).toBe('main');

    // Back into the side menu → 住户档案.
    await tabTo(page, (f) => f.tag === 'a' && f.href === '/households', 'the 住户档案 menu link', {
      back: true,
    });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/households$/);
    await poll(() => page.getByRole('heading', { level: 1, name: '住户档案' }).isVisible()).toBe(true);
    // Focus moved to the page content, as a page load would.
    await poll(async () => (await focused(page))?.tag).toBe('main');

    // Search by the head of household's name.
    await tabTo(page, (f) => f.tag === 'input' && f.name.includes('查找'), 'the search field');
    await page.keyboard.type(household.headName);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === household.headName);
    const link = page.getByRole('link', { name: new RegExp(`打开 .* ${household.headName} 的档案`) }).first();
    await poll(() => link.isVisible()).toBe(true);

    // Into the table: the household's link, then Enter.
    const target = await link.getAttribute('href');
    await tabTo(page, (f) => f.tag === 'a' && f.href === target, `the link to ${household.headName}'s file`);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${target}$`));
    await poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toContain(
      household.headName,
    );
    const visitsBefore = await page.getByRole('heading', { name: /走访记录/ }).innerText();

    // 记录走访 opens a drawer; focus moves into it.
    await tabTo(page, (f) => f.tag === 'button' && f.name.includes('记录走访'), 'the 记录走访 button');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: '记录走访' });
    await poll(() => drawer.isVisible()).toBe(true);
    // (antd focuses the drawer's own frame, which holds the dialog and keeps Tab inside it.)
    await poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.ant-drawer-open')))).toBe(
      true,
    );

    // Method: the radio group, moved with the arrow keys from 上门 to 电话.
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'radio', 'the visit method');
    await page.keyboard.press('ArrowRight');
    await poll(() => drawer.getByRole('radio', { name: '电话' }).isChecked()).toBe(true);

    // Summary, then Save in the drawer's footer.
    const summary = `键盘走访测试 ${Date.now() % 100000}：电话了解搬家安排`;
    await tabTo(page, (f) => f.tag === 'textarea' && f.name.includes('走访情况'), 'the summary field');
    await page.keyboard.type(summary);
    await tabTo(page, (f) => f.tag === 'button' && f.name.includes('保存走访'), 'the 保存走访 button');
    await page.keyboard.press('Enter');

    await poll(() => drawer.isVisible()).toBe(false);
    await poll(() => page.getByText(summary, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: /走访记录/ }).innerText()).not.toBe(visitsBefore);
    // The server has it, as a phone visit.
    const file = await page.request.get(`${e2e.baseUrl}/api/households/${household.id}`);
    const visits = ((await file.json()) as { visits: Array<{ summary: string; method: string }> }).visits;
    expect(visits.find((v) => v.summary === summary)?.method).toBe('phone');

    // Shift+Tab walks back out of the page content, past the menu and header, to the skip link,
    // which jumps to the content again.
    const skip = await tabTo(page, (f) => f.href === '#main-content', 'the skip link', {
      back: true,
      max: 150,
    });
    expect(skip.name).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    await poll(async () => (await focused(page))?.tag).toBe('main');
    await context.close();
  });
});
