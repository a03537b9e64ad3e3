import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { ManualClock, DAY } from '../../platform/clock.ts';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../db/migration-files.ts';
import { timelineTitle } from '../../../web/i18n/modules/timeline.ts';

let t: TestApp;
let clock: ManualClock;
let street: number;
let otherStreet: number;
let leader: Session;
let cadreUser: TestUser;
let cadre: Session;
let estateId: number;
let ids: number[];

async function createFlat(
  s: Session,
  buildingId: number,
  room: string,
  headName: string,
  extra: Record<string, unknown> = {},
) {
  const res = await s.call('POST', '/api/households', { buildingId, room, headName, ...extra });
  expect(res.statusCode).toBe(200);
  return res.json().id as number;
}

beforeAll(async () => {
  clock = new ManualClock('2026-11-27T02:00:00Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps, '曹杨');
  otherStreet = await newStreet(t.deps, '长风');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  cadreUser = await newUser(t.deps, 'cadre', street);
  cadre = await login(t.app, cadreUser);
  estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const b21 = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, {
      number: '21',
      outline: [
        [0, 0],
        [10, 0],
        [10, 5],
      ],
    })
  ).json().id;
  const b22 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '22号' })).json().id;
  ids = [
    await createFlat(leader, b21, '101', '张建国', { phone: '13812345678', idNumber: '11010519491231002X' }),
    await createFlat(leader, b21, '102', '李秀英', { phone: '021-62541234' }),
    await createFlat(leader, b22, '201', '王桂芳'),
  ];
  await leader.call('POST', '/api/assignments', { userId: cadreUser.id, householdIds: [ids[0]] });
});
afterAll(() => t.close());

describe('household access', () => {
  it('lets a cadre see only assigned households; others answer not found', async () => {
    const list = (await cadre.call('GET', '/api/households')).json();
    expect(list.items.map((h: { id: number }) => h.id)).toEqual([ids[0]]);
    expect((await cadre.call('GET', `/api/households/${ids[1]}`)).statusCode).toBe(404);
    expect(
      (await cadre.call('POST', `/api/households/${ids[1]}/visits`, { method: 'door', summary: 'x' }))
        .statusCode,
    ).toBe(404);
  });

  it('lets a cadre see the org unit households when granted', async () => {
    const peer = await newUser(t.deps, 'cadre', street);
    const unit = (
      await leader.call('POST', '/api/org-units', { name: '第一临时党支部', kind: 'temp_party_branch' })
    ).json();
    await leader.call('POST', `/api/org-units/${unit.id}/members`, { userId: peer.id, seesUnit: true });
    await leader.call('POST', '/api/assignments', {
      userId: cadreUser.id,
      householdIds: [ids[2]],
      orgUnitId: unit.id,
    });
    const peerSession = await login(t.app, peer);
    const seen = (await peerSession.call('GET', '/api/households'))
      .json()
      .items.map((h: { id: number }) => h.id);
    expect(seen).toEqual([ids[2]]);
  });

  it('shows a resident only their own household, with staff notes withheld', async () => {
    const resident = await newUser(t.deps, 'resident', street, { householdId: ids[1]! });
    const s = await login(t.app, resident);
    expect((await s.call('GET', `/api/households/${ids[1]}`)).statusCode).toBe(200);
    expect((await s.call('GET', `/api/households/${ids[0]}`)).statusCode).toBe(404);
    const list = (await s.call('GET', '/api/households')).json();
    expect(list.total).toBe(1);
    expect((await s.call('PATCH', `/api/households/${ids[1]}`, { headName: 'x' })).statusCode).toBe(403);
  });

  it("keeps another street's households invisible", async () => {
    const outsider = await login(t.app, await newUser(t.deps, 'street_leader', otherStreet));
    expect((await outsider.call('GET', '/api/households')).json().total).toBe(0);
    expect((await outsider.call('GET', `/api/households/${ids[0]}`)).statusCode).toBe(404);
    expect((await outsider.call('GET', `/api/estates/${estateId}/map`)).statusCode).toBe(404);
  });
});

describe('privacy', () => {
  it('masks ID numbers always and phones for roles that do not call residents', async () => {
    const file = (await leader.call('GET', `/api/households/${ids[0]}`)).json();
    expect(file.idNumber).toBe('1101**********002X');
    expect(file.phone).toBe('13812345678');
    const volunteerUser = await newUser(t.deps, 'volunteer', street);
    await leader.call('POST', '/api/assignments', { userId: volunteerUser.id, householdIds: [ids[0]] });
    const volunteer = await login(t.app, volunteerUser);
    expect((await volunteer.call('GET', `/api/households/${ids[0]}`)).json().phone).toBe('138****5678');
  });

  it('reveals a full ID number only with the permission and a reason, and audits it', async () => {
    expect(
      (await cadre.call('POST', `/api/households/${ids[0]}/reveal-id`, { reason: '核对签约人身份' }))
        .statusCode,
    ).toBe(403);
    const res = await leader.call('POST', `/api/households/${ids[0]}/reveal-id`, {
      reason: '核对签约人身份',
    });
    expect(res.json()).toEqual({ idNumber: '11010519491231002X' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['payload'])
      .where('action', '=', 'household.reveal_id')
      .where('entity_id', '=', String(ids[0]))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).toEqual({ reason: '核对签约人身份' });
    expect(
      (await leader.call('POST', `/api/households/${ids[0]}/reveal-id`, { reason: '' })).statusCode,
    ).toBe(400);
  });
});

describe('search', () => {
  const q = async (text: string) =>
    (await leader.call('GET', `/api/households?q=${encodeURIComponent(text)}`))
      .json()
      .items.map((h: { headName: string }) => h.headName);
  it('finds by name, name prefix, address forms, phone tail and ID tail', async () => {
    expect(await q('张建国')).toEqual(['张建国']);
    expect(await q('李秀')).toEqual(['李秀英']);
    expect(await q('21号101')).toEqual(['张建国']);
    expect(await q('21-102')).toEqual(['李秀英']);
    expect(await q('5678')).toEqual(['张建国']);
    expect(await q('002x')).toEqual(['张建国']);
    expect(await q('22号')).toEqual(['王桂芳']);
    expect(await q('赵')).toEqual([]);
  });
});

describe('visits, concerns, stage and the battle map', () => {
  it('records a visit with a concern, moves the stage, colours the map, and lists overdue follow-ups', async () => {
    const beforeRes = await leader.call('GET', `/api/estates/${estateId}/map?stage=visited`);
    expect(beforeRes.statusCode, beforeRes.body).toBe(200);
    const before = beforeRes.json();
    expect(before.totals).toEqual({ households: 3, reached: 0, share: 0 });

    const visit = await cadre.call('POST', `/api/households/${ids[0]}/visits`, {
      method: 'door',
      summary: '介绍方案，老人同意再考虑',
      decisionMaker: '大儿子',
      trustedPerson: '楼组长',
      nextFollowUp: '2026-11-30',
      concerns: [{ content: '过渡期住处离医院远', dueDate: '2026-11-28' }],
    });
    expect(visit.statusCode).toBe(200);

    const file = (await cadre.call('GET', `/api/households/${ids[0]}`)).json();
    expect(file.stage).toBe('visited');
    expect(file.visits[0]).toMatchObject({ decisionMaker: '大儿子', trustedPerson: '楼组长' });
    expect(file.concerns[0]).toMatchObject({ content: '过渡期住处离医院远', status: 'open', overdue: false });
    expect(file.timeline[0].kind).toBe('visit');

    const map = (await leader.call('GET', `/api/estates/${estateId}/map?stage=visited`)).json();
    const b21 = map.buildings.find((b: { number: string }) => b.number === '21号');
    expect(b21).toMatchObject({ households: 2, reached: 1, share: 0.5 });
    const grid = (await leader.call('GET', `/api/buildings/${b21.id}/grid`)).json();
    expect(grid.floors[0].flats.map((f: { stage: string }) => f.stage)).toEqual(['visited', 'not_visited']);

    clock.advance(5 * DAY);
    cadre = await login(t.app, cadreUser); // sessions last 12 hours
    const work = (await cadre.call('GET', '/api/my-work')).json();
    expect(work.overdueFollowUps.map((h: { id: number }) => h.id)).toContain(ids[0]);
    expect(work.openConcerns[0].overdue).toBe(true);

    const concernId = file.concerns[0].id;
    expect((await cadre.call('PATCH', `/api/concerns/${concernId}`, { status: 'resolved' })).statusCode).toBe(
      400,
    );
    const resolved = await cadre.call('PATCH', `/api/concerns/${concernId}`, {
      status: 'resolved',
      resolution: '已联系为你找房，推荐医院附近房源',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', overdue: false });
  });

  it('refuses a duplicate flat and a malformed phone with field errors', async () => {
    leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
    const buildings = (await leader.call('GET', `/api/estates/${estateId}/buildings`)).json().items;
    const dup = await leader.call('POST', '/api/households', {
      buildingId: buildings[0].id,
      room: '101',
      headName: '某某',
    });
    expect(dup.statusCode).toBe(409);
    const bad = await leader.call('PATCH', `/api/households/${ids[2]}`, { phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ path: 'body.phone', message: '电话号码格式不正确' });
  });
});

describe('timeline entries in the interface language (issue #19 point 23)', () => {
  const han = /\p{Script=Han}/u;
  type Entry = { kind: string; params: Record<string, unknown> | null; title: string };
  const timelineOf = async (id: number): Promise<Entry[]> =>
    (await leader.call('GET', `/api/households/${id}`)).json().timeline;

  it('come back as kind + params that render in English, the Chinese sentence kept as title', async () => {
    const res = await leader.call('POST', `/api/households/${ids[2]}/visits`, {
      method: 'phone',
      summary: 'Talked about the plan',
    });
    expect(res.statusCode, res.body).toBe(200);
    const entry = (await timelineOf(ids[2]!)).find((e) => e.kind === 'visit')!;
    expect(entry.params).toEqual({ method: 'phone', summary: 'Talked about the plan' });
    expect(entry.title).toBe('电话走访：Talked about the plan');
    const english = timelineTitle('en', entry as Parameters<typeof timelineTitle>[1]);
    expect(english).toBe('Phone call: Talked about the plan');
    expect(english).not.toMatch(han);
  });

  it('backfill reads old free-text entries back where it can and leaves the rest as text', async () => {
    const old = [
      ['plan_confirmed', '方案第2版已确认（纸质签字，刘桂芳）'],
      ['phase_moved_out', '21号搬离完成'],
      ['market_quote', '惠民市集：某装修公司报价 100 元'],
    ] as const;
    for (const [kind, title] of old)
      await t.deps.db
        .insertInto('household_events')
        .values({
          tenant_id: street,
          household_id: ids[2]!,
          occurred_at: new Date(),
          module: 'renewal',
          kind,
          title,
          detail: '{}',
        })
        .execute();
    // Rerun the migration's backfill (the column itself already exists in the test database).
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, '0200_timeline_params.sql'), 'utf8');
    await t.deps.database.execScript(migration.replace(/^alter table .*$/m, ''));
    const byKind = new Map((await timelineOf(ids[2]!)).map((e) => [e.kind, e]));
    expect(byKind.get('plan_confirmed')!.params).toEqual({ version: 2, method: 'paper', by: '刘桂芳' });
    expect(byKind.get('phase_moved_out')!.params).toEqual({ building: '21号' });
    expect(byKind.get('market_quote')!.params).toBeNull();
    const render = (kind: string) =>
      timelineTitle('en', byKind.get(kind) as Parameters<typeof timelineTitle>[1]);
    expect(render('plan_confirmed')).toBe('Plan v2 confirmed (signed on paper, 刘桂芳)');
    expect(render('market_quote')).toBe('惠民市集：某装修公司报价 100 元');
    // The shared Chinese table reproduces the sentences the backfill parsed.
    expect(timelineTitle('zh', byKind.get('plan_confirmed') as Parameters<typeof timelineTitle>[1])).toBe(
      old[0][1],
    );
  });
});
