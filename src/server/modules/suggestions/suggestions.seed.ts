/**
 * Demo data for people's suggestions, made through the module's own services: the collection network
 * 一心、三片、廿点, mailboxes with emptyings, leaders' visits, three topic calls, ~60 suggestions in every
 * status (some overdue), a collective reply and the projects 幸福饭堂 and 花坛式充电桩. Synthetic people.
 * History is written with a clock that starts 70 days ago and moves forward as the story does.
 */
import fs from 'node:fs';
import { permissionsOf, type Role } from '../../../contract/permissions.ts';
import type { SuggestionChannel } from '../../../contract/suggestions.ts';
import { DAY, HOUR, ManualClock } from '../../platform/clock.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { DemoSeeder } from '../../platform/seedKit.ts';
import * as network from './network.service.ts';
import * as topicCalls from './topic-calls.service.ts';
import * as outcomes from './outcomes.service.ts';
import * as projects from './projects.service.ts';
import {
  acceptSuggestion,
  answerSuggestion,
  assignSuggestion,
  handleSuggestion,
  mergeSuggestion,
  rateSuggestion,
  redirectSuggestion,
} from './suggestions.handling.ts';
import { listSuggestions } from './suggestions.reading.ts';
import { createSuggestion } from './suggestions.submitting.ts';
import { createUnit } from './units.service.ts';

interface FixtureSuggestion {
  theme: string;
  subject: string;
  reason: string;
  proposal: string;
}

const FIXTURE = new URL('../../../../test/fixtures/suggestions/suggestions.json', import.meta.url);

const ZONES = [
  {
    name: '曹杨片区',
    points: ['曹杨一村', '曹杨二村', '曹杨三村', '曹杨四村', '曹杨五村', '曹杨六村', '曹杨七村'],
  },
  { name: '枣阳片区', points: ['枣阳路', '兰溪路', '花溪路', '桂巷', '杏山路', '梅岭北路', '南梅园'] },
  { name: '梅岭片区', points: ['北梅园', '梅岭南路', '棠浦路', '岚皋路', '桐柏路', '中山北路'] },
];
const NAMES = [
  '张秀英',
  '王建华',
  '李桂兰',
  '赵志强',
  '陈美玲',
  '周国平',
  '吴春花',
  '孙德明',
  '朱丽萍',
  '胡永康',
  '郭凤英',
  '何建国',
];

function ctxOf(userId: number, username: string, role: Role, tenantId: number): RequestContext {
  return {
    actor: {
      userId,
      username,
      displayName: username,
      role,
      permissions: new Set(permissionsOf(role)),
      tenantId,
      householdId: null,
      via: 'session',
    },
    ip: null,
    userAgent: 'gongzhi demo seed',
    lang: 'zh',
  };
}

export const seedSuggestions: DemoSeeder = async (realDeps, seed) => {
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { suggestions: FixtureSuggestion[] };
  const realNow = realDeps.clock.now().getTime();
  const clock = new ManualClock(new Date(realNow - 70 * DAY));
  /** Moves the story's clock, never past the real present. */
  const at = (t: number) => clock.set(new Date(Math.min(t, realNow - HOUR)));
  const deps: Deps = { ...realDeps, clock };
  const staff = ctxOf(seed.users.leader!, 'leader', 'street_leader', seed.tenantId);
  const cadre = ctxOf(seed.users.cadre!, 'cadre', 'cadre', seed.tenantId);
  const resident = ctxOf(seed.users.resident!, 'resident', 'resident', seed.tenantId);

  // 一心、三片、廿点
  const centre = await network.createPoint(deps, staff, {
    kind: 'centre',
    name: '曹杨新村街道人民建议征集中心',
    address: '枣阳路 248 号 街道社区党群服务中心一楼',
    staff: '王建国（负责人）',
    openingHours: '周一至周六 9:00-17:00',
  });
  const points: number[] = [];
  for (const zone of ZONES) {
    const z = await network.createPoint(deps, staff, {
      kind: 'zone',
      parentId: centre.id,
      name: `${zone.name}人民建议征集站`,
      address: `${zone.points[0]}居委会`,
      staff: '陈丽华',
      openingHours: '周一至周五 9:00-17:00',
    });
    for (const p of zone.points) {
      const point = await network.createPoint(deps, staff, {
        kind: 'point',
        parentId: z.id,
        name: `${p}征集点`,
        address: `${p}居民区睦邻点`,
        staff: '楼组长、党员志愿者',
        openingHours: '周二、周四 9:00-11:30',
      });
      points.push(point.id);
    }
  }
  const mailboxes: number[] = [];
  for (const [i, p] of [points[0]!, points[3]!, points[7]!, points[14]!].entries()) {
    const box = await network.createMailbox(deps, staff, {
      pointId: p,
      name: `建议邮筒 ${i + 1} 号`,
      location: '居委会门口',
    });
    mailboxes.push(box.id);
  }
  const visit = await network.createVisit(deps, staff, {
    leaderName: '王建国',
    visitedOn: new Date(clock.now().getTime() + 5 * DAY).toISOString().slice(0, 10),
    place: '曹杨一村 12 号楼',
    notes: '大走访：听取成套改造后居民的新需求',
  });

  // Topic calls (第八条)
  const canteenTopic = await topicCalls.createTopic(deps, staff, {
    subject: '幸福饭堂怎么办？老年助餐专项征集',
    background:
      '曹杨一村高龄独居老人多，“吃饭难”是大家反映最集中的问题。街道拟开办幸福饭堂，征集选址、菜品、价格和送餐方式的建议。',
    channels: ['online', 'point', 'mailbox', 'phone'],
    deadline: new Date(clock.now().getTime() + 20 * DAY).toISOString(),
    publish: true,
  });
  const chargingTopic = await topicCalls.createTopic(deps, staff, {
    subject: '电动车充电难专项征集',
    background: '飞线充电、电瓶车进楼充电隐患大。请大家为充电设施的选址和建设方式出主意。',
    channels: ['online', 'point', 'visit'],
    deadline: new Date(realDeps.clock.now().getTime() + 25 * DAY).toISOString(),
    publish: true,
  });
  await topicCalls.createTopic(deps, staff, {
    subject: '口袋公园与小区微更新金点子',
    background: '成套改造后，小区的空地、花坛和晾晒区怎么用？欢迎提出金点子。',
    channels: ['online', 'point', 'mailbox'],
    deadline: new Date(realDeps.clock.now().getTime() + 40 * DAY).toISOString(),
    publish: true,
  });

  // ~60 suggestions: four per theme, through every channel.
  const byTheme = new Map<string, FixtureSuggestion[]>();
  for (const s of fixture.suggestions) byTheme.set(s.theme, [...(byTheme.get(s.theme) ?? []), s]);
  const picks: FixtureSuggestion[] = [];
  for (const list of byTheme.values()) picks.push(...list.slice(0, 4));
  const channels: SuggestionChannel[] = ['point', 'mailbox', 'online', 'phone', 'visit'];
  const created: Array<{ id: number; theme: string; at: number }> = [];
  for (const [i, s] of picks.entries()) {
    clock.advance(25 * HOUR);
    const mineToo = i % 13 === 2; // a few from the demo resident's own account
    const channel: SuggestionChannel = mineToo ? 'online' : channels[i % channels.length]!;
    const topicId = s.theme === 'canteen' ? canteenTopic.id : s.theme === 'ev' ? chargingTopic.id : undefined;
    const result = await createSuggestion(deps, mineToo ? resident : cadre, {
      subject: s.subject,
      reason: s.reason,
      proposal: s.proposal,
      channel,
      proposerName: mineToo ? '刘桂芳' : NAMES[i % NAMES.length]!,
      proposerPhone: `139${String(10_000_000 + i * 7919).slice(0, 8)}`,
      topicId,
      pointId: channel === 'point' || channel === 'mailbox' ? points[i % points.length] : undefined,
      mailboxId: channel === 'mailbox' ? mailboxes[i % mailboxes.length] : undefined,
      visitId: channel === 'visit' ? visit.id : undefined,
      thankConsent: i % 2 === 0,
    });
    created.push({ id: result.id, theme: s.theme, at: clock.now().getTime() });
  }
  for (const [i, box] of mailboxes.entries()) {
    await network.collectMailbox(deps, cadre, box, { letters: 3 + i, note: '每周一开箱' });
  }

  // Two matters that are not suggestions (第十条第二款).
  const claim = await createSuggestion(deps, cadre, {
    subject: '楼上漏水要求赔偿',
    reason: '楼上邻居卫生间漏水，把我家天花板泡坏了，对方不肯赔偿。',
    proposal: '请居委会让楼上赔偿我家的损失。',
    channel: 'phone',
    proposerName: '钱阿姨',
    thankConsent: false,
  });
  const lawsuit = await createSuggestion(deps, cadre, {
    subject: '准备起诉装修公司',
    reason: '装修公司拖延工期，我准备去法院起诉。',
    proposal: '希望街道帮我打官司。',
    channel: 'point',
    proposerName: '孙先生',
    pointId: points[5],
    thankConsent: false,
  });

  // The street's handling units (承办单位) that assignment picks from.
  const units = [];
  for (const name of ['街道管理办', '居委会', '街道城建办', '街道社区服务办', '街道平安办'])
    units.push(await createUnit(deps, staff, { name }));

  // Handling: walk each suggestion part of the way from when it came in, on time or late.
  clock.advance(DAY);
  await redirectSuggestion(deps, staff, claim.id, {
    target: 'mediation',
    reason: '属于邻里之间的个人诉求，已转居民区人民调解委员会（“2+3”调解）处理',
  });
  await redirectSuggestion(deps, staff, lawsuit.id, {
    target: 'litigation',
    reason: '合同纠纷依法应通过诉讼解决，已告知可到司法所咨询法律援助',
  });
  const plan = [
    'answered',
    'answered',
    'handled',
    'assigned',
    'accepted',
    'answered',
    'registered',
    'answered',
  ] as const;
  const answered: number[] = [];
  const canteenIds: number[] = [];
  const evIds: number[] = [];
  for (const [i, s] of created.entries()) {
    if (s.theme === 'canteen') {
      at(s.at + 2 * HOUR);
      await acceptSuggestion(deps, staff, s.id, '纳入幸福饭堂专项');
      canteenIds.push(s.id);
      continue;
    }
    if (s.theme === 'ev') evIds.push(s.id);
    // The newest ones wait, and a few wait too long: those stand out as overdue.
    const target = i >= created.length - 6 ? 'registered' : plan[i % plan.length]!;
    if (target === 'registered') continue;
    at(s.at + (i % 5 === 0 ? 4 * DAY : 6 * HOUR));
    await acceptSuggestion(deps, staff, s.id);
    if (target === 'accepted') continue;
    await assignSuggestion(deps, staff, s.id, {
      unitId: units[i % 2 ? 0 : 1]!.id,
      note: '请按期办理',
    });
    if (target === 'assigned') continue;
    at(clock.now().getTime() + (i % 7 === 0 ? 18 * DAY : 3 * DAY));
    await handleSuggestion(deps, staff, s.id, {
      note: '已现场查看并制定方案',
      adopted: s.theme === 'ev',
    });
    if (target === 'handled') continue;
    at(clock.now().getTime() + DAY);
    await answerSuggestion(
      deps,
      staff,
      s.id,
      '感谢您的建议。街道已会同相关部门研究，将在本季度内落实改进措施，欢迎继续监督。',
    );
    answered.push(s.id);
  }
  // Duplicates merged into an earlier suggestion of the same theme.
  const open = created.filter((s) => !answered.includes(s.id) && !canteenIds.includes(s.id));
  const duplicates = open.slice(-3);
  for (const dup of duplicates) {
    const into = created.find((s) => s.theme === dup.theme && !duplicates.includes(s));
    if (into) await mergeSuggestion(deps, staff, dup.id, into.id);
  }

  // One published reply answers the canteen topic's suggestions together (第十二条（一）).
  at(realNow - 20 * DAY); // the canteen topic closed (by the sweep) at its deadline before this
  await outcomes.createReply(deps, staff, {
    title: '关于“幸福饭堂”专项征集建议的集中答复',
    body:
      '专项征集共收到建议 ' +
      canteenIds.length +
      ' 条。街道采纳了利用社区活动中心开办幸福饭堂、对高龄老人给予用餐补贴、志愿者送餐上门等建议，幸福饭堂已于本月试运营。感谢各位居民的金点子！',
    topicId: canteenTopic.id,
    suggestionIds: canteenIds,
  });

  // 金点子 → 金钥匙
  const canteen = await projects.createProject(deps, staff, {
    name: '幸福饭堂',
    summary:
      '利用社区活动中心空置用房开办老年助餐的幸福饭堂，午餐、晚餐少油少盐，八十岁以上老人享受补贴，行动不便的老人由志愿者送餐上门。',
    owner: '街道社区服务办 · 曹杨一村居委会',
    suggestionIds: canteenIds.slice(0, 3),
    milestones: [
      { title: '选址与设计' },
      { title: '装修改造' },
      { title: '试运营' },
      { title: '正式运营与满意度回访' },
    ],
  });
  for (const m of canteen.milestones.slice(0, 3))
    await projects.setMilestoneDone(deps, staff, canteen.id, m.id, true);
  const piles = await projects.createProject(deps, staff, {
    name: '花坛式充电桩',
    summary:
      '把闲置花坛边角改造成带智能充电桩的花坛，扫码付费、充满断电，配监控和灭火器，既美化小区又解决飞线充电。',
    owner: '街道管理办',
    suggestionIds: evIds.slice(0, 3),
    milestones: [{ title: '选址征求意见' }, { title: '施工安装' }, { title: '验收投用' }],
  });
  await projects.setMilestoneDone(deps, staff, piles.id, piles.milestones[0]!.id, true);
  at(realNow - HOUR);

  // The proposers rate some answers (公众评价).
  const residentsAnswered = await listSuggestions(deps, resident, {
    status: 'answered',
    limit: 50,
    offset: 0,
  });
  for (const s of residentsAnswered.items.slice(0, 1)) {
    await rateSuggestion(deps, resident, s.id, { rating: 5, comment: '答复及时，办得实在' });
  }
};
