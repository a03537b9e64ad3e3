import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import type { PortalHome, PortalItem } from '../../../contract/portal.ts';
import { ManualClock } from '../../platform/clock.ts';
import { notify } from '../../platform/notifications.ts';

let t: TestApp;
let street: number;
let leader: Session;
let alice: Session; // resident of household A
let bob: Session; // resident of household B
let aliceId: number;
let householdA: number;
let householdB: number;

const kinds = (items: PortalItem[]) => items.map((i) => i.kind).sort();
const home = async (s: Session): Promise<PortalHome> => {
  const res = await s.call('GET', '/api/portal/home');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PortalHome>();
};

beforeAll(async () => {
  const clock = new ManualClock('2026-03-01T02:00:00Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const building = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '3号' })).json()
    .id;
  const household = async (room: string, headName: string) =>
    (await leader.call('POST', '/api/households', { buildingId: building, room, headName })).json()
      .id as number;
  householdA = await household('201', '居民甲');
  householdB = await household('202', '居民乙');
  const aliceUser = await newUser(t.deps, 'resident', street, { householdId: householdA });
  aliceId = aliceUser.id;
  alice = await login(t.app, aliceUser);
  bob = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: householdB }));

  // the portal lists what awaits the resident; the order of steps is the renewal module's to test
  await leader.call('PUT', '/api/renewal-settings', {
    relaxed: ['willingness_before_plan'],
    reason: '门户测试',
  });
  // household A: a plan to confirm, a concern, a move, a meeting invitation, a suggestion, a notice
  const option = (
    await leader.call('POST', `/api/estates/${estateId}/layout-options`, {
      code: 'A1',
      name: '厨卫独用',
      addedArea: 4.5,
    })
  ).json();
  const plan = await leader.call('POST', `/api/households/${householdA}/plans`, {
    layoutOptionId: option.id,
    addedArea: 4.5,
    transition: 'agency',
    allowances: [{ item: '临时安置补偿费', formula: '12 × 1800', amount: 21600 }],
  });
  expect(plan.statusCode, plan.body).toBe(200);
  expect(
    (await leader.call('POST', `/api/households/${householdA}/concerns`, { content: '担心过渡期租房太贵' }))
      .statusCode,
  ).toBe(200);
  const move = await alice.call('POST', '/api/relocation/moves', {
    householdId: householdA,
    direction: 'out',
    moveOn: '2026-03-20',
    slot: 'am',
    volumeM3: 8,
  });
  expect(move.statusCode, move.body).toBe(200);
  const meeting = await leader.call('POST', '/api/council/meetings', {
    title: '加装电梯议事会',
    heldAt: '2026-03-10T06:30:00Z',
    place: '睦邻中心',
    host: '陈丽华',
    invited: [{ name: '居民甲', kind: 'resident', householdId: householdA }],
  });
  expect(meeting.statusCode, meeting.body).toBe(200);
  const suggestion = await alice.call('POST', '/api/suggestions', {
    subject: '小区增设电动车充电桩',
    reason: '楼道里充电有火灾隐患',
    proposal: '在花坛边增设集中充电桩',
    proposerName: '居民甲',
  });
  expect(suggestion.statusCode, suggestion.body).toBe(200);
  await notify(t.deps.db, t.deps, {
    tenantId: street,
    recipients: [{ userId: aliceId }],
    topic: 'portal.test',
    title: '搬家时间已排定',
    body: '3月20日上午，先锋队将上门',
    link: '/my-move',
  });

  // the street: a published anti-fraud lesson (and a draft one residents must not see)
  for (const [title, published] of [
    ['冒充客服退款骗局', true],
    ['尚未发布的课程', false],
  ] as const) {
    const lesson = await leader.call('POST', '/api/antifraud/lessons', {
      title,
      script: '接到自称客服说要给您退款的电话，先挂断，再打官方电话核实。',
      durationSeconds: 90,
      published,
    });
    expect(lesson.statusCode, lesson.body).toBe(200);
  }

  // both households: a signing round waiting for their signature
  const round = await leader.call('POST', `/api/estates/${estateId}/consultations`, {
    title: '成套改造协议签约',
    kind: 'signing',
  });
  expect(round.statusCode, round.body).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/portal/home', () => {
  it("gathers the resident's own household's items from every module", async () => {
    const h = await home(alice);
    expect(h.household).toMatchObject({
      id: householdA,
      estateName: '曹杨一村',
      buildingNumber: '3号',
      room: '201',
      stage: 'not_visited',
      nextStage: 'visited',
      step: 1,
      steps: 10,
    });
    expect(kinds(h.awaiting)).toEqual(['plan', 'round']);
    expect(h.awaiting.find((i) => i.kind === 'round')).toMatchObject({
      title: '成套改造协议签约',
      status: 'to_sign',
      tone: 'action',
      link: '/my-home#home-rounds',
    });
    expect(h.awaiting.find((i) => i.kind === 'plan')).toMatchObject({
      title: 'A1 厨卫独用',
      link: '/my-home#home-plan',
    });
    expect(h.bookings).toEqual([
      expect.objectContaining({ kind: 'move', title: 'out', status: 'requested', at: '2026-03-20' }),
    ]);
    expect(h.meetings).toEqual([
      expect.objectContaining({ kind: 'meeting', title: '加装电梯议事会', detail: '睦邻中心 · 陈丽华' }),
    ]);
    expect(kinds(h.mine)).toEqual(['concern', 'suggestion']);
    expect(h.mine.find((i) => i.kind === 'suggestion')).toMatchObject({
      title: '小区增设电动车充电桩',
      status: 'registered',
    });
    expect(h.notices).toEqual([
      expect.objectContaining({
        kind: 'notice',
        title: '搬家时间已排定',
        status: 'unread',
        link: '/my-move',
      }),
    ]);
    expect(h.unreadNotices).toBe(1);
    expect(h.lessons).toEqual([
      expect.objectContaining({
        kind: 'lesson',
        title: '冒充客服退款骗局',
        detail: '90',
        link: '/my/anti-fraud',
      }),
    ]);
  });

  it('shows another household only its own items', async () => {
    const h = await home(bob);
    expect(h.household?.id).toBe(householdB);
    expect(kinds(h.awaiting)).toEqual(['round']);
    expect(h.bookings).toEqual([]);
    expect(h.meetings).toEqual([]);
    expect(h.mine).toEqual([]);
    expect(h.notices).toEqual([]);
    expect(h.unreadNotices).toBe(0);
    // street-wide items are everyone's
    expect(h.lessons.map((l) => l.title)).toEqual(['冒充客服退款骗局']);
    const text = JSON.stringify(h);
    for (const foreign of ['厨卫独用', '担心过渡期', '加装电梯', '充电桩', '搬家时间'])
      expect(text).not.toContain(foreign);
  });

  it('follows the records: a confirmed plan leaves the list, a read notice stops counting', async () => {
    expect((await alice.call('POST', `/api/households/${householdA}/plans/1/confirm`, {})).statusCode).toBe(
      200,
    );
    const notice = (await home(alice)).notices[0]!;
    expect((await alice.call('POST', `/api/notifications/${notice.id}/read`)).statusCode).toBe(200);
    const h = await home(alice);
    expect(kinds(h.awaiting)).toEqual(['round']);
    expect(h.household?.stage).toBe('plan_confirmed');
    expect(h.notices[0]).toMatchObject({ status: 'read', tone: 'done' });
    expect(h.unreadNotices).toBe(0);
  });

  it('is for residents only: staff get 403, visitors 401', async () => {
    expect((await leader.call('GET', '/api/portal/home')).statusCode).toBe(403);
    const committee = await login(t.app, await newUser(t.deps, 'committee', street));
    expect((await committee.call('GET', '/api/portal/home')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/home' })).statusCode).toBe(401);
  });

  it('answers a resident without a household with the street-wide items only', async () => {
    const lone = await login(t.app, await newUser(t.deps, 'resident', street));
    const h = await home(lone);
    expect(h.household).toBeNull();
    expect(h.awaiting).toEqual([]);
    expect(h.bookings).toEqual([]);
  });
});
