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

    // the resident opens the link: signed in as their household's invitation, once
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
      name: '居民0',
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
