import { DAY, HOUR, MINUTE } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { atTime as at, demoCtx, estateHouseholds } from '../../platform/seedKit.ts';
import { escalateLateOrders } from './safety.escalation.ts';
import { createOrder, reportHazard } from './safety.order-intake.ts';
import {
  acceptOrder,
  cancelOrder,
  dispatchOrder,
  feedbackOrder,
  verifyOrder,
} from './safety.order-workflow.ts';
import { recordPatrol, savePlan } from './safety.patrols.ts';
import { saveBuildingRisk, saveChargingSite, saveMerchant } from './safety.registers.ts';
import { createRentalFlat, issueRentalNotice, recheckRentalFlat } from './safety.rentals.ts';

type Closure = 'true_alarm' | 'false_alarm' | 'device_fault' | 'all_well' | 'hazard_removed';

/**
 * 平安六防 for 曹杨一村 (synthetic): work orders in every state relative to now (some late and
 * escalated), patrol plans with two weeks of records (failed checks opened orders), and the risk
 * registers — buildings, rental flats with one 群租 case under notice and re-checked, merchants
 * issuing prepaid cards, e-bike charging sites.
 */
export async function seedSafety(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  const yi = await estateHouseholds(deps, tenantId, '曹杨一村');
  if (yi.length < 20) return;
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', '曹杨一村')
    .executeTakeFirst();
  const buildings = await deps.db
    .selectFrom('buildings')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estate?.id ?? -1)
    .orderBy('sort_key')
    .orderBy('id')
    .limit(12)
    .execute();
  if (buildings.length < 6) return;
  const residentHousehold =
    (
      await deps.db
        .selectFrom('users')
        .select('household_id')
        .where('id', '=', users.resident!)
        .executeTakeFirst()
    )?.household_id ?? null;

  const leader = demoCtx(users.leader!, tenantId, 'street_leader', '王建国（临时党委书记）');
  const cadre = demoCtx(users.cadre!, tenantId, 'cadre', '李晓明（包干干部）');
  const committee = demoCtx(users.committee!, tenantId, 'committee', '陈丽华（居委会主任）');
  const volunteer = demoCtx(users.volunteer!, tenantId, 'volunteer', '赵国强（党员突击队）');
  const resident = demoCtx(users.resident!, tenantId, 'resident', '居民 刘桂芳', residentHousehold);
  const now = deps.clock.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const b = (i: number) => buildings[i % buildings.length]!;
  const hh = (i: number) => yi[i % yi.length]!;

  // ---- patrol plans and two weeks of records ----
  const firePlan = await savePlan(at(deps, ago(20 * DAY)), leader, null, {
    name: '曹杨一村消防通道日巡',
    category: 'fire',
    estateId: estate!.id,
    places: [`${b(0).number}—${b(3).number}楼道`, '非机动车棚', '小区消防通道'],
    checklist: [
      { key: 'corridor', text: '楼道、疏散通道无杂物堆放' },
      { key: 'ebike', text: '无电动自行车进楼道、入户充电' },
      { key: 'extinguisher', text: '灭火器压力正常、在有效期内' },
      { key: 'fire_lane', text: '消防车通道无占用' },
    ],
    frequency: 'daily',
    timesPerPeriod: 1,
    assigneeIds: [users.volunteer!, users.committee!],
    active: true,
  });
  const theftPlan = await savePlan(at(deps, ago(20 * DAY)), leader, null, {
    name: '夜间防盗巡逻',
    category: 'theft',
    estateId: estate!.id,
    places: ['南门', '北门', '车棚'],
    checklist: [
      { key: 'gates', text: '门禁正常关闭' },
      { key: 'lights', text: '照明完好' },
      { key: 'strangers', text: '无可疑人员逗留' },
    ],
    frequency: 'weekly',
    timesPerPeriod: 3,
    assigneeIds: [users.volunteer!],
    active: true,
  });
  const fraudPlan = await savePlan(at(deps, ago(20 * DAY)), leader, null, {
    name: '防电诈宣传进楼组',
    category: 'fraud',
    estateId: estate!.id,
    places: ['居委会宣传栏', '各楼组'],
    checklist: [
      { key: 'poster', text: '宣传栏反诈海报已更新' },
      { key: 'app', text: '楼组长提醒安装国家反诈中心App' },
    ],
    frequency: 'weekly',
    timesPerPeriod: 1,
    assigneeIds: [users.committee!],
    active: true,
  });
  const residencePlan = await savePlan(at(deps, ago(20 * DAY)), leader, null, {
    name: '群租隐患排查',
    category: 'residence',
    estateId: estate!.id,
    places: ['出租房屋'],
    checklist: [
      { key: 'register', text: '承租人已登记居住信息' },
      { key: 'crowding', text: '无群租（人均面积、隔断、厨房阳台住人）' },
    ],
    frequency: 'monthly',
    timesPerPeriod: 2,
    assigneeIds: [users.committee!, users.cadre!],
    active: true,
  });
  const itemsOf = (plan: { checklist: Array<{ key: string }> }, fail: Record<string, string> = {}) =>
    plan.checklist.map((c) =>
      fail[c.key] ? { key: c.key, passed: false, note: fail[c.key] } : { key: c.key, passed: true },
    );
  // the fire patrol: walked on most days since the plans were made 20 days ago, two failed checks
  for (let d = 19; d >= 0; d--) {
    if (d === 16 || d === 9 || d === 5 || d === 2) continue;
    const when = ago(d * DAY + 3 * HOUR);
    const fail: Record<string, string> =
      d === 6
        ? { corridor: `${b(2).number}3楼楼道堆放旧沙发、纸箱` }
        : d === 1
          ? { ebike: `${b(4).number}1楼门厅有电动自行车飞线充电` }
          : {};
    await recordPatrol(at(deps, when), d % 2 ? volunteer : committee, firePlan.id, {
      place: `${b(d).number}楼道`,
      items: itemsOf(firePlan, fail),
    });
  }
  for (const d of [19, 17, 15, 13, 11, 9, 6, 4, 1]) {
    await recordPatrol(at(deps, ago(d * DAY + 13 * HOUR)), volunteer, theftPlan.id, {
      place: '南门—北门—车棚',
      items: itemsOf(theftPlan, d === 4 ? { lights: '车棚东侧两盏路灯不亮' } : {}),
    });
  }
  for (const d of [19, 12, 5]) {
    await recordPatrol(at(deps, ago(d * DAY + 6 * HOUR)), committee, fraudPlan.id, {
      items: itemsOf(fraudPlan),
    });
  }
  await recordPatrol(at(deps, ago(8 * DAY)), cadre, residencePlan.id, {
    place: `${b(5).number}`,
    items: itemsOf(residencePlan, { crowding: `${b(5).number}一户疑似群租，已登记台账` }),
  });

  // handle the older patrol orders so the board shows history
  const patrolOrders = await deps.db
    .selectFrom('safety_work_orders')
    .select(['id', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', 'patrol')
    .orderBy('id')
    .execute();
  // Minutes after the order to dispatch, accept, hand in and verify: varied per order, as real
  // handling is, so the figures page's medians and 90th percentiles differ.
  const realisticMinutes = (id: number) => [
    10 + ((id * 7) % 25),
    25 + ((id * 13) % 50),
    180 + ((id * 37) % 300),
    360 + ((id * 53) % 480),
  ];
  const runThrough = async (
    id: number,
    start: Date,
    handler: RequestContext,
    upTo: 'dispatched' | 'in_progress' | 'to_verify' | 'closed',
    closure: Closure,
    feedback: string,
    minutes = realisticMinutes(id),
  ) => {
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
  };
  for (const [i, o] of patrolOrders.entries()) {
    const start = new Date(o.created_at);
    if (now.getTime() - start.getTime() < 3 * DAY) {
      await runThrough(o.id, start, volunteer, 'in_progress', 'hazard_removed', '');
    } else if (i % 3 === 2) {
      await runThrough(o.id, start, cadre, 'to_verify', 'hazard_removed', '已联系物业更换灯具，待复核');
    } else {
      await runThrough(o.id, start, committee, 'closed', 'hazard_removed', '已督促住户清理，现场已恢复畅通');
    }
  }

  // ---- hotline, manual, resident and alarm orders across the states ----
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
  await runThrough(h1, ago(9 * DAY), committee, 'closed', 'hazard_removed', '已上门劝导，纸板已清运');
  const h2 = await hotline(
    ago(26 * HOUR),
    '12345-2026-1126-0415',
    '楼下商铺油烟管道积油，担心起火',
    '枣阳路沿街商铺',
    55,
  );
  await runThrough(h2, ago(26 * HOUR), cadre, 'in_progress', 'hazard_removed', '');
  const h3 = await hotline(
    ago(5 * HOUR),
    '12345-2026-1127-0102',
    '地下室疑有人员居住',
    `${b(6).number}地下室`,
    80,
  );
  await dispatchOrder(at(deps, ago(4 * HOUR)), leader, h3, { assigneeId: users.cadre!, priority: 'high' });

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
  await runThrough(m2, ago(3 * DAY), committee, 'closed', 'all_well', '居委与民警共同上门调解，双方情绪平稳');
  const m3 = await manual(
    ago(2 * DAY),
    '沿街健身房停业传闻，会员担心预付卡退费',
    '兰溪路健身房',
    'normal',
    'prepaid',
  );
  await runThrough(
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
    m7,
    ago(10 * DAY),
    cadre,
    'closed',
    'device_fault',
    '已更换烟感电池，设备恢复在线',
    [30, 90, 200, 400],
  );

  const r1 = await reportHazard(at(deps, ago(3 * HOUR)), resident, {
    category: 'fire',
    title: '楼道里有人给电瓶车充电，电线从窗户拉下来',
    description: '晚上经常充电，担心起火。',
    place: '我家楼下门厅',
    photoFileIds: [],
  });
  void r1;
  await reportHazard(at(deps, ago(25 * MINUTE)), resident, {
    category: 'theft',
    title: '单元门门禁坏了，关不上',
    place: '本单元门口',
    photoFileIds: [],
  });

  // an open alarm from the iot module, when its demo data is there
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

  // reminders and escalations for what is late now
  await escalateLateOrders(deps);

  // ---- registers ----
  const hazards = [
    ['corridor_clutter'],
    [],
    ['ebike_indoor', 'corridor_clutter'],
    ['extinguisher_missing'],
    [],
    ['aged_wiring', 'fire_door_open', 'corridor_clutter'],
  ] as const;
  for (const [i, h] of hazards.entries())
    await saveBuildingRisk(at(deps, ago((10 - i) * DAY)), leader, {
      buildingId: b(i).id,
      hazards: [...h],
      note: h.length ? '已纳入本月消防整治清单' : '检查无隐患',
    });

  await createRentalFlat(at(deps, ago(25 * DAY)), leader, {
    address: `曹杨一村${b(1).number}${hh(60).room}室`,
    landlordName: '钱先生',
    householdId: hh(60).id,
    occupants: 3,
    rooms: 2,
    areaM2: 46,
    partitions: false,
    bedsInKitchenOrBalcony: false,
    note: '一家三口整租',
  });
  const crowded = await createRentalFlat(at(deps, ago(8 * DAY)), leader, {
    address: `曹杨一村${b(5).number}${hh(250).room}室`,
    landlordName: '孙女士',
    householdId: hh(250).id,
    occupants: 9,
    rooms: 2,
    areaM2: 38,
    partitions: true,
    bedsInKitchenOrBalcony: true,
    note: '巡查发现：客厅加装隔断，阳台放置上下铺',
  });
  await issueRentalNotice(at(deps, ago(8 * DAY - HOUR)), leader, crowded.id, {
    noticeNo: '曹杨安〔2026〕群租整改第 017 号',
    deadline: new Date(now.getTime() + 7 * DAY).toISOString().slice(0, 10),
  });
  await recheckRentalFlat(at(deps, ago(2 * DAY)), committee, crowded.id, {
    occupants: 6,
    rooms: 2,
    areaM2: 38,
    partitions: false,
    bedsInKitchenOrBalcony: false,
    note: '隔断与阳台床铺已拆除，仍住 6 人，继续督促减员',
  });
  const fixed = await createRentalFlat(at(deps, ago(30 * DAY)), leader, {
    address: `曹杨一村${b(7).number}${hh(420).room}室`,
    landlordName: '周先生',
    householdId: hh(420).id,
    occupants: 5,
    rooms: 1,
    areaM2: 22,
    partitions: false,
    bedsInKitchenOrBalcony: true,
    note: '厨房内放置床铺',
  });
  await issueRentalNotice(at(deps, ago(29 * DAY)), leader, fixed.id, {
    noticeNo: '曹杨安〔2026〕群租整改第 011 号',
    deadline: new Date(now.getTime() - 15 * DAY).toISOString().slice(0, 10),
  });
  await recheckRentalFlat(at(deps, ago(16 * DAY)), committee, fixed.id, {
    occupants: 2,
    rooms: 1,
    areaM2: 22,
    partitions: false,
    bedsInKitchenOrBalcony: false,
    note: '已减员至 2 人，厨房床铺已拆除，整改完成',
  });

  const merchants = [
    {
      name: '悦动健身（兰溪路店）',
      businessType: '健身',
      address: '兰溪路 128 号',
      issuanceBand: 'over_500k',
      custody: 'none',
      complaints: 7,
      monthsOperating: 30,
    },
    {
      name: '曹杨美发沙龙',
      businessType: '美容美发',
      address: '枣阳路 56 号',
      issuanceBand: '50k_500k',
      custody: 'bank_custody',
      complaints: 1,
      monthsOperating: 64,
    },
    {
      name: '小星星少儿英语',
      businessType: '教育培训',
      address: '花溪路 33 号 2 楼',
      issuanceBand: 'under_50k',
      custody: 'none',
      complaints: 0,
      monthsOperating: 7,
    },
    {
      name: '洁净干洗店',
      businessType: '洗衣',
      address: '杏山路 12 号',
      issuanceBand: 'under_50k',
      custody: 'guarantee',
      complaints: 0,
      monthsOperating: 120,
    },
    {
      name: '老街坊理发',
      businessType: '美容美发',
      address: '曹杨一村南门',
      issuanceBand: 'none',
      custody: 'none',
      complaints: 0,
      monthsOperating: 200,
    },
  ] as const;
  for (const [i, m] of merchants.entries())
    await saveMerchant(at(deps, ago((20 - i) * DAY)), leader, null, {
      ...m,
      note: i === 0 ? '多名会员投诉门店装修停业，已约谈' : undefined,
    });

  const sites = [
    {
      name: '一村花坛充电桩 A',
      place: `${b(0).number}东侧花坛`,
      kind: 'outdoor_pile',
      ports: 10,
      distanceOk: true,
      canopy: true,
      extinguisher: true,
      cctv: true,
      autoCutoff: true,
    },
    {
      name: '一村集中充电棚',
      place: '北门非机动车棚',
      kind: 'shed',
      ports: 24,
      distanceOk: true,
      canopy: true,
      extinguisher: true,
      cctv: false,
      autoCutoff: true,
    },
    {
      name: '临时充电点（待整改）',
      place: `${b(4).number}门前`,
      kind: 'outdoor_pile',
      ports: 4,
      distanceOk: false,
      canopy: false,
      extinguisher: false,
      cctv: false,
      autoCutoff: true,
    },
  ] as const;
  for (const [i, s] of sites.entries())
    await saveChargingSite(at(deps, ago((15 - i) * DAY)), leader, null, {
      ...s,
      note: s.distanceOk ? undefined : '距楼栋不足 6 米，已列入迁移计划',
    });
}
