import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app.ts';
import { DAY, ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser, type Session, type TestUser } from '../support/factories.ts';

/**
 * Idempotency-Key (platform/idempotency.ts) on the routes a phone's offline outbox sends again:
 * the same key twice makes one record and the first answer; the same key for another request is
 * refused; a refusal is not kept. A second app on the same database stands for a second process.
 */
let t: TestApp;
let second: BuiltApp;
const clock = new ManualClock('2026-11-27T02:00:00Z');
let cadre: Session;
let peer: Session;
let leader: Session;
let cadreUser: TestUser;
let mine: number;
let notMine: number;

// A 1×1 PNG: the smallest photo the content sniffer accepts.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAghQFVQAAAABJRU5ErkJggg==',
  'base64',
);

function send(
  s: Session,
  url: string,
  key: string | undefined,
  payload: object | Buffer,
  opts: { app?: BuiltApp['app']; lang?: string; type?: string } = {},
) {
  return (opts.app ?? t.app).inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(key ? { 'idempotency-key': key } : {}),
      ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      ...(opts.type ? { 'content-type': opts.type } : {}),
    },
    payload,
  });
}

async function visitsOf(householdId: number) {
  return (await leader.call('GET', `/api/households/${householdId}`)).json().visits as Array<{ id: number }>;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  second = await buildApp(t.deps);
  const street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  cadreUser = await newUser(t.deps, 'cadre', street);
  const peerUser = await newUser(t.deps, 'cadre', street);
  cadre = await login(t.app, cadreUser);
  peer = await login(t.app, peerUser);
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const building = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '21' })).json()
    .id;
  const flat = async (room: string) =>
    (
      await leader.call('POST', '/api/households', { buildingId: building, room, headName: '张' + room })
    ).json().id as number;
  mine = await flat('101');
  notMine = await flat('102');
  await leader.call('POST', '/api/assignments', { userId: cadreUser.id, householdIds: [mine] });
  await leader.call('POST', '/api/assignments', { userId: peerUser.id, householdIds: [mine] });
});
afterAll(async () => {
  await second.app.close();
  await t.close();
});

describe('Idempotency-Key', () => {
  it('records a visit once and answers the first result to the repeat, on any process', async () => {
    const body = { method: 'door', summary: '楼道里没有信号，回来补录', emotionalNotes: '担心老伴身体' };
    const first = await send(cadre, `/api/households/${mine}/visits`, 'visit-key-0001', body);
    expect(first.statusCode).toBe(200);
    const again = await send(cadre, `/api/households/${mine}/visits`, 'visit-key-0001', body, {
      app: second.app,
    });
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await visitsOf(mine)).filter((v) => v.id === first.json().id)).toHaveLength(1);
    expect(await visitsOf(mine)).toHaveLength(1);
  });

  it('refuses the same key for another body or another household, in zh and en', async () => {
    const url = `/api/households/${mine}/visits`;
    await send(cadre, url, 'visit-key-0002', { method: 'door', summary: '第一次' });
    const other = await send(cadre, url, 'visit-key-0002', { method: 'door', summary: '改过的' });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(other.json().message).toMatch(/提交编号/);
    const en = await send(cadre, url, 'visit-key-0002', { method: 'phone', summary: 'x' }, { lang: 'en' });
    expect(en.json().message).toMatch(/already used for a different request/);
    const elsewhere = await send(leader, `/api/households/${notMine}/visits`, 'visit-key-0002', {
      method: 'door',
      summary: '第一次',
    });
    expect(elsewhere.statusCode).toBe(200); // another user's keys are their own
  });

  it('answers a refused record with its error each time and keeps nothing for it', async () => {
    const url = `/api/households/${notMine}/concerns`;
    const body = { content: '厨房漏水' };
    for (let i = 0; i < 2; i++) expect((await send(cadre, url, 'concern-key-01', body)).statusCode).toBe(404);
    const invalid = { content: '' };
    for (let i = 0; i < 2; i++)
      expect((await send(cadre, url, 'concern-key-02', invalid)).json().code).toBe('validation_failed');
    // fixed (the household is assigned now): the same key records it once
    await leader.call('POST', '/api/assignments', { userId: cadreUser.id, householdIds: [notMine] });
    const ok = await send(cadre, url, 'concern-key-01', body);
    expect(ok.statusCode).toBe(200);
    expect((await send(cadre, url, 'concern-key-01', body)).body).toBe(ok.body);
    const file = (await leader.call('GET', `/api/households/${notMine}`)).json();
    expect(file.concerns.filter((c: { content: string }) => c.content === '厨房漏水')).toHaveLength(1);
  });

  it('makes one record of copies sent at once to two processes', async () => {
    const body = { method: 'wechat', summary: '同时到达的两份' };
    const url = `/api/households/${mine}/visits`;
    const before = (await visitsOf(mine)).length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        send(peer, url, 'race-key-0001', body, { app: i % 2 ? second.app : t.app }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200 || a.json().code === 'idempotency_in_progress')).toBe(
      true,
    );
    const bodies = new Set(answers.filter((a) => a.statusCode === 200).map((a) => a.body));
    expect(bodies.size).toBe(1);
    expect((await visitsOf(mine)).length).toBe(before + 1);
  });

  it('keeps a photo once, dated when it was taken, and serves it back', async () => {
    const takenAt = '2026-11-27T01:15:00.000Z';
    const url = `/api/households/${mine}/photos?caption=${encodeURIComponent('门口堆物')}&takenAt=${takenAt}`;
    const first = await send(cadre, url, 'photo-key-0001', PNG, { type: 'image/png' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ caption: '门口堆物', takenAt, mime: 'image/png' });
    const again = await send(cadre, url, 'photo-key-0001', PNG, { type: 'image/png' });
    expect(again.body).toBe(first.body);
    const file = (await leader.call('GET', `/api/households/${mine}`)).json();
    const photos = file.timeline.filter((e: { kind: string }) => e.kind === 'photo');
    expect(photos).toHaveLength(1);
    expect(photos[0].occurredAt).toBe(takenAt);
    const image = await cadre.call('GET', `/api/households/${mine}/photos/${first.json().id}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);
    const notPhoto = await send(cadre, url, 'photo-key-0002', Buffer.from('not an image'), {
      type: 'image/png',
    });
    expect(notPhoto.json().code).toBe('unsupported_file');
  });

  it('dates an offline concern when it was recorded, never in the future', async () => {
    const recordedAt = '2026-11-27T01:30:00.000Z';
    const url = `/api/households/${mine}/concerns`;
    const ok = await send(cadre, url, 'concern-key-03', { content: '想知道过渡房在哪', recordedAt });
    expect(ok.json().createdAt).toBe(recordedAt);
    const file = (await leader.call('GET', `/api/households/${mine}`)).json();
    const entry = file.timeline.find(
      (e: { detail: { concernId?: number } }) => e.detail.concernId === ok.json().id,
    );
    expect(entry.occurredAt).toBe(recordedAt);
    const future = await send(cadre, url, 'concern-key-04', {
      content: '未来',
      recordedAt: '2027-01-01T00:00:00Z',
    });
    expect(future.json().details[0].path).toBe('body.recordedAt');
  });

  it('refuses a malformed key and expires keys after 7 days', async () => {
    const url = `/api/households/${mine}/visits`;
    const body = { method: 'door', summary: '一周以后' };
    expect((await send(cadre, url, 'short', body)).statusCode).toBe(400);
    const first = await send(cadre, url, 'expiring-key-01', body);
    clock.advance(8 * DAY);
    const later = await send(await login(t.app, cadreUser), url, 'expiring-key-01', body); // sessions end too
    expect(later.statusCode).toBe(200);
    expect(later.json().id).not.toBe(first.json().id);
  });
});
