import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

/** Issue #19 point 13: the invited resident's agenda, answer (RSVP), and the published minutes. */
let t: TestApp;
let clock: ManualClock;
let street: number;
let committee: Session;
let liu: Session;
let liuId: number;
let neighbour: Session;
let outsider: Session;
let meetingId: number;
let topicId: number;

async function household(leader: Session, buildingId: number, room: string, headName: string) {
  return (await leader.call('POST', '/api/households', { buildingId, room, headName })).json().id as number;
}

beforeAll(async () => {
  clock = new ManualClock('2026-04-01T01:00:00Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  const leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  const buildingId = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1号' })
  ).json().id;
  const lu = await household(leader, buildingId, '101', '卢根');
  await leader.call('PATCH', `/api/households/${lu}`, {
    members: [{ name: '刘桂芳', relation: '配偶', ageBand: null }],
  });
  const other = await household(leader, buildingId, '102', '张三');
  committee = await login(t.app, await newUser(t.deps, 'committee', street));
  const liuUser = await newUser(t.deps, 'resident', street, { householdId: lu });
  liuId = liuUser.id;
  await t.deps.db.updateTable('users').set({ display_name: '居民 刘桂芳' }).where('id', '=', liuId).execute();
  liu = await login(t.app, liuUser);
  neighbour = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: other }));
  const elsewhere = await newStreet(t.deps, '长风');
  outsider = await login(t.app, await newUser(t.deps, 'resident', elsewhere));
  topicId = (
    await committee.call('POST', '/api/council/topics', {
      title: '1号楼加装电梯',
      description: '高层老人上下楼困难，底层担心采光和噪声。',
      source: 'staff',
      raisedByName: '陈丽华',
    })
  ).json().id;
  meetingId = (
    await committee.call('POST', '/api/council/meetings', {
      title: '加装电梯议事会',
      heldAt: '2026-04-01T08:00:00Z',
      place: '睦邻中心',
      host: '陈丽华',
      topicIds: [topicId],
      invited: [
        { name: '卢根', kind: 'resident', householdId: lu },
        { name: '赵党员', kind: 'party_member' },
      ],
    })
  ).json().id;
});
afterAll(() => t.close());

const invitation = (s: Session) => s.call('GET', `/api/council/meetings/${meetingId}/invitation`);
const rsvp = (s: Session, answer: string) =>
  s.call('POST', `/api/council/meetings/${meetingId}/rsvp`, { answer });

describe('the invited resident', () => {
  it('opens the meeting of their household: time, place and the agenda with what each topic is about', async () => {
    const res = await invitation(liu);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      title: '加装电梯议事会',
      heldAt: '2026-04-01T08:00:00.000Z',
      place: '睦邻中心',
      topics: [
        { id: topicId, title: '1号楼加装电梯', description: '高层老人上下楼困难，底层担心采光和噪声。' },
      ],
      invitation: { name: '卢根', rsvp: null, signedInAt: null },
      rsvpOpen: true,
      minutes: null,
      resolutions: [],
    });
    // residents not invited, and of another street, are told it does not exist
    expect((await invitation(neighbour)).statusCode).toBe(404);
    expect((await invitation(outsider)).statusCode).toBe(404);
    expect((await rsvp(neighbour, 'yes')).statusCode).toBe(404);
    // the staff view stays staff-only
    expect((await liu.call('GET', `/api/council/meetings/${meetingId}`)).statusCode).toBe(403);
  });

  it('answers 参加 / 不参加 / 待定 and may change it until the meeting starts; staff see counts and who', async () => {
    expect((await rsvp(liu, 'yes')).json().invitation).toMatchObject({ rsvp: 'yes' });
    clock.advance(3_600_000);
    const changed = await rsvp(liu, 'maybe');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().invitation).toMatchObject({ rsvp: 'maybe', rsvpAt: '2026-04-01T02:00:00.000Z' });
    expect((await rsvp(liu, 'sure')).statusCode).toBe(400);
    const staff = (await committee.call('GET', `/api/council/meetings/${meetingId}`)).json();
    expect(staff.rsvpCounts).toEqual({ yes: 0, no: 0, maybe: 1, none: 1 });
    expect(staff.participants.find((p: { name: string }) => p.name === '卢根')).toMatchObject({
      rsvp: 'maybe',
      rsvpByName: '居民 刘桂芳',
    });
    const portal = (await liu.call('GET', '/api/portal/home')).json();
    expect(portal.meetings).toEqual([
      expect.objectContaining({
        id: meetingId,
        status: 'rsvp_maybe',
        link: `/council/meetings/${meetingId}`,
      }),
    ]);

    clock.set('2026-04-01T08:01:00Z');
    const late = await rsvp(liu, 'no');
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('议事会已开始');
    expect((await invitation(liu)).json().rsvpOpen).toBe(false);
  });

  it('sees the minutes and the resolutions only once staff publish them, and is told', async () => {
    await committee.call('POST', `/api/council/meetings/${meetingId}/resolutions`, {
      topicId,
      text: '1号楼东单元先行加装电梯',
      votesFor: 12,
      votesAgainst: 2,
      votesAbstain: 1,
    });
    expect(
      (await committee.call('POST', `/api/council/meetings/${meetingId}/minutes/publish`)).statusCode,
    ).toBe(400); // nothing to publish yet
    await committee.call('POST', `/api/council/meetings/${meetingId}/minutes`, {
      minutes: '主持人介绍方案，居民充分讨论后表决。',
    });
    const draft = (await invitation(liu)).json();
    expect(draft).toMatchObject({ status: 'held', minutes: null, resolutions: [], minutesPublishedAt: null });

    const published = await committee.call('POST', `/api/council/meetings/${meetingId}/minutes/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().minutesPublishedAt).toBe('2026-04-01T08:01:00.000Z');
    expect((await liu.call('POST', `/api/council/meetings/${meetingId}/minutes/publish`)).statusCode).toBe(
      403,
    );
    const seen = (await invitation(liu)).json();
    expect(seen).toMatchObject({
      minutes: '主持人介绍方案，居民充分讨论后表决。',
      minutesPublishedAt: '2026-04-01T08:01:00.000Z',
      resolutions: [
        { text: '1号楼东单元先行加装电梯', topicTitle: '1号楼加装电梯', votesFor: 12, passed: true },
      ],
    });
    const told = await t.deps.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('tenant_id', '=', street)
      .where('user_id', '=', liuId)
      .execute();
    expect(told).toEqual([
      { title: '议事会纪要已公布：加装电梯议事会', link: `/council/meetings/${meetingId}` },
    ]);
    const portal = (await liu.call('GET', '/api/portal/home')).json();
    expect(portal.meetings).toEqual([
      expect.objectContaining({ id: meetingId, status: 'minutes_published' }),
    ]);
  });
});
