import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';

/** Pages load lazily and talk to a real server: give every wait the same generous limit. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

interface RoundRow {
  id: number;
  title: string;
  kind: string;
  status: string;
  estateName: string;
}
interface HoldoutRow {
  householdId: number;
  building: string;
  room: string;
  headName: string;
  decision: string | null;
}

describe.skipIf(noBrowser)('renewal (征询与签约, 我的家) journeys', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the big screen follows a signature recorded elsewhere without a reload', async () => {
    const screenContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const screen = await screenContext.newPage();
    await signIn(screen, 'leader', PASSWORD);
    const rounds = await apiGet<{ items: RoundRow[] }>(screen, '/api/rounds');
    const round = rounds.items.find(
      (r) => r.kind === 'signing' && r.status === 'open' && r.estateName.includes('曹杨二村'),
    );
    expect(round).toBeDefined();
    const roundId = round!.id;

    await screen.goto(`${e2e.baseUrl}/rounds/${roundId}/screen`);
    const rate = screen.getByTestId('screen-rate');
    await poll(() => rate.isVisible()).toBe(true);
    const before = await rate.innerText();
    expect(before).toMatch(/^\d+\.\d%$/);
    let navigations = 0;
    screen.on('framenavigated', (frame) => {
      if (frame === screen.mainFrame()) navigations += 1;
    });
    // let the live stream connect before anything changes
    await screen.waitForTimeout(1_500);

    // A holdout other than the demo resident's own flat (1号101), whose journey is the next test.
    const holdouts = await apiGet<{ items: HoldoutRow[] }>(
      screen,
      `/api/consultations/${roundId}/holdouts?limit=200&offset=0`,
    );
    const target = holdouts.items.find((h) => !(h.building === '1号' && h.room === '101'));
    expect(target).toBeDefined();
    const flat = `${target!.building}${target!.room}`;

    const deskContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await deskContext.newPage();
    await signIn(desk, 'leader', PASSWORD);
    await desk.goto(`${e2e.baseUrl}/rounds/${roundId}`);
    const form = desk.locator('#respond');
    await poll(() => form.isVisible()).toBe(true);
    await form.getByLabel('住户').click();
    await form.getByLabel('住户').fill(flat);
    const option = desk.locator('.ant-select-item-option').filter({ hasText: `${flat} ${target!.headName}` });
    await poll(() => option.first().isVisible()).toBe(true);
    await option.first().click();
    await form.getByText('同意', { exact: true }).click();
    await form.getByLabel('协议编号').fill('E2E-0001');
    await form.getByRole('button', { name: /登\s*记/ }).click();
    // the holdout has no confirmed plan or drawing: the signing is refused, and the page says why
    await poll(() => desk.getByText(/方案尚未确认：不能签约/).isVisible()).toBe(true);
    expect(Number.parseFloat(await rate.innerText())).toBe(Number.parseFloat(before));

    // the street relaxes both prerequisites in its rules (with a reason), visibly
    const rulesPage = await deskContext.newPage();
    await rulesPage.goto(`${e2e.baseUrl}/rounds`);
    const rules = rulesPage.locator('#renewal-rules');
    await poll(() => rules.isVisible()).toBe(true);
    const drawingRule = rules.locator('[data-prerequisite="drawing_before_signing"]');
    await poll(() => drawingRule.getByText('检查中').isVisible()).toBe(true);
    await rules.getByLabel('放宽：方案确认后，才能签约').check();
    await rules.getByLabel('放宽：图纸确认后，才能签约').check();
    await rules.getByLabel('修改原因（必填，记入审计）').fill('E2E：图纸统一出图，先签约');
    await rules.getByRole('button', { name: '保存规则' }).click();
    await poll(() => drawingRule.getByText('已放宽').isVisible()).toBe(true);

    await form.getByRole('button', { name: /登\s*记/ }).click();
    await poll(() => desk.getByText('已登记').first().isVisible()).toBe(true);

    // The screen changed by itself: no navigation happened on it.
    await poll(() => rate.innerText()).not.toBe(before);
    expect(navigations).toBe(0);
    const after = await rate.innerText();
    expect(Number.parseFloat(after)).toBeGreaterThan(Number.parseFloat(before));

    // The detail page also dropped the household from its holdouts.
    await poll(() =>
      desk
        .locator('.ant-table-row')
        .filter({ hasText: `${flat}` })
        .filter({ hasText: target!.headName })
        .count(),
    ).toBe(0);

    // back to the default order for the journeys after this one
    await rules.getByLabel('放宽：方案确认后，才能签约').uncheck();
    await rules.getByLabel('放宽：图纸确认后，才能签约').uncheck();
    await rules.getByLabel('修改原因（必填，记入审计）').fill('E2E：恢复默认顺序');
    await rules.getByRole('button', { name: '保存规则' }).click();
    await poll(() => drawingRule.getByText('检查中').isVisible()).toBe(true);
    const settings = await apiGet<{ relaxed: string[] }>(desk, '/api/renewal-settings');
    expect(settings.relaxed).toEqual([]);

    await screenContext.close();
    await deskContext.close();
  });

  it('refuses a building phase while households are missing, and names them', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'leader', PASSWORD);
    const estates = await apiGet<{ items: Array<{ id: number; name: string }> }>(page, '/api/estates');
    const estate = estates.items.find((e) => e.name.includes('曹杨二村'))!;
    await page.goto(`${e2e.baseUrl}/estates/${estate.id}/renewal`);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '1号', exact: true }) });
    await poll(() => row.getByRole('button', { name: '搬离完成' }).isVisible()).toBe(true);
    await row.getByRole('button', { name: '搬离完成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // 1号101 (the demo resident's flat) has not signed: refused, and the households are listed
    const refusal = dialog.getByRole('alert');
    await poll(() => refusal.innerText()).toMatch(/尚未签约/);
    expect(await refusal.innerText()).toContain('1号101');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    // nothing was recorded, and no household of the building claims to have moved out
    const schedule = await apiGet<{ items: Array<{ name: string; phases: unknown[] }> }>(
      page,
      `/api/estates/${estate.id}/construction`,
    );
    expect(schedule.items.find((b) => b.name === '1号')!.phases).toEqual([]);
    await context.close();
  });

  it('a resident confirms the plan and the drawing on 我的家, and the stage moves on', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-home`);
    const stage = page.getByTestId('home-stage');
    await poll(() => stage.isVisible()).toBe(true);
    const initial = await stage.innerText();

    const plan = page.locator('section[aria-labelledby="home-plan"]');
    await poll(() => plan.getByRole('button', { name: '确认方案' }).isVisible()).toBe(true);
    await plan.getByRole('button', { name: '确认方案' }).click();
    // a second, explicit step: nothing is confirmed by the first click
    await poll(() => plan.getByText('请再看一遍').isVisible()).toBe(true);
    await plan.getByRole('button', { name: '我已看清，确认' }).click();
    await poll(() => plan.getByText('方案已确认，谢谢！').isVisible()).toBe(true);
    await poll(() => stage.innerText()).toBe('方案已确认');

    const drawing = page.locator('section[aria-labelledby="home-drawing"]');
    await drawing.getByRole('button', { name: '确认图纸' }).click();
    await drawing.getByRole('button', { name: '我已看清，确认' }).click();
    await poll(() => drawing.getByText('图纸已确认，谢谢！').isVisible()).toBe(true);
    await poll(() => stage.innerText()).toBe('图纸已确认');
    expect(initial).not.toBe('图纸已确认');

    // the plan and drawing are confirmed on the server too
    const me = await apiGet<{ householdId: number }>(page, '/api/auth/me');
    const plans = await apiGet<{
      items: Array<{ confirmedAt: string | null; confirmMethod: string | null }>;
    }>(page, `/api/households/${me.householdId}/plans`);
    expect(plans.items.some((p) => p.confirmedAt !== null && p.confirmMethod === 'online')).toBe(true);
    await context.close();
  });
});
