import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropdownOptions, e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const ESTATE = `E2E试点小区${Date.now() % 100000}`;

/** A small synthetic ledger the way streets keep them: a title row, merged building cells, mistakes. */
const LEDGER = [
  `${ESTATE} 住户基本情况台账（合成测试数据）`,
  '楼号,室号,户主,身份证号,联系电话,户籍人数,建筑面积,房屋性质,特殊情况',
  '1号,101,测试甲,,13800000001,3,20.5,公房,独居老人',
  ',102,测试乙,,13800000002,2,18.0,公房,',
  '2号,201,测试丙,110101199003071234,13800000003,1,16.2,私房,党员', // bad check digit: a warning
  '2号,202,,,,,,,', // no head of household: rejected
  '1号,101,测试甲,,13800000001,3,20.5,公房,', // same flat again: rejected as a duplicate
  '2号小计,,,,,,,,', // a subtotal line: skipped, not a data row
].join('\n');

/** Pages load lazily and talk to a real server: give every wait the same generous limit. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

describe.skipIf(noBrowser)('households (一户一档) journey', () => {
  let browser: Browser;
  let tmp = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-hh-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the leader imports a ledger into a new estate through the wizard', async () => {
    const file = path.join(tmp, '试点小区台账.csv');
    fs.writeFileSync(file, LEDGER, 'utf8');
    const page = await browser.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/households/import`);

    await page.getByRole('button', { name: /新建小区/ }).click();
    await page.getByLabel('小区名称').fill(ESTATE);
    await page.getByRole('button', { name: /^创\s*建$/ }).click();
    await poll(() => page.getByText(`${ESTATE}（0 户）`).isVisible()).toBe(true);

    await page.getByLabel('台账文件（.xlsx / .csv）').setInputFiles(file);
    await poll(() => page.getByText(/表头在第 2 行/).isVisible()).toBe(true);
    // the proposed mapping: 户主 ← 户主
    await poll(() =>
      page.locator('.gz-hh-map-row').filter({ hasText: '户主' }).first().innerText(),
    ).toContain('户主');

    await page.getByRole('button', { name: '检查（不导入）' }).click();
    await poll(() => page.getByRole('heading', { name: '检查结果' }).isVisible()).toBe(true);
    await poll(() => page.getByText('这是检查结果，尚未写入任何数据。').isVisible()).toBe(true);

    await page.getByRole('button', { name: /^导\s*入$/ }).click();
    await poll(() => page.getByRole('heading', { name: '导入结果' }).isVisible()).toBe(true);
    const counts = page.getByRole('list', { name: '统计' });
    await poll(() => counts.innerText()).toMatch(/数据行\s+5\s+新增\s+3\s+更新\s+0\s+拒绝\s+2\s+跳过\s+1/);
    const report = await page.locator('.ant-card').filter({ hasText: '导入结果' }).innerText();
    expect(report).toContain('缺少户主');
    expect(report).toContain('楼号+室号重复');
    expect(report).toContain('身份证号码校验位不正确');

    const estates = await apiGet<{ items: Array<{ name: string; households: number }> }>(
      page,
      '/api/estates',
    );
    expect(estates.items.find((e) => e.name === ESTATE)?.households).toBe(3);
    await page.close();
  });

  it('a visit recorded on a household file re-colours the battle map open elsewhere, without a reload', async () => {
    const map = await browser.newPage();
    await signIn(map, 'leader', PASSWORD);
    // A household not yet visited: in 曹杨一村 when it still has one, else in the estate under way.
    const estates = await apiGet<{ items: Array<{ id: number; name: string }> }>(map, '/api/estates');
    const candidates = [...estates.items].sort(
      (a, b) => Number(b.name === '曹杨一村') - Number(a.name === '曹杨一村') || a.id - b.id,
    );
    let estate: { id: number; name: string } | undefined;
    let household: { id: number; buildingNumber: string; room: string } | undefined;
    for (const candidate of candidates) {
      const waiting = await apiGet<{ items: Array<{ id: number; buildingNumber: string; room: string }> }>(
        map,
        `/api/households?estateId=${candidate.id}&stage=not_visited&limit=1`,
      );
      if (waiting.items[0]) {
        estate = candidate;
        household = waiting.items[0];
        break;
      }
    }
    if (!estate || !household) throw new Error('the demo has no household left to visit');

    // The battle map, open BEFORE the visit is recorded.
    await map.goto(`${e2e.baseUrl}/estates/${estate.id}/map?stage=visited`);
    const building = map.locator(`[data-building="${household.buildingNumber}"]`);
    await poll(() => building.isVisible()).toBe(true);
    const labelBefore = (await building.getAttribute('aria-label'))!;
    const [, reached, total] = /（(\d+)\/(\d+) 户）/.exec(labelBefore)!.map(Number) as [
      number,
      number,
      number,
    ];
    const shareText = building.locator('[data-share]');
    const before = await shareText.textContent();
    expect(before).toBe(`${Math.round((reached / total) * 100)}%`);
    const expected = `${Math.round(((reached + 1) / total) * 100)}%`;
    await map.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    // Somewhere else, the household is visited.
    const file = await browser.newPage();
    await signIn(file, 'leader', PASSWORD);
    await file.goto(`${e2e.baseUrl}/households/${household.id}`);
    await poll(() => file.getByRole('heading', { level: 1 }).innerText()).toContain(
      `${household.buildingNumber}${household.room}`,
    );
    await poll(() => file.getByText('待走访').first().isVisible()).toBe(true);
    await file.getByRole('button', { name: '记录走访' }).click();
    const drawer = file.getByRole('dialog', { name: '记录走访' });
    await drawer.getByText('电话', { exact: true }).click();
    await drawer.getByLabel('走访情况').fill('电话联系户主，介绍成套改造方案，老人愿意下周当面细谈');
    await drawer.getByLabel('家中谁拍板').fill('女儿（在闵行工作）');
    await drawer.getByLabel('信任谁').fill('楼组长');
    await drawer.getByRole('button', { name: '保存走访' }).click();
    await poll(() => file.getByText('走访已记录').isVisible()).toBe(true);
    await poll(() => file.getByText('电话联系户主，介绍成套改造方案').first().isVisible()).toBe(true);
    await poll(() => file.getByText('已走访').first().isVisible()).toBe(true);

    // The map re-colours by itself.
    await poll(() => shareText.textContent()).toBe(expected);
    expect(expected).not.toBe(before);
    expect(await building.getAttribute('aria-label')).toContain(`（${reached + 1}/${total} 户）`);
    expect(await map.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );

    // The entry the server wrote reads in English in the English interface (issue #19 point 23).
    await file.evaluate(() => localStorage.setItem('gz_lang', 'en'));
    await file.reload();
    const timeline = file
      .locator('.ant-card')
      .filter({ has: file.getByRole('heading', { name: 'Timeline' }) });
    await poll(() => timeline.innerText()).toContain('Phone call: 电话联系户主');
    expect(await timeline.innerText()).not.toContain('电话走访');
    await file.evaluate(() => localStorage.setItem('gz_lang', 'zh'));
    await file.close();
    await map.close();
  });

  it('assigning households (包干) across estates: estate filter and column, role names in the staff picker', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/org`);
    const card = page.locator('.gz-hh-assign');
    await card.getByLabel('查找', { exact: true }).fill('21号');
    await card.getByRole('button', { name: /搜\s*索/ }).click();
    const rows = card.locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBeGreaterThan(1);
    const estateCells = async () =>
      card
        .locator('tbody tr.ant-table-row td:nth-child(3)')
        .evaluateAll((tds) => tds.map((td) => td.textContent));
    // addresses like 21号101 repeat across estates: each row says its estate
    expect(await card.locator('thead th').allInnerTexts()).toContain('小区');
    await poll(async () => (await estateCells()).every((name) => /\S/.test(name ?? ''))).toBe(true);
    // the estate filter narrows the search to one estate, for each estate in turn
    const pick = async (estate: string) => {
      await card.getByLabel('小区').click();
      await (await dropdownOptions(page, card.getByLabel('小区'))).filter({ hasText: estate }).click();
    };
    await pick('曹杨一村');
    await poll(async () => [...new Set(await estateCells())]).toEqual(['曹杨一村']);
    await pick('曹杨二村');
    await card.getByLabel('查找', { exact: true }).fill('1号');
    await card.getByRole('button', { name: /搜\s*索/ }).click();
    await poll(async () => [...new Set(await estateCells())]).toEqual(['曹杨二村（演示：改造进行中）']);
    // staff are shown with their role's name, never the role code
    // (the options of the 人员 dropdown itself, not of the 小区 one just closed and still fading out;
    // read once rendered with their text)
    await card.getByLabel('人员').click();
    const options = await dropdownOptions(page, card.getByLabel('人员'));
    const labels = async () => (await options.allInnerTexts()).join(' ');
    await poll(labels).toMatch(/（(街道领导|工作人员\/包干干部)）/);
    expect(await labels()).not.toMatch(/（[a-z_]+）/);
    await context.close();

    // 我的包干 shows which estate each household is in
    const cadre = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(cadre, 'cadre', PASSWORD);
    await cadre.goto(`${e2e.baseUrl}/my-work`);
    await poll(() => cadre.locator('thead th').first().isVisible()).toBe(true);
    expect(await cadre.locator('thead').first().innerText()).toContain('小区');
    await cadre.context().close();
  });
});
