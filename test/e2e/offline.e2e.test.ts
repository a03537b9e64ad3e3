import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

/**
 * Door-to-door work without a signal (issue #21): the demo cadre on a 390 px phone opens her work,
 * loses the signal, reloads (the service worker keeps the app, IndexedDB her households), records
 * three visits and a concern with a photo, and gets the signal back: each record reaches the
 * household's timeline once, dated when it was written; the same outbox sent again changes
 * nothing; signing out without a signal empties IndexedDB and the caches.
 */
const PASSWORD = 'Demo@2026cy';
const STAMP = `${Date.now() % 1_000_000}`;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghQFVQAAAABJRU5ErkJggg==',
  'base64',
);

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout, interval: 250 });

interface FileAnswer {
  visits: Array<{ summary: string; visitedAt: string }>;
  concerns: Array<{ content: string; createdAt: string }>;
  timeline: Array<{ kind: string; title: string; occurredAt: string }>;
}

async function fileOf(page: Page, id: number): Promise<FileAnswer> {
  const response = await page.request.get(`${e2e.baseUrl}/api/households/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as FileAnswer;
}

/** The outbox as IndexedDB holds it (read with the browser's own API, not the app's code). */
function readOutbox(page: Page): Promise<Array<{ key: string; kind: string }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('gongzhi-offline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(new Error(String(open.error)));
    });
    const items = await new Promise<Array<{ key: string; kind: string }>>((resolve) => {
      const all = db.transaction('outbox').objectStore('outbox').getAll();
      all.onsuccess = () => resolve(all.result as Array<{ key: string; kind: string }>);
    });
    db.close();
    return items;
  });
}

/**
 * Copies records (photos as Blobs) from one database's store to another's, in the page: `save`
 * keeps the outbox aside, `restore` puts it back as if every answer had been lost on the way.
 */
function copyRecords(page: Page, direction: 'save' | 'restore'): Promise<number> {
  return page.evaluate(async (dir) => {
    const openDb = (name: string, store: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.result.createObjectStore(store, { keyPath: 'key' });
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
    const app = await openDb('gongzhi-offline', 'outbox');
    const aside = await openDb('e2e-outbox-aside', 'items');
    const [from, fromStore, to, toStore] =
      dir === 'save' ? [app, 'outbox', aside, 'items'] : [aside, 'items', app, 'outbox'];
    const records = await new Promise<object[]>((resolve) => {
      const all = from.transaction(fromStore).objectStore(fromStore).getAll();
      all.onsuccess = () => resolve(all.result as object[]);
    });
    await new Promise<void>((resolve) => {
      const tx = to.transaction(toStore, 'readwrite');
      for (const r of records) tx.objectStore(toStore).put({ ...r, state: 'waiting' });
      tx.oncomplete = () => resolve();
    });
    app.close();
    aside.close();
    if (dir === 'restore') indexedDB.deleteDatabase('e2e-outbox-aside');
    return records.length;
  }, direction);
}

/** Serious and critical WCAG 2.1 AA violations on the page as it is (the a11y sweep's rule set). */
async function blockingViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function waitingCount(page: Page): Promise<string> {
  return (await page.getByTestId('outbox-waiting').first().innerText()).trim();
}

describe.skipIf(noBrowser)('offline door-to-door journey (issue #21)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records offline, sends each record once, and leaves nothing on the phone after sign-out', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    await signIn(page, 'cadre', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-work`);
    await poll(() => page.getByRole('heading', { name: '我的包干', level: 1 }).isVisible()).toBe(true);

    // the worker keeps the app, the first sync brings my households onto the phone
    await page.goto(`${e2e.baseUrl}/field`);
    await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 60_000).toBe(true);
    const links = page.locator('a[href^="/field/households/"]');
    await poll(() => links.count(), 60_000).toBeGreaterThan(0);
    const href = (await links.first().getAttribute('href'))!;
    const householdId = Number(href.split('/').pop());
    const before = await fileOf(page, householdId);

    await context.setOffline(true);
    const offlineFrom = Date.now();
    await page.reload();
    await poll(() => page.getByRole('heading', { name: '离线走访', level: 1 }).isVisible()).toBe(true);
    await page.goto(`${e2e.baseUrl}/my-work`);
    await poll(() => page.getByRole('heading', { name: '我的包干', level: 1 }).isVisible()).toBe(true);
    await page.goto(`${e2e.baseUrl}${href}`);
    await poll(() => page.getByRole('heading', { name: '记录走访' }).isVisible()).toBe(true);
    await poll(() => page.getByText('离线', { exact: true }).isVisible()).toBe(true);

    const summaries = [1, 2, 3].map((n) => `楼道无信号第${n}次走访 ${STAMP}`);
    for (const summary of summaries) {
      await page.getByLabel('走访情况').fill(summary);
      await page.getByLabel(/情感治理笔记/).fill(`担心搬迁后看病远 ${STAMP}`);
      await page.getByRole('button', { name: '保存走访' }).click();
      await poll(() => page.getByLabel('走访情况').inputValue()).toBe('');
    }
    const concern = `楼道灯坏了 ${STAMP}`;
    await page.getByLabel('诉求内容').fill(concern);
    await page.getByRole('button', { name: '保存诉求' }).click();
    await page
      .getByLabel(/照片（JPG/)
      .setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('照片说明').fill(`门口堆物 ${STAMP}`);
    await page.getByRole('button', { name: '保存照片' }).click();
    await poll(() => waitingCount(page)).toBe('待上传 5 条');
    // the household page at 390 px, offline, with records waiting: no serious or critical violation
    expect(await blockingViolations(page)).toEqual([]);
    expect((await readOutbox(page)).map((r) => r.kind).sort()).toEqual([
      'concern',
      'photo',
      'visit',
      'visit',
      'visit',
    ]);
    expect(await copyRecords(page, 'save')).toBe(5);
    await page.goto(`${e2e.baseUrl}/field`);
    await poll(() => page.getByTestId('outbox-item').count()).toBe(5);
    expect(await blockingViolations(page)).toEqual([]);

    const onlineAt = Date.now();
    await context.setOffline(false);
    await poll(() => waitingCount(page), 60_000).toBe('待上传 0 条');

    const recordedWhileOffline = (at: string) => {
      const t = Date.parse(at);
      return t >= offlineFrom - 1000 && t <= onlineAt;
    };
    const checkOnce = async () => {
      const after = await fileOf(page, householdId);
      for (const summary of summaries) {
        const found = after.visits.filter((v) => v.summary === summary);
        expect(found).toHaveLength(1);
        expect(recordedWhileOffline(found[0]!.visitedAt)).toBe(true);
      }
      const concerns = after.concerns.filter((c) => c.content === concern);
      expect(concerns).toHaveLength(1);
      expect(recordedWhileOffline(concerns[0]!.createdAt)).toBe(true);
      const photos = after.timeline.filter((e) => e.kind === 'photo' && e.title.includes(STAMP));
      expect(photos).toHaveLength(1);
      expect(recordedWhileOffline(photos[0]!.occurredAt)).toBe(true);
      expect(after.timeline.length).toBe(before.timeline.length + 5);
    };
    await checkOnce();

    // the same outbox sent again (its answers lost on the way): still one record each
    expect(await copyRecords(page, 'restore')).toBe(5);
    await page.reload();
    await poll(() => page.getByRole('heading', { name: '离线走访', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '立即同步' }).click();
    await poll(() => waitingCount(page), 60_000).toBe('待上传 0 条');
    expect(await readOutbox(page)).toHaveLength(0);
    await checkOnce();

    // signing out without a signal clears the phone's copy
    await context.setOffline(true);
    await page.getByRole('button', { name: /用户菜单/ }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await poll(() =>
      page.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((d) => d.name),
        caches: await caches.keys(),
      })),
    ).toEqual({ databases: [], caches: [] });

    // back online, the app finishes the sign-out on the server too
    await context.setOffline(false);
    await page.goto(`${e2e.baseUrl}/my-work`);
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await poll(async () => (await page.request.get(`${e2e.baseUrl}/api/auth/me`)).status()).toBe(401);
    await context.close();
  }, 240_000);
});
