import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import { atTime as at } from '../../platform/seedKit.ts';
import { createOrder, reportHazard } from './safety.order-intake.ts';
import {
  acceptOrder,
  cancelOrder,
  dispatchOrder,
  feedbackOrder,
  verifyOrder,
} from './safety.order-workflow.ts';
import type { SafetyScene } from './safety.seed.scene.ts';

type Closure = 'true_alarm' | 'false_alarm' | 'device_fault' | 'all_well' | 'hazard_removed';

// Minutes after the order to dispatch, accept, hand in and verify: varied per order, as real
// handling is, so the figures page's medians and 90th percentiles differ.
const realisticMinutes = (id: number) => [
  10 + ((id * 7) % 25),
  25 + ((id * 13) % 50),
  180 + ((id * 37) % 300),
  360 + ((id * 53) % 480),
];

/** An order through its workflow up to a state: the cadre dispatches and verifies, `handler` works it. */
async function runThrough(
  s: SafetyScene,
  id: number,
  start: Date,
  handler: RequestContext,
  upTo: 'dispatched' | 'in_progress' | 'to_verify' | 'closed',
  closure: Closure,
  feedback: string,
  minutes = realisticMinutes(id),
) {
  const { deps, cadre } = s;
  const step = (n: number) => new Date(start.getTime() + n * MINUTE);
  await dispatchOrder(at(deps, step(minutes[0]!)), cadre, id, { assigneeId: handler.actor.userId });
  if (upTo === 'dispatched') return;
  await acceptOrder(at(deps, step(minutes[1]!)), handler, id, {});
  if (upTo === 'in_progress') return;
  await feedbackOrder(at(deps, step(minutes[2]!)), handler, id, {
    feedback,
    closureCode: closure,
    photoFileIds: [],
  });
  if (upTo === 'to_verify') return;
  await verifyOrder(at(deps, step(minutes[3]!)), cadre, id, { approve: true, note: '现场复核无误' });
}

/** The orders failed patrol checks opened: the older ones handled, so the board shows history. */
export async function handlePatrolOrders(s: SafetyScene): Promise<void> {
  const { deps, tenantId, now, cadre, committee, volunteer } = s;
  const patrolOrders = await deps.db
    .selectFrom('safety_work_orders')
    .select(['id', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', 'patrol')
    .orderBy('id')
    .execute();
  for (const [i, o] of patrolOrders.entries()) {
    const start = new Date(o.created_at);
    if (now.getTime() - start.getTime() < 3 * DAY) {
      await runThrough(s, o.id, start, volunteer, 'in_progress', 'hazard_removed', '');
    } else if (i % 3 === 2) {
      await runThrough(s, o.id, start, cadre, 'to_verify', 'hazard_removed', '已联系物业更换灯具，待复核');
    } else {
      await runThrough(
        s,
        o.id,
        start,
        committee,
        'closed',
        'hazard_removed',
        '已督促住户清理，现场已恢复畅通',
      );
    }
  }
}

/** Three 12345 hotline tickets: one closed, one being worked, one just dispatched at high priority. */
export async function seedHotlineOrders(s: SafetyScene): Promise<void> {
  const { deps, users, leader, cadre, committee, ago, b, hh } = s;
  const hotline = async (when: Date, ticket: string, title: string, place: string, i: number) =>
    (
      await createOrder(at(deps, when), cadre, {
        source: 'hotline',
        hotlineTicket: ticket,
        category: 'fire',
        title,
        place,
        householdId: hh(i).id,
        priority: 'normal',
        reporterName: '12345 市民热线',
      })
    ).id;
  const h1 = await hotline(
    ago(9 * DAY),
    '12345-2026-1108-0231',
    '反映邻居在阳台堆放大量易燃纸板',
    `${b(1).number}`,
    30,
  );
  await runThrough(s, h1, ago(9 * DAY), committee, 'closed', 'hazard_removed', '已上门劝导，纸板已清运');
  const h2 = await hotline(
    ago(26 * HOUR),
    '12345-2026-1126-0415',
    '楼下商铺油烟管道积油，担心起火',
    '枣阳路沿街商铺',
    55,
  );
  await runThrough(s, h2, ago(26 * HOUR), cadre, 'in_progress', 'hazard_removed', '');
  const h3 = await hotline(
    ago(5 * HOUR),
    '12345-2026-1127-0102',
    '地下室疑有人员居住',
    `${b(6).number}地下室`,
    80,
  );
  await dispatchOrder(at(deps, ago(4 * HOUR)), leader, h3, { assigneeId: users.cadre!, priority: 'high' });
}

/** Orders the leader opened by hand, across the states, a false alarm and a device fault among them. */
export async function seedManualOrders(s: SafetyScene): Promise<void> {
  const { deps, users, leader, cadre, committee, volunteer, ago, b, hh } = s;
  const manual = async (
    when: Date,
    title: string,
    place: string,
    priority: 'urgent' | 'high' | 'normal' | 'low',
    category: 'fire' | 'theft' | 'fraud' | 'prepaid' | 'extremism' | 'residence' | 'other',
    i: number | null = null,
  ) =>
    (
      await createOrder(at(deps, when), leader, {
        source: 'manual',
        category,
        title,
        place,
        priority,
        ...(i === null ? {} : { householdId: hh(i).id }),
      })
    ).id;
  const m1 = await manual(ago(6 * DAY), '独居老人家中燃气灶老化', `${b(2).number}`, 'high', 'fire', 12);
  await runThrough(
    s,
    m1,
    ago(6 * DAY),
    volunteer,
    'closed',
    'hazard_removed',
    '已协助更换燃气灶软管并加装报警器',
  );
  const m2 = await manual(
    ago(3 * DAY),
    '邻里纠纷有激化苗头，需上门疏导',
    `${b(7).number}`,
    'high',
    'extremism',
    140,
  );
  await runThrough(
    s,
    m2,
    ago(3 * DAY),
    committee,
    'closed',
    'all_well',
    '居委与民警共同上门调解，双方情绪平稳',
  );
  const m3 = await manual(
    ago(2 * DAY),
    '沿街健身房停业传闻，会员担心预付卡退费',
    '兰溪路健身房',
    'normal',
    'prepaid',
  );
  await runThrough(
    s,
    m3,
    ago(2 * DAY),
    cadre,
    'to_verify',
    'hazard_removed',
    '已约谈经营者，承诺按剩余课时退费',
  );
  const m4 = await manual(
    ago(40 * MINUTE),
    '独居老人门磁 24 小时未开门',
    `${b(3).number}`,
    'urgent',
    'other',
    200,
  );
  await dispatchOrder(at(deps, ago(35 * MINUTE)), cadre, m4, { assigneeId: users.volunteer! });
  const m5 = await manual(ago(20 * HOUR), '快递柜旁监控损坏', '北门快递柜', 'low', 'theft');
  await cancelOrder(at(deps, ago(19 * HOUR)), leader, m5, { reason: '与巡查工单重复，已合并处理' });
  const m6 = await manual(ago(12 * DAY), '烟感误报：居民厨房油烟', `${b(8).number}`, 'urgent', 'fire', 330);
  await runThrough(
    s,
    m6,
    ago(12 * DAY),
    volunteer,
    'closed',
    'false_alarm',
    '到场确认为炒菜油烟，已开窗通风',
    [3, 8, 25, 60],
  );
  const m7 = await manual(ago(10 * DAY), '烟感离线，疑似电池耗尽', `${b(9).number}`, 'normal', 'fire', 410);
  await runThrough(
    s,
    m7,
    ago(10 * DAY),
    cadre,
    'closed',
    'device_fault',
    '已更换烟感电池，设备恢复在线',
    [30, 90, 200, 400],
  );
}

/** Two hazards the resident reported from the app, still waiting. */
export async function seedResidentReports(s: SafetyScene): Promise<void> {
  const { deps, resident, ago } = s;
  await reportHazard(at(deps, ago(3 * HOUR)), resident, {
    category: 'fire',
    title: '楼道里有人给电瓶车充电，电线从窗户拉下来',
    description: '晚上经常充电，担心起火。',
    place: '我家楼下门厅',
    photoFileIds: [],
  });
  await reportHazard(at(deps, ago(25 * MINUTE)), resident, {
    category: 'theft',
    title: '单元门门禁坏了，关不上',
    place: '本单元门口',
    photoFileIds: [],
  });
}

/** An order for an open critical alarm from the iot module, when its demo data is there. */
export async function seedAlarmOrder(s: SafetyScene): Promise<void> {
  const { deps, tenantId, users, cadre, ago } = s;
  const alarm = await deps.db
    .selectFrom('iot_alarms as a')
    .select('a.id')
    .where('a.tenant_id', '=', tenantId)
    .where('a.status', '=', 'active')
    .where('a.severity', '=', 'critical')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('safety_work_orders as o')
            .select('o.id')
            .whereRef('o.tenant_id', '=', 'a.tenant_id')
            .whereRef('o.alarm_id', '=', 'a.id'),
        ),
      ),
    )
    .orderBy('a.id')
    .executeTakeFirst();
  if (alarm) {
    const o = await createOrder(at(deps, ago(50 * MINUTE)), cadre, { source: 'alarm', alarmId: alarm.id });
    await dispatchOrder(at(deps, ago(45 * MINUTE)), cadre, o.id, { assigneeId: users.volunteer! });
  }
}
