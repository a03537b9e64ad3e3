import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx } from '../../platform/seedKit.ts';
import { CAOYANG_2 } from '../households/index.ts';
import { bookConsultation, feedback, quote, signContract } from './market.consultations.ts';
import { createMarketDay, createPackage, createVendor } from './market.offers.ts';
import { confirmMove, createMoveRequest, createVolunteer, scheduleTeam } from './movers.service.ts';
import { bookingStep, reserveRental } from './rentals.bookings.ts';
import { createRental } from './rentals.listings.ts';
import { setNeeds } from './rentals.needs.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { bookStorage, checkIn } from './storage.bookings.ts';
import { createWarehouse } from './storage.warehouses.ts';

/**
 * 曹杨二村 mid-renewal: three partner agencies' short-term flats (fees waived), the 红色搬家先锋队
 * with its volunteers and a week of scheduled moves, three lent warehouses partly occupied, and the
 * 惠民市集 with eight decoration firms and their packages. Every name is synthetic. Runs through the
 * services so the seed obeys the same rules (capacity, no double-booking, timeline entries).
 */

const AGENCIES = [
  {
    name: '曹杨安居房产经纪（合成）',
    contact: '021-5000 0001',
    intro: '为成套改造居民提供过渡短租，免收中介费',
  },
  { name: '梅岭邻里置业（合成）', contact: '021-5000 0002', intro: '专做老人友好房源，一楼和电梯房为主' },
  { name: '兰溪家园房屋租赁（合成）', contact: '021-5000 0003', intro: '可按 3 个月起租，随改造进度续租' },
];

const FLATS = [
  {
    title: '枣阳路一室户（一楼）',
    location: '枣阳路 ××弄',
    distanceM: 450,
    rent: 3200,
    rooms: 1,
    floor: 1,
    hasLift: false,
  },
  {
    title: '梅岭北路两室（电梯）',
    location: '梅岭北路 ××号',
    distanceM: 800,
    rent: 4600,
    rooms: 2,
    floor: 9,
    hasLift: true,
  },
  {
    title: '兰溪路一室（二楼）',
    location: '兰溪路 ××弄',
    distanceM: 600,
    rent: 3000,
    rooms: 1,
    floor: 2,
    hasLift: false,
  },
  {
    title: '杏山路一室（五楼）',
    location: '杏山路 ××弄',
    distanceM: 350,
    rent: 2600,
    rooms: 1,
    floor: 5,
    hasLift: false,
  },
  {
    title: '曹杨路两室（电梯）',
    location: '曹杨路 ××号',
    distanceM: 1500,
    rent: 5200,
    rooms: 2,
    floor: 12,
    hasLift: true,
  },
  {
    title: '花溪路一室（一楼，带小院）',
    location: '花溪路 ××弄',
    distanceM: 900,
    rent: 3500,
    rooms: 1,
    floor: 1,
    hasLift: false,
  },
  {
    title: '桐柏路一室（四楼）',
    location: '桐柏路 ××弄',
    distanceM: 1200,
    rent: 2400,
    rooms: 1,
    floor: 4,
    hasLift: false,
  },
  {
    title: '武宁路两室（电梯）',
    location: '武宁路 ××号',
    distanceM: 2300,
    rent: 4800,
    rooms: 2,
    floor: 6,
    hasLift: true,
  },
  {
    title: '枣阳新苑一室（三楼）',
    location: '枣阳路 ××号',
    distanceM: 700,
    rent: 2900,
    rooms: 1,
    floor: 3,
    hasLift: false,
  },
  {
    title: '梅川路一室（电梯）',
    location: '梅川路 ××号',
    distanceM: 3100,
    rent: 3300,
    rooms: 1,
    floor: 7,
    hasLift: true,
  },
];

const FIRMS = [
  {
    name: '匠心家居装饰（合成）',
    pkgs: [
      ['厨卫焕新套餐', '厨房墙地砖、集成吊顶、台盆与坐便器、防水', 19800],
      ['适老改造套餐', '扶手、防滑地砖、淋浴座椅、夜灯', 6800],
    ],
  },
  { name: '申城老房翻新（合成）', pkgs: [['全屋刷新套餐', '墙面乳胶漆、地板翻新、门窗五金更换', 26800]] },
  { name: '曹杨工匠装饰（合成）', pkgs: [['小户型收纳套餐', '定制衣柜、吊柜、榻榻米床', 15800]] },
  { name: '安心家装服务（合成）', pkgs: [['水电改造套餐', '强弱电重排、漏电保护、给排水管更换', 12800]] },
  { name: '和美居室设计（合成）', pkgs: [['一房焕新套餐', '硬装基础包 + 软装搭配', 32800]] },
  { name: '普陀惠民装饰（合成）', pkgs: [['厨房基础套餐', '橱柜 2 米、燃气灶、油烟机', 9800]] },
  { name: '邻里装修合作社（合成）', pkgs: [['卫生间基础套餐', '墙地砖、淋浴屏、热水器', 11800]] },
  { name: '新村木作工坊（合成）', pkgs: [['实木家具翻新', '老家具修复、上漆、更换五金', 3800]] },
] as const;

const VOLUNTEERS = [
  ['赵国强', '党员突击队', '搬运、拆装家具'],
  ['钱卫东', '曹杨二村居民区党总支', '搬运'],
  ['孙建华', '区消防救援支队（共建单位）', '搬运、大件吊装'],
  ['李志刚', '曹杨物业服务中心', '电器拆装'],
  ['周海涛', '曹杨二村居民区党总支', '搬运、打包'],
  ['吴晓军', '共建企业志愿者', '驾驶货车'],
  ['郑明', '党员突击队', '搬运'],
  ['王磊', '街道青年突击队', '搬运、打包'],
  ['冯伟', '共建企业志愿者', '搬运'],
  ['陈刚', '曹杨二村居民区党总支', '易碎品打包'],
] as const;

export async function seedRelocation(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  const leader = demoCtx(users.leader!, tenantId, 'street_leader', '王建国');
  const vendorCtx = demoCtx(users.vendor!, tenantId, 'vendor', '周师傅');
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', CAOYANG_2.name)
    .executeTakeFirst();
  if (!estate) return;
  const ids = (
    await deps.db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estate.id)
      .orderBy('id')
      .execute()
  ).map((h) => h.id);
  const now = deps.clock.now();
  const day = (n: number) => streetDate(new Date(now.getTime() + n * 86_400_000));

  // 为你找房
  const agencies = [];
  for (const a of AGENCIES) agencies.push(await createVendor(deps, leader, { ...a, kind: 'agency' }));
  const rentals = [];
  for (const [i, f] of FLATS.entries())
    rentals.push(
      await createRental(deps, leader, {
        ...f,
        vendorId: agencies[i % agencies.length]!.id,
        availableFrom: day(-10 + i),
        availableTo: day(360),
        minMonths: i % 3 === 0 ? 3 : 6,
        feeWaived: true,
      }),
    );
  // planned moving dates for the first buildings' households, and a few budgets
  for (const [i, householdId] of ids.slice(0, 48).entries())
    await setNeeds(deps, leader, householdId, {
      plannedMoveOn: day(5 + (i % 6) * 5),
      ...(i % 3 === 0 ? { rentBudget: 3000 + (i % 4) * 500 } : {}),
    });
  // two households already found a flat
  const b1 = await reserveRental(deps, leader, rentals[2]!.id, { householdId: ids[5]! });
  await bookingStep(deps, leader, b1.id, { step: 'contract', contractNo: 'ZZ-2026-001' });
  await reserveRental(deps, leader, rentals[5]!.id, { householdId: ids[9]! });

  // 红色搬家先锋队
  const team = [];
  for (const [i, [name, unit, skills]] of VOLUNTEERS.entries())
    team.push(
      await createVolunteer(deps, leader, {
        name,
        unit,
        skills,
        availability: i % 2 ? '周末全天' : '工作日上午',
        ...(i === 0 ? { userId: users.volunteer! } : {}),
      }),
    );
  const moves = [];
  for (const [i, householdId] of ids.slice(1, 9).entries())
    moves.push(
      await createMoveRequest(deps, leader, {
        householdId,
        direction: 'out',
        moveOn: day(i < 2 ? -3 : 2 + (i % 4)),
        slot: i % 2 ? 'pm' : 'am',
        volumeM3: 4 + (i % 5) * 2,
        stairsFloors: 1 + (i % 5),
        needsStorage: i % 2 === 0,
        ...(i % 3 === 0 ? { fragile: '老式玻璃橱柜、缝纫机' } : {}),
      }),
    );
  for (const [i, m] of moves.slice(0, 6).entries())
    await scheduleTeam(deps, leader, m.id, {
      volunteerIds: [team[(i * 2) % team.length]!.id, team[(i * 2 + 1) % team.length]!.id],
    });
  for (const m of moves.slice(0, 2)) await confirmMove(deps, leader, m.id, { confirmedBy: '户主' });

  // 临时仓库
  const warehouses = [
    await createWarehouse(deps, leader, {
      name: '梅岭北路临时仓库',
      address: '梅岭北路 ××号 原自行车棚',
      provider: '曹杨物业服务中心',
      capacitySlots: 40,
    }),
    await createWarehouse(deps, leader, {
      name: '兰溪路共建单位仓库',
      address: '兰溪路 ××号',
      provider: '共建企业（合成）',
      capacitySlots: 25,
    }),
    await createWarehouse(deps, leader, {
      name: '社区文化中心地下室',
      address: '曹杨新村街道文化中心',
      provider: '曹杨新村街道',
      capacitySlots: 12,
    }),
  ];
  for (const [i, householdId] of ids.slice(1, 15).entries()) {
    const s = await bookStorage(deps, leader, {
      householdId,
      warehouseId: warehouses[i % 3]!.id,
      slots: 1 + (i % 3),
    });
    if (i < 9)
      await checkIn(deps, leader, s.id, {
        items: [
          { name: '大衣柜', quantity: 1 },
          { name: '樟木箱', quantity: 1 + (i % 2) },
          { name: '纸箱（衣物、书籍）', quantity: 4 + i },
        ],
      });
  }

  // 惠民市集
  const firms = [];
  for (const [i, f] of FIRMS.entries()) {
    const firm = await createVendor(deps, leader, {
      name: f.name,
      kind: 'decoration',
      contact: `021-6000 00${String(i + 1).padStart(2, '0')}`,
      intro: '经上海市室内装饰行业协会推荐，参加惠民市集',
      ...(i === 0 ? { userId: users.vendor! } : {}),
    });
    const pkgs = [];
    for (const [name, contents, price] of f.pkgs)
      pkgs.push(
        await createPackage(deps, i === 0 ? vendorCtx : leader, {
          ...(i === 0 ? {} : { vendorId: firm.id }),
          name,
          contents,
          price,
        }),
      );
    firms.push({ firm, pkgs });
  }
  const days = [
    await createMarketDay(deps, leader, {
      onDate: day(-14),
      place: '曹杨新村街道 百禧公园入口广场',
      title: '第一期惠民市集',
    }),
    await createMarketDay(deps, leader, {
      onDate: day(12),
      place: '曹杨二村 中心绿地',
      title: '第二期惠民市集',
    }),
  ];
  for (const [i, householdId] of ids.slice(10, 22).entries()) {
    const { firm, pkgs } = firms[i % firms.length]!;
    const c = await bookConsultation(deps, leader, {
      householdId,
      vendorId: firm.id,
      packageId: pkgs[0]!.id,
      marketDayId: days[0]!.id,
    });
    if (i % 3 === 2) continue;
    const q = await quote(deps, i % firms.length === 0 ? vendorCtx : leader, c.id, {
      amount: pkgs[0]!.price + 1000 * (i % 4),
      note: '含材料与人工，按实测面积调整',
    });
    if (i % 2 === 0) {
      await signContract(deps, leader, q.id, { contractNo: `HM-2026-${String(i + 1).padStart(3, '0')}` });
      await feedback(deps, leader, q.id, { rating: 4 + (i % 2) });
    }
  }
}
