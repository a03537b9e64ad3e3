import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 250 });

/** Drags on the editor between two points given as fractions of its width and height. */
async function dragOn(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.getByTestId('site-plan-editor').boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 });
  await page.mouse.move(...at(to), { steps: 4 });
  await page.mouse.up();
}

async function clickOn(page: Page, at: [number, number]) {
  const box = (await page.getByTestId('site-plan-editor').boundingBox())!;
  await page.mouse.click(box.x + box.width * at[0], box.y + box.height * at[1]);
}

describe.skipIf(noBrowser)('site plan (总平面图) of a new estate', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signIn(page, 'leader', PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff create an estate with buildings, draw their outlines, and see them on the battle map', async () => {
    const name = `新华小区${Date.now() % 100000}`;
    await page.goto(`${e2e.baseUrl}/estates`);
    await page.getByRole('button', { name: '新建小区' }).click();
    await page.getByLabel('小区名称').fill(name);
    await page.getByRole('button', { name: '创建' }).click();
    await page.getByRole('link', { name: `总平面图 ${name}` }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: `${name} 总平面图` }).isVisible()).toBe(
      true,
    );

    for (const number of ['1', '2']) {
      await page.getByLabel('楼号').fill(number);
      await page.getByRole('button', { name: '添加楼栋' }).click();
      await poll(() => page.getByRole('button', { name: `${number}号 · 未画` }).isVisible()).toBe(true);
    }

    // 1号: a rectangle dragged out, then widened by its corner
    await page.getByRole('button', { name: '1号 · 未画' }).click();
    await page.getByText('画矩形', { exact: true }).click();
    await dragOn(page, [0.1, 0.1], [0.3, 0.25]);
    await poll(() => page.getByRole('button', { name: '1号 · 已画' }).isVisible()).toBe(true);
    const corner = page.locator('[data-building="1号"] circle[data-corner="2"]');
    const c = (await corner.boundingBox())!;
    await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
    await page.mouse.down();
    await page.mouse.move(c.x + 80, c.y + c.height / 2, { steps: 5 });
    await page.mouse.up();

    // 2号: a polygon clicked corner by corner, then nudged with the keyboard
    await page.getByRole('button', { name: '2号 · 未画' }).click();
    await page.getByText('画多边形', { exact: true }).click();
    for (const p of [
      [0.5, 0.5],
      [0.7, 0.45],
      [0.75, 0.7],
      [0.55, 0.75],
    ] as Array<[number, number]>)
      await clickOn(page, p);
    await page.getByRole('button', { name: '完成多边形' }).click();
    await poll(() => page.getByRole('button', { name: '2号 · 已画' }).isVisible()).toBe(true);
    await page.getByTestId('site-plan-editor').focus();
    await page.keyboard.press('ArrowRight');

    await page.getByRole('button', { name: '保存总平面图' }).click();
    await poll(() => page.getByText('总平面图已保存，作战图已更新').isVisible()).toBe(true);

    // What was saved: a snapped rectangle, widened, and a four-cornered polygon moved one grid step.
    const estateId = Number(/\/estates\/(\d+)\//.exec(page.url())![1]);
    const saved = (await (
      await page.request.get(`${e2e.baseUrl}/api/estates/${estateId}/buildings`)
    ).json()) as {
      items: Array<{ number: string; outline: Array<[number, number]> | null }>;
    };
    const [one, two] = saved.items;
    expect(one!.outline).toHaveLength(4);
    expect(one!.outline!.every(([x, y]) => x % 10 === 0 && y % 10 === 0)).toBe(true);
    const xs = one!.outline!.map((p) => p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200); // 20 % of 1000, then widened
    expect(two!.outline).toHaveLength(4);
    expect(two!.outline![0]![0]).toBe(510); // 0.5 × 1000, snapped, then one step right

    // The battle map draws both outlines (it was a list of unplaced buildings before).
    await page.goto(`${e2e.baseUrl}/estates/${estateId}/map`);
    const shapes = page.locator('svg .gz-hh-building polygon');
    await poll(() => shapes.count()).toBe(2);
    const drawn = await page
      .locator('svg .gz-hh-building[data-building="2号"] polygon')
      .getAttribute('points');
    expect(drawn).toBe(two!.outline!.map((p) => p.join(',')).join(' '));
  });

  it('户型 options are managed where the estate is set up too', async () => {
    const estates = (await (await page.request.get(`${e2e.baseUrl}/api/estates`)).json()) as {
      items: Array<{ id: number; name: string }>;
    };
    const first = estates.items.find((e) => e.name === '曹杨一村')!;
    await page.goto(`${e2e.baseUrl}/estates/${first.id}/site-plan`);
    await poll(() => page.getByRole('heading', { name: '户型方案' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '添加户型' }).isVisible()).toBe(true);
  });

  it("曹杨一村's phase table shows its last column (回搬) whole at 1440 × 900", async () => {
    const estates = (await (await page.request.get(`${e2e.baseUrl}/api/estates`)).json()) as {
      items: Array<{ id: number; name: string }>;
    };
    const first = estates.items.find((e) => e.name === '曹杨一村')!;
    await page.goto(`${e2e.baseUrl}/estates/${first.id}/renewal`);
    const header = page.locator('.gz-scroll-x th', { hasText: '回搬' });
    await poll(() => header.isVisible()).toBe(true);
    const [th, box] = await Promise.all([header.boundingBox(), page.locator('.gz-scroll-x').boundingBox()]);
    expect(th!.x + th!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  });
});
