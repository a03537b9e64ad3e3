import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let street: number;
let leader: Session;
let committee: Session;
let resident: Session;
let residentHousehold: number;
let households: number[];
let buildingId: number;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-04-01T01:00:00Z') });
  street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  buildingId = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '5号' })).json().id;
  households = [];
  for (let i = 0; i < 4; i++)
    households.push(
      (
        await leader.call('POST', '/api/households', {
          buildingId,
          room: String(101 + i),
          headName: `居民${i}`,
        })
      ).json().id,
    );
  residentHousehold = households[0]!;
  committee = await login(t.app, await newUser(t.deps, 'committee', street));
  resident = await login(
    t.app,
    await newUser(t.deps, 'resident', street, { householdId: residentHousehold }),
  );
});
afterAll(() => t.close());

describe('the council hall', () => {
  let topicId: number;
  let meetingId: number;

  it('raises a topic with the households and buildings affected, and writes it into their files', async () => {
    const res = await committee.call('POST', '/api/council/topics', {
      title: '5号楼公共晾衣区改造分歧',
      description: '底层住户担心采光，高层住户希望增设晾衣架。',
      source: 'concern',
      raisedByName: '居民 居民1',
      householdIds: households.slice(0, 3),
      buildingIds: [buildingId],
    });
    expect(res.statusCode).toBe(200);
    topicId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'open', buildingIds: [buildingId] });
    const timeline = await t.deps.db
      .selectFrom('household_events')
      .select('kind')
      .where('tenant_id', '=', street)
      .where('household_id', '=', households[0]!)
      .where('module', '=', 'council')
      .execute();
    expect(timeline).toHaveLength(1);
    const bad = await committee.call('POST', '/api/council/topics', {
      title: '别处的议题',
      source: 'staff',
      raisedByName: 'x',
      householdIds: [999999],
    });
    expect(bad.statusCode).toBe(400);
    expect((await resident.call('GET', '/api/council/topics')).statusCode).toBe(403);
  });

  it('holds a meeting with QR sign-in, staff sign-in and a resolution', async () => {
    const created = await committee.call('POST', '/api/council/meetings', {
      title: '2026年4月红色议事厅',
      heldAt: '2026-04-10T06:30:00Z',
      place: '曹杨二村睦邻中心',
      host: '陈丽华',
      topicIds: [topicId],
      invited: [
        { name: '居民0', kind: 'resident', householdId: residentHousehold },
        { name: '赵党员', kind: 'party_member' },
        { name: '孙规划师', kind: 'expert' },
      ],
    });
    expect(created.statusCode).toBe(200);
    meetingId = created.json().id;
    expect(created.json()).toMatchObject({
      invitedCount: 3,
      presentCount: 0,
      topics: [{ id: topicId, status: 'discussing' }],
    });

    const link = (await committee.call('GET', `/api/council/meetings/${meetingId}/sign-in-link`)).json();
    expect(link.url).toContain(`/council/check-in/${meetingId}?t=`);
    expect(link.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    // the resident opens the link: signed in as herself (the invitation names another person), once
    const wrong = await resident.call('POST', `/api/council/meetings/${meetingId}/check-in`, {
      token: 'x'.repeat(32),
    });
    expect(wrong.statusCode).toBe(404);
    const checked = await resident.call('POST', `/api/council/meetings/${meetingId}/check-in`, {
      token: link.token,
    });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({
      meetingId,
      name: '测试 resident',
      signedInAt: '2026-04-01T01:00:00.000Z',
    });
    await resident.call('POST', `/api/council/meetings/${meetingId}/check-in`, { token: link.token });

    let meeting = (await committee.call('GET', `/api/council/meetings/${meetingId}`)).json();
    expect(meeting.participants.filter((p: { signedInAt: string | null }) => p.signedInAt)).toHaveLength(1);
    const party = meeting.participants.find((p: { kind: string }) => p.kind === 'party_member');
    meeting = (
      await committee.call('POST', `/api/council/meetings/${meetingId}/participants/${party.id}/sign-in`)
    ).json();
    expect(meeting.presentCount).toBe(2);
    const present = meeting.participants.filter((p: { signedInAt: string | null }) => p.signedInAt);
    expect(present.map((p: { signInMethod: string }) => p.signInMethod).sort()).toEqual(['qr', 'staff']);

    // individual votes only from those present
    const absent = meeting.participants.find((p: { kind: string }) => p.kind === 'expert');
    const refused = await committee.call('POST', `/api/council/meetings/${meetingId}/resolutions`, {
      topicId,
      text: '设置可折叠晾衣架',
      votes: [{ participantId: absent.id, choice: 'for' }],
    });
    expect(refused.statusCode).toBe(400);
    const voted = await committee.call('POST', `/api/council/meetings/${meetingId}/resolutions`, {
      topicId,
      text: '在5号楼南侧设置可折叠晾衣架，底层采光不受影响',
      votes: present.map((p: { id: number }) => ({ participantId: p.id, choice: 'for' })),
    });
    expect(voted.json().resolutions[0]).toMatchObject({
      votesFor: 2,
      votesAgainst: 0,
      individual: true,
      passed: true,
    });
    expect(voted.json().topics[0].status).toBe('resolved');
    const counted = await committee.call('POST', `/api/council/meetings/${meetingId}/resolutions`, {
      text: '下次议事会讨论电动车充电桩',
      votesFor: 10,
      votesAgainst: 12,
      votesAbstain: 3,
    });
    expect(counted.json().resolutions[1]).toMatchObject({ passed: false, individual: false });

    const minutes = await committee.call('POST', `/api/council/meetings/${meetingId}/minutes`, {
      minutes: '主持人介绍议题，居民代表发言，规划师讲解方案，表决通过。',
    });
    expect(minutes.json().status).toBe('held');
    const pdf = await committee.call('GET', `/api/council/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('turns the topic into a self-governance project whose results residents can read', async () => {
    const created = await committee.call('POST', '/api/council/projects', {
      name: '5号楼晾衣架自治项目',
      kind: '一把钥匙开一把锁',
      owners: [{ name: '居民0', role: '楼组长' }],
      members: [{ name: '赵党员' }],
      topicIds: [topicId],
      householdIds: households.slice(0, 3),
      milestones: [{ title: '方案公示', dueOn: '2026-04-20' }, { title: '安装完成' }],
    });
    expect(created.statusCode).toBe(200);
    const project = created.json();
    expect(project.milestones).toHaveLength(2);
    const topics = (await committee.call('GET', '/api/council/topics?status=project')).json();
    expect(topics.items.map((x: { id: number }) => x.id)).toEqual([topicId]);
    const progressed = await committee.call('POST', `/api/council/projects/${project.id}/progress`, {
      progress: 60,
      milestoneIdsDone: [project.milestones[0].id],
    });
    expect(progressed.json().milestones[0].doneAt).not.toBeNull();
    expect((await resident.call('GET', '/api/council/results')).json().total).toBe(0);
    await committee.call('POST', `/api/council/projects/${project.id}/publish`, {
      resultSummary: '晾衣架已安装，底层住户采光未受影响。',
    });
    const results = (await resident.call('GET', '/api/council/results')).json();
    expect(results.items[0]).toMatchObject({
      name: '5号楼晾衣架自治项目',
      status: 'completed',
      progress: 100,
    });
    expect((await resident.call('GET', '/api/council/projects')).statusCode).toBe(403);
  });
});

describe('invitations and project editing', () => {
  let meetingId: number;

  it('finds households by address or name to invite their people', async () => {
    const found = (await committee.call('GET', '/api/council/households?q=5号102')).json();
    expect(found).toEqual([
      expect.objectContaining({ id: households[1], label: '曹杨二村5号102室', headName: '居民1' }),
    ]);
    const byName = (await committee.call('GET', '/api/council/households?q=居民3')).json();
    expect(byName.map((h: { id: number }) => h.id)).toEqual([households[3]]);
    const byIds = (
      await committee.call('GET', `/api/council/households?ids=${households[2]},${households[0]}`)
    ).json();
    expect(byIds.map((h: { id: number }) => h.id).sort()).toEqual([households[0], households[2]].sort());
    expect((await resident.call('GET', '/api/council/households?q=居民')).statusCode).toBe(403);
    const staff = (await committee.call('GET', '/api/council/staff')).json();
    expect(staff.map((s: { role: string }) => s.role)).toEqual(
      expect.arrayContaining(['committee', 'street_leader']),
    );
  });

  it('invites residents, cadres and experts one by one, once each, and marks presence live', async () => {
    meetingId = (
      await committee.call('POST', '/api/council/meetings', {
        title: '电动车充电议事会',
        heldAt: '2026-04-15T06:30:00Z',
        place: '曹杨二村睦邻中心',
        host: '陈丽华',
      })
    ).json().id;
    const path = `/api/council/meetings/${meetingId}/participants`;
    let m = (
      await committee.call('POST', path, { name: '居民1', kind: 'resident', householdId: households[1] })
    ).json();
    const staff = (await committee.call('GET', '/api/council/staff')).json();
    const cadre = staff.find((s: { role: string }) => s.role === 'street_leader');
    m = (await committee.call('POST', path, { name: cadre.name, kind: 'cadre', userId: cadre.id })).json();
    m = (
      await committee.call('POST', path, {
        name: '钱工程师',
        kind: 'expert',
        organisation: '同济大学建筑设计研究院',
      })
    ).json();
    expect(m.invitedCount).toBe(3);
    expect(m.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '居民1', householdLabel: '曹杨二村5号102室' }),
        expect.objectContaining({ kind: 'cadre', userId: cadre.id }),
        expect.objectContaining({ kind: 'expert', organisation: '同济大学建筑设计研究院' }),
      ]),
    );
    // the same person twice, or a household of another street, is refused
    expect(
      (await committee.call('POST', path, { name: '居民1', kind: 'resident', householdId: households[1] }))
        .statusCode,
    ).toBe(409);
    expect(
      (await committee.call('POST', path, { name: 'x', kind: 'cadre', userId: cadre.id })).statusCode,
    ).toBe(409);
    expect(
      (await committee.call('POST', path, { name: '外人', kind: 'resident', householdId: 999999 }))
        .statusCode,
    ).toBe(400);

    // staff mark presence at the door; every screen hears of it
    const events: Array<{ topic: string; data?: unknown }> = [];
    const stop = t.deps.events.subscribe(street, (e) => events.push(e));
    const expert = m.participants.find((p: { kind: string }) => p.kind === 'expert');
    m = (await committee.call('POST', `${path}/${expert.id}/sign-in`)).json();
    expect(m.presentCount).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(events).toContainEqual(expect.objectContaining({ topic: 'council.sign_in', data: { meetingId } }));

    // an invitation can be taken back, but not from someone present
    expect((await committee.call('DELETE', `${path}/${expert.id}`)).statusCode).toBe(409);
    const resident1 = m.participants.find((p: { name: string }) => p.name === '居民1');
    m = (await committee.call('DELETE', `${path}/${resident1.id}`)).json();
    expect(m.invitedCount).toBe(2);
    expect((await resident.call('DELETE', `${path}/${expert.id}`)).statusCode).toBe(403);
  });

  it('turns a topic into a project, edits it and publishes results residents read', async () => {
    const topic = (
      await committee.call('POST', '/api/council/topics', {
        title: '5号楼电动车飞线充电',
        source: 'visit',
        raisedByName: '居民2',
        householdIds: [households[2]!],
      })
    ).json();
    const project = (
      await committee.call('POST', '/api/council/projects', {
        name: '5号楼充电棚同心助力团',
        kind: '同心成套改造助力团',
        owners: [{ name: '居民2', role: '楼组长' }],
        topicIds: [topic.id],
        householdIds: [households[2]!],
        milestones: [{ title: '选址征询' }, { title: '施工' }],
      })
    ).json();
    const [first, second] = project.milestones;
    const updated = await committee.call('PUT', `/api/council/projects/${project.id}`, {
      name: '5号楼充电棚同心助力团',
      kind: '同心成套改造助力团',
      description: '在5号楼南侧建设充电棚，杜绝飞线充电。',
      owners: [
        { name: '居民2', role: '楼组长' },
        { name: '陈丽华', role: '居委书记' },
      ],
      members: [{ name: '居民3', role: '志愿者' }],
      topicIds: [topic.id],
      householdIds: [households[2]!, households[3]!],
      milestones: [
        { id: first.id, title: '选址征询（已完成）', done: true },
        { title: '验收', dueOn: '2026-06-30' },
      ],
      progress: 40,
    });
    expect(updated.statusCode).toBe(200);
    const p = updated.json();
    expect(p).toMatchObject({
      progress: 40,
      owners: [expect.objectContaining({ name: '居民2' }), expect.objectContaining({ name: '陈丽华' })],
      topics: [{ id: topic.id, title: '5号楼电动车飞线充电' }],
      households: [
        { id: households[2], label: '曹杨二村5号103室' },
        { id: households[3], label: '曹杨二村5号104室' },
      ],
    });
    expect(p.milestones.map((x: { title: string }) => x.title)).toEqual(['选址征询（已完成）', '验收']);
    expect(p.milestones[0].doneAt).not.toBeNull();
    expect(p.milestones.some((x: { id: number }) => x.id === second.id)).toBe(false);
    // the newly linked household's file records the project
    const timeline = await t.deps.db
      .selectFrom('household_events')
      .select('kind')
      .where('tenant_id', '=', street)
      .where('household_id', '=', households[3]!)
      .where('kind', '=', 'council_project')
      .execute();
    expect(timeline).toHaveLength(1);
    // someone else's milestone id is refused
    const foreign = await committee.call('PUT', `/api/council/projects/${project.id}`, {
      ...{ name: 'x1', kind: 'y', owners: [{ name: 'z' }], progress: 0 },
      milestones: [{ id: 999999, title: 'x' }],
    });
    expect(foreign.statusCode).toBe(400);

    // residents read nothing until results are published, then the whole team and topic
    const before = (await resident.call('GET', '/api/council/results')).json();
    expect(before.items.some((x: { id: number }) => x.id === project.id)).toBe(false);
    await committee.call('POST', `/api/council/projects/${project.id}/publish`, {
      resultSummary: '充电棚建成，12辆电动车入棚充电，飞线全部拆除。',
    });
    const after = (await resident.call('GET', '/api/council/results')).json();
    expect(after.items.find((x: { id: number }) => x.id === project.id)).toMatchObject({
      status: 'completed',
      progress: 100,
      members: [{ name: '居民3', role: '志愿者' }],
      topics: [{ id: topic.id, title: '5号楼电动车飞线充电' }],
      resultSummary: '充电棚建成，12辆电动车入棚充电，飞线全部拆除。',
    });
    expect(after.items.find((x: { id: number }) => x.id === project.id)).not.toHaveProperty('householdIds');
  });
});
