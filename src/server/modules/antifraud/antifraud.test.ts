import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { DAY, ManualClock } from '../../platform/clock.ts';
import { periodicTasks } from '../../background.ts';
import { antifraudRetentionTask } from './antifraud.tasks.ts';
import { purgeExpiredEntries } from './antifraud.retention.ts';
import { minutesProblem } from './antifraud.visits.ts';

const clock = new ManualClock('2026-11-02T02:00:00Z'); // 10:00 in Shanghai, 2026-11-02
let t: TestApp;
let street: number;
let leader: Session;
let workerA: Session;
let workerB: Session;
let workerAId: number;
let workerBId: number;
let resident: Session;
const households: number[] = [];

async function countRows(table: 'antifraud_entries' | 'antifraud_visits' | 'antifraud_round_entries') {
  return (await t.deps.db.selectFrom(table).select('tenant_id').where('tenant_id', '=', street).execute())
    .length;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const a = await newUser(t.deps, 'committee', street);
  const b = await newUser(t.deps, 'committee', street);
  workerAId = a.id;
  workerBId = b.id;
  workerA = await login(t.app, a);
  workerB = await login(t.app, b);
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const buildingId = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '7号' })
  ).json().id;
  for (let i = 0; i < 8; i++) {
    const res = await leader.call('POST', '/api/households', {
      buildingId,
      room: String(101 + i),
      headName: `居民${i}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    households.push(res.json().id);
  }
  const patched = await leader.call('PATCH', `/api/households/${households[0]}`, {
    members: [{ name: '居民0的母亲', relation: '母亲', ageBand: '80+' }],
  });
  expect(patched.statusCode, patched.body).toBe(200);
  resident = await login(t.app, await newUser(t.deps, 'resident', street, { householdId: households[7]! }));
});
afterAll(() => t.close());

const entry = (householdId: number, extra: Record<string, unknown> = {}) => ({
  householdId,
  source: 'police',
  tier: 'high',
  reasonCode: 'suspected_fraud_call',
  workerId: workerAId,
  reviewOn: '2026-12-01',
  retainUntil: '2027-11-01',
  ...extra,
});

describe('the watch list', () => {
  let entryId: number;

  it('puts a resident on the list with only a reference, a source, a tier, a reason and dates', async () => {
    const res = await leader.call('POST', '/api/antifraud/entries', entry(households[0]!));
    expect(res.statusCode, res.body).toBe(200);
    entryId = res.json().id;
    expect(res.json()).toMatchObject({
      householdId: households[0],
      address: '7号 101室',
      personName: '居民0',
      memberName: null,
      source: 'police',
      tier: 'high',
      reasonCode: 'suspected_fraud_call',
      workerId: workerAId,
      reviewDue: false,
      visitCount: 0,
      visits: [],
    });
    // a member of the household (by the name on file), and only such a member
    const member = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[0]!, { memberName: '居民0的母亲', tier: 'medium', source: 'self' }),
    );
    expect(member.statusCode, member.body).toBe(200);
    expect(member.json().personName).toBe('居民0的母亲');
    const stranger = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[1]!, { memberName: '不在档案里的人' }),
    );
    expect(stranger.statusCode).toBe(400);
    // the same person twice
    expect((await leader.call('POST', '/api/antifraud/entries', entry(households[0]!))).statusCode).toBe(409);
    // the worker must be an anti-fraud worker of this street
    const cadre = await newUser(t.deps, 'cadre', street);
    const wrongWorker = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[2]!, { workerId: cadre.id }),
    );
    expect(wrongWorker.statusCode).toBe(400);
    // retention must lie ahead and after the review
    const past = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[2]!, { retainUntil: '2026-11-01', reviewOn: '2026-10-01' }),
    );
    expect(past.statusCode).toBe(400);
    const unknownHousehold = await leader.call('POST', '/api/antifraud/entries', entry(99_999_999));
    expect(unknownHousehold.statusCode).toBe(400);
  });

  it('refuses case details, accounts and amounts: the schemas are strict', async () => {
    for (const extra of [
      { amount: 50000 },
      { bankAccount: '6222020200112233445' },
      { caseDetails: '被骗经过' },
      { idNumber: '310107194001010012' },
      { phone: '13800138000' },
    ]) {
      const res = await leader.call('POST', '/api/antifraud/entries', entry(households[3]!, extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    expect(
      (await leader.call('PATCH', `/api/antifraud/entries/${entryId}`, { tier: 'low', amount: 1 }))
        .statusCode,
    ).toBe(400);
    const visitWithAmount = await workerA.call('POST', `/api/antifraud/entries/${entryId}/visits`, {
      channel: 'in_person',
      visitedOn: '2026-11-01',
      outcomes: [],
      amount: 3000,
    });
    expect(visitWithAmount.statusCode).toBe(400);
    // …and free text cannot carry them either
    for (const minutes of ['老人说卡号 6222 0202 0011 2233 445', '被骗了5万元', '转账￥3000', '损失三万元']) {
      const res = await workerA.call('POST', `/api/antifraud/entries/${entryId}/visits`, {
        channel: 'in_person',
        visitedOn: '2026-11-01',
        minutes,
      });
      expect(res.statusCode, minutes).toBe(400);
    }
    expect(minutesProblem('讲解96110，安装反诈APP，2026-11-01 再访')).toBeNull();
    expect(await countRows('antifraud_visits')).toBe(0);
  });

  it('lets the assigned worker record visits with outcomes, and the lead re-tier and reassign', async () => {
    const visit = await workerA.call('POST', `/api/antifraud/entries/${entryId}/visits`, {
      channel: 'phone',
      visitedOn: '2026-11-01',
      minutes: '电话提醒，约好下周上门。',
      outcomes: ['hotline_96110', 'hotline_96110'],
    });
    expect(visit.statusCode, visit.body).toBe(200);
    expect(visit.json()).toMatchObject({
      visitCount: 1,
      lastVisitOn: '2026-11-01',
      lastVisitChannel: 'phone',
    });
    expect(visit.json().visits[0]).toMatchObject({ workerId: workerAId, outcomes: ['hotline_96110'] });
    const future = await workerA.call('POST', `/api/antifraud/entries/${entryId}/visits`, {
      channel: 'in_person',
      visitedOn: '2026-11-09',
    });
    expect(future.statusCode).toBe(400);

    // a worker sees only their own entries
    const mine = (await workerA.call('GET', '/api/antifraud/entries')).json();
    expect(mine.items.map((e: { id: number }) => e.id)).toContain(entryId);
    expect((await workerB.call('GET', '/api/antifraud/entries')).json().total).toBe(0);
    expect((await workerB.call('GET', `/api/antifraud/entries/${entryId}`)).statusCode).toBe(404);
    expect(
      (
        await workerB.call('POST', `/api/antifraud/entries/${entryId}/visits`, {
          channel: 'in_person',
          visitedOn: '2026-11-01',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await workerA.call('PATCH', `/api/antifraud/entries/${entryId}`, { tier: 'low' })).statusCode,
    ).toBe(403);

    // the lead reassigns to B: now B has it and A does not
    const moved = await leader.call('PATCH', `/api/antifraud/entries/${entryId}`, {
      tier: 'medium',
      workerId: workerBId,
      reviewOn: '2026-11-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ tier: 'medium', workerId: workerBId, reviewDue: true });
    expect((await workerA.call('GET', `/api/antifraud/entries/${entryId}`)).statusCode).toBe(404);
    const seen = await workerB.call('GET', `/api/antifraud/entries/${entryId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().visits).toHaveLength(1);
    const due = (await workerB.call('GET', '/api/antifraud/entries?due=true')).json();
    expect(due.items.map((e: { id: number }) => e.id)).toEqual([entryId]);

    const workers = (await leader.call('GET', '/api/antifraud/workers')).json();
    expect(workers.items.find((w: { id: number }) => w.id === workerBId)).toMatchObject({ entries: 1 });
  });

  it('audits creating, changing, viewing and listing, with ids and codes but no names', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'payload', 'actor_user_id'])
      .where('tenant_id', '=', street)
      .where('action', 'like', 'antifraud.%')
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'antifraud.entry.create',
      'antifraud.entry.update',
      'antifraud.entry.view',
      'antifraud.entry.list',
      'antifraud.visit.create',
    ])
      expect(actions, a).toContain(a);
    expect(rows.some((r) => r.action === 'antifraud.entry.list' && r.actor_user_id === workerBId)).toBe(true);
    const text = JSON.stringify(rows.map((r) => r.payload));
    expect(text).not.toContain('居民0');
    expect(text).not.toContain('电话提醒');
    expect((await verifyAudit(t.deps.db, street)).ok).toBe(true);
  });

  it('takes someone off the list on request, with their visits', async () => {
    const created = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[5]!, { workerId: workerAId }),
    );
    const id = created.json().id;
    await workerA.call('POST', `/api/antifraud/entries/${id}/visits`, {
      channel: 'wechat',
      visitedOn: '2026-11-02',
    });
    expect((await workerA.call('DELETE', `/api/antifraud/entries/${id}`)).statusCode).toBe(403);
    expect((await leader.call('DELETE', `/api/antifraud/entries/${id}`)).statusCode).toBe(200);
    expect((await leader.call('GET', `/api/antifraud/entries/${id}`)).statusCode).toBe(404);
    const left = await t.deps.db
      .selectFrom('antifraud_visits')
      .select('id')
      .where('tenant_id', '=', street)
      .where('entry_id', '=', id)
      .execute();
    expect(left).toHaveLength(0);
  });
});

describe('rounds and the face-to-face rate', () => {
  it('counts an entry once per round when it had a face-to-face visit inside the round’s period', async () => {
    // four people for this round, all with worker A
    const ids: number[] = [];
    for (const h of households.slice(1, 5)) {
      const res = await leader.call(
        'POST',
        '/api/antifraud/entries',
        entry(h, { workerId: workerAId, tier: 'medium', source: 'committee' }),
      );
      expect(res.statusCode, res.body).toBe(200);
      ids.push(res.json().id);
    }
    const round = await leader.call('POST', '/api/antifraud/rounds', {
      name: '第一轮',
      startsOn: '2026-10-01',
      endsOn: '2026-10-31',
      entryIds: ids,
    });
    expect(round.statusCode, round.body).toBe(200);
    const roundId = round.json().id;
    expect(round.json()).toMatchObject({ targets: 4, inPerson: 0, reached: 0, inPersonRate: 0 });
    const visit = (id: number, channel: string, visitedOn: string) =>
      workerA.call('POST', `/api/antifraud/entries/${id}/visits`, { channel, visitedOn, outcomes: [] });
    // [0]: two face-to-face visits in the period → counted once
    await visit(ids[0]!, 'in_person', '2026-10-03');
    await visit(ids[0]!, 'in_person', '2026-10-20');
    // [1]: phone only → reached, not face to face
    await visit(ids[1]!, 'phone', '2026-10-05');
    // [2]: face to face, but the day after the round ended → neither
    await visit(ids[2]!, 'in_person', '2026-11-01');
    // [3]: WeChat then face to face on the last day → both
    await visit(ids[3]!, 'wechat', '2026-10-02');
    await visit(ids[3]!, 'in_person', '2026-10-31');
    const listed = (await leader.call('GET', '/api/antifraud/rounds')).json();
    const r = listed.items.find((x: { id: number }) => x.id === roundId);
    expect(r).toMatchObject({ targets: 4, inPerson: 2, reached: 3, inPersonRate: 0.5 });

    const detail = (await leader.call('GET', `/api/antifraud/rounds/${roundId}`)).json();
    expect(
      detail.entries.map((e: { entryId: number; inPerson: boolean; reached: boolean }) => [
        e.entryId,
        e.inPerson,
        e.reached,
      ]),
    ).toEqual([
      [ids[0], true, true],
      [ids[1], false, true],
      [ids[2], false, false],
      [ids[3], true, true],
    ]);

    // a second round over the whole list (default targets) running today: pending until seen
    const second = await leader.call('POST', '/api/antifraud/rounds', {
      name: '第二轮',
      startsOn: '2026-11-02',
      endsOn: '2026-11-30',
    });
    const total = (await leader.call('GET', '/api/antifraud/entries')).json().total;
    expect(second.json()).toMatchObject({ targets: total, inPerson: 0 });
    const pendingBefore = (await workerA.call('GET', '/api/antifraud/entries')).json();
    expect(pendingBefore.items.every((e: { roundPending: boolean }) => e.roundPending)).toBe(true);
    for (const id of ids) await visit(id, 'in_person', '2026-11-02');
    const pendingAfter = (await workerA.call('GET', '/api/antifraud/entries')).json();
    expect(pendingAfter.items.filter((e: { roundPending: boolean }) => e.roundPending)).toHaveLength(
      pendingAfter.total - ids.length,
    );

    const figures = (await leader.call('GET', '/api/antifraud/figures')).json();
    expect(figures.entries).toBe(total);
    expect(figures.byTier.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(total);
    expect(figures.visitsByChannel).toEqual([
      { channel: 'in_person', count: 8 },
      { channel: 'phone', count: 2 },
      { channel: 'wechat', count: 1 },
    ]);
    expect(figures.overdueReviews).toBe(1);
    const secondFigures = figures.rounds.find((x: { id: number }) => x.id === second.json().id);
    expect(secondFigures.inPerson).toBe(ids.length);
    expect(secondFigures.inPersonRate).toBeCloseTo(ids.length / total);
    expect((await workerA.call('GET', '/api/antifraud/figures')).statusCode).toBe(403);
  });

  it('shows a worker the rounds it has people in, counted over its own people only', async () => {
    const mine = (await workerA.call('GET', '/api/antifraud/entries')).json();
    const rounds = await workerA.call('GET', '/api/antifraud/rounds');
    expect(rounds.statusCode, rounds.body).toBe(200);
    const second = rounds.json().items.find((x: { name: string }) => x.name === '第二轮');
    expect(second).toMatchObject({ targets: mine.total, inPerson: 4 });
    const detail = (await workerA.call('GET', `/api/antifraud/rounds/${second.id}`)).json();
    const ownIds = new Set(mine.items.map((e: { id: number }) => e.id));
    expect(detail.entries).toHaveLength(mine.total);
    expect(detail.entries.every((e: { entryId: number }) => ownIds.has(e.entryId))).toBe(true);
    // worker B has nobody in the first round: it does not learn that round's people or figures
    const other = (await workerB.call('GET', '/api/antifraud/rounds')).json();
    const first = (await leader.call('GET', '/api/antifraud/rounds')).json().items[0];
    expect(other.items.map((x: { id: number }) => x.id)).not.toContain(first.id);
    expect((await workerB.call('GET', `/api/antifraud/rounds/${first.id}`)).statusCode).toBe(404);
    // the lead's rights stay the lead's
    expect(
      (
        await workerA.call('POST', '/api/antifraud/rounds', {
          name: 'x',
          startsOn: '2026-12-01',
          endsOn: '2026-12-31',
        })
      ).statusCode,
    ).toBe(403);
    expect((await workerA.call('GET', '/api/antifraud/workers')).statusCode).toBe(403);
  });
});

describe('audio lessons', () => {
  const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.alloc(64, 0xff)]);
  const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60, 1)]);
  function upload(session: Session, id: number, data: Buffer, name: string, type: string) {
    const boundary = '----gz' + Math.random().toString(16).slice(2);
    return t.app.inject({
      method: 'POST',
      url: `/api/antifraud/lessons/${id}/audio`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  }

  it('lets the lead write lessons and upload MP3/Ogg checked by content; residents play them anonymously', async () => {
    const created = await leader.call('POST', '/api/antifraud/lessons', {
      title: '接到“公检法”电话怎么办',
      script: '公检法机关不会通过电话办案，更没有所谓的安全账户。请马上挂断电话，拨打96110核实。',
      durationSeconds: 40,
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ audio: null, plays: 0, published: true });
    expect(
      (
        await leader.call('POST', '/api/antifraud/lessons', {
          ...created.json<Record<string, unknown>>(),
          id: undefined,
        })
      ).statusCode,
    ).toBe(400); // strict: fields like audio/plays are not accepted
    expect((await workerA.call('POST', '/api/antifraud/lessons', { title: 'x' })).statusCode).toBe(403);

    // a text file named .mp3 is refused; real MP3 and Ogg headers pass
    const fake = await upload(leader, id, Buffer.from('not audio at all'), 'lesson.mp3', 'audio/mpeg');
    expect(fake.statusCode).toBe(415);
    expect((await upload(resident, id, mp3, 'lesson.mp3', 'audio/mpeg')).statusCode).toBe(403);
    const ok = await upload(leader, id, mp3, '公检法.mp3', 'audio/mpeg');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().audio).toEqual({ mime: 'audio/mpeg', size: mp3.length });
    const oggOk = await upload(leader, id, ogg, 'lesson.ogg', 'application/octet-stream');
    expect(oggOk.json().audio).toEqual({ mime: 'audio/ogg', size: ogg.length });

    // a resident lists and plays; the count goes up and nobody's name is kept
    const list = await resident.call('GET', '/api/antifraud/lessons');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((l: { id: number }) => l.id)).toContain(id);
    const audio = await resident.call('GET', `/api/antifraud/lessons/${id}/audio`);
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/ogg');
    expect(audio.rawPayload.equals(ogg)).toBe(true);
    const auditBefore = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('tenant_id', '=', street)
      .execute();
    expect((await resident.call('POST', `/api/antifraud/lessons/${id}/play`)).json()).toEqual({ plays: 1 });
    expect((await resident.call('POST', `/api/antifraud/lessons/${id}/play`)).json()).toEqual({ plays: 2 });
    const auditAfter = await t.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('tenant_id', '=', street)
      .execute();
    expect(auditAfter.length).toBe(auditBefore.length);

    // a withdrawn lesson disappears for residents but stays for the lead
    await leader.call('PATCH', `/api/antifraud/lessons/${id}`, { published: false });
    expect((await resident.call('GET', '/api/antifraud/lessons')).json().total).toBe(0);
    expect((await resident.call('POST', `/api/antifraud/lessons/${id}/play`)).statusCode).toBe(404);
    expect((await resident.call('GET', `/api/antifraud/lessons/${id}/audio`)).statusCode).toBe(404);
    expect((await leader.call('GET', '/api/antifraud/lessons')).json().items[0]).toMatchObject({
      id,
      published: false,
      plays: 2,
    });
  });
});

describe('retention', () => {
  it('is listed as a periodic task and purges entries past their retention date, with their visits', async () => {
    expect(periodicTasks).toContain(antifraudRetentionTask);
    const short = await leader.call(
      'POST',
      '/api/antifraud/entries',
      entry(households[6]!, { reviewOn: '2026-11-10', retainUntil: '2026-11-20' }),
    );
    expect(short.statusCode, short.body).toBe(200);
    const id = short.json().id;
    await workerA.call('POST', `/api/antifraud/entries/${id}/visits`, {
      channel: 'in_person',
      visitedOn: '2026-11-02',
    });
    const before = await countRows('antifraud_entries');

    // on the retention day itself the entry stays
    clock.set('2026-11-20T15:00:00Z'); // 23:00 on 11-20 in Shanghai
    await antifraudRetentionTask.run(t.deps);
    expect(await countRows('antifraud_entries')).toBe(before);

    clock.set('2026-11-20T16:30:00Z'); // 00:30 on 11-21 in Shanghai
    await antifraudRetentionTask.run(t.deps);
    expect(await countRows('antifraud_entries')).toBe(before - 1);
    const visits = await t.deps.db
      .selectFrom('antifraud_visits')
      .select('id')
      .where('tenant_id', '=', street)
      .where('entry_id', '=', id)
      .execute();
    expect(visits).toHaveLength(0);
    const purge = await t.deps.db
      .selectFrom('audit_log')
      .select(['payload', 'actor_user_id'])
      .where('tenant_id', '=', street)
      .where('action', '=', 'antifraud.entry.purge')
      .execute();
    expect(purge).toEqual([{ actor_user_id: null, payload: { count: 1, ids: [id], before: '2026-11-21' } }]);
    // running again is harmless
    expect(await purgeExpiredEntries(t.deps)).toEqual({ purged: 0 });
    // a year on, everything has gone
    clock.advance(400 * DAY);
    await antifraudRetentionTask.run(t.deps);
    expect(await countRows('antifraud_entries')).toBe(0);
    expect(await countRows('antifraud_round_entries')).toBe(0);
    expect((await verifyAudit(t.deps.db, street)).ok).toBe(true);
  });
});
