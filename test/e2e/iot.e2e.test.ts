import mqtt from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const poll = <T>(fn: () => Promise<T> | T, timeout = 20_000) => expect.poll(fn, { timeout, interval: 200 });
/** A stairwell smoke alarm of the demo estate 曹杨一村 (see iot.demo.ts). */
const DEVICE = 'CY1-SMK-05';

describe.skipIf(noBrowser)('smart facilities (物联设施) journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a smoke alarm published over MQTT appears live, is acknowledged, dispatched, handled and closed', async () => {
    const duty = await (await browser.newContext()).newPage();
    await signIn(duty, 'leader', PASSWORD);
    await duty.goto(`${e2e.baseUrl}/iot`);
    await poll(() => duty.getByRole('heading', { name: '物联设施实时监测' }).isVisible()).toBe(true);
    await poll(() => duty.getByRole('group', { name: /曹杨一村设备分布图/ }).isVisible()).toBe(true);
    const row = duty.locator('.gz-iot-alarm', { hasText: DEVICE });
    expect(await row.count()).toBe(0);

    // the device, as the simulator would: retained online status, then the alarm event
    const device = await mqtt.connectAsync(e2e.mqttUrl, { clientId: `e2e-${DEVICE}-${process.pid}` });
    await device.publishAsync(`gongzhi/caoyang/smoke_alarm/${DEVICE}/status`, 'online', {
      qos: 1,
      retain: true,
    });
    const sentAt = Date.now();
    await device.publishAsync(
      `gongzhi/caoyang/smoke_alarm/${DEVICE}/up/event`,
      JSON.stringify({ type: 'alarm' }),
      { qos: 1 },
    );
    await device.endAsync();

    // no reload: the live event brings it within seconds
    await poll(() => row.isVisible(), 10_000).toBe(true);
    const seconds = (Date.now() - sentAt) / 1000;
    expect(seconds).toBeLessThan(10);
    await expect(row.textContent()).resolves.toContain('烟感报警');
    await expect(row.textContent()).resolves.toContain('紧急');
    // the marker on the plan turned to an alarm
    await poll(() => duty.getByRole('button', { name: new RegExp(`${DEVICE}）：告警`) }).isVisible()).toBe(
      true,
    );

    await row.getByRole('button', { name: '确认' }).click();
    await poll(() => row.getByText('已确认').isVisible()).toBe(true);
    await poll(() => row.textContent()).toContain('王建国');

    // 派单: the alarm becomes a work order
    await row.getByRole('button', { name: '派单' }).click();
    await poll(() => duty.url()).toContain('/safety/work-orders/new?alarmId=');
    await poll(() => duty.getByRole('button', { name: /创建工单/ }).isEnabled()).toBe(true);
    await duty.getByRole('button', { name: /创建工单/ }).click();
    await poll(() => /\/safety\/work-orders\/\d+$/.test(duty.url())).toBe(true);
    const orderUrl = duty.url();
    await duty.getByTestId('safety-action-dispatch').click();
    await duty.getByLabel('选择处置人').click();
    await duty.locator('.ant-select-item-option', { hasText: '李晓明' }).first().click();
    await duty.getByTestId('safety-dialog-ok').click();
    await poll(() => duty.getByTestId('safety-order-assignee').textContent()).toContain('李晓明');

    // the cadre on duty accepts it and reports back
    const handler = await (await browser.newContext()).newPage();
    await signIn(handler, 'cadre', PASSWORD);
    await handler.goto(orderUrl);
    await handler.getByTestId('safety-action-accept').click();
    await poll(() => handler.getByTestId('safety-action-feedback').isVisible()).toBe(true);
    await handler.getByTestId('safety-action-feedback').click();
    await handler
      .getByTestId('safety-feedback-text')
      .fill('到场核实：楼道有人焚烧纸钱，已劝离并清理，烟感复位。');
    await handler.getByRole('radio', { name: '真实警情' }).check();
    await handler.getByTestId('safety-dialog-ok').click();
    await poll(() => handler.getByText('待核查').first().isVisible()).toBe(true);

    // the dispatcher verifies and closes it
    await duty.reload();
    await poll(() => duty.getByTestId('safety-action-close').isVisible()).toBe(true);
    await duty.getByTestId('safety-action-close').click();
    await duty.getByTestId('safety-dialog-ok').click();
    await poll(() => duty.getByText('已结案').first().isVisible()).toBe(true);

    // closing the work order leaves the alarm to the facility team: it is still listed until cleared
    await duty.goto(`${e2e.baseUrl}/iot`);
    await poll(() => duty.locator('.gz-iot-alarm', { hasText: DEVICE }).isVisible()).toBe(true);
  });

  it('a manager sets the work-order deadlines on 处置时限; a resolution deadline shorter than the response one is refused in place', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, 'leader', PASSWORD);
    await page.goto(`${e2e.baseUrl}/safety`);
    await page.getByText('处置时限', { exact: true }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: '工单处置时限' }).isVisible()).toBe(true);
    const before = (await (await page.request.get(`${e2e.baseUrl}/api/safety/sla`)).json()) as {
      items: Array<{ priority: string; acceptMinutes: number; resolveMinutes: number }>;
    };
    const accept = page.getByLabel('紧急 响应时限');
    const resolve = page.getByLabel('紧急 办结时限');
    await poll(() => accept.inputValue()).not.toBe('');

    await accept.fill('20');
    await resolve.fill('10');
    await page.getByRole('button', { name: '保存时限' }).click();
    await poll(() => page.getByText('办结时限不能短于响应时限').isVisible()).toBe(true);

    await resolve.fill('180');
    await page.getByRole('button', { name: '保存时限' }).click();
    await poll(() => page.getByText(/时限已保存/).isVisible()).toBe(true);
    const after = (await (await page.request.get(`${e2e.baseUrl}/api/safety/sla`)).json()) as typeof before;
    expect(after.items.find((r) => r.priority === 'urgent')).toEqual({
      priority: 'urgent',
      acceptMinutes: 20,
      resolveMinutes: 180,
    });
    expect(after.items.filter((r) => r.priority !== 'urgent')).toEqual(
      before.items.filter((r) => r.priority !== 'urgent'),
    );

    // put the street's settings back for the journeys after this one
    const csrf = (await page.context().cookies()).find((c) => c.name === 'gz_csrf')?.value ?? '';
    const restored = await page.request.put(`${e2e.baseUrl}/api/safety/sla`, {
      data: before,
      headers: { 'x-csrf-token': csrf },
    });
    expect(restored.status()).toBe(200);
  });
});
