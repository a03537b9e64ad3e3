import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { demoCtx, estateHouseholds, storyCalendar } from '../../platform/seedKit.ts';
import { checkIn, currentSignInToken, staffSignIn } from './council.checkin.ts';
import { publishMinutes } from './council.rsvp.ts';
import { createMeeting } from './council.meetings.ts';
import { addResolution, saveMinutes } from './council.minutes.ts';
import { createProject, publishProject, updateProgress } from './council.projects.ts';
import { createTopic } from './council.topics.ts';

/**
 * 红色议事厅 in 曹杨二村 (mid-renewal): hard problems from visits and concerns, two meetings with
 * sign-ins and resolutions, and three self-governance projects, one with published results.
 */
export async function seedCouncil(deps: Deps, seed: SeedContext): Promise<void> {
  const { tenantId, users } = seed;
  const story = storyCalendar(deps);
  const committee = demoCtx(users.committee!, tenantId, 'committee', '陈丽华（居委会主任）');
  const er = await estateHouseholds(deps, tenantId, '曹杨二村');
  const yi = await estateHouseholds(deps, tenantId, '曹杨一村');
  if (er.length < 40 || yi.length < 10) return;
  const residentHousehold = (
    await deps.db
      .selectFrom('users')
      .select('household_id')
      .where('id', '=', users.resident!)
      .executeTakeFirst()
  )?.household_id;

  const t1 = await createTopic(story.at('2026-09-02T02:00:00Z'), committee, {
    title: '底层住户担心加装厨卫影响采光',
    description: '3号楼底层4户反映北侧新增厨卫体量遮挡采光，要求调整方案。',
    source: 'visit',
    raisedByName: er[5]!.head_name,
    householdIds: er.slice(4, 8).map((h) => h.id),
    buildingIds: [er[4]!.building_id],
  });
  const t2 = await createTopic(story.at('2026-09-05T02:00:00Z'), committee, {
    title: '施工期间老人临时安置与物品寄存',
    description: '独居高龄老人较多，搬离过渡期间的照护和大件物品寄存需要统筹。',
    source: 'concern',
    raisedByName: er[12]!.head_name,
    householdIds: er.slice(10, 16).map((h) => h.id),
    buildingIds: [er[12]!.building_id],
  });
  const t3 = await createTopic(story.at('2026-09-08T02:00:00Z'), committee, {
    title: '公共楼道杂物清理与电动车充电',
    source: 'suggestion',
    raisedByName: er[20]!.head_name,
    householdIds: er.slice(18, 30).map((h) => h.id),
    buildingIds: [er[20]!.building_id],
  });
  await createTopic(story.at('2026-10-20T02:00:00Z'), committee, {
    title: '竣工后绿化带是否改为停车位',
    description: '部分居民希望增加车位，另一部分居民希望保留绿化，需要议事协商。',
    source: 'staff',
    raisedByName: '陈丽华（居委会主任）',
    householdIds: [],
    buildingIds: [],
  });

  const invited = [
    ...er.slice(4, 10).map((h) => ({ name: h.head_name, kind: 'resident' as const, householdId: h.id })),
    ...(residentHousehold
      ? [{ name: '居民 刘桂芳', kind: 'resident' as const, householdId: residentHousehold }]
      : []),
    { name: '赵国强', kind: 'party_member' as const },
    { name: '李晓明', kind: 'cadre' as const },
    { name: '孙悦（设计师）', kind: 'expert' as const },
  ];
  const m1deps = story.at('2026-09-12T06:30:00Z');
  const m1 = await createMeeting(m1deps, committee, {
    title: '红色议事厅：采光与过渡安置',
    heldAt: story.iso('2026-09-12T06:30:00Z'),
    place: '曹杨二村睦邻中心二楼议事厅',
    host: '陈丽华',
    topicIds: [t1.id, t2.id],
    invited,
  });
  if (residentHousehold) {
    const token = currentSignInToken(
      m1deps,
      await deps.db
        .selectFrom('council_meetings')
        .select(['tenant_id', 'id', 'sign_in_token'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', m1.id)
        .executeTakeFirstOrThrow(),
    );
    await checkIn(
      m1deps,
      demoCtx(users.resident!, tenantId, 'resident', '居民 刘桂芳', residentHousehold),
      m1.id,
      token,
    );
  }
  let meeting = m1;
  for (const p of m1.participants.filter((x) => x.householdId !== residentHousehold).slice(0, 7))
    meeting = await staffSignIn(m1deps, committee, m1.id, p.id);
  const present = meeting.participants.filter((p) => p.signedInAt || p.householdId === residentHousehold);
  await addResolution(m1deps, committee, m1.id, {
    topicId: t1.id,
    text: '3号楼北侧厨卫外墙后退0.6米并采用浅色外饰面，设计单位两周内出调整方案。',
    votes: present.map((p, i) => ({ participantId: p.id, choice: i === 2 ? 'abstain' : 'for' })),
  });
  await addResolution(m1deps, committee, m1.id, {
    topicId: t2.id,
    text: '成立“同心成套改造助力团”，党员与志愿者结对独居老人，睦邻中心提供物品寄存。',
    votesFor: 21,
    votesAgainst: 1,
    votesAbstain: 2,
  });
  await saveMinutes(m1deps, committee, m1.id, {
    minutes:
      '陈丽华主持会议，介绍两项议题。3号楼底层住户代表陈述采光顾虑，设计师孙悦现场讲解日照分析，提出外墙后退方案。' +
      '关于过渡安置，党员赵国强提议组建助力团结对独居老人。经充分协商，两项决议均获通过。',
    held: true,
  });
  await publishMinutes(m1deps, committee, m1.id);

  await createMeeting(story.at('2026-10-21T02:00:00Z'), committee, {
    title: '红色议事厅：楼道与充电',
    heldAt: story.iso('2026-11-30T06:30:00Z'),
    place: '曹杨二村睦邻中心二楼议事厅',
    host: '陈丽华',
    topicIds: [t3.id],
    invited: [
      ...er.slice(18, 26).map((h) => ({ name: h.head_name, kind: 'resident' as const, householdId: h.id })),
      ...(residentHousehold
        ? [{ name: '居民 刘桂芳', kind: 'resident' as const, householdId: residentHousehold }]
        : []),
      { name: '派出所社区民警', kind: 'cadre' as const },
    ],
  });

  const p1deps = story.at('2026-09-15T02:00:00Z');
  const p1 = await createProject(p1deps, committee, {
    name: '同心成套改造助力团',
    kind: '同心成套改造助力团',
    description: '党员、志愿者与独居老人结对，帮助搬家、寄存、过渡期照护。',
    owners: [{ name: '赵国强', role: '党员突击队队长' }],
    members: [{ name: '李晓明' }, { name: er[12]!.head_name }, { name: er[13]!.head_name }],
    topicIds: [t2.id],
    householdIds: er.slice(10, 16).map((h) => h.id),
    milestones: [
      { title: '结对名单确定', dueOn: story.day('2026-09-20') },
      { title: '搬离协助完成', dueOn: story.day('2026-10-15') },
      { title: '回搬协助完成', dueOn: '2027-03-31' },
    ],
  });
  await updateProgress(story.at('2026-10-16T02:00:00Z'), committee, p1.id, {
    progress: 60,
    milestoneIdsDone: p1.milestones.slice(0, 2).map((m) => m.id),
  });
  const p2 = await createProject(p1deps, committee, {
    name: '3号楼采光“一把钥匙开一把锁”',
    kind: '一把钥匙开一把锁',
    description: '针对3号楼底层采光的个性化方案调整。',
    owners: [{ name: er[5]!.head_name, role: '楼组长' }],
    members: [{ name: '孙悦（设计师）' }],
    topicIds: [t1.id],
    householdIds: er.slice(4, 8).map((h) => h.id),
    milestones: [{ title: '调整方案出图', dueOn: story.day('2026-09-26') }, { title: '住户确认' }],
  });
  await updateProgress(story.at('2026-10-01T02:00:00Z'), committee, p2.id, {
    progress: 100,
    milestoneIdsDone: p2.milestones.map((m) => m.id),
  });
  await publishProject(story.at('2026-10-02T02:00:00Z'), committee, p2.id, {
    resultSummary: '厨卫外墙后退0.6米，日照分析显示底层冬至日照不少于2小时；4户均已确认调整后的方案。',
    completed: true,
  });
  const p3 = await createProject(story.at('2026-06-01T02:00:00Z'), committee, {
    name: '曹杨一村事和院',
    kind: '事和院',
    description: '在曹杨一村设立“事和院”议事空间，邻里纠纷和公共事务就近协商。',
    owners: [{ name: '陈丽华', role: '居委会主任' }],
    members: [{ name: yi[1]!.head_name }, { name: yi[2]!.head_name }, { name: '吴秀英（人民调解员）' }],
    topicIds: [],
    householdIds: yi.slice(0, 5).map((h) => h.id),
    milestones: [
      { title: '场地改造', dueOn: story.day('2026-07-01') },
      { title: '议事规则公示', dueOn: story.day('2026-07-15') },
    ],
  });
  await updateProgress(story.at('2026-07-20T02:00:00Z'), committee, p3.id, {
    progress: 100,
    milestoneIdsDone: p3.milestones.map((m) => m.id),
  });
  await publishProject(story.at('2026-07-21T02:00:00Z'), committee, p3.id, {
    resultSummary: '事和院已启用，每周三下午开放，上线以来协商解决邻里事务17件。',
    completed: true,
  });
}
