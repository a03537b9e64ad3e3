import { sql } from 'kysely';
import type { z } from 'zod';
import type { Member } from '../../../contract/households.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { DemoSeeder, SeedContext } from '../../platform/seedKit.ts';
import { demoCtx } from '../../platform/seedKit.ts';
import { createBuilding, createEstate } from './estates.service.ts';
import { updateHousehold } from './households.records.ts';
import { addConcern, recordVisit } from './households.visits.ts';
import { recordMilestone } from './households.timeline.ts';
import { importLedger } from './ledger/ledger.service.ts';
import { assignHouseholds, addOrgMember, createOrgUnit } from './org.service.ts';
import { streetDate } from '../../platform/streetTime.ts';
import type { TimelineParams } from '../../../contract/timeline.ts';
import { timelineZh } from '../../../contract/timeline.zh.ts';

/** A seeded visit's timeline parameters, as recordVisit writes them (a shorter summary). */
const visitParams = (v: { method: string; summary: string }): TimelineParams => ({
  method: v.method,
  summary: v.summary.slice(0, 40),
});

/**
 * 曹杨一村 as synthetic data: 48 buildings in fan-shaped rows (扇形行列式) with 1,499 households,
 * loaded the way a street would load them (a ledger import), then visits, concerns and 包干.
 */

/** Small deterministic PRNG so every demo looks the same. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '建国秀英桂芳玉兰志强明华丽娟德明淑珍海燕红梅国强金凤伟东晓梅文杰春花永福宝珍凤英家明根宝阿毛福生美娣小妹根娣彩凤佩华惠芬';

export function syntheticName(next: () => number): string {
  const pick = (s: string) => [...s][Math.floor(next() * [...s].length)]!;
  return pick(SURNAMES) + pick(GIVEN) + (next() < 0.7 ? pick(GIVEN) : '');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A synthetic ID number with a valid check character (普陀区 area code, plausible birth date). */
export function syntheticIdNumber(next: () => number): string {
  const year = 1930 + Math.floor(next() * 70);
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const body = `310107${year}${month}${day}${String(Math.floor(next() * 1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}

/** Rotated rectangle outlines along concentric arcs: the fan-shaped row layout of 曹杨一村. */
export function fanLayout(rows: number, perRow: number): Array<Array<[number, number]>> {
  const cx = 500;
  const cy = 980;
  const outlines: Array<Array<[number, number]>> = [];
  for (let r = 0; r < rows; r++) {
    const radius = 360 + r * 95;
    const spread = 0.95 - r * 0.07;
    for (let i = 0; i < perRow; i++) {
      const angle = -Math.PI / 2 - spread / 2 + (spread * (i + 0.5)) / perRow;
      const x = cx + radius * Math.cos(angle);
      const y = cy + radius * Math.sin(angle);
      const tangent = angle + Math.PI / 2;
      const half = 27;
      const depth = 10;
      const dx = Math.cos(tangent);
      const dy = Math.sin(tangent);
      const nx = Math.cos(angle);
      const ny = Math.sin(angle);
      const corner = (a: number, b: number): [number, number] => [
        Math.round(x + dx * a + nx * b),
        Math.round(y + dy * a + ny * b),
      ];
      outlines.push([corner(-half, -depth), corner(half, -depth), corner(half, depth), corner(-half, depth)]);
    }
  }
  return outlines;
}

const FLOORS = 3;

export interface EstateSpec {
  name: string;
  address: string;
  buildings: number;
  households: number;
  /** fan layout: rows × buildings per row */
  layout: [number, number];
  yearBuilt: number;
}

export const CAOYANG_1: EstateSpec = {
  name: '曹杨一村',
  address: '上海市普陀区曹杨新村街道 花溪路、枣阳路一带',
  buildings: 48,
  households: 1499,
  layout: [6, 8],
  yearBuilt: 1952,
};
/** A neighbouring estate, synthetic, whose renewal is under way in the demo. */
export const CAOYANG_2: EstateSpec = {
  name: '曹杨二村（演示：改造进行中）',
  address: '上海市普陀区曹杨新村街道 梅岭北路一带',
  buildings: 12,
  households: 360,
  layout: [2, 6],
  yearBuilt: 1953,
};

function ledgerCsv(next: () => number, spec: EstateSpec): string {
  const BUILDINGS = spec.buildings;
  const TOTAL = spec.households;
  const perFloor = Math.floor(TOTAL / (BUILDINGS * FLOORS));
  const longFloors = TOTAL - perFloor * BUILDINGS * FLOORS; // these floors get one flat more
  const lines = [
    `${spec.name} 住户基本情况台账（合成演示数据）`,
    '',
    '楼号,室号,户主,身份证号,联系电话,户籍人数,建筑面积,房屋性质,特殊情况',
  ];
  let made = 0;
  for (let b = 1; b <= BUILDINGS; b++) {
    for (let floor = 1; floor <= FLOORS; floor++) {
      const floorIndex = (b - 1) * FLOORS + floor - 1;
      const rooms = floorIndex < longFloors ? perFloor + 1 : perFloor; // 曹杨一村: 59 × 11 + 85 × 10 = 1,499
      for (let r = 1; r <= rooms && made < TOTAL; r++) {
        const notes: string[] = [];
        if (next() < 0.12) notes.push('独居老人');
        if (next() < 0.08) notes.push('高龄');
        if (next() < 0.04) notes.push('残疾');
        if (next() < 0.05) notes.push('低保困难');
        if (next() < 0.1) notes.push('党员');
        if (next() < 0.15) notes.push('需搬家帮助');
        if (next() < 0.1) notes.push('大件家具需寄存');
        const phone =
          next() < 0.85
            ? `13${Math.floor(next() * 10)}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`
            : `021-6${String(Math.floor(next() * 1e7)).padStart(7, '0')}`;
        lines.push(
          [
            floor === 1 && r === 1 ? `${b}号` : '', // merged building cells: blank below the first
            `${floor}${String(r).padStart(2, '0')}`,
            syntheticName(next),
            syntheticIdNumber(next),
            phone,
            1 + Math.floor(next() * 5),
            (14 + next() * 12).toFixed(1),
            next() < 0.93 ? '公房' : '售后公房',
            notes.join('；'),
          ].join(','),
        );
        made++;
      }
    }
    lines.push(`${b}号小计,,,,,,,,`);
  }
  return lines.join('\n');
}

const VISIT_SUMMARIES = [
  '介绍成套改造方案，老人担心过渡期住处，已告知“为你找房”项目',
  '子女在外地，由户主本人拍板；对厨卫面积比较满意',
  '询问临时安置补偿标准，已解释计算方式',
  '担心大件家具无处存放，登记临时仓库需求',
  '邻里关系较好，愿意带动隔壁几户一起签约',
  '对施工期间噪声有顾虑，已记录诉求',
];
const CONCERNS = [
  '过渡期租房离医院太远',
  '大件家具需要临时存放',
  '希望保留原有阳台晾衣架',
  '担心老人搬家无人帮忙',
  '对补偿标准有疑问',
  '卫生间门的朝向',
];

/** Creates an estate with its fan-shaped buildings and loads its ledger through the import. */
export async function seedEstate(
  deps: Deps,
  leader: RequestContext,
  spec: EstateSpec,
  next: () => number,
): Promise<{ estateId: number; ids: number[] }> {
  const { id: estateId } = await createEstate(deps, leader, { name: spec.name, address: spec.address });
  const outlines = fanLayout(spec.layout[0], spec.layout[1]);
  for (let b = 1; b <= spec.buildings; b++) {
    await createBuilding(deps, leader, estateId, {
      number: `${b}号`,
      floors: FLOORS,
      yearBuilt: spec.yearBuilt,
      heritageNote:
        b <= 8
          ? '上海市优秀历史建筑保护范围：保留邻里单元布局与外立面'
          : '风貌保护街坊：保持扇形行列式空间肌理',
      outline: outlines[b - 1]!,
    });
  }
  await importLedger(
    deps,
    leader,
    estateId,
    Buffer.from(ledgerCsv(next, spec), 'utf8'),
    `${spec.name}台账.csv`,
    {},
  );
  const households = await deps.db
    .selectFrom('households')
    .select('id')
    .where('tenant_id', '=', leader.actor.tenantId!)
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .execute();
  return { estateId, ids: households.map((h) => h.id) };
}

/** The demo's households: 曹杨一村 and 曹杨二村 at full size. */
export const seedHouseholds: DemoSeeder = (deps, seed) => seedHouseholdsOf(deps, seed, CAOYANG_1, CAOYANG_2);

/**
 * The same story at another size: tests that need a street with a little of everything (the fuzz
 * and cross-street tests) seed both estates with a few dozen households instead of 1,859.
 */
export function householdsSeeder(scale: { one: number; two: number }): DemoSeeder {
  const sized = (spec: EstateSpec, households: number): EstateSpec => ({
    ...spec,
    households,
    buildings: Math.max(1, Math.min(spec.buildings, Math.ceil(households / 9))),
  });
  return (deps, seed) =>
    seedHouseholdsOf(deps, seed, sized(CAOYANG_1, scale.one), sized(CAOYANG_2, scale.two));
}

async function seedHouseholdsOf(
  deps: Deps,
  seed: SeedContext,
  estateOne: EstateSpec,
  estateTwo: EstateSpec,
): Promise<void> {
  const next = rng(20190601);
  const leader = demoCtx(seed.users.leader!, seed.tenantId, 'street_leader', '王建国');
  // 曹杨一村: every household was visited in 2019 (the renewal seed then carries it to the end).
  const one = await seedEstate(deps, leader, estateOne, next);
  const historicalVisitors = [
    seed.users.cadre!,
    seed.users.volunteer!,
    seed.users.committee!,
    seed.users.leader!,
  ];
  await bulkVisits(
    deps,
    seed.tenantId,
    one.ids,
    historicalVisitors,
    next,
    new Date('2019-05-06T02:00:00Z'),
    60,
    false,
  );
  // 曹杨二村: the renewal under way — the cadres' daily work happens here.
  const { ids } = await seedEstate(deps, leader, estateTwo, next);

  // Organisation: temporary party committee, branches, task force; 包干 of households.
  const committee = await createOrgUnit(deps, leader, {
    name: '曹杨一村成套改造临时党委',
    kind: 'temp_party_committee',
  });
  const branch = await createOrgUnit(deps, leader, {
    name: '第一临时党支部',
    kind: 'temp_party_branch',
    parentId: committee.id,
  });
  await createOrgUnit(deps, leader, {
    name: '第二临时党支部',
    kind: 'temp_party_branch',
    parentId: committee.id,
  });
  const force = await createOrgUnit(deps, leader, {
    name: '党员突击队',
    kind: 'task_force',
    parentId: committee.id,
  });
  await addOrgMember(deps, leader, committee.id, {
    userId: seed.users.leader!,
    role: '书记',
    seesUnit: true,
  });
  await addOrgMember(deps, leader, branch.id, {
    userId: seed.users.cadre!,
    role: '支部书记',
    seesUnit: true,
  });
  await addOrgMember(deps, leader, force.id, {
    userId: seed.users.volunteer!,
    role: '队员',
    seesUnit: false,
  });
  await assignHouseholds(deps, leader, {
    userId: seed.users.cadre!,
    householdIds: ids.slice(0, 64),
    orgUnitId: branch.id,
  });
  await assignHouseholds(deps, leader, {
    userId: seed.users.volunteer!,
    householdIds: ids.slice(40, 72),
    orgUnitId: force.id,
  });

  // The resident demo account lives in the first flat.
  await deps.db
    .updateTable('users')
    .set({ household_id: ids[0]! })
    .where('id', '=', seed.users.resident!)
    .execute();
  await addResidentToHousehold(deps, leader, ids[0]!);

  // A few visits through the service (the cadre's own households) …
  const cadre = demoCtx(seed.users.cadre!, seed.tenantId, 'cadre', '李晓明');
  const now = deps.clock.now().getTime();
  const day = 86_400_000;
  const isoDate = (t: number) => streetDate(new Date(t));
  for (const [i, householdId] of ids.slice(0, 24).entries()) {
    await recordVisit(deps, cadre, householdId, {
      method: i % 3 === 0 ? 'phone' : 'door',
      summary: VISIT_SUMMARIES[i % VISIT_SUMMARIES.length]!,
      visitedAt: new Date(now - (30 - i) * day).toISOString(),
      decisionMaker: i % 2 ? '户主本人' : '大儿子（在浦东工作）',
      trustedPerson: i % 4 === 0 ? '老邻居、楼组长' : '居委会陈主任',
      emotionalNotes: i % 5 === 0 ? '老人念旧，多聊当年工人新村的故事更容易打开话题' : undefined,
      // some follow-ups already overdue, some this week, some later
      nextFollowUp: isoDate(now + ((i % 6) - 2) * 3 * day),
      concerns:
        i % 4 === 0
          ? [
              {
                content: CONCERNS[i % CONCERNS.length]!,
                category: '过渡安置',
                dueDate: isoDate(now + ((i % 3) - 1) * 5 * day),
              },
            ]
          : undefined,
    });
  }
  await addConcern(deps, cadre, ids[1]!, {
    content: '希望施工队进场前提前一周通知',
    category: '施工',
    dueDate: isoDate(now + 10 * day),
  });

  // … and the rest of the street's door-knocking in bulk, as recorded over the preceding months.
  const visitorIds = [seed.users.cadre!, seed.users.volunteer!, seed.users.committee!, seed.users.leader!];
  const visited = ids.slice(24).filter(() => next() < 0.72);
  await bulkVisits(deps, seed.tenantId, visited, visitorIds, next, new Date(now - 5 * day), 120, true);
  await deps.db.transaction().execute(async (trx) => {
    const concernRows = visited
      .filter(() => next() < 0.2)
      .map((householdId) => ({
        tenant_id: seed.tenantId,
        household_id: householdId,
        content: CONCERNS[Math.floor(next() * CONCERNS.length)]!,
        category: '成套改造',
        owner_id: visitorIds[Math.floor(next() * visitorIds.length)]!,
        due_date: isoDate(now + Math.floor(next() * 30 - 10) * day),
        status: next() < 0.55 ? 'resolved' : next() < 0.5 ? 'in_progress' : 'open',
        resolution: null,
        created_by: seed.users.cadre!,
      }));
    if (concernRows.length) {
      await trx
        .insertInto('concerns')
        .values(
          concernRows.map((c) => ({
            ...c,
            resolution: c.status === 'resolved' ? '已当面解释并落实' : null,
            resolved_at: c.status === 'resolved' ? new Date(now - 3 * day) : null,
          })),
        )
        .execute();
    }
  });
}

/**
 * Door-knocking recorded in bulk (the demo's history): visits spread over `spreadDays` before
 * `until`, each reaching the 'visited' milestone with its timeline entry, as recordVisit would.
 */
async function bulkVisits(
  deps: Deps,
  tenantId: number,
  householdIds: number[],
  visitorIds: number[],
  next: () => number,
  until: Date,
  spreadDays: number,
  followUps: boolean,
) {
  const day = 86_400_000;
  const now = deps.clock.now().getTime();
  const isoDate = (t: number) => streetDate(new Date(t));
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < householdIds.length; i += 500) {
      const rows = householdIds.slice(i, i + 500).map((householdId, j) => ({
        tenant_id: tenantId,
        household_id: householdId,
        visitor_id: visitorIds[(i + j) % visitorIds.length]!,
        visited_at: new Date(until.getTime() - Math.floor(next() * spreadDays) * day),
        method: next() < 0.7 ? 'door' : next() < 0.5 ? 'phone' : 'wechat',
        summary: VISIT_SUMMARIES[Math.floor(next() * VISIT_SUMMARIES.length)]!,
        next_follow_up: followUps && next() < 0.3 ? isoDate(now + Math.floor(next() * 30 - 10) * day) : null,
      }));
      const inserted = await trx
        .insertInto('visits')
        .values(rows)
        .returning(['id', 'household_id', 'visited_at', 'method', 'summary', 'visitor_id'])
        .execute();
      await recordMilestone(
        trx,
        tenantId,
        inserted.map((v) => v.household_id),
        'visited',
        'visit',
        until,
      );
      await trx
        .insertInto('household_events')
        .values(
          inserted.map((v) => ({
            tenant_id: tenantId,
            household_id: v.household_id,
            occurred_at: v.visited_at,
            module: 'households',
            kind: 'visit',
            params: JSON.stringify(visitParams(v)),
            title: timelineZh.visit(visitParams(v)),
            detail: JSON.stringify({ visitId: v.id }),
            actor_id: v.visitor_id,
          })),
        )
        .execute();
      if (followUps) {
        await sql`update households h set next_follow_up = v.next_follow_up
          from visits v where v.tenant_id = h.tenant_id and v.household_id = h.id and v.id in (${sql.join(inserted.map((v) => v.id))})
          and v.next_follow_up is not null`.execute(trx);
      }
    }
  });
}

/** The resident demo account's person (居民 刘桂芳) is one of her household's members. */
async function addResidentToHousehold(deps: Deps, leader: RequestContext, householdId: number) {
  const name = '刘桂芳';
  const row = await deps.db
    .selectFrom('households')
    .select(['head_name', 'members'])
    .where('tenant_id', '=', leader.actor.tenantId!)
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const members = (row.members ?? []) as Array<z.infer<typeof Member>>;
  if (members.some((m) => m.name === name)) return;
  const relation = row.head_name === name ? '户主' : '配偶';
  await updateHousehold(deps, leader, householdId, {
    members: [{ name, relation, ageBand: '60-79' as const }, ...members].slice(0, 30),
  });
}
