import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { atTime as at, demoCtx, estateHouseholds } from '../../platform/seedKit.ts';
import { addFollowup, sign } from './mediation.agreement.ts';
import { createCase } from './mediation.cases.ts';
import { addMember, addSession, decide, flagRisk, recordOutcome } from './mediation.proceedings.ts';
import { addLiaisonEntry } from './mediation.liaison.ts';

const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/**
 * "2+3" mediation cases (synthetic people) handled by the demo mediator with the liaisons of the
 * police station, the judicial office and the law firm:
 * agreements in and past the 30-day confirmation window, an oral agreement, a refusal, a failure,
 * a case at risk, and one still being mediated — the resident demo account is a party to one.
 */
export async function seedMediation(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  const mediator = demoCtx(users.mediator!, tenantId, 'mediator', '吴秀英（人民调解员）');
  const yi = await estateHouseholds(deps, tenantId, '曹杨一村');
  const er = await estateHouseholds(deps, tenantId, '曹杨二村');
  if (yi.length < 60 || er.length < 60) return;
  const residentHousehold = (
    await deps.db
      .selectFrom('users')
      .select('household_id')
      .where('id', '=', users.resident!)
      .executeTakeFirst()
  )?.household_id;
  const resident = yi.find((h) => h.id === residentHousehold) ?? yi[0]!;
  const now = deps.clock.now().toISOString();

  type H = (typeof yi)[number];
  const party = (h: H, role: 'applicant' | 'respondent') => ({
    name: h.head_name,
    role,
    householdId: h.id,
    kind: 'household' as const,
  });

  /** The demo liaison of each partner: 派出所, 司法所, 律师事务所. */
  const liaisonOf = { police: users.liaison!, judicial: users.judicial!, law_firm: users.lawyer! };
  const police = demoCtx(users.liaison!, tenantId, 'liaison', '郑警官（派出所联络）');
  const judicial = demoCtx(users.judicial!, tenantId, 'liaison', '钱海燕（司法所联络）');
  const lawyer = demoCtx(users.lawyer!, tenantId, 'liaison', '林志远（律师事务所联络）');

  /** Registers, accepts, invites a partner's liaison (the police by default), holds a session. */
  async function opened(
    start: string,
    body: Parameters<typeof createCase>[2],
    session: string,
    liaisonOrg: 'police' | 'judicial' | 'law_firm' = 'police',
  ) {
    const c = await createCase(at(deps, start), mediator, body);
    await decide(at(deps, plusDays(start, 1)), mediator, c.id, { accept: true, level: body.level });
    await addMember(at(deps, plusDays(start, 1)), mediator, c.id, {
      userId: liaisonOf[liaisonOrg],
      role: 'liaison',
    });
    await addSession(at(deps, plusDays(start, 3)), mediator, c.id, {
      heldAt: plusDays(start, 3),
      place: '曹杨一村事和院调解室',
      record: session,
    });
    return c;
  }

  async function agreed(
    c: { id: number; parties: Array<{ id: number }> },
    when: string,
    terms: {
      facts: string;
      disputedMatters: string;
      terms: string;
      performance: string;
      performBy: string;
    },
  ) {
    await recordOutcome(at(deps, when), mediator, c.id, { outcome: 'agreement', agreement: terms });
    // in the committee's room, on the paper agreement, the mediator and a committee member witnessing
    for (const p of c.parties)
      await sign(at(deps, when), mediator, c.id, {
        partyId: p.id,
        method: 'paper',
        witnessName: '居委会委员 顾某',
      });
    await sign(at(deps, when), mediator, c.id, {});
  }

  // 1. Leak between floors: agreement, performed, return visit, judicial confirmation applied.
  const s1 = plusDays(now, -75);
  const c1 = await opened(
    s1,
    {
      title: '楼上卫生间渗水致楼下顶棚受损',
      type: 'neighbours',
      source: 'application',
      level: 'residential',
      facts: `${yi[31]!.room}室卫生间地面防水老化，渗水至楼下${yi[30]!.room}室顶棚，造成涂料起皮霉变。`,
      claims: '申请人要求被申请人修复防水并赔偿顶棚修复费用。',
      parties: [party(yi[30]!, 'applicant'), party(yi[31]!, 'respondent')],
    },
    '双方到场，调解员现场查看渗水情况；被申请人承认防水老化，同意修复，对赔偿金额有分歧，经释法后趋于一致。',
  );
  await addMember(at(deps, plusDays(s1, 4)), mediator, c1.id, {
    userId: liaisonOf.judicial,
    role: 'liaison',
  });
  await agreed(c1, plusDays(s1, 5), {
    facts: '被申请人卫生间防水层老化，渗水致申请人顶棚受损。',
    disputedMatters: '渗水责任与修复费用。被申请人对渗水承担全部责任。',
    terms: '被申请人于协议生效后十日内修复防水层，并一次性赔偿申请人顶棚修复费用人民币1500元。',
    performance: '防水由被申请人委托施工单位修复；赔偿款现金当面支付，调解员见证',
    performBy: plusDays(s1, 15).slice(0, 10),
  });
  await addFollowup(at(deps, plusDays(s1, 16)), mediator, c1.id, {
    kind: 'performance',
    at: plusDays(s1, 16),
    note: '防水已修复，赔偿款已当面付清。',
    performed: true,
  });
  await addFollowup(at(deps, plusDays(s1, 30)), mediator, c1.id, {
    kind: 'return_visit',
    at: plusDays(s1, 30),
    note: '回访两户，未再渗水，邻里关系恢复。',
  });
  await addFollowup(at(deps, plusDays(s1, 20)), mediator, c1.id, {
    kind: 'judicial_confirmation',
    at: plusDays(s1, 20),
    note: '双方共同向普陀区人民法院申请司法确认。',
  });
  // the judicial office's own part: it helped file the application, then recorded the court's ruling
  await addLiaisonEntry(at(deps, plusDays(s1, 20)), judicial, c1.id, {
    kind: 'confirmation_applied',
    at: plusDays(s1, 20),
    note: '司法所协助双方填写司法确认申请书，材料已递交普陀区人民法院。',
  });
  await addLiaisonEntry(at(deps, plusDays(s1, 27)), judicial, c1.id, {
    kind: 'confirmation_result',
    at: plusDays(s1, 27),
    note: '普陀区人民法院裁定调解协议有效，已送达双方。',
    result: 'confirmed',
  });

  // 2. Construction damage with the resident demo account as applicant; agreement effective 24 days ago.
  const s2 = plusDays(now, -30);
  const c2 = await opened(
    s2,
    {
      title: '成套改造施工造成室内墙面开裂',
      type: 'construction_damage',
      source: 'application',
      level: 'street',
      facts: '相邻楼栋成套改造施工打桩期间，申请人室内墙面出现多处裂缝。',
      claims: '申请人要求施工单位修复裂缝并补偿临时居住不便。',
      parties: [
        party(resident, 'applicant'),
        {
          kind: 'outsider',
          name: '上海某建设工程有限公司（合成）',
          role: 'respondent',
          contact: '021-55550123',
          info: '项目经理 周某',
        },
      ],
    },
    '施工单位、监理与申请人三方到场，律师事务所联络员就施工损害责任释法，施工单位同意修复。',
    'law_firm',
  );
  await agreed(c2, plusDays(s2, 6), {
    facts: '相邻楼栋施工打桩致申请人墙面开裂。',
    disputedMatters: '施工损害的修复与补偿。施工单位承担修复责任。',
    terms: '施工单位负责修复全部裂缝并重新粉刷，另补偿申请人人民币800元。',
    performance: '施工单位派员上门修复，补偿款转账支付',
    performBy: plusDays(s2, 20).slice(0, 10),
  });

  // 3. Oral agreement about a shared corridor.
  const s3 = plusDays(now, -50);
  const c3 = await opened(
    s3,
    {
      title: '公共楼道堆物引发争执',
      type: 'neighbours',
      source: 'initiative',
      level: 'residential',
      facts: '两户在公共楼道堆放杂物，互相指责，多次争吵。',
      claims: '双方均要求对方清理楼道杂物。',
      parties: [party(er[40]!, 'applicant'), party(er[41]!, 'respondent')],
    },
    '调解员上门，双方同意当日各自清理楼道堆物，约定今后不再堆放。',
  );
  await recordOutcome(at(deps, plusDays(s3, 3)), mediator, c3.id, {
    outcome: 'oral',
    note: '双方口头达成协议：当日清理各自堆物，今后楼道保持畅通。已即时履行，记录在案。',
  });
  await addFollowup(at(deps, plusDays(s3, 20)), mediator, c3.id, {
    kind: 'return_visit',
    at: plusDays(s3, 20),
    note: '回访：楼道畅通，两户未再争执。',
  });

  // 4. Refused: already before a court.
  const c4 = await createCase(at(deps, plusDays(now, -40)), mediator, {
    title: '公房承租权归属争议',
    type: 'tenancy_property',
    source: 'application',
    level: 'street',
    facts: '兄妹二人对父母去世后公房承租人变更存在争议。',
    claims: '申请人要求变更承租人为本人。',
    parties: [party(er[50]!, 'applicant'), { name: '陈某某（合成）', role: 'respondent' }],
  });
  await decide(at(deps, plusDays(now, -39)), mediator, c4.id, {
    accept: false,
    reason: '该纠纷已由人民法院受理，依照人民调解法第十八条不予受理',
  });

  // 5. Failed, other routes explained.
  const s5 = plusDays(now, -45);
  const c5 = await opened(
    s5,
    {
      title: '赡养费承担纠纷',
      type: 'family',
      source: 'court_referral',
      level: 'street',
      facts: '老人有三名子女，对赡养费分担比例长期争执。',
      claims: '老人要求三名子女每月各支付赡养费。',
      parties: [party(er[55]!, 'applicant'), { name: '马某（合成）', role: 'respondent' }],
    },
    '司法所联络员讲解赡养义务相关法律规定，子女之间对分担比例分歧仍较大。',
    'judicial',
  );
  await addMember(at(deps, plusDays(s5, 5)), mediator, c5.id, {
    userId: liaisonOf.law_firm,
    role: 'liaison',
  });
  await addLiaisonEntry(at(deps, plusDays(s5, 6)), lawyer, c5.id, {
    kind: 'legal_advice',
    at: plusDays(s5, 6),
    note: '依照民法典第一千零六十七条，成年子女对父母负有赡养义务；分担比例可结合各自经济条件协商，协商不成可起诉。',
  });
  await recordOutcome(at(deps, plusDays(s5, 12)), mediator, c5.id, {
    outcome: 'failed',
    note: '经两次调解未能达成协议，终止调解。',
    otherRoutes: '已告知当事人可以向人民法院提起诉讼，并介绍法律援助申请渠道。',
  });

  // 6. At risk of escalating: the police liaison is notified.
  const s6 = plusDays(now, -4);
  const c6 = await opened(
    s6,
    {
      title: '加装厨卫位置争执升级',
      type: 'construction_damage',
      source: 'police_referral',
      level: 'residential',
      facts: '两户对新增厨卫占用北侧空间存在争执，曾发生推搡，110出警后转来调解。',
      claims: '申请人要求调整对方厨卫位置。',
      parties: [party(er[60]!, 'applicant'), party(er[61]!, 'respondent')],
    },
    '双方情绪激动，第一次调解未能进行完毕，约定三日后再谈。',
  );
  await flagRisk(
    at(deps, plusDays(s6, 3)),
    mediator,
    c6.id,
    '一方扬言“再施工就动手”，存在激化为治安案件的风险',
  );
  await addLiaisonEntry(at(deps, plusDays(s6, 3)), police, c6.id, {
    kind: 'police_action',
    at: plusDays(s6, 3),
    note: '社区民警当日上门，分别对双方进行法治教育，告知推搡、威胁可能承担的治安责任，双方表示不再动手。',
  });

  // 7. Still being registered: waiting for the acceptance decision.
  await createCase(at(deps, plusDays(now, -1)), mediator, {
    title: '空调外机噪声扰民',
    type: 'neighbours',
    source: 'application',
    level: 'residential',
    facts: '新装空调外机正对邻居卧室窗户，夜间噪声较大。',
    claims: '申请人要求移装空调外机。',
    parties: [party(yi[50]!, 'applicant'), party(yi[51]!, 'respondent')],
  });
}
