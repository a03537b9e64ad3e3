import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx, storyCalendar, type StoryCalendar } from '../../platform/seedKit.ts';
import { CAOYANG_1, CAOYANG_2, recordMilestone } from '../households/index.ts';
import type { TimelineKind, TimelineParams } from '../../../contract/timeline.ts';
import { timelineZh } from '../../../contract/timeline.zh.ts';
import { STANDARD_CHECKLIST } from './construction.service.ts';
import { uploadDrawing } from './drawings.service.ts';
import { createLayoutOption, createPlanVersion } from './plans.service.ts';
import { createRound } from './rounds.manage.ts';
import { respond } from './rounds.responses.ts';
import {
  allAgree,
  estateIds,
  insertConfirmedPlansAndDrawings,
  layoutDrawing,
  seedAllowanceRules,
} from './renewal.seed.kit.ts';

/** 曹杨一村's layout options, allowance rules and its three rounds of 2019, as the leader set them up. */
async function setUpCompletedEstate(deps: Deps, leader: RequestContext, estateId: number) {
  const options = [
    await createLayoutOption(deps, leader, estateId, {
      code: 'A',
      name: '北向独立厨卫',
      description: '原北阳台改建厨房与卫生间，保留南向居室',
      addedArea: 8.0,
    }),
    await createLayoutOption(deps, leader, estateId, {
      code: 'B',
      name: '南向独立厨卫',
      description: '南侧加建厨卫，北侧外立面不变',
      addedArea: 8.3,
    }),
    await createLayoutOption(deps, leader, estateId, {
      code: 'C',
      name: '合并套型',
      description: '两户合并为一套，各自独立厨卫',
      addedArea: 8.6,
    }),
  ];
  await seedAllowanceRules(deps, leader, estateId, {
    perM2Month: 55,
    months: 18,
    moving: '搬离与回搬各一次（2 次 × 800 元）',
  });
  const willingness = await createRound(deps, leader, estateId, {
    title: '曹杨一村成套改造意愿征询',
    kind: 'willingness',
    threshold: 95,
    target: 100,
    opensOn: '2019-05-20',
    closesOn: '2019-06-30',
  });
  const planRound = await createRound(deps, leader, estateId, {
    title: '曹杨一村成套改造方案征询',
    kind: 'plan',
    threshold: 95,
    target: 100,
    opensOn: '2019-08-15',
    closesOn: '2019-09-30',
  });
  const signing = await createRound(deps, leader, estateId, {
    title: '曹杨一村成套改造协议签约',
    kind: 'signing',
    threshold: 95,
    target: 100,
    opensOn: '2019-11-01',
    closesOn: '2019-12-31',
  });
  return { options, willingness, planRound, signing };
}

/** Every building of 曹杨一村 through its phases, 2020–2021, and every flat accepted against its drawing. */
async function recordCompletedWorks(
  trx: Transaction<DB>,
  seed: SeedContext,
  estateId: number,
  buildings: number[],
) {
  const tenantId = seed.tenantId;
  const phases: Array<[string, (b: number) => string]> = [
    ['moved_out', (b) => `2020-0${1 + (b % 3)}-15`],
    ['started', (b) => `2020-0${4 + (b % 3)}-01`],
    ['structure_done', (b) => `2020-${String(9 + (b % 3)).padStart(2, '0')}-10`],
    ['completed', (b) => `2021-0${2 + (b % 3)}-20`],
    ['accepted', (b) => `2021-0${5 + (b % 3)}-12`],
    ['moved_back', (b) => `2021-${String(8 + (b % 3)).padStart(2, '0')}-01`],
  ];
  await trx
    .insertInto('building_phases')
    .values(
      buildings.flatMap((buildingId, b) =>
        phases.map(([phase, on]) => ({
          tenant_id: tenantId,
          building_id: buildingId,
          phase,
          on_date: on(b),
          recorded_by: seed.users.leader!,
        })),
      ),
    )
    .execute();
  // acceptance of every flat against its confirmed drawing, beautification included
  await sql`
      insert into acceptances (tenant_id, household_id, drawing_id, checklist, beautification_ok, status, inspected_by, inspected_at, passed_at)
      select d.tenant_id, d.household_id, d.id, ${JSON.stringify(STANDARD_CHECKLIST.map((item) => ({ item, ok: true })))}::jsonb, true, 'passed',
             ${seed.users.leader!}, timestamptz '2021-06-01 10:00+08' + ((d.household_id * 13) % 40) * interval '1 day',
             timestamptz '2021-06-01 10:00+08' + ((d.household_id * 13) % 40) * interval '1 day'
      from drawings d join households h on h.tenant_id = d.tenant_id and h.id = d.household_id
      where d.tenant_id = ${tenantId} and h.estate_id = ${estateId}`.execute(trx);
}

async function seedCompletedEstate(deps: Deps, seed: SeedContext) {
  const tenantId = seed.tenantId;
  const leader = demoCtx(seed.users.leader!, tenantId, 'street_leader', '王建国');
  const { estateId, ids, buildings } = await estateIds(deps, tenantId, CAOYANG_1.name);
  const { options, willingness, planRound, signing } = await setUpCompletedEstate(deps, leader, estateId);

  const drawingFiles: number[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const o of options) {
      const stored = await deps.files.put(trx, tenantId, {
        name: `户型${o.code}-${o.name}.pdf`,
        mime: 'application/pdf',
        data: await layoutDrawing(o.code, o.name, o.addedArea),
        createdBy: seed.users.designer!,
      });
      drawingFiles.push(stored.id);
    }
    await allAgree(trx, tenantId, willingness.id, '2019-05-20T01:00:00Z', 40, null, seed.users.cadre!);
    await allAgree(trx, tenantId, planRound.id, '2019-08-15T01:00:00Z', 45, null, seed.users.cadre!);
    await allAgree(trx, tenantId, signing.id, '2019-11-01T01:00:00Z', 58, 'CY1-2019-', seed.users.cadre!);

    // one plan and one drawing per household, confirmed on paper in the autumn of 2019
    const optionOf = (i: number) => options[i % 7 === 0 ? 2 : i % 2]!;
    await insertConfirmedPlansAndDrawings(trx, tenantId, ids, {
      estateId,
      optionOf,
      fileOf: (i) => drawingFiles[options.indexOf(optionOf(i))]!,
      cadre: seed.users.cadre!,
      designer: seed.users.designer!,
      planCreatedAt: new Date('2019-09-05T02:00:00Z'),
      planConfirmedAt: (i) => new Date(Date.UTC(2019, 9, 8 + (i % 20), 2)),
      drawingCreatedAt: new Date('2019-10-20T02:00:00Z'),
      drawingConfirmedAt: (i) => new Date(Date.UTC(2019, 10, 1 + (i % 25), 2)),
    });
    await recordCompletedWorks(trx, seed, estateId, buildings);

    for (const [milestone, at] of [
      ['consulted', '2019-06-30'],
      ['plan_confirmed', '2019-10-28'],
      ['drawing_confirmed', '2019-11-26'],
      ['signed', '2019-12-28'],
      ['moved_out', '2020-03-15'],
      ['under_construction', '2020-06-01'],
      ['accepted', '2021-07-10'],
      ['moved_back', '2021-10-01'],
    ] as const) {
      await recordMilestone(
        trx,
        tenantId,
        ids,
        milestone,
        'renewal 2019–2021',
        new Date(`${at}T10:00:00+08:00`),
      );
    }
    await seedFinishedStory(trx, tenantId, estateId);
  });
}

/** The finished estate's timeline, in every household's file, as kinds + params like live entries. */
async function seedFinishedStory(trx: Transaction<DB>, tenantId: number, estateId: number) {
  const story: Array<[string, TimelineKind, TimelineParams]> = [
    ['2019-12-28', 'round_signing', { title: '曹杨一村成套改造协议签约', decision: 'agree', reason: null }],
    ['2019-10-28', 'plan_confirmed', { version: 1, method: 'paper', by: null }],
    ['2019-11-26', 'drawing_confirmed', { version: 1, method: 'paper', by: null }],
    ['2021-07-10', 'accepted', { version: 1, defects: 0 }],
  ];
  for (const [on, kind, params] of story) {
    await sql`insert into household_events (tenant_id, household_id, occurred_at, module, kind, params, title, detail)
      select ${tenantId}, id, ${`${on}T10:00:00+08:00`}::timestamptz, 'renewal', ${kind}, ${JSON.stringify(params)}::jsonb,
        ${timelineZh[kind](params)}, '{}'::jsonb
      from households where tenant_id = ${tenantId} and estate_id = ${estateId}`.execute(trx);
  }
  // Moving back names the building, as the live phase entry does.
  const buildings = await trx
    .selectFrom('buildings')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .execute();
  for (const b of buildings) {
    const params = { building: b.number };
    await sql`insert into household_events (tenant_id, household_id, occurred_at, module, kind, params, title, detail)
      select ${tenantId}, id, '2021-10-01T10:00:00+08:00'::timestamptz, 'renewal', 'phase_moved_back',
        ${JSON.stringify(params)}::jsonb, ${timelineZh.phase_moved_back(params)}, '{}'::jsonb
      from households where tenant_id = ${tenantId} and building_id = ${b.id}`.execute(trx);
  }
}

/** 曹杨二村's layout options and allowance rules, its willingness round (all agreed) and the signing round. */
async function setUpEstateInProgress(
  deps: Deps,
  seed: SeedContext,
  story: StoryCalendar,
  leader: RequestContext,
  estate: { estateId: number; ids: number[] },
) {
  const tenantId = seed.tenantId;
  const { estateId, ids } = estate;
  const optionA = await createLayoutOption(deps, leader, estateId, {
    code: 'A',
    name: '北向独立厨卫',
    addedArea: 7.9,
  });
  await createLayoutOption(deps, leader, estateId, { code: 'B', name: '南向独立厨卫', addedArea: 8.2 });
  await seedAllowanceRules(deps, leader, estateId, {
    perM2Month: 65,
    months: 12,
    moving: '搬离与回搬各一次，红色搬家先锋队可免费上门',
    perPerson: 300,
  });
  const willingness = await createRound(deps, leader, estateId, {
    title: '曹杨二村成套改造意愿征询',
    kind: 'willingness',
    threshold: 95,
    target: 100,
    opensOn: story.day('2026-06-01'),
    closesOn: story.day('2026-07-15'),
  });
  await deps.db
    .transaction()
    .execute((trx) =>
      allAgree(trx, tenantId, willingness.id, story.iso('2026-06-01T01:00:00Z'), 40, null, seed.users.cadre!),
    );
  await deps.db
    .transaction()
    .execute((trx) =>
      recordMilestone(
        trx,
        tenantId,
        ids,
        'consulted',
        `round:${willingness.id}`,
        new Date(story.iso('2026-07-15T02:00:00Z')),
      ),
    );
  const signing = await createRound(deps, leader, estateId, {
    title: '曹杨二村成套改造协议签约',
    kind: 'signing',
    threshold: 95,
    target: 100,
    opensOn: story.day('2026-10-15'),
    closesOn: story.day('2026-12-31'),
    signingPlace: '曹杨二村睦邻中心二楼签约室（梅岭北路）',
    signingHours: '每天 9:00–17:00，周日休息',
    signingBring: '户主本人身份证、户口本、公房租赁凭证；家人代签请带授权委托书',
  });
  return { optionA, signing };
}

/** The resident's household (first flat) has a plan and a drawing waiting for their confirmation. */
async function seedResidentPlanAndDrawing(
  deps: Deps,
  seed: SeedContext,
  estateId: number,
  residentHousehold: number,
  optionA: { id: number },
) {
  const tenantId = seed.tenantId;
  const cadre = demoCtx(seed.users.cadre!, tenantId, 'cadre', '李晓明');
  const designer = demoCtx(seed.users.designer!, tenantId, 'designer', '孙悦');
  await createPlanVersion(deps, cadre, residentHousehold, {
    layoutOptionId: optionA.id,
    addedArea: 7.9,
    transition: 'agency',
    allowances: [],
    overrides: [
      {
        ruleId: (
          await deps.db
            .selectFrom('allowance_rules')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('estate_id', '=', estateId)
            .where('name', '=', '搬家补贴')
            .executeTakeFirstOrThrow()
        ).id,
        amount: 2400,
        reason: '户主年逾八十，需两次专人协助搬运（街道会议纪要 2026-08-05）',
      },
    ],
    specialNeeds: '户主年逾八十，过渡房需有电梯或在一楼',
  });
  await uploadDrawing(
    deps,
    designer,
    residentHousehold,
    {
      filename: '1号101-户型A-第1版.pdf',
      mimetype: 'application/pdf',
      data: await layoutDrawing('A', '北向独立厨卫', 7.9),
    },
    { comment: '按方案A出图，卫生间设扶手' },
  );
}

/** Those who sign confirmed their plan and drawing on paper in the autumn, the order the rules check. */
async function confirmSignersOnPaper(
  deps: Deps,
  seed: SeedContext,
  story: StoryCalendar,
  estateId: number,
  signers: number[],
  optionA: { id: number; addedArea: number },
) {
  const tenantId = seed.tenantId;
  await deps.db.transaction().execute(async (trx) => {
    const stored = await deps.files.put(trx, tenantId, {
      name: '户型A-北向独立厨卫.pdf',
      mime: 'application/pdf',
      data: await layoutDrawing('A', '北向独立厨卫', 7.9),
      createdBy: seed.users.designer!,
    });
    await insertConfirmedPlansAndDrawings(trx, tenantId, signers, {
      estateId,
      optionOf: () => optionA,
      fileOf: () => stored.id,
      cadre: seed.users.cadre!,
      designer: seed.users.designer!,
      planCreatedAt: new Date(story.iso('2026-08-10T02:00:00Z')),
      planConfirmedAt: (i) =>
        new Date(story.iso(`2026-08-${String(20 + (i % 10)).padStart(2, '0')}T02:00:00Z`)),
      drawingCreatedAt: new Date(story.iso('2026-09-10T02:00:00Z')),
      drawingConfirmedAt: (i) =>
        new Date(story.iso(`2026-09-${String(15 + (i % 14)).padStart(2, '0')}T02:00:00Z`)),
    });
    for (const [milestone, on] of [
      ['plan_confirmed', '2026-08-30T02:00:00Z'],
      ['drawing_confirmed', '2026-09-29T02:00:00Z'],
    ] as const)
      await recordMilestone(trx, tenantId, signers, milestone, 'renewal 2026', new Date(story.iso(on)));
  });
}

/** Signing under way: about three quarters have signed through the service, some said no and why. */
async function seedSigningResponses(deps: Deps, leader: RequestContext, signingId: number, ids: number[]) {
  const reasons = ['担心过渡期租房太贵', '子女意见不统一', '想等看完样板房再决定', '对补偿标准有疑问'];
  for (const [i, householdId] of ids.slice(1).entries()) {
    if (i % 4 === 3) {
      if (i % 8 === 3)
        await respond(deps, leader, signingId, {
          householdId,
          decision: i % 16 === 3 ? 'disagree' : 'undecided',
          reason: reasons[i % reasons.length],
        });
      continue;
    }
    await respond(deps, leader, signingId, {
      householdId,
      decision: 'agree',
      agreementNo: `CY2-2026-${String(i + 1).padStart(4, '0')}`,
      signer: '承租人本人',
      witness: '居委会',
    });
  }
}

async function seedEstateInProgress(deps: Deps, seed: SeedContext) {
  const tenantId = seed.tenantId;
  const story = storyCalendar(deps);
  const leader = demoCtx(seed.users.leader!, tenantId, 'street_leader', '王建国');
  const estate = await estateIds(deps, tenantId, CAOYANG_2.name);
  const { estateId, ids } = estate;
  const { optionA, signing } = await setUpEstateInProgress(deps, seed, story, leader, estate);
  await seedResidentPlanAndDrawing(deps, seed, estateId, ids[0]!, optionA);
  const signers = ids.slice(1).filter((_, i) => i % 4 !== 3);
  await confirmSignersOnPaper(deps, seed, story, estateId, signers, optionA);
  await seedSigningResponses(deps, leader, signing.id, ids);
}

export async function seedRenewal(deps: Deps, seed: SeedContext): Promise<void> {
  await seedCompletedEstate(deps, seed);
  await seedEstateInProgress(deps, seed);
}
