import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { HOUR, ManualClock, MINUTE } from '../../platform/clock.ts';
import { escalationTask } from './safety.escalation.ts';

const clock = new ManualClock('2026-11-27T01:00:00Z');
let t: TestApp;
let street: number;
let leaderUser: TestUser;
let cadreUser: TestUser;
let volunteerUser: TestUser;
let leader: Session;
let cadre: Session;
let volunteer: Session;
let volunteer2: Session;
let resident: Session;
let resident2: Session;
let outsider: Session;
let households: number[];
let estateId: number;
let buildingId: number;
let deviceId: number;

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function upload(session: Session, data: Buffer, name = '现场.png', type = 'image/png') {
  const boundary = '----gz' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/safety/photos',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

async function newAlarm(severity = 'critical', type = 'smoke', device = deviceId): Promise<number> {
  const row = await t.deps.db
    .insertInto('iot_alarms')
    .values({
      tenant_id: street,
      device_id: device,
      kind: 'smoke_alarm',
      type,
      severity,
      opened_at: clock.now(),
      last_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function notificationsOf(userId: number, topic: string) {
  return t.deps.db
    .selectFrom('notifications')
    .select(['title', 'body', 'link'])
    .where('tenant_id', '=', street)
    .where('user_id', '=', userId)
    .where('topic', '=', topic)
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  leaderUser = await newUser(t.deps, 'street_leader', street);
  leader = await login(t.app, leaderUser);
  estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  buildingId = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '12号' })).json()
    .id;
  households = [];
  for (let i = 0; i < 3; i++)
    households.push(
      (
        await leader.call('POST', '/api/households', {
          buildingId,
          room: String(201 + i),
          headName: `住户${i}`,
        })
      ).json().id,
    );
  cadreUser = await newUser(t.deps, 'cadre', street);
  cadre = await login(t.app, cadreUser);
  volunteerUser = await newUser(t.deps, 'volunteer', street);
  volunteer = await login(t.app, volunteerUser);
  volunteer2 = await login(t.app, await newUser(t.deps, 'volunteer', street));
  resident = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: households[0]! }));
  resident2 = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: households[1]! }));
  const other = await newStreet(t.deps, '别的街道');
  outsider = await login(t.app, await newUser(t.deps, 'street_leader', other));
  deviceId = (
    await t.deps.db
      .insertInto('iot_devices')
      .values({
        tenant_id: street,
        code: `smoke-${process.pid}-${Date.now()}`,
        kind: 'smoke_alarm',
        name: '12号楼2层烟感',
        estate_id: estateId,
        building_id: buildingId,
        place_name: '曹杨一村12号楼2层楼道',
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

describe('a work order from an alarm', () => {
  let orderId: number;
  let alarmId: number;

  it('is prefilled from the alarm: title, place, building and priority from severity', async () => {
    alarmId = await newAlarm();
    const pre = await cadre.call('GET', `/api/safety/alarms/${alarmId}/prefill`);
    expect(pre.statusCode, pre.body).toBe(200);
    expect(pre.json()).toMatchObject({
      alarmId,
      priority: 'urgent',
      category: 'fire',
      place: '曹杨一村12号楼2层楼道',
      buildingId,
      openOrderId: null,
    });
    expect(pre.json().title).toContain('烟感报警');
    const res = await cadre.call('POST', '/api/safety/work-orders', { source: 'alarm', alarmId });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    orderId = o.id;
    expect(o).toMatchObject({
      source: 'alarm',
      alarmId,
      status: 'pending',
      priority: 'urgent',
      overdue: false,
    });
    expect(new Date(o.acceptDueAt).getTime() - new Date(o.createdAt).getTime()).toBe(15 * MINUTE);
    expect(o.actions).toEqual(expect.arrayContaining(['dispatch', 'cancel']));
    // the duty dispatchers hear about it
    expect(await notificationsOf(leaderUser.id, 'safety.work_order.new')).toHaveLength(1);
  });

  it('names estate and building when the device only knows its spot in the building', async () => {
    const device = await t.deps.db
      .insertInto('iot_devices')
      .values({
        tenant_id: street,
        code: `smoke-spot-${process.pid}-${Date.now()}`,
        kind: 'smoke_alarm',
        name: '楼道烟感',
        estate_id: estateId,
        building_id: buildingId,
        place_name: '楼道 2 层',
        created_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const alarm = await newAlarm('critical', 'smoke', device.id);
    const pre = (await cadre.call('GET', `/api/safety/alarms/${alarm}/prefill`)).json();
    expect(pre.place).toBe('曹杨一村 12号 楼道 2 层');
  });

  it('allows one open order per alarm and points to the existing one', async () => {
    const again = await leader.call('POST', '/api/safety/work-orders', { source: 'alarm', alarmId });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(`#${orderId}`);
    expect(again.json().details).toEqual({ workOrderId: orderId });
    expect((await cadre.call('GET', `/api/safety/alarms/${alarmId}/prefill`)).json().openOrderId).toBe(
      orderId,
    );
  });

  it('refuses steps out of order', async () => {
    const accept = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/accept`, {});
    expect(accept.statusCode).toBe(404); // not assigned to the volunteer: not visible
    const close = await cadre.call('POST', `/api/safety/work-orders/${orderId}/verify`, {
      approve: true,
      closureCode: 'true_alarm',
    });
    expect(close.statusCode).toBe(409);
    expect(close.json().message).toContain('待派单');
    const bad = await cadre.call('POST', `/api/safety/work-orders/${orderId}/dispatch`, {
      assigneeId: (await newUser(t.deps, 'designer', street)).id,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('goes 派单 → 接单 → 反馈 → 核查结案, audited, and clearing the alarm does not close it', async () => {
    const d = await cadre.call('POST', `/api/safety/work-orders/${orderId}/dispatch`, {
      assigneeId: volunteerUser.id,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'dispatched', assigneeId: volunteerUser.id });
    expect(await notificationsOf(volunteerUser.id, 'safety.work_order.assigned')).toHaveLength(1);

    // the alarm clears by itself: the order stays open
    await t.deps.db
      .updateTable('iot_alarms')
      .set({ status: 'cleared', cleared_at: clock.now() })
      .where('tenant_id', '=', street)
      .where('id', '=', alarmId)
      .execute();

    const early = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/feedback`, {
      feedback: '已处理',
      closureCode: 'false_alarm',
    });
    expect(early.statusCode).toBe(409);

    clock.advance(5 * MINUTE);
    const seen = await volunteer.call('GET', `/api/safety/work-orders/${orderId}`);
    expect(seen.json().actions).toEqual(['accept']);
    const a = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/accept`, {});
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().status).toBe('in_progress');

    const noCode = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/feedback`, {
      feedback: '到场查看，居民做饭油烟触发',
    });
    expect(noCode.statusCode).toBe(400);

    const photo = await upload(volunteer, png);
    expect(photo.statusCode, photo.body).toBe(200);
    const notImage = await upload(volunteer, Buffer.from('MZ fake exe'), 'x.png');
    expect(notImage.statusCode).toBe(415);
    // someone else's photo cannot be attached
    const foreign = (await upload(volunteer2, png)).json().fileId;

    clock.advance(20 * MINUTE);
    const stolen = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/feedback`, {
      feedback: 'x',
      closureCode: 'false_alarm',
      photoFileIds: [foreign],
    });
    expect(stolen.statusCode).toBe(400);
    const f = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/feedback`, {
      feedback: '到场查看，居民做饭油烟触发，已开窗通风',
      closureCode: 'false_alarm',
      photoFileIds: [photo.json().fileId],
    });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json()).toMatchObject({ status: 'to_verify', closureCode: 'false_alarm' });
    expect(f.json().photos).toEqual([{ fileId: photo.json().fileId, stage: 'feedback' }]);
    const verifyAsVolunteer = await volunteer.call('POST', `/api/safety/work-orders/${orderId}/verify`, {
      approve: true,
    });
    expect(verifyAsVolunteer.statusCode).toBe(403);

    const c = await leader.call('POST', `/api/safety/work-orders/${orderId}/verify`, {
      approve: true,
      note: '电话回访确认',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'closed', closureCode: 'false_alarm', actions: [] });
    expect(c.json().events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'feedback',
      'close',
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', street)
      .where('entity_type', '=', 'safety_work_order')
      .where('entity_id', '=', String(orderId))
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'safety.work_order.create',
      'safety.work_order.dispatch',
      'safety.work_order.accept',
      'safety.work_order.feedback',
      'safety.work_order.close',
    ]);
    const cancel = await leader.call('POST', `/api/safety/work-orders/${orderId}/cancel`, {
      reason: '误操作',
    });
    expect(cancel.statusCode).toBe(409);
    // closed: the alarm may get a new order
    const next = await cadre.call('POST', '/api/safety/work-orders', { source: 'alarm', alarmId });
    expect(next.statusCode).toBe(200);
    await cadre.call('POST', `/api/safety/work-orders/${next.json().id}/cancel`, { reason: '重复派单' });
  });

  it('lets the dispatcher send a feedback back, and needs a closure code to close', async () => {
    const o = (
      await leader.call('POST', '/api/safety/work-orders', {
        source: 'hotline',
        hotlineTicket: '12345-20261127-0088',
        title: '居民反映楼道堆放杂物',
        place: '12号楼1层',
        householdId: households[2],
        assigneeId: cadreUser.id,
      })
    ).json();
    expect(o).toMatchObject({
      status: 'dispatched',
      hotlineTicket: '12345-20261127-0088',
      priority: 'normal',
    });
    await cadre.call('POST', `/api/safety/work-orders/${o.id}/accept`, {});
    await cadre.call('POST', `/api/safety/work-orders/${o.id}/feedback`, {
      feedback: '已通知住户清理',
      closureCode: 'hazard_removed',
    });
    const noReason = await leader.call('POST', `/api/safety/work-orders/${o.id}/verify`, { approve: false });
    expect(noReason.statusCode).toBe(400);
    const back = await leader.call('POST', `/api/safety/work-orders/${o.id}/verify`, {
      approve: false,
      note: '现场复查仍有纸箱，请清理干净',
    });
    expect(back.json()).toMatchObject({ status: 'in_progress', verifyNote: '现场复查仍有纸箱，请清理干净' });
    expect(await notificationsOf(cadreUser.id, 'safety.work_order.rejected')).toHaveLength(1);
    const timeline = await t.deps.db
      .selectFrom('household_events')
      .select('title')
      .where('tenant_id', '=', street)
      .where('household_id', '=', households[2]!)
      .where('module', '=', 'safety')
      .execute();
    expect(timeline.length).toBeGreaterThanOrEqual(5);
    expect(timeline[0]!.title).toContain(`平安工单 #${o.id}`);
    const missingTicket = await leader.call('POST', '/api/safety/work-orders', {
      source: 'hotline',
      title: 'x1',
    });
    expect(missingTicket.statusCode).toBe(400);
  });
});

describe('reminders and escalation', () => {
  it('reminds the assignee, then escalates to the duty dispatchers, and running twice changes nothing', async () => {
    const alarmId = await newAlarm('critical');
    const o = (await leader.call('POST', '/api/safety/work-orders', { source: 'alarm', alarmId })).json();
    await leader.call('POST', `/api/safety/work-orders/${o.id}/dispatch`, { assigneeId: volunteerUser.id });
    const reminders = async () =>
      (await notificationsOf(volunteerUser.id, 'safety.work_order.reminder')).length;
    const escalations = async (userId: number) =>
      (await notificationsOf(userId, 'safety.work_order.escalated')).length;
    const before = { r: await reminders(), e: await escalations(cadreUser.id) };

    clock.advance(10 * MINUTE);
    await escalationTask.run(t.deps);
    expect(await reminders()).toBe(before.r);

    clock.advance(6 * MINUTE); // 16 minutes: past the 15-minute acceptance deadline
    await escalationTask.run(t.deps);
    await escalationTask.run(t.deps);
    expect(await reminders()).toBe(before.r + 1);
    expect(await escalations(cadreUser.id)).toBe(before.e);
    let detail = (await leader.call('GET', `/api/safety/work-orders/${o.id}`)).json();
    expect(detail).toMatchObject({ escalationLevel: 1, overdue: true });

    clock.advance(15 * MINUTE); // one more window: duty dispatchers
    await escalationTask.run(t.deps);
    await escalationTask.run(t.deps);
    expect(await reminders()).toBe(before.r + 1);
    expect(await escalations(cadreUser.id)).toBe(before.e + 1);
    expect(await escalations(leaderUser.id)).toBeGreaterThanOrEqual(1);
    detail = (await leader.call('GET', `/api/safety/work-orders/${o.id}`)).json();
    expect(detail.escalationLevel).toBe(2);
    expect(detail.events.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);

    // accepting starts a new stage: the resolution deadline (4 h) is not late yet
    await volunteer.call('POST', `/api/safety/work-orders/${o.id}/accept`, {});
    await escalationTask.run(t.deps);
    detail = (await leader.call('GET', `/api/safety/work-orders/${o.id}`)).json();
    expect(detail).toMatchObject({ escalationLevel: 0, overdue: false });
  });
});

describe('patrols', () => {
  it('opens a work order for every failed checklist item and counts coverage', async () => {
    const plan = await leader.call('POST', '/api/safety/patrol-plans', {
      name: '曹杨一村消防通道日巡',
      category: 'fire',
      estateId,
      places: ['12号楼楼道', '非机动车棚'],
      checklist: [
        { key: 'corridor', text: '楼道无杂物堆放' },
        { key: 'ebike', text: '无电动车进楼充电' },
        { key: 'extinguisher', text: '灭火器在有效期内' },
      ],
      frequency: 'daily',
      assigneeIds: [volunteerUser.id],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const planId = plan.json().id;
    expect(plan.json()).toMatchObject({ periodPlanned: 1, periodDone: 0 });
    expect((await volunteer2.call('GET', `/api/safety/patrol-plans/${planId}`)).statusCode).toBe(404);
    const missing = await volunteer.call('POST', `/api/safety/patrol-plans/${planId}/records`, {
      items: [{ key: 'corridor', passed: true }],
    });
    expect(missing.statusCode).toBe(400);
    const rec = await volunteer.call('POST', `/api/safety/patrol-plans/${planId}/records`, {
      place: '12号楼楼道',
      items: [
        { key: 'corridor', passed: false, note: '3楼楼道堆放纸箱和旧家具' },
        { key: 'ebike', passed: true },
        { key: 'extinguisher', passed: true },
      ],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const failed = rec.json().items.find((i: { key: string }) => i.key === 'corridor');
    expect(failed.workOrderId).toBeGreaterThan(0);
    const order = (await leader.call('GET', `/api/safety/work-orders/${failed.workOrderId}`)).json();
    expect(order).toMatchObject({
      source: 'patrol',
      category: 'fire',
      priority: 'high',
      status: 'pending',
      patrolRecordId: rec.json().id,
    });
    expect(order.title).toContain('楼道无杂物堆放');
    const plans = (await volunteer.call('GET', '/api/safety/patrol-plans')).json();
    expect(plans.items.find((p: { id: number }) => p.id === planId)).toMatchObject({ periodDone: 1 });
    const figures = (await leader.call('GET', '/api/safety/figures?days=7')).json();
    // the plan was made today: over the last 7 days it planned today's one patrol, not seven
    expect(figures.patrol.planned).toBe(1);
    expect(figures.patrol.done).toBe(1);
    expect(figures.bySource.find((s: { key: string }) => s.key === 'patrol').count).toBe(1);
  });
});

describe('resident reports and who sees what', () => {
  let reportId: number;

  it('takes a hazard report with a photo from a resident', async () => {
    const photo = (await upload(resident, png, '电瓶车.png')).json().fileId;
    const res = await resident.call('POST', '/api/safety/reports', {
      category: 'fire',
      title: '楼道里有人给电瓶车充电',
      place: '12号楼2单元1楼',
      photoFileIds: [photo],
    });
    expect(res.statusCode, res.body).toBe(200);
    reportId = res.json().id;
    expect(res.json()).toMatchObject({
      source: 'resident',
      status: 'pending',
      priority: 'high',
      householdId: households[0],
      actions: [],
    });
    const img = await resident.call('GET', `/api/safety/photos/${photo}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await resident2.call('GET', `/api/safety/photos/${photo}`)).statusCode).toBe(404);
    expect((await leader.call('GET', `/api/safety/photos/${photo}`)).statusCode).toBe(200);
  });

  it('shows residents only their own reports, volunteers only their own orders, other streets nothing', async () => {
    const mine = (await resident.call('GET', '/api/safety/work-orders')).json();
    expect(mine.items.map((o: { id: number }) => o.id)).toEqual([reportId]);
    expect((await resident2.call('GET', '/api/safety/work-orders')).json().items).toEqual([]);
    expect((await resident2.call('GET', `/api/safety/work-orders/${reportId}`)).statusCode).toBe(404);
    expect(
      (await resident.call('POST', '/api/safety/work-orders', { source: 'manual', title: '自己派' }))
        .statusCode,
    ).toBe(403);

    const vol = (await volunteer.call('GET', '/api/safety/work-orders')).json();
    expect(vol.items.length).toBeGreaterThan(0);
    expect(vol.items.every((o: { assigneeId: number }) => o.assigneeId === volunteerUser.id)).toBe(true);
    expect((await volunteer.call('GET', `/api/safety/work-orders/${reportId}`)).statusCode).toBe(404);
    expect((await volunteer2.call('GET', '/api/safety/work-orders')).json().items).toEqual([]);
    expect((await volunteer.call('GET', '/api/safety/figures')).statusCode).toBe(403);

    const all = (await leader.call('GET', '/api/safety/work-orders')).json();
    expect(all.items.map((o: { id: number }) => o.id)).toContain(reportId);
    expect((await outsider.call('GET', `/api/safety/work-orders/${reportId}`)).statusCode).toBe(404);
    expect((await outsider.call('GET', '/api/safety/work-orders')).json().items).toEqual([]);
    const foreignDispatch = await outsider.call('POST', `/api/safety/work-orders/${reportId}/dispatch`, {
      assigneeId: volunteerUser.id,
    });
    expect(foreignDispatch.statusCode).toBe(404);
    const foreignCancel = await outsider.call('POST', `/api/safety/work-orders/${reportId}/cancel`, {
      reason: 'x',
    });
    expect(foreignCancel.statusCode).toBe(404);
  });

  it('computes the figures from the records', async () => {
    let f = (await leader.call('GET', '/api/safety/figures?days=30')).json();
    const overdueBefore = f.overdue;
    clock.advance(2 * HOUR); // the resident's report (high: 1 h to accept) is now late
    f = (await leader.call('GET', '/api/safety/figures?days=30')).json();
    expect(f.total).toBe(
      (
        await t.deps.db
          .selectFrom('safety_work_orders')
          .select('id')
          .where('tenant_id', '=', street)
          .execute()
      ).length,
    );
    expect(f.falseAlarmRate).toBe(1); // the one closed alarm order was a false alarm
    expect(f.acceptP50).toBeGreaterThan(0);
    expect(f.closeP50).toBeGreaterThan(0);
    expect(f.overdue).toBeGreaterThan(overdueBefore);
  });
});

describe('risk registers: prepaid-card merchants and charging sites', () => {
  it('adds and updates a merchant, the risk level following the rule, audited; refuses others', async () => {
    const body = {
      name: '某某健身房',
      businessType: '健身',
      address: '枫桥路 1 号',
      issuanceBand: '50k_500k',
      custody: 'bank_custody',
      complaints: 0,
      monthsOperating: 30,
    };
    const added = await leader.call('POST', '/api/safety/registers/merchants', body);
    expect(added.statusCode, added.body).toBe(200);
    const merchant = added.json().items.find((m: { name: string }) => m.name === '某某健身房');
    expect(merchant).toMatchObject({ riskLevel: 'low', note: null });
    // the card money loses its custody: unprotected with a mid issuance band is high risk
    const updated = await leader.call('PUT', `/api/safety/registers/merchants/${merchant.id}`, {
      ...body,
      custody: 'none',
      note: '资金存管到期未续',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().items.find((m: { id: number }) => m.id === merchant.id)).toMatchObject({
      custody: 'none',
      riskLevel: 'high',
      note: '资金存管到期未续',
    });
    expect((await leader.call('PUT', '/api/safety/registers/merchants/999999', body)).statusCode).toBe(404);
    expect((await volunteer.call('POST', '/api/safety/registers/merchants', body)).statusCode).toBe(403);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('tenant_id', '=', street)
      .where('action', '=', 'safety.merchant.save')
      .execute();
    expect(audits.map((a) => Number(a.entity_id))).toEqual([merchant.id, merchant.id]);
  });

  it('adds and updates a charging site; a site too close to a building is high risk', async () => {
    const body = {
      name: '12号楼东侧充电桩',
      place: '12号楼东侧花坛',
      kind: 'outdoor_pile',
      ports: 10,
      distanceOk: true,
      canopy: true,
      extinguisher: true,
      cctv: true,
      autoCutoff: true,
    };
    const added = await leader.call('POST', '/api/safety/registers/charging-sites', body);
    expect(added.statusCode, added.body).toBe(200);
    const site = added.json().items.find((s: { name: string }) => s.name === body.name);
    expect(site).toMatchObject({ riskLevel: 'low' });
    const updated = await leader.call('PUT', `/api/safety/registers/charging-sites/${site.id}`, {
      ...body,
      distanceOk: false,
    });
    expect(updated.json().items.find((s: { id: number }) => s.id === site.id)).toMatchObject({
      distanceOk: false,
      riskLevel: 'high',
    });
    expect((await leader.call('PUT', '/api/safety/registers/charging-sites/999999', body)).statusCode).toBe(
      404,
    );
  });
});
