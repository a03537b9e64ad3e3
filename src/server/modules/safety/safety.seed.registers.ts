import { DAY, HOUR } from '../../platform/clock.ts';
import { atTime as at } from '../../platform/seedKit.ts';
import { saveBuildingRisk, saveChargingSite, saveMerchant } from './safety.registers.ts';
import { createRentalFlat, issueRentalNotice, recheckRentalFlat } from './safety.rentals.ts';
import type { SafetyScene } from './safety.seed.scene.ts';

/** The fire risks of the first six buildings, two of them clean. */
export async function seedBuildingRisks(s: SafetyScene): Promise<void> {
  const { deps, leader, ago, b } = s;
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
}

/** Rental flats: one let in order, one 群租 under notice and re-checked, one rectified. */
export async function seedRentalFlats(s: SafetyScene): Promise<void> {
  const { deps, now, leader, committee, ago, b, hh } = s;
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
}

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

/** Merchants issuing prepaid cards, the gym with complaints first. */
export async function seedMerchants(s: SafetyScene): Promise<void> {
  const { deps, leader, ago } = s;
  for (const [i, m] of merchants.entries())
    await saveMerchant(at(deps, ago((20 - i) * DAY)), leader, null, {
      ...m,
      note: i === 0 ? '多名会员投诉门店装修停业，已约谈' : undefined,
    });
}

/** E-bike charging sites, one too close to a building. */
export async function seedChargingSites(s: SafetyScene): Promise<void> {
  const { deps, leader, ago, b } = s;
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
  for (const [i, site] of sites.entries())
    await saveChargingSite(at(deps, ago((15 - i) * DAY)), leader, null, {
      ...site,
      note: site.distanceOk ? undefined : '距楼栋不足 6 米，已列入迁移计划',
    });
}
