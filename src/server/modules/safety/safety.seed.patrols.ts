import { DAY, HOUR } from '../../platform/clock.ts';
import { atTime as at } from '../../platform/seedKit.ts';
import { recordPatrol, savePlan } from './safety.patrols.ts';
import type { SafetyScene } from './safety.seed.scene.ts';

type Plan = Awaited<ReturnType<typeof savePlan>>;

export interface SafetyPlans {
  firePlan: Plan;
  theftPlan: Plan;
  fraudPlan: Plan;
  residencePlan: Plan;
}

/** The four patrol plans, all made 20 days ago by the street leader. */
export async function seedPatrolPlans(s: SafetyScene): Promise<SafetyPlans> {
  const { deps, users, leader, estateId, ago, b } = s;
  const firePlan = await savePlan(at(deps, ago(20 * DAY)), leader, null, {
    name: '曹杨一村消防通道日巡',
    category: 'fire',
    estateId,
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
    estateId,
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
    estateId,
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
    estateId,
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
  return { firePlan, theftPlan, fraudPlan, residencePlan };
}

/** A patrol's checklist answers: every item passed except those given a failure note. */
const itemsOf = (plan: { checklist: Array<{ key: string }> }, fail: Record<string, string> = {}) =>
  plan.checklist.map((c) =>
    fail[c.key] ? { key: c.key, passed: false, note: fail[c.key] } : { key: c.key, passed: true },
  );

/** Two weeks and more of patrol records; the failed checks open work orders. */
export async function seedPatrolRecords(s: SafetyScene, plans: SafetyPlans): Promise<void> {
  const { deps, cadre, committee, volunteer, ago, b } = s;
  const { firePlan, theftPlan, fraudPlan, residencePlan } = plans;
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
}
