import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { animationsSettled, e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const PHONE = { width: 390, height: 844 };
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

interface Measured {
  texts: number;
  targets: number;
  smallText: string[];
  tightLines: string[];
  lowContrast: string[];
  smallTargets: string[];
  minContrast: number;
  minFont: number;
}

/**
 * Measures the page as rendered (computed styles), over the header and `<main>`:
 * - every element with its own visible text: font size ≥ minFont, line height ≥ 1.3 × font size,
 *   WCAG contrast of its colour against the composited background behind it ≥ 4.5;
 * - every link, button and choice: a box of at least 60 × 60 px.
 * Logos are exempt (WCAG 1.4.3); the skip link counts only when shown.
 */
function measure(page: Page, minFont: number): Promise<Measured> {
  return page.evaluate((min) => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (c: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return { r: 0, g: 0, b: 0, a: 0 };
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }: Rgba) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** The colour behind an element: its and its ancestors' backgrounds composited over white. */
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let n: Element | null = el; n; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg.a > 0) layers.push(bg);
        if (bg.a >= 1) break;
      }
      let colour: Rgba = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return (
        r.width > 2 &&
        r.height > 2 &&
        r.bottom > 0 &&
        s.visibility !== 'hidden' &&
        s.display !== 'none' &&
        Number(s.opacity) > 0 &&
        !el.closest('[aria-hidden="true"], .gz-brand-seal, .gz-visually-hidden')
      );
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;

    const scope = [...document.querySelectorAll('header, main')];
    const all = scope.flatMap((root) => [root, ...root.querySelectorAll('*')]);
    const out = {
      texts: 0,
      targets: 0,
      smallText: [] as string[],
      tightLines: [] as string[],
      lowContrast: [] as string[],
      smallTargets: [] as string[],
      minContrast: 99,
      minFont: 99,
    };
    for (const el of all) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!ownText || !visible(el)) continue;
      out.texts++;
      const s = getComputedStyle(el);
      const font = parseFloat(s.fontSize);
      out.minFont = Math.min(out.minFont, font);
      if (font < min - 0.01) out.smallText.push(`${name(el)} ${font}px`);
      const line = s.lineHeight === 'normal' ? font * 1.2 : parseFloat(s.lineHeight);
      if (line / font < 1.3 - 0.001) out.tightLines.push(`${name(el)} ${(line / font).toFixed(2)}`);
      const bg = background(el);
      const fg = over(parse(s.color), bg);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      out.minContrast = Math.min(out.minContrast, ratio);
      if (ratio < 4.5) out.lowContrast.push(`${name(el)} ${ratio.toFixed(2)}`);
    }
    const targets = scope.flatMap((root) => [
      ...root.querySelectorAll(
        'a[href], button, [role="button"], .ant-radio-wrapper, .ant-checkbox-wrapper, .ant-segmented-item, input:not([type="radio"]):not([type="checkbox"]):not([type="hidden"]), textarea, .ant-select, .ant-input-number',
      ),
    ]);
    for (const el of targets) {
      if (!visible(el)) continue;
      // A text field inside antd's select or number box is part of that box, measured as the box.
      if (el.tagName === 'INPUT' && el.closest('.ant-select, .ant-input-number')) continue;
      out.targets++;
      const r = el.getBoundingClientRect();
      if (r.width < 59.5 || r.height < 59.5)
        out.smallTargets.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  }, minFont);
}

/**
 * The ring drawn round the focused element and its contrast with what is behind the element: the
 * outline when there is one, else the colour of antd's box-shadow ring (inputs, selects).
 */
function focusRing(page: Page): Promise<{ key: string; ring: string; contrast: number } | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    type Rgb = [number, number, number, number];
    const parse = (c: string): Rgb | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const [r = 0, g = 0, b = 0, a = 1] = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const over = (top: Rgb, bottom: Rgb): Rgb =>
      [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])).concat(1) as Rgb;
    const backdrop = (from: Element | null): Rgb => {
      const layers: Rgb[] = [];
      for (let n = from; n; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg && bg[3] > 0) layers.push(bg);
        if (bg && bg[3] >= 1) break;
      }
      return layers.reverse().reduce<Rgb>((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
    };
    const lum = (c: Rgb) =>
      [0, 1, 2]
        .map((i) => {
          const s = c[i]! / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        })
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ringOf = (n: Element) => {
      const s = getComputedStyle(n);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) return s.outlineColor;
      return /rgba?\([^)]+\)/.exec(s.boxShadow)?.[0];
    };
    // antd draws the ring of a text box with extras (a counter, an icon) on the box around it
    const box = el.closest('.ant-input-affix-wrapper, .ant-input-number, .ant-select, .ant-picker');
    const holder = !ringOf(el) && box ? box : el;
    const raw = ringOf(holder);
    if (!raw) return { key: el.tagName, ring: 'none', contrast: 0 };
    const behind = backdrop(holder.parentElement);
    const ring = over(parse(raw)!, behind);
    const [hi, lo] = [lum(ring), lum(behind)].sort((a, b) => b - a) as [number, number];
    const key =
      el.getAttribute('data-testid') ??
      el.getAttribute('aria-label') ??
      (el.textContent ?? el.tagName).trim().slice(0, 16);
    return { key: key || el.tagName, ring: raw, contrast: (hi + 0.05) / (lo + 0.05) };
  });
}

const elderClass = (page: Page) =>
  page.evaluate(() => document.documentElement.classList.contains('gz-elder'));

/** Turns elder mode on with the header switch, unless it is on already (each test stands alone). */
async function elderOn(page: Page): Promise<void> {
  const toggle = page.getByTestId('elder-switch');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await poll(() => elderClass(page)).toBe(true);
}

const dialogs = (page: Page) =>
  page.locator('[role="dialog"], [role="alertdialog"], .ant-modal, .ant-tooltip, .ant-popover').count();

describe.skipIf(noBrowser)("residents' portal and elder mode (长辈版)", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    // Headless Chromium has no voices: record what would have been spoken.
    await context.addInitScript(() => {
      const w = window as unknown as { __spoken: Array<{ text: string; lang: string }>; __cancelled: number };
      w.__spoken = [];
      w.__cancelled = 0;
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        w.__spoken.push({ text: u.text, lang: u.lang });
      };
      window.speechSynthesis.cancel = () => {
        w.__cancelled++;
      };
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident lands on the portal, which gathers what concerns the household from the modules', async () => {
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/`);
    await poll(() => new URL(page.url()).pathname).toBe('/my');
    await poll(() => page.getByRole('heading', { level: 1, name: '我的首页' }).isVisible()).toBe(true);
    await poll(() => page.getByTestId('portal-stage').innerText()).toMatch(/现在：.+（第 \d+ 步，共 10 步）/);
    await poll(() => page.getByTestId('portal-next').innerText()).not.toBe('');
    // Items come from several modules' records (renewal, relocation, council, legislation, suggestions …).
    const kinds = await page
      .locator('.gz-portal-item[data-kind]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))]);
    expect(kinds.length, kinds.join(',')).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('portal-drafts').locator('.gz-portal-item').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('portal-mine').locator('.gz-portal-item').count()).toBeGreaterThan(0);
    // Each item says its state in words with an icon, and links where the resident acts.
    const first = page.locator('.gz-portal-item').first();
    expect(await first.locator('.gz-portal-tone').innerText()).toMatch(
      /待您办理|办理中|已办结|可参与|未读|已读/,
    );
    // every detail line reads as words: no number parsed out of text, no missing value shown
    expect(await page.locator('main').innerText()).not.toMatch(/\bNaN\b|\bundefined\b/);
    const draftLink = page.getByTestId('portal-drafts').getByRole('link').first();
    expect(await draftLink.getAttribute('href')).toMatch(/^\/legislation\/drafts\/\d+$/);

    await page.evaluate(() => window.scrollTo(0, 0));
    fs.mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/portal.png' });

    // Normal mode: not elder-sized yet.
    expect((await measure(page, 24)).smallText.length).toBeGreaterThan(0);
  });

  it('elder mode: one switch in the header, kept across visits', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    const toggle = page.getByTestId('elder-switch');
    expect(await toggle.innerText()).toBe('长辈版');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await poll(() => elderClass(page)).toBe(true);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await poll(() => elderClass(page)).toBe(true);
    await poll(() => page.locator('.gz-portal-item').count()).toBeGreaterThan(0);
  });

  it('elder mode on every resident page: large text, line spacing, contrast and tap targets measured', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    const pages: Array<{ path: string; heading: RegExp }> = [
      { path: '/my', heading: /我的首页/ },
      { path: '/my-home', heading: /我的家/ },
      { path: '/my-move', heading: /搬家/ },
      { path: '/suggest', heading: /建议/ },
      // a photo to choose (the browser's file picker) and the 平安六防 tabs (a segmented switch)
      { path: '/suggest/new', heading: /建议/ },
      { path: '/safety/report', heading: /隐患|上报/ },
    ];
    const antiFraud = await page.evaluate(() => Boolean(document.querySelector('a[href="/my/anti-fraud"]')));
    if (antiFraud) pages.push({ path: '/my/anti-fraud', heading: /诈/ });

    const report: Record<string, Measured> = {};
    for (const p of pages) {
      await page.goto(`${e2e.baseUrl}${p.path}`);
      await poll(() => page.getByRole('heading', { level: 1, name: p.heading }).isVisible()).toBe(true);
      await page.waitForLoadState('networkidle');
      await animationsSettled(page);
      const m = await measure(page, 24);
      report[p.path] = m;
      expect(m.texts, p.path).toBeGreaterThan(5);
      expect(m.smallText, `${p.path}: text under 24px`).toEqual([]);
      expect(m.tightLines, `${p.path}: line height under 1.3`).toEqual([]);
      expect(m.lowContrast, `${p.path}: contrast under 4.5:1`).toEqual([]);
      expect(m.smallTargets, `${p.path}: tap targets under 60×60: ${JSON.stringify(m.smallTargets)}`).toEqual(
        [],
      );
      expect(m.minFont).toBeGreaterThanOrEqual(24);
      expect(m.minContrast).toBeGreaterThanOrEqual(4.5);
    }
    console.info(
      'elder-mode measurements:',
      Object.entries(report)
        .map(
          ([path, m]) =>
            `${path}: ${m.texts} texts, min font ${m.minFont}px, min contrast ${m.minContrast.toFixed(2)}:1, ${m.targets} targets ≥ 60×60`,
        )
        .join('; '),
    );

    // A+ makes the text larger; A- brings it back.
    await page.goto(`${e2e.baseUrl}/my`);
    await poll(() => page.getByTestId('elder-size').innerText()).toBe('字号 24');
    await page.getByTestId('elder-larger').click();
    await poll(() => page.getByTestId('elder-size').innerText()).toBe('字号 28');
    await animationsSettled(page);
    expect((await measure(page, 28)).smallText).toEqual([]);
    await page.getByTestId('elder-smaller').click();
    await poll(() => page.getByTestId('elder-size').innerText()).toBe('字号 24');
  });

  it('elder mode has no pop-ups: confirming happens inline', async () => {
    await page.goto(`${e2e.baseUrl}/my-home`);
    await elderOn(page);
    await poll(() => page.getByRole('heading', { level: 1, name: /我的家/ }).isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    const confirm = page.getByRole('button', { name: /^确认(方案|图纸)$/ }).first();
    if (await confirm.isVisible()) {
      await confirm.click();
      // The second step asks again on the page itself, not in a dialog.
      await poll(() => page.getByText('请再看一遍').first().isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: '我已看清，确认' }).isVisible()).toBe(true);
      expect(await dialogs(page)).toBe(0);
      await page.getByRole('button', { name: '先不确认' }).first().click();
      expect(await dialogs(page)).toBe(0);
    }
    // Hovering and clicking other controls opens nothing over the page either.
    await page.goto(`${e2e.baseUrl}/my`);
    await poll(() => page.locator('.gz-portal-item').count()).toBeGreaterThan(0);
    for (const name of ['字大一点', '字小一点']) {
      await page.getByRole('button', { name }).hover();
      await page.getByRole('button', { name }).click();
      expect(await dialogs(page)).toBe(0);
    }
    await page.getByRole('button', { name: /语言|English/ }).hover();
    await page.waitForTimeout(800);
    expect(await dialogs(page)).toBe(0);
  });

  it('keyboard alone reaches the main actions, each with a visible focus ring', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    await poll(() => page.locator('.gz-portal-item').count()).toBeGreaterThan(0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached = new Map<string, { outline: string; width: number }>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        return {
          key: el.getAttribute('data-testid') ?? (el.textContent ?? '').trim().slice(0, 20),
          outline: s.outlineStyle,
          width: parseFloat(s.outlineWidth),
        };
      });
      if (f) reached.set(f.key, { outline: f.outline, width: f.width });
    }
    const keys = [...reached.keys()];
    for (const wanted of ['elder-switch', '朗读本页', 'elder-larger'])
      expect(keys, keys.join(' | ')).toContain(wanted);
    expect(
      keys.some((k) => /^去|^查看/.test(k)),
      keys.join(' | '),
    ).toBe(true);
    for (const [key, f] of reached) {
      expect(f.outline, key).not.toBe('none');
      expect(f.width, key).toBeGreaterThanOrEqual(2);
    }
    // Enter on the focused switch works like a click.
    await page.getByTestId('elder-switch').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.documentElement.classList.contains('gz-elder'))).toBe(
      false,
    );
    await page.getByTestId('elder-switch').focus();
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.documentElement.classList.contains('gz-elder'))).toBe(true);
  });

  it('reads the page aloud in Chinese with speech synthesis, and stops on request', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    await poll(() => page.locator('.gz-portal-item').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '朗读本页' }).click();
    const spoken = await page.evaluate(
      () => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken,
    );
    expect(spoken.length).toBeGreaterThan(3);
    expect(spoken.every((u) => u.lang === 'zh-CN')).toBe(true);
    const text = spoken.map((u) => u.text).join('');
    expect(text).toContain('我的首页');
    expect(text).toMatch(/现在：/);
    // The toolbar itself is not read.
    expect(text).not.toContain('字大一点');
    const cancelledBefore = await page.evaluate(
      () => (window as unknown as { __cancelled: number }).__cancelled,
    );
    await page.getByRole('button', { name: '停止朗读' }).click();
    await poll(() =>
      page.evaluate(() => (window as unknown as { __cancelled: number }).__cancelled),
    ).toBeGreaterThan(cancelledBefore);
    await poll(() => page.getByRole('button', { name: '朗读本页' }).isVisible()).toBe(true);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshots/portal-elder.png' });
  });

  it('sign-in and activation have the elder switch too: kept on this device and carried into the portal', async () => {
    const visitor = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const p = await visitor.newPage();
    try {
      await p.goto(`${e2e.baseUrl}/login`);
      await elderOn(p);
      expect(await p.getByTestId('elder-switch').innerText()).toBe('退出长辈版');
      const measured: Record<string, Measured> = {};
      for (const path of ['/login', '/activate']) {
        await p.goto(`${e2e.baseUrl}${path}`);
        // kept across pages and visits (the device's choice: nobody is signed in yet)
        await poll(() => elderClass(p)).toBe(true);
        await poll(() => p.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
        await animationsSettled(p);
        const m = await measure(p, 24);
        measured[path] = m;
        expect(m.smallText, `${path}: text under 24px`).toEqual([]);
        expect(m.tightLines, `${path}: line height under 1.3`).toEqual([]);
        expect(m.lowContrast, `${path}: contrast under 4.5:1`).toEqual([]);
        expect(m.smallTargets, `${path}: tap targets under 60×60`).toEqual([]);
      }
      console.info(
        'elder-mode sign-in pages:',
        Object.entries(measured)
          .map(
            ([path, m]) =>
              `${path}: min font ${m.minFont}px, min contrast ${m.minContrast.toFixed(2)}:1, ${m.targets} targets`,
          )
          .join('; '),
      );
      await p.reload();
      await poll(() => elderClass(p)).toBe(true);
      // The resident who chose it before signing in keeps it after.
      await signIn(p, 'resident', PASSWORD);
      await poll(() => new URL(p.url()).pathname).toBe('/my');
      await poll(() => elderClass(p)).toBe(true);
      expect(await p.getByTestId('elder-switch').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await visitor.close();
    }
  });

  it('an opinion on a draft is confirmed on the page, in large text, not by a passing toast', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    const draft = page.getByTestId('portal-drafts').getByRole('link').first();
    await draft.waitFor();
    await page.goto(`${e2e.baseUrl}${await draft.getAttribute('href')}`);
    const comment = page.getByRole('button', { name: /^对第.+条提意见$/ }).first();
    await comment.waitFor();
    const label = (await comment.getAttribute('aria-label'))!.replace(/^对(.+)提意见$/, '$1');
    const article = page.getByRole('article', { name: label, exact: true });
    await comment.click();
    await article.getByLabel('意见内容').fill('建议把办理时限写得更具体一些，方便老人了解');
    await article.getByRole('button', { name: '提交意见' }).click();
    const sent = page.getByTestId('opinion-sent');
    await poll(() => sent.isVisible()).toBe(true);
    expect(await sent.innerText()).toContain('感谢您的意见');
    const font = await sent
      .locator('.ant-alert-title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(font).toBeGreaterThanOrEqual(24);
    // focus goes to the thanks, so a screen reader says them; nothing pops up
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'opinion-sent',
    );
    expect(await page.locator('.ant-message-notice').count()).toBe(0);
    expect(await dialogs(page)).toBe(0);
  });

  it('/rounds on a phone: one card per round, nothing squeezed, no sideways scrolling', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    await page.goto(`${e2e.baseUrl}/rounds`);
    const cards = page.getByTestId('round-cards');
    await poll(() => cards.locator('li').count()).toBeGreaterThan(0);
    expect(await page.locator('main table').count()).toBe(0);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      // the narrowest box holding a fact: at 24 px a line of at least 6 characters
      value: Math.min(
        ...[...document.querySelectorAll('.gz-rn-round-facts dd')].map(
          (d) => d.getBoundingClientRect().width,
        ),
      ),
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    expect(widths.value).toBeGreaterThanOrEqual(6 * 24);
    await animationsSettled(page);
    const m = await measure(page, 24);
    expect(m.smallText, 'text under 24px').toEqual([]);
    expect(m.lowContrast, 'contrast under 4.5:1').toEqual([]);
    expect(m.smallTargets, 'tap targets under 60×60').toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/rounds-phone-elder.png' });
  });

  it('elder mode on a phone: header and toolbar leave most of the first screen to the page', async () => {
    await page.goto(`${e2e.baseUrl}/my`);
    await elderOn(page);
    await poll(() => page.getByRole('heading', { level: 1, name: '我的首页' }).isVisible()).toBe(true);
    await animationsSettled(page);
    const boxes = await page.evaluate(() => ({
      header: document.querySelector('header')!.getBoundingClientRect().height,
      bar: document.querySelector('.gz-elder-bar')!.getBoundingClientRect().bottom,
      h1: document.querySelector('main h1')!.getBoundingClientRect().top,
    }));
    console.info(
      `elder mode on a 390×844 phone: header ${boxes.header}px, toolbar ends at ${boxes.bar}px, h1 at ${boxes.h1}px`,
    );
    expect(boxes.header).toBeLessThanOrEqual(100); // was 217 px: three rows
    expect(boxes.bar).toBeLessThanOrEqual(PHONE.height * 0.3); // was 46 % (392 px)
    expect(boxes.h1).toBeLessThanOrEqual(PHONE.height * 0.33);
    // every header control still at hand, each a 60 × 60 target
    for (const id of ['elder-switch']) expect(await page.getByTestId(id).isVisible()).toBe(true);
    expect((await measure(page, 24)).smallTargets).toEqual([]);
  });

  it('normal mode: the keyboard focus ring stands out at least 3:1', async () => {
    const p = await context.newPage();
    try {
      await p.goto(`${e2e.baseUrl}/my`);
      const toggle = p.getByTestId('elder-switch');
      await toggle.waitFor();
      if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
      await poll(() => elderClass(p)).toBe(false);
      const rings = new Map<string, { ring: string; contrast: number }>();
      for (const path of ['/my', '/suggest/new']) {
        await p.goto(`${e2e.baseUrl}${path}`);
        await p.waitForLoadState('networkidle');
        await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        for (let i = 0; i < 25; i++) {
          await p.keyboard.press('Tab');
          await animationsSettled(p);
          const f = await focusRing(p);
          if (f) rings.set(`${path} ${f.key}`, f);
        }
      }
      expect(rings.size).toBeGreaterThan(10);
      const weak = [...rings]
        .filter(([, f]) => f.contrast < 3)
        .map(([k, f]) => `${k}: ${f.ring} ${f.contrast.toFixed(2)}:1`);
      console.info(
        `focus rings (normal mode): ${rings.size} measured, lowest ${Math.min(...[...rings.values()].map((f) => f.contrast)).toFixed(2)}:1`,
      );
      expect(weak).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
