import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_KEY, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';
import { FieldCipher, parseKey } from '../../platform/crypto.ts';
import { currentSignInToken } from './council.checkin.ts';

/** Issue #19 point 14: who a scan signs in, the link's host, and a token that changes every minute. */
let t: TestApp;
let clock: ManualClock;
let street: number;
let committee: Session;
let liu: Session;
let household: number;
let meetingId: number;

beforeAll(async () => {
  clock = new ManualClock('2026-04-01T01:00:00Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  const leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  const buildingId = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1号' })
  ).json().id;
  household = (
    await leader.call('POST', '/api/households', { buildingId, room: '101', headName: '卢根' })
  ).json().id;
  await leader.call('PATCH', `/api/households/${household}`, {
    members: [{ name: '刘桂芳', relation: '配偶', ageBand: null }],
  });
  committee = await login(t.app, await newUser(t.deps, 'committee', street));
  const liuUser = await newUser(t.deps, 'resident', street, { householdId: household });
  await t.deps.db
    .updateTable('users')
    .set({ display_name: '居民 刘桂芳' })
    .where('id', '=', liuUser.id)
    .execute();
  liu = await login(t.app, liuUser);
  meetingId = (
    await committee.call('POST', '/api/council/meetings', {
      title: '楼道议事会',
      heldAt: '2026-04-01T02:00:00Z',
      place: '睦邻中心',
      host: '陈丽华',
      invited: [{ name: '卢根', kind: 'resident', householdId: household }],
    })
  ).json().id;
});
afterAll(() => t.close());

const link = async () =>
  (await committee.call('GET', `/api/council/meetings/${meetingId}/sign-in-link`)).json();

describe('QR sign-in', () => {
  it('builds the link on the request’s address when GONGZHI_PUBLIC_URL is unset, and says so', async () => {
    const l = await link();
    expect(l.origin).toBe('request');
    expect(l.url).toMatch(new RegExp(`^http://localhost(:\\d+)?/council/check-in/${meetingId}\\?t=`));
    expect(l.refreshInSeconds).toBeGreaterThan(0);
    expect(l.refreshInSeconds).toBeLessThanOrEqual(60);
  });

  it('changes the token every minute; another process with the same key computes the same one', async () => {
    const first = (await link()).token;
    const m = await t.deps.db
      .selectFrom('council_meetings')
      .select(['tenant_id', 'id', 'sign_in_token'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const elsewhere = { ...t.deps, cipher: new FieldCipher(parseKey(TEST_KEY)) };
    expect(currentSignInToken(elsewhere, m)).toBe(first);
    clock.advance(60_000);
    expect((await link()).token).not.toBe(first);
    clock.advance(-60_000);
  });

  it('refuses a token two minutes old with a message saying to scan the code in the room', async () => {
    const old = (await link()).token;
    clock.advance(61_000);
    clock.advance(60_000);
    const refused = await liu.call('POST', `/api/council/meetings/${meetingId}/check-in`, { token: old });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('签到二维码已过期');
    expect(refused.json().details).toEqual({ reason: 'expired' });
    // a forged token of the current minute is an unknown meeting
    const forged = `${old.split('.')[0]}.${'A'.repeat(22)}`;
    expect(
      (await liu.call('POST', `/api/council/meetings/${meetingId}/check-in`, { token: forged })).statusCode,
    ).toBe(404);
    const row = await t.deps.db
      .selectFrom('council_participants')
      .select('signed_in_at')
      .where('meeting_id', '=', meetingId)
      .where('signed_in_at', 'is not', null)
      .execute();
    expect(row).toHaveLength(0);
  });

  it('signs in the person who scanned, not the household’s invitee, with last minute’s code', async () => {
    const token = (await link()).token;
    clock.advance(60_000); // the code changed while she was scanning: still good
    const res = await liu.call('POST', `/api/council/meetings/${meetingId}/check-in`, { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '刘桂芳' });
    const meeting = (await committee.call('GET', `/api/council/meetings/${meetingId}`)).json();
    const byName = (n: string) => meeting.participants.find((p: { name: string }) => p.name === n);
    expect(byName('刘桂芳')).toMatchObject({
      householdId: household,
      signInMethod: 'qr',
      invited: false,
      userId: expect.any(Number),
    });
    expect(byName('卢根')).toMatchObject({ signedInAt: null, userId: null });
    const timeline = await t.deps.db
      .selectFrom('household_events')
      .select('title')
      .where('tenant_id', '=', street)
      .where('household_id', '=', household)
      .where('kind', '=', 'council_attendance')
      .execute();
    expect(timeline.map((e) => e.title)).toEqual(['出席红色议事厅：楼道议事会（刘桂芳）']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('payload')
      .where('tenant_id', '=', street)
      .where('action', '=', 'council.sign_in')
      .execute();
    expect(audit.map((a) => a.payload)).toEqual([expect.objectContaining({ name: '刘桂芳', method: 'qr' })]);
  });
});

describe('GONGZHI_PUBLIC_URL', () => {
  it('is the host of the QR link whatever address the staff used', async () => {
    const other = await createTestApp({ env: { GONGZHI_PUBLIC_URL: 'https://gongzhi.example.gov.cn/' } });
    try {
      const s = await newStreet(other.deps);
      const staff = await login(other.app, await newUser(other.deps, 'committee', s));
      const id = (
        await staff.call('POST', '/api/council/meetings', {
          title: '议事会',
          heldAt: '2026-04-01T02:00:00Z',
          place: '睦邻中心',
          host: '陈丽华',
        })
      ).json().id;
      const l = (await staff.call('GET', `/api/council/meetings/${id}/sign-in-link`)).json();
      expect(l.origin).toBe('config');
      expect(l.url).toMatch(new RegExp(`^https://gongzhi\\.example\\.gov\\.cn/council/check-in/${id}\\?t=`));
    } finally {
      await other.close();
    }
  });
});
