/**
 * Demo data of the legislative contact point, reproducing the seed article's figures — 68 events,
 * 27 drafts, over 1,000 participants, 495 opinions, 123 adopted — as records made through this
 * module's own services (the figures page counts them; nothing is typed in). Synthetic people only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionsOf, type Role } from '../../../contract/permissions.ts';
import { systemContext, type RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { importDraft } from './legislation.drafts.ts';
import { createEvent } from './legislation.events.ts';
import {
  listOpinions,
  moderateOpinions,
  recordOpinions,
  setOutcome,
  submitOpinion,
} from './legislation.opinions.ts';
import { submitReport } from './legislation.submission.ts';
import { syntheticCode } from './legislation.synthetic.ts';

export const SEED_FIGURES = { events: 68, drafts: 27, opinions: 495, adopted: 123 } as const;

const LAWS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/laws');

const SYNTHETIC_TITLES = [
  '上海市养老服务条例（草案）',
  '上海市生活垃圾管理条例（修正草案）',
  '上海市急救医疗服务条例（修订草案）',
  '上海市社区卫生服务条例（草案）',
  '上海市历史风貌区和优秀历史建筑保护条例（修订草案）',
  '上海市既有多层住宅加装电梯管理办法（草案）',
  '上海市非机动车安全管理条例（草案）',
  '上海市无障碍环境建设条例（草案）',
  '上海市志愿服务条例（修订草案）',
  '上海市公共文化服务保障与促进条例（草案）',
  '上海市反食品浪费条例（草案）',
  '上海市献血条例（修订草案）',
  '上海市预付卡管理条例（草案）',
  '上海市社会信用条例（修正草案）',
  '上海市未成年人保护条例（修订草案）',
  '上海市家政服务条例（草案）',
  '上海市公共场所控制吸烟条例（修正草案）',
  '上海市精神卫生条例（修订草案）',
  '上海市绿化条例（修正草案）',
  '上海市民防条例（修订草案）',
];

const ORGANISERS = [
  '曹杨新村街道基层立法联系点',
  '曹杨一村居民区党总支',
  '曹杨新村街道人大工委',
  '曹杨新村街道司法所',
];
const PLACES = [
  '曹杨新村街道社区党群服务中心',
  '曹杨一村红色议事厅',
  '曹杨百禧公园议事亭',
  '曹杨新村街道市民中心',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = [
  '建华',
  '秀英',
  '国庆',
  '桂兰',
  '志强',
  '美玲',
  '德明',
  '丽娟',
  '海涛',
  '玉珍',
  '永福',
  '静怡',
];

/** Opinion wordings; each has near-duplicate paraphrases so the report shows grouping at work. */
const TEMPLATES: Array<{ kind: 'amend' | 'delete' | 'add' | 'principle'; texts: string[]; reason: string }> =
  [
    {
      kind: 'amend',
      texts: [
        '建议明确本条中责任主体的具体职责和办理时限',
        '建议本条明确责任主体的具体职责，并规定办理时限',
        '本条应明确责任主体具体职责和办理的时限',
      ],
      reason: '职责和时限不明确，实践中容易相互推诿',
    },
    {
      kind: 'add',
      texts: [
        '建议增加听取居民意见的程序，保障居民知情权和参与权',
        '建议增加听取居民意见程序，保障居民的知情权、参与权',
      ],
      reason: '老旧小区改造涉及居民切身利益',
    },
    {
      kind: 'add',
      texts: [
        '建议增加对老年人、残疾人等特殊群体的照顾措施',
        '建议增加对独居老人和残疾人等特殊群体的照顾措施',
      ],
      reason: '曹杨新村老年人比例高',
    },
    { kind: 'delete', texts: ['建议删除本条中“其他有关部门”的兜底表述'], reason: '表述过于笼统，难以落实' },
    {
      kind: 'amend',
      texts: ['建议将“可以”修改为“应当”，增强条文的约束力', '建议把本条的“可以”改为“应当”，增强约束力'],
      reason: '倡导性规定难以执行',
    },
    { kind: 'principle', texts: ['建议加强与现有法规的衔接，避免重复规定'], reason: '' },
    {
      kind: 'amend',
      texts: ['建议细化本条的处罚标准，区分情节轻重', '建议区分情节轻重，细化本条处罚标准'],
      reason: '便于执法部门裁量',
    },
    {
      kind: 'add',
      texts: ['建议增加数字化平台办理渠道，方便居民线上反映问题'],
      reason: '年轻居民更习惯线上办理',
    },
  ];

/** Acts as one of the demo accounts, with that role's permissions, as a signed-in user would. */
async function actorCtx(deps: Deps, seed: SeedContext, username: string): Promise<RequestContext> {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('id', '=', seed.users[username]!)
    .executeTakeFirstOrThrow();
  const role = user.role as Role;
  return systemContext({
    userId: user.id,
    username,
    displayName: user.display_name,
    role,
    permissions: new Set(permissionsOf(role)),
    tenantId: seed.tenantId,
    householdId: null,
    via: 'session',
  });
}

function personName(n: number): string {
  return `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`;
}

/** The drafts' sources: the law texts of the fixtures where present, then synthetic smaller drafts. */
function draftSources(): Array<{ title?: string; text: string }> {
  const laws = fs.existsSync(LAWS_DIR)
    ? fs
        .readdirSync(LAWS_DIR)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .sort()
        .map((f) => ({ text: fs.readFileSync(path.join(LAWS_DIR, f), 'utf8') }))
    : [];
  const synthetic = SYNTHETIC_TITLES.map((title, i) => ({
    text: syntheticCode({
      title,
      articles: 12 + ((i * 5) % 30),
      chapters: i % 3 === 0 ? 0 : 3 + (i % 4),
      variant: i,
    }),
  }));
  return [...laws, ...synthetic].slice(0, SEED_FIGURES.drafts);
}

export async function seedLegislation(deps: Deps, seed: SeedContext): Promise<void> {
  const staff = await actorCtx(deps, seed, 'leader');
  const resident = await actorCtx(deps, seed, 'resident');

  // 27 drafts.
  const drafts: Array<{ id: number; title: string; articleIds: number[] }> = [];
  for (const source of draftSources()) {
    const imported = await importDraft(deps, staff, { ...source, source: 'body.text' });
    drafts.push({ id: imported.id, title: imported.title, articleIds: [] });
  }
  const articles = await deps.db
    .selectFrom('legislation_articles')
    .select(['id', 'draft_id'])
    .where('tenant_id', '=', seed.tenantId)
    .orderBy('draft_id')
    .orderBy('ord')
    .execute();
  for (const a of articles) drafts.find((d) => d.id === a.draft_id)?.articleIds.push(a.id);

  // 68 events, 2019–2023, each on one or two drafts; every draft consulted at least twice.
  const events: Array<{ id: number; draftIds: number[] }> = [];
  for (let k = 0; k < SEED_FIGURES.events; k++) {
    const first = drafts[k % drafts.length]!;
    const second = k % 4 === 3 ? drafts[(k + 5) % drafts.length]! : null;
    const draftIds = second ? [first.id, second.id] : [first.id];
    const online = k % 5 === 4;
    const month = (k * 7) % 12;
    const year = 2019 + Math.floor((k / SEED_FIGURES.events) * 5);
    const registered = Array.from({ length: 3 + (k % 4) }, (_, i) => personName(k * 11 + i));
    const event = await createEvent(deps, staff, {
      title: `${first.title.replace(/（.*）$/, '')}${online ? '线上' : ''}征询会`,
      heldOn: `${year}-${String(month + 1).padStart(2, '0')}-${String(1 + ((k * 3) % 27)).padStart(2, '0')}`,
      mode: online ? 'online' : 'offline',
      place: online ? undefined : PLACES[k % PLACES.length],
      organiser: ORGANISERS[k % ORGANISERS.length]!,
      draftIds,
      attendance: 12 + ((k * 5) % 9), // 12–20 people; 68 events ≈ 1,100 participants
      registered,
      materials: `草案文本、起草说明、意见征询表（${registered.length} 份预登记）`,
    });
    events.push({ id: event.id, draftIds });
  }

  // 494 opinions entered by staff from paper and meetings (7 or 8 per event) + 1 online below = 495.
  const recorded = SEED_FIGURES.opinions - 1;
  let n = 0;
  for (let k = 0; k < events.length; k++) {
    const event = events[k]!;
    const count = Math.floor(recorded / events.length) + (k < recorded % events.length ? 1 : 0);
    const byDraft = new Map<number, Parameters<typeof recordOpinions>[3]['opinions']>();
    for (let i = 0; i < count; i++, n++) {
      const draft = drafts.find((d) => d.id === event.draftIds[i % event.draftIds.length])!;
      const template = TEMPLATES[(n * 3 + k) % TEMPLATES.length]!;
      // Opinions cluster on a few articles of each draft, as they do in real consultations.
      const articleId =
        i % 6 === 5 ? undefined : draft.articleIds[(k * 3 + (i % 3) * 2) % draft.articleIds.length];
      const list = byDraft.get(draft.id) ?? [];
      list.push({
        articleId,
        kind: articleId === undefined ? 'principle' : template.kind,
        text: template.texts[n % template.texts.length]!,
        reason: template.reason || undefined,
        authorName: n % 4 === 3 ? undefined : personName(n),
      });
      byDraft.set(draft.id, list);
    }
    for (const [draftId, opinions] of byDraft) {
      await recordOpinions(deps, staff, draftId, {
        eventId: event.id,
        channel: k % 5 === 4 ? 'paper' : 'meeting',
        opinions,
      });
    }
  }

  // The demo resident's own opinions on 城市更新条例 第三十二条 (the 95 % signing threshold).
  const renewal = drafts.find((d) => d.title.includes('城市更新条例'));
  const renewalDraft = renewal ?? drafts[0]!;
  const art32 =
    (
      await deps.db
        .selectFrom('legislation_articles')
        .select('id')
        .where('tenant_id', '=', seed.tenantId)
        .where('draft_id', '=', renewalDraft.id)
        .where('anchor', '=', 'art-32')
        .executeTakeFirst()
    )?.id ?? renewalDraft.articleIds[0];
  const mine = await submitOpinion(deps, resident, renewalDraft.id, {
    articleId: art32,
    paragraph: 1,
    kind: 'add',
    text: '建议在第三十二条增加：签约前应向每户书面说明过渡安置方案和补贴标准',
    reason: '我们楼里老人多，口头说明容易记不住',
    anonymous: false,
  });
  await submitOpinion(deps, resident, renewalDraft.id, {
    kind: 'principle',
    text: '希望改造过程中多开几次居民议事会，让大家把话说透',
    anonymous: true,
  });
  await moderateOpinions(deps, staff, { ids: [mine.id], decision: 'accepted' });

  // Feedback: 123 adopted (100 in full, 23 in part), 260 not adopted, the rest still open.
  const accepted = await listOpinions(deps, staff, {
    moderation: 'accepted',
    limit: 500,
    offset: 0,
  });
  const ids = accepted.items
    .map((o) => o.id)
    .filter((id) => id !== mine.id)
    .sort((a, b) => a - b);
  await setOutcome(deps, staff, {
    ids: [mine.id],
    outcome: 'adopted',
    note: '已在汇总表中报送，立法机关采纳：第三十二条增加了书面告知的要求',
  });
  const fully = ids.filter((_, i) => i % 4 === 0).slice(0, 99);
  const partly = ids.filter((_, i) => i % 4 === 1).slice(0, SEED_FIGURES.adopted - 100);
  const taken = new Set([...fully, ...partly]);
  const notAdopted = ids.filter((id) => !taken.has(id)).slice(0, 260);
  await setOutcome(deps, staff, { ids: fully, outcome: 'adopted', note: '已被立法机关采纳' });
  await setOutcome(deps, staff, {
    ids: partly,
    outcome: 'partly_adopted',
    note: '部分内容被吸收',
  });
  await setOutcome(deps, staff, {
    ids: notAdopted,
    outcome: 'not_adopted',
    note: '立法机关经研究未予采纳，已向提出人说明',
  });

  // Reports of the older drafts went to the legislature (the two newest are still open).
  for (const draft of drafts.slice(0, -2)) {
    await submitReport(deps, staff, draft.id, {
      submittedTo: '上海市人大常委会法制工作委员会',
      note: '基层立法联系点意见汇总',
    });
  }
}
