import type { ReasonCode, Tier, VisitOutcome, EntrySource } from '../../../contract/antifraud.ts';
import { DAY } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { insertUser } from '../admin/index.ts';
import { DEMO_PASSWORD, type SeedContext } from '../../platform/seedKit.ts';
import { atTime as at, demoCtx } from '../../platform/seedKit.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { createEntry } from './antifraud.entries.ts';
import { createRound } from './antifraud.rounds.ts';
import { recordVisit } from './antifraud.visits.ts';
import { countPlay, createLesson } from './lessons.service.ts';
import { generateRecording } from './lessons.recording.ts';
import { speechAvailable } from '../../platform/speech.ts';

/** Synthetic lessons (反诈语音课): short scripts in plain spoken Chinese, read aloud when no recording. */
export const DEMO_LESSONS: Array<{ title: string; script: string; plays: number }> = [
  {
    title: '保健品“免费体验”背后的套路',
    script:
      '叔叔阿姨们好，这里是曹杨新村街道反诈小课堂。最近有人在小区门口发鸡蛋、送小礼品，请老年朋友去听“健康讲座”。' +
      '讲座上先是免费体检，再说您身体有毛病，最后推销几千上万的“特效保健品”。记住三句话：保健品不是药，不能治病；' +
      '天上不会掉馅饼，免费的往往最贵；买东西前先和子女商量。遇到可疑情况，请拨打96110，或者到居委会找我们。',
    plays: 14,
  },
  {
    title: '接到“公检法”电话怎么办',
    script:
      '如果有人打电话说自己是公安局、检察院或者法院，说您的银行卡涉嫌洗钱，要您把钱转到“安全账户”，这一定是诈骗。' +
      '公检法机关不会通过电话办案，更没有所谓的“安全账户”。不要按对方说的下载软件、开视频会议、共享屏幕。' +
      '请马上挂断电话，告诉家里人，或者直接拨打110、96110核实。',
    plays: 11,
  },
  {
    title: '高收益理财都是陷阱',
    script:
      '“稳赚不赔”、“日赚百分之三”、“内部消息”，这些话听到了就要提高警惕。骗子先让您小额投入，尝到甜头，再诱导您加大投入，' +
      '最后平台关闭、客服失联。正规理财请到银行柜台办理，不要相信网上陌生人拉您进的投资群。拿不准的时候，先问问社区反诈专员。',
    plays: 8,
  },
  {
    title: '“以房养老”的骗局',
    script:
      '有人说只要把房子抵押出去，每个月就能拿高额养老金，还有专人上门签合同、陪您去办公证。这是“以房养老”骗局，' +
      '最后房子被卖掉，老人无家可归。房产证、身份证不要交给外人，签任何合同之前一定请子女或者居委会帮忙看一看。',
    plays: 6,
  },
  {
    title: '装上国家反诈中心APP',
    script:
      '国家反诈中心APP是公安部推出的免费软件，能识别诈骗电话和短信，收到预警会提醒您。请子女帮您在手机应用商店搜索“国家反诈中心”下载安装，' +
      '注册时选择所在地区“上海市普陀区”。安装有困难，可以到居委会，我们的工作人员手把手帮您装。接到96110的来电请一定接听，那是在保护您。',
    plays: 9,
  },
];

const REASONS: ReasonCode[] = [
  'elderly_health_products',
  'suspected_fraud_call',
  'elderly_health_products',
  'investment_scam',
  'impersonation',
  'pension_scam',
  'online_dating',
  'repeat_risk',
];

/**
 * 反诈 in 曹杨一村 (synthetic): 40 people on the watch list, two of them workers' from the residents'
 * committee; a first round of visits partly by phone and WeChat, a second round entirely face to face
 * (its 100 % is computed from these visit records), a third round under way, and five audio lessons.
 * Dates are relative to the seeding day so reviews fall due and retention stays ahead.
 */
export async function seedAntifraud(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  const households = await deps.db
    .selectFrom('households')
    .innerJoin('estates', (j) =>
      j
        .onRef('estates.tenant_id', '=', 'households.tenant_id')
        .onRef('estates.id', '=', 'households.estate_id'),
    )
    .select(['households.id', 'households.elderly_alone', 'households.very_old'])
    .where('households.tenant_id', '=', tenantId)
    .where('estates.name', '=', '曹杨一村')
    .orderBy('households.id')
    .execute();
  if (households.length < 120) return; // a street too small for the story (40 people of every third household)
  // Residents living alone or very old first (the people 保健品 sellers and callers target).
  const picked = [
    ...households.filter((h) => h.elderly_alone || h.very_old),
    ...households.filter((h) => !h.elderly_alone && !h.very_old),
  ]
    .filter((_, i) => i % 3 === 0)
    .slice(0, 40);

  // A second anti-fraud worker from the residents' committee (synthetic person).
  const workerId = await deps.db.transaction().execute((trx) =>
    insertUser(
      trx,
      deps,
      { actor: null, ip: null, userAgent: 'gongzhi demo seed' },
      {
        username: 'antifraud',
        displayName: '周敏（居委会反诈专员）',
        role: 'committee',
        password: DEMO_PASSWORD,
        tenantId,
      },
    ),
  );
  const lead = demoCtx(users.leader!, tenantId, 'street_leader', '王建国');
  const chen = demoCtx(users.committee!, tenantId, 'committee', '陈丽华');
  const zhou = demoCtx(workerId, tenantId, 'committee', '周敏');

  const now = deps.clock.now().getTime();
  const day = (offset: number) => streetDate(new Date(now + offset * DAY));
  const moment = (offset: number, hour = 2) =>
    new Date(new Date(`${day(offset)}T00:00:00Z`).getTime() + hour * 3600_000);

  // The list as the police push and the committee's own check built it, about four months ago.
  const entries: Array<{ id: number; worker: RequestContext; tier: Tier }> = [];
  for (const [i, h] of picked.entries()) {
    const source: EntrySource = i % 5 === 0 ? 'self' : i % 2 === 0 ? 'police' : 'committee';
    const tier: Tier = i % 4 === 0 ? 'high' : i % 4 === 3 ? 'low' : 'medium';
    const worker = i % 2 === 0 ? chen : zhou;
    const created = await createEntry(at(deps, moment(-130 + (i % 6))), lead, {
      householdId: h.id,
      source,
      tier,
      reasonCode: h.elderly_alone && i % 3 !== 1 ? 'elderly_health_products' : REASONS[i % REASONS.length]!,
      workerId: worker.actor.userId,
      // high-tier people are reviewed monthly, others quarterly; some reviews are already overdue
      reviewOn: day(tier === 'high' ? -6 + (i % 12) * 3 : 10 + (i % 9) * 8),
      retainUntil: day(400 + (i % 10) * 20),
    });
    entries.push({ id: created.id, worker, tier });
  }

  // 第一轮: 120 to 80 days ago, the whole list; 24 seen face to face, the rest by phone or WeChat.
  await createRound(at(deps, moment(-121)), lead, {
    name: '第一轮',
    startsOn: day(-120),
    endsOn: day(-80),
  });
  const first: Array<{ channel: 'in_person' | 'phone' | 'wechat'; outcomes: VisitOutcome[] }> = [
    { channel: 'in_person', outcomes: ['app_installed', 'hotline_96110', 'lesson_played'] },
    { channel: 'phone', outcomes: ['hotline_96110'] },
    { channel: 'in_person', outcomes: ['hotline_96110', 'materials_given', 'family_informed'] },
    { channel: 'wechat', outcomes: ['lesson_played'] },
    { channel: 'in_person', outcomes: ['apps_checked', 'app_installed', 'hotline_96110'] },
  ];
  const minutes1 = [
    '讲解保健品推销常见话术，老人表示以后不去听“健康讲座”。',
    '电话提醒，老人白天在家，约下次上门。',
    '帮助安装反诈APP，已和在外地的女儿通了电话。',
    '微信发送语音课，女儿代为回复已播放给老人听。',
    '检查手机，删除两个来历不明的小程序。',
  ];
  for (const [i, e] of entries.entries()) {
    const plan = first[i % first.length]!;
    const when = -118 + (i % 35);
    await recordVisit(at(deps, moment(when, 6)), e.worker, e.id, {
      channel: plan.channel,
      visitedOn: day(when),
      minutes: minutes1[i % minutes1.length]!,
      outcomes: plan.outcomes,
    });
  }

  // 第二轮: 60 to 20 days ago; every person on the list seen face to face (some phoned first).
  await createRound(at(deps, moment(-61)), lead, {
    name: '第二轮',
    startsOn: day(-60),
    endsOn: day(-20),
  });
  const minutes2 = [
    '上门面访，复习96110用途，老人能说出“不转账、不透露验证码”。',
    '面访时播放语音课《接到“公检法”电话怎么办》，老人听完表示明白。',
    '面访，确认反诈APP仍在使用，提醒家属关注老人大额消费。',
    '面访，老人近期未再接到可疑电话，宣传资料已贴在门后。',
  ];
  for (const [i, e] of entries.entries()) {
    if (i % 6 === 1) {
      await recordVisit(at(deps, moment(-58 + (i % 5), 5)), e.worker, e.id, {
        channel: 'phone',
        visitedOn: day(-58 + (i % 5)),
        minutes: '电话预约上门时间。',
        outcomes: [],
      });
    }
    const when = -55 + (i % 30);
    await recordVisit(at(deps, moment(when, 7)), e.worker, e.id, {
      channel: 'in_person',
      visitedOn: day(when),
      minutes: minutes2[i % minutes2.length]!,
      outcomes:
        i % 3 === 0
          ? ['lesson_played', 'hotline_96110']
          : i % 3 === 1
            ? ['app_installed', 'family_informed']
            : ['hotline_96110', 'materials_given'],
    });
  }

  // 第三轮 (under way): the high-tier people, started a week ago; a few seen already.
  const high = entries.filter((e) => e.tier === 'high');
  await createRound(at(deps, moment(-8)), lead, {
    name: '第三轮（高风险对象）',
    startsOn: day(-7),
    endsOn: day(23),
    entryIds: high.map((e) => e.id),
  });
  for (const [i, e] of high.slice(0, 4).entries()) {
    await recordVisit(at(deps, moment(-5 + i, 6)), e.worker, e.id, {
      channel: 'in_person',
      visitedOn: day(-5 + i),
      minutes: '面访，提醒年底冒充“社保退费”诈骗。',
      outcomes: ['hotline_96110'],
    });
  }

  const recordings = await speechAvailable();
  for (const [i, lesson] of DEMO_LESSONS.entries()) {
    const created = await createLesson(at(deps, moment(-140 + i)), lead, {
      title: lesson.title,
      script: lesson.script,
      // spoken Chinese runs at about four characters a second
      durationSeconds: Math.max(30, Math.round(lesson.script.length / 4)),
      published: true,
    });
    for (let n = 0; n < lesson.plays; n++) await countPlay(deps, lead, created.id);
    // a recording for every demo lesson, so phones without a Chinese voice still hear it
    if (recordings) await generateRecording(at(deps, moment(-140 + i)), lead, created.id);
  }
  if (!recordings)
    deps.log.warn(
      'espeak-ng is not installed: the demo lessons have no recordings (apt-get install espeak-ng)',
    );
}
