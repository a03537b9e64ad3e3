import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';
import { speechAvailable } from '../../src/server/platform/speech.ts';

const PASSWORD = 'Demo@2026cy';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });
const hasEspeak = await speechAvailable();
const SHOTS = process.env.GZ_SCREENSHOTS; // a folder to keep screenshots in, when looking at the pages

describe.skipIf(noBrowser)('anti-fraud (反诈) journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a worker records a face-to-face visit on a phone; the lead sees the second round at 100 %', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'antifraud', PASSWORD);
    await phone.goto(`${e2e.baseUrl}/anti-fraud/visits`);
    await poll(() => phone.getByRole('heading', { name: '我的反诈走访' }).isVisible()).toBe(true);
    const record = phone.getByRole('button', { name: /^记录走访 / }).first();
    await poll(() => record.isVisible()).toBe(true);
    const card = phone.locator('[data-testid^="af-entry-"]').first();
    const person = (await card.locator('.gz-af-person').innerText()).split('·')[0]!.trim();
    await card.getByRole('button', { name: /^记录走访 / }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByText('面访', { exact: true }).click();
    await dialog.getByLabel('已讲解96110预警劝阻专线').check();
    await dialog.getByLabel('已播放反诈语音课').check();
    await dialog.getByLabel('简要记录').fill('上门面访，老人能说出“不转账、不透露验证码”。');
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/af-visit-form.png` });
    await dialog.getByRole('button', { name: '记录走访' }).click();
    await poll(() => phone.getByText('走访已记录').isVisible()).toBe(true);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const updated = phone.locator('[data-testid^="af-entry-"]', { hasText: person }).first();
    await poll(() => updated.innerText()).toContain(`${today} 面访`);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/af-visits-phone.png`, fullPage: false });
    // the worker opens the rounds, counted over its own 20 people only
    await phone.goto(`${e2e.baseUrl}/anti-fraud/rounds`);
    const secondRound = phone.getByRole('row', { name: /第二轮/ });
    await poll(() => secondRound.isVisible()).toBe(true);
    expect(await secondRound.innerText()).toMatch(/\b20\b[\s\S]*100%/);
    expect(await phone.getByText('名单概况').count()).toBe(0);

    const lead = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(lead, 'leader', PASSWORD);
    await lead.goto(`${e2e.baseUrl}/anti-fraud/rounds`);
    const chart = lead.getByRole('img', { name: /各轮面访率/ });
    await poll(() => chart.isVisible()).toBe(true);
    expect(await chart.getAttribute('aria-label')).toMatch(/第二轮 100%（40\/40）/);
    if (SHOTS) await lead.screenshot({ path: `${SHOTS}/af-rounds.png`, fullPage: true });
    await lead.goto(`${e2e.baseUrl}/anti-fraud/list`);
    await poll(() => lead.getByText('共 40 人').isVisible()).toBe(true);
    if (SHOTS) await lead.screenshot({ path: `${SHOTS}/af-list.png` });

    // a cadre has no menu item and no page
    const cadre = await (await browser.newContext()).newPage();
    await signIn(cadre, 'cadre', PASSWORD);
    await cadre.goto(`${e2e.baseUrl}/anti-fraud/list`);
    await poll(() => cadre.getByText(person).count()).toBe(0);
    expect(await cadre.getByRole('link', { name: '反诈关注名单' }).count()).toBe(0);
  });

  it('a resident plays a lesson read aloud, in large text with big buttons', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'resident', PASSWORD);
    await phone.goto(`${e2e.baseUrl}/my/anti-fraud`);
    const play = phone.getByRole('button', { name: /^播放 / }).first();
    await poll(() => play.isVisible()).toBe(true);
    const box = await play.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(60);
    const fontSize = await phone
      .locator('.gz-af-lesson')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(18);
    const counted = phone.waitForResponse((r) => /\/api\/antifraud\/lessons\/\d+\/play$/.test(r.url()));
    await play.click();
    expect((await counted).status()).toBe(200);
    await phone.getByRole('button', { name: '看文字' }).first().click();
    await poll(() => phone.locator('.gz-af-script').first().innerText()).toContain('96110');
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/af-lessons-resident.png`, fullPage: true });
  });

  it('a phone without a Chinese voice is told so, large, and shown the text of lessons without a recording', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    // a phone whose browser has no Chinese voice (many Android phones set up in English)
    await context.addInitScript(() => {
      window.speechSynthesis.getVoices = () => [];
    });
    const phone = await context.newPage();
    // the demo lessons have recordings; take them away to see the page without them
    await phone.route('**/api/antifraud/lessons', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: Array<{ audio: unknown }> };
      for (const l of body.items) l.audio = null;
      await route.fulfill({ response, json: body });
    });
    await signIn(phone, 'resident', PASSWORD);
    await phone.goto(`${e2e.baseUrl}/my/anti-fraud`);
    const alert = phone.getByRole('alert').filter({ hasText: '这部手机没有中文朗读语音' });
    await poll(() => alert.isVisible()).toBe(true);
    const size = await alert
      .locator('.ant-alert-title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    // every lesson's text is there to read without a click
    const lessons = await phone.locator('.gz-af-lesson').count();
    expect(lessons).toBeGreaterThan(0);
    await poll(() => phone.locator('.gz-af-script').count()).toBe(lessons);
    expect(await phone.locator('.gz-af-script').first().innerText()).toContain('96110');
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/af-lessons-novoice.png`, fullPage: true });
  });

  it('gives antd’s own controls Chinese accessible names in the Chinese interface', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/anti-fraud/lessons`);
    await page.getByRole('button', { name: '新建语音课' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.getByRole('button', { name: '增加数值' }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: '减少数值' }).count()).toBe(1);
    expect(await page.locator('[aria-label="Increase Value"]').count()).toBe(0);
    // the worker's visit page has a segmented control
    const worker = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(worker, 'antifraud', PASSWORD);
    await worker.goto(`${e2e.baseUrl}/anti-fraud/visits`);
    await poll(() => worker.getByRole('radiogroup', { name: '按状态筛选' }).count()).toBeGreaterThan(0);
    expect(await worker.locator('[aria-label="segmented control"]').count()).toBe(0);
  });

  // the demo server reads its lessons with espeak-ng when the machine has it (CI installs it)
  it.skipIf(!hasEspeak)('the demo lessons come with recordings served as audio', async () => {
    const phone = await (await browser.newContext()).newPage();
    await signIn(phone, 'resident', PASSWORD);
    const list = await phone.request.get(`${e2e.baseUrl}/api/antifraud/lessons`);
    const items = ((await list.json()) as { items: Array<{ id: number; audio: { mime: string } | null }> })
      .items;
    expect(items.every((l) => l.audio?.mime === 'audio/wav')).toBe(true);
    const audio = await phone.request.get(`${e2e.baseUrl}/api/antifraud/lessons/${items[0]!.id}/audio`);
    expect(audio.headers()['content-type']).toBe('audio/wav');
  });
});
