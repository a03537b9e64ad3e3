import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const e2e = inject('e2e');
/** True when no Chromium exists here: journeys are skipped (and global setup said why). */
export const noBrowser = !e2e.chromium;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: e2e.chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-component-update',
    ],
  });
}

/** Signs in through the real login page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Waits until the page's finite CSS transitions and animations have finished, so that what is
 * measured is the settled page and not a control half-way through antd's motion. Endless ones
 * (spinners) are left running.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * The options of the dropdown that this antd Select's combobox opened, found through the
 * combobox's aria-controls (its listbox id), never another select's: `.ant-select-dropdown:visible`
 * also matches a select that was just closed and is still fading out, with its own options.
 */
export async function dropdownOptions(page: Page, combobox: Locator): Promise<Locator> {
  await expect
    .poll(() => combobox.getAttribute('aria-controls'), { timeout: 20_000, interval: 100 })
    .toBeTruthy();
  const listbox = (await combobox.getAttribute('aria-controls'))!;
  return page
    .locator('.ant-select-dropdown', { has: page.locator(`[id="${listbox}"]`) })
    .locator('.ant-select-item-option');
}
