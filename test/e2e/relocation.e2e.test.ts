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

type Move = { id: number; householdLabel: string; status: string; team: Array<{ name: string }> };
type Stored = { id: number; householdLabel: string; status: string; items: Array<{ name: string }> };
type Named = { id: number; name: string };
type Consult = { id: number; rating: number | null; vendorName: string };
type Booking = { id: number; rentalTitle: string; status: string };

/** antd puts a space between two Chinese characters on a button ("保 存"). */
const save = /^保\s*存$/;

describe.skipIf(noBrowser)('relocation (搬家与仓库) journey', () => {
  let browser: Browser;
  let label = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident books a mover and a storage slot on the large-text page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-move`);
    await page.getByRole('heading', { name: '预约红色搬家先锋队' }).waitFor();
    const size = await page
      .locator('.gz-rl-mine')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await page.getByLabel('易碎或贵重物品（可不填）').fill('老式穿衣镜');
    await page.getByRole('button', { name: '提交搬家预约' }).click();
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('待排班');

    await page.getByRole('radio', { name: /梅岭北路临时仓库/ }).check();
    await page.getByRole('button', { name: '预约仓位' }).click();
    await poll(() => page.getByTestId('my-storage').first().textContent()).toContain('已预约');

    const moves = await apiGet<{ items: Move[] }>(page, '/api/relocation/moves');
    label = moves.items[0]!.householdLabel;
    expect(label).not.toBe('');
    await page.close();
  });

  it('staff schedule a team and check the furniture in; the resident confirms the move', async () => {
    const staff = await browser.newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/relocation`);
    const select = staff.getByLabel(`选择志愿者 ${label}`);
    await select.waitFor();
    await select.click();
    await staff
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^王磊$/ })
      .click();
    await staff.keyboard.press('Escape');
    const row = staff.getByRole('row').filter({ has: select });
    await row.getByRole('button', { name: /排\s*班/ }).click();
    await poll(async () => {
      const moves = await apiGet<{ items: Move[] }>(staff, '/api/relocation/moves');
      return (
        moves.items.find((m) => m.householdLabel === label && m.status === 'scheduled')?.team.length ?? 0
      );
    }).toBe(1);

    await staff.getByRole('tab', { name: '临时仓库' }).click();
    await staff.getByLabel(`物品清单（每行一件：名称 数量） ${label}`).fill('大衣柜 1\n樟木箱 2');
    await staff
      .getByRole('button', { name: /入\s*库/ })
      .first()
      .click();
    await poll(async () => {
      const s = await apiGet<{ items: Stored[] }>(staff, '/api/relocation/storage');
      return s.items.find((x) => x.householdLabel === label)?.status;
    }).toBe('stored');
    await staff.close();

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-move`);
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('王磊');
    await page.getByRole('button', { name: '搬家已完成，确认' }).click();
    await poll(() => page.getByTestId('my-move').first().textContent()).toContain('已确认完成');
    await poll(() => page.getByTestId('my-storage').first().textContent()).toContain('大衣柜×1');
    await page.close();
  });
  it('staff add a volunteer and a warehouse from the forms', async () => {
    const staff = await browser.newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/relocation`);
    await staff.getByRole('button', { name: '新增志愿者' }).click();
    const vDialog = staff.locator('.ant-modal:visible');
    await vDialog.getByLabel('姓名').fill('冯建国');
    await vDialog.getByLabel('所在单位').fill('区退役军人服务站（合成）');
    await vDialog.getByLabel('特长').fill('拆装大件家具');
    await vDialog.getByLabel('可出车时间').fill('周六全天');
    await vDialog.getByRole('button', { name: save }).click();
    await poll(async () => {
      const v = await apiGet<{
        items: Array<Named & { unit: string; availability: string; active: boolean }>;
      }>(staff, '/api/relocation/volunteers');
      return v.items.find((x) => x.name === '冯建国');
    }).toMatchObject({ unit: '区退役军人服务站（合成）', availability: '周六全天', active: true });
    await staff.getByRole('cell', { name: '冯建国' }).first().waitFor();

    await staff.getByRole('tab', { name: '临时仓库' }).click();
    await staff.getByRole('button', { name: '新增仓库' }).click();
    const wDialog = staff.locator('.ant-modal:visible');
    await wDialog.getByLabel('仓库名称').fill('枫桥路临时仓库（合成）');
    await wDialog.getByLabel('提供单位').fill('枫桥路小学');
    await wDialog.getByLabel('仓位数').fill('12');
    await wDialog.getByRole('button', { name: save }).click();
    await poll(async () => {
      const w = await apiGet<{ items: Array<Named & { capacitySlots: number; freeSlots: number }> }>(
        staff,
        '/api/relocation/warehouses',
      );
      return w.items.find((x) => x.name === '枫桥路临时仓库（合成）');
    }).toMatchObject({ capacitySlots: 12, freeSlots: 12 });
    await staff.getByRole('cell', { name: '枫桥路临时仓库（合成）' }).first().waitFor();
    await staff.close();
  });

  it('a resident reserves a matched flat and rates a decoration firm', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'resident', PASSWORD);
    await page.goto(`${e2e.baseUrl}/my-move`);
    const match = page.getByTestId('match').first();
    await match.waitFor();
    const title = (await match.locator('strong').first().textContent())!.trim();
    await match.getByRole('button', { name: /预订这套/ }).click();
    await poll(() => page.getByTestId('my-booking').first().textContent()).toContain(title);
    await poll(async () => {
      const b = await apiGet<{ items: Booking[] }>(page, '/api/relocation/bookings');
      return b.items.find((x) => x.rentalTitle === title)?.status;
    }).toBe('reserved');

    await page
      .getByRole('button', { name: /^预约咨询/ })
      .first()
      .click();
    const consultation = page.getByTestId('my-consultation').first();
    await consultation.waitFor();
    await consultation.locator('.ant-rate-star').nth(3).click();
    await consultation.getByRole('button', { name: /提交评价/ }).click();
    await poll(() => consultation.textContent()).toContain('您的评分：4 星');
    const c = await apiGet<{ items: Consult[] }>(page, '/api/relocation/consultations');
    expect(c.items[0]!.rating).toBe(4);
    const householdId = (await apiGet<{ householdId: number }>(page, '/api/auth/me')).householdId;
    await page.close();

    // the household's choices appear in its file on the staff side
    const staff = await browser.newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/households/${householdId}`);
    const card = staff.getByTestId('household-relocation');
    await poll(() => card.textContent()).toContain(title);
    await poll(() => card.textContent()).toContain('★4');
    await staff.close();
  });
});
