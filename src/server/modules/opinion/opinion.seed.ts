import type { Deps } from '../../platform/deps.ts';
import { createTopic } from '../council/index.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx, storyCalendar } from '../../platform/seedKit.ts';
import { UNSEEN } from './opinion.analysis.ts';
import { recompute } from './opinion.jobs.ts';
import { createMap } from './opinion.service.ts';
import { addStatement } from './opinion.statements.ts';
import { enterBallot } from './opinion.votes.ts';
import { plantedBallots } from './opinion.synthetic.ts';

/**
 * The opinion map on 曹杨二村's plan options: fourteen statements, and the cards of 150 synthetic
 * participants from three groups of opinion (ground-floor households worried about light, elderly
 * upper-floor households who want the lift soon, young families minding cost) who all agree on four
 * statements. The demo resident has not voted yet, so they can walk the voting themselves.
 */
const STATEMENTS: Array<[string, number, number, number]> = [
  // text, and the position of each group: ground floor, upper floors, young families
  ['加装电梯是这次改造最要紧的事', -1, 1, 1],
  ['厨卫独立成套比增加面积更重要', -1, 1, 1],
  ['北侧新增厨卫不能挡住底层住户的采光', 1, -1, 1],
  ['施工期间应就近安排临时过渡房', 1, 1, -1],
  ['方案应一户一议，不搞一刀切', 1, 1, 1],
  ['改造费用居民不应再额外出钱', 1, -1, 1],
  ['可以接受面积略减，换取更好的采光通风', 1, -1, -1],
  ['楼道和公共空间要同步整治', 1, 1, 1],
  ['绿化带改成停车位，我赞成', -1, 1, 1],
  ['施工时间越短越好，哪怕方案简单些', -1, 1, 1],
  ['方案确定前应再开一次红色议事厅', 1, 1, 1],
  ['老人家里的物品寄存应由街道统一安排', 1, 1, -1],
  ['底层住户应得到额外补偿', 1, -1, -1],
  ['设计师应逐户上门讲解图纸', 1, 1, 1],
];

export async function seedOpinion(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  if (!users.committee) return;
  const story = storyCalendar(deps);
  const at = story.at('2026-11-10T02:00:00Z');
  const committee = demoCtx(users.committee, tenantId, 'committee', '陈丽华（居委会主任）');
  const topic = await createTopic(at, committee, {
    title: '曹杨二村成套改造方案选项：大家怎么看',
    description: '三种户型方案各有取舍，先用意见地图听听各方的想法，再到红色议事厅商议。',
    source: 'staff',
    raisedByName: '曹杨二村居委会',
    householdIds: [],
    buildingIds: [],
  });
  const map = await createMap(at, committee, { title: '曹杨二村方案选项意见地图', topicId: topic.id });
  const ids: number[] = [];
  for (const [text] of STATEMENTS) ids.push((await addStatement(at, committee, map.id, text)).id);
  const { matrix } = plantedBallots({
    groups: 3,
    participants: 150,
    statements: STATEMENTS.length,
    consensus: [],
    positions: [1, 2, 3].map((g) => STATEMENTS.map((s) => s[g] as number)),
    weights: [2, 3, 2],
    unseen: 0.15,
    seed: 2026,
  });
  const n = ids.length;
  const cards = story.at('2026-11-18T06:00:00Z');
  for (let p = 0; p < matrix.participants; p++) {
    const votes = ids
      .map((statementId, s) => ({ statementId, vote: matrix.votes[p * n + s]! as 1 | -1 | 0 }))
      .filter((v) => (v.vote as number) !== UNSEEN);
    await enterBallot(cards, committee, map.id, {
      participantRef: `议事会卡片-${String(p + 1).padStart(3, '0')}`,
      votes,
    });
  }
  await recompute(cards, tenantId, map.id);
}
