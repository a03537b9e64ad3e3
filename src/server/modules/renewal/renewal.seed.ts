import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { renderPdf } from '../../platform/pdf.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx, storyCalendar } from '../../platform/seedKit.ts';
import { CAOYANG_1, CAOYANG_2, recordMilestone } from '../households/index.ts';
import type { TimelineKind, TimelineParams } from '../../../contract/timeline.ts';
import { timelineZh } from '../../../contract/timeline.zh.ts';
import { STANDARD_CHECKLIST } from './construction.service.ts';
import { uploadDrawing } from './drawings.service.ts';
import { createLayoutOption, createPlanVersion } from './plans.service.ts';
import { createAllowanceRule, ruleItemsForHouseholds } from './allowance-rules.service.ts';
import type { RequestContext } from '../../platform/context.ts';
import { createRound } from './rounds.manage.ts';
import { respond } from './rounds.responses.ts';

/** A simple floor plan of a layout option, as the designers' drawing file. */
function layoutDrawing(code: string, name: string, area: number): Promise<Buffer> {
  return renderPdf({ title: `户型 ${code}` }, (doc) => {
    doc.font('bold').fontSize(16).text(`户型方案 ${code}：${name}`, { align: 'center' });
    doc
      .font('regular')
      .fontSize(10)
      .text(`新增独立厨卫约 ${area} 平方米 · 示意图（合成演示数据）`, { align: 'center' });
    const x = 110;
    const y = 160;
    doc.lineWidth(3).rect(x, y, 380, 260).stroke();
    doc
      .lineWidth(1.5)
      .moveTo(x + 250, y)
      .lineTo(x + 250, y + 260)
      .stroke();
    doc
      .moveTo(x + 250, y + 130)
      .lineTo(x + 380, y + 130)
      .stroke();
    doc.fontSize(14).text('居室', x + 100, y + 120);
    doc.text('厨房', x + 295, y + 55);
    doc.text('卫生间', x + 288, y + 185);
    doc.fontSize(9).text('比例 1:50', x, y + 275);
  });
}

async function estateIds(
  deps: Deps,
  tenantId: number,
  name: string,
): Promise<{ estateId: number; ids: number[]; buildings: number[] }> {
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  const [households, buildings] = await Promise.all([
    deps.db
      .selectFrom('households')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estate.id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('buildings')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('estate_id', '=', estate.id)
      .orderBy('sort_key')
      .execute(),
  ]);
  return { estateId: estate.id, ids: households.map((h) => h.id), buildings: buildings.map((b) => b.id) };
}

/** Everyone in the round agrees, on days spread from `from` over `days`; the round takes effect at 95 %. */
async function allAgree(
  trx: Transaction<DB>,
  tenantId: number,
  roundId: number,
  from: string,
  days: number,
  agreementPrefix: string | null,
  recordedBy: number,
) {
  await sql`
    update round_households set
      decision = 'agree',
      responded_at = ${from}::timestamptz + ((household_id * 7919) % ${days}) * interval '1 day' + ((household_id * 31) % 480) * interval '1 minute',
      agreement_no = case when ${agreementPrefix}::text is null then null else ${agreementPrefix}::text || lpad(household_id::text, 5, '0') end,
      signer = case when ${agreementPrefix}::text is null then null else '承租人本人' end,
      recorded_by = ${recordedBy}
    where tenant_id = ${tenantId} and round_id = ${roundId}`.execute(trx);
  await sql`
    insert into round_response_history (tenant_id, round_id, household_id, decision, reason, recorded_by, at)
    select tenant_id, round_id, household_id, decision, null, recorded_by, responded_at from round_households
    where tenant_id = ${tenantId} and round_id = ${roundId}`.execute(trx);
  await sql`
    update rounds set status = 'closed', effective_at = (
      select responded_at from round_households where tenant_id = ${tenantId} and round_id = ${roundId}
      order by responded_at offset (select ceil(count(*) * 0.95)::int - 1 from round_households where tenant_id = ${tenantId} and round_id = ${roundId}) limit 1)
    where tenant_id = ${tenantId} and id = ${roundId}`.execute(trx);
}

/** The estate's allowance rules: temporary housing by floor area and months, moving, household size. */
async function seedAllowanceRules(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  v: { perM2Month: number; months: number; moving: string; perPerson?: number },
) {
  await createAllowanceRule(deps, ctx, estateId, {
    name: '临时安置费',
    kind: 'area_monthly',
    rate: v.perM2Month,
    areaBasis: 'building',
    months: v.months,
  });
  await createAllowanceRule(deps, ctx, estateId, {
    name: '搬家补贴',
    kind: 'fixed',
    rate: 1600,
    note: v.moving,
  });
  if (v.perPerson)
    await createAllowanceRule(deps, ctx, estateId, {
      name: '过渡期生活补助',
      kind: 'per_person',
      rate: v.perPerson,
      personBasis: 'registered',
    });
}

interface ConfirmedFiles {
  estateId: number;
  optionOf: (i: number) => { id: number; addedArea: number };
  fileOf: (i: number) => number;
  cadre: number;
  designer: number;
  planCreatedAt: Date;
  planConfirmedAt: (i: number) => Date;
  drawingCreatedAt: Date;
  drawingConfirmedAt: (i: number) => Date;
}

/** A confirmed plan (version 1, on paper) and a confirmed drawing for each household, in bulk. */
async function insertConfirmedPlansAndDrawings(
  trx: Transaction<DB>,
  tenantId: number,
  ids: number[],
  f: ConfirmedFiles,
) {
  const transitions = ['agency', 'relatives', 'self'] as const;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const computed = await ruleItemsForHouseholds(trx, tenantId, f.estateId, chunk);
    await trx
      .insertInto('plans')
      .values(
        chunk.map((householdId, j) => {
          const option = f.optionOf(i + j);
          return {
            tenant_id: tenantId,
            household_id: householdId,
            version: 1,
            layout_option_id: option.id,
            added_area: option.addedArea,
            transition: transitions[(i + j) % 3]!,
            allowances: JSON.stringify(computed.get(householdId) ?? []),
            special_needs: null,
            created_by: f.cadre,
            created_at: f.planCreatedAt,
            confirmed_at: f.planConfirmedAt(i + j),
            confirmed_by: '承租人本人',
            confirm_method: 'paper',
          };
        }),
      )
      .execute();
    await trx
      .insertInto('drawings')
      .values(
        chunk.map((householdId, j) => ({
          tenant_id: tenantId,
          household_id: householdId,
          version: 1,
          file_id: f.fileOf(i + j),
          comment: '按确认方案出图',
          change_request_id: null,
          uploaded_by: f.designer,
          created_at: f.drawingCreatedAt,
          confirmed_at: f.drawingConfirmedAt(i + j),
          confirmed_by: '承租人本人',
          confirm_method: 'paper',
        })),
      )
      .execute();
  }
}

async function seedCompletedEstate(deps: Deps, seed: SeedContext) {
  const tenantId = seed.tenantId;
  const leader = demoCtx(seed.users.leader!, tenantId, 'street_leader', '王建国');
  const { estateId, ids, buildings } = await estateIds(deps, tenantId, CAOYANG_1.name);
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
    // every building through its phases, 2020–2021
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

async function seedEstateInProgress(deps: Deps, seed: SeedContext) {
  const tenantId = seed.tenantId;
  const story = storyCalendar(deps);
  const leader = demoCtx(seed.users.leader!, tenantId, 'street_leader', '王建国');
  const cadre = demoCtx(seed.users.cadre!, tenantId, 'cadre', '李晓明');
  const designer = demoCtx(seed.users.designer!, tenantId, 'designer', '孙悦');
  const { estateId, ids } = await estateIds(deps, tenantId, CAOYANG_2.name);
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

  // The resident's household (first flat) has a plan and a drawing waiting for their confirmation.
  const residentHousehold = ids[0]!;
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

  // Those who sign confirmed their plan and drawing on paper in the autumn, the order the rules check.
  const signers = ids.slice(1).filter((_, i) => i % 4 !== 3);
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

  // Signing under way: about three quarters have signed through the service, some said no and why.
  const reasons = ['担心过渡期租房太贵', '子女意见不统一', '想等看完样板房再决定', '对补偿标准有疑问'];
  for (const [i, householdId] of ids.slice(1).entries()) {
    if (i % 4 === 3) {
      if (i % 8 === 3)
        await respond(deps, leader, signing.id, {
          householdId,
          decision: i % 16 === 3 ? 'disagree' : 'undecided',
          reason: reasons[i % reasons.length],
        });
      continue;
    }
    await respond(deps, leader, signing.id, {
      householdId,
      decision: 'agree',
      agreementNo: `CY2-2026-${String(i + 1).padStart(4, '0')}`,
      signer: '承租人本人',
      witness: '居委会',
    });
  }
}

export async function seedRenewal(deps: Deps, seed: SeedContext): Promise<void> {
  await seedCompletedEstate(deps, seed);
  await seedEstateInProgress(deps, seed);
}
