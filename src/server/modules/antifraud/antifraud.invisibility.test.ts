import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonCodes } from '../../../contract/antifraud.ts';
import type { Role } from '../../../contract/permissions.ts';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

/**
 * The watch list must not leak: not into household search, lists, exports, files or timelines,
 * not into other people's work pages, not into the audit listing for those without audit.read,
 * and no antifraud route answers anyone outside the anti-fraud roles.
 */

let t: TestApp;
let street: number;
let leader: Session;
let workerA: Session;
let workerAId: number;
let workerB: Session;
let resident: Session;
let residentHousehold: number;
const households: number[] = [];
const others: Partial<Record<Role, Session>> = {};

const MINUTES = '面访讲解保健品骗局，老人表示以后不去听讲座';

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-11-02T02:00:00Z') });
  street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const a = await newUser(t.deps, 'committee', street);
  workerAId = a.id;
  workerA = await login(t.app, a);
  workerB = await login(t.app, await newUser(t.deps, 'committee', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  const buildingId = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '3号' })
  ).json().id;
  for (let i = 0; i < 6; i++)
    households.push(
      (
        await leader.call('POST', '/api/households', {
          buildingId,
          room: String(201 + i),
          headName: `王阿婆${i}`,
          phone: `1391234567${i}`,
        })
      ).json().id,
    );
  residentHousehold = households[0]!;
  resident = await login(
    t.app,
    await newUser(t.deps, 'resident', street, { householdId: residentHousehold }),
  );
  const cadre = await newUser(t.deps, 'cadre', street);
  const volunteer = await newUser(t.deps, 'volunteer', street);
  await leader.call('POST', '/api/assignments', { userId: cadre.id, householdIds: households });
  await leader.call('POST', '/api/assignments', {
    userId: volunteer.id,
    householdIds: households.slice(0, 3),
  });
  others.cadre = await login(t.app, cadre);
  others.volunteer = await login(t.app, volunteer);
  for (const role of ['designer', 'vendor', 'mediator', 'liaison'] as const)
    others[role] = await login(t.app, await newUser(t.deps, role, street));
  const district = await newUser(t.deps, 'district_official', null);
  await t.deps.db
    .insertInto('user_tenant_grants')
    .values({ user_id: district.id, tenant_id: street })
    .execute();
  others.district_official = await login(t.app, district);
});
afterAll(() => t.close());

async function exportCells(): Promise<string[]> {
  const res = await leader.call('GET', '/api/households/export');
  expect(res.statusCode, res.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(`${sheet.name}!${cell.address}=${cell.text}`);
      }),
    ),
  );
  return cells;
}

/** What every household page, list, search and export shows, as text. */
async function householdViews() {
  const get = async (s: Session, url: string) => {
    const res = await s.call('GET', url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.body;
  };
  const views: Record<string, string> = {
    list: await get(leader, '/api/households?limit=500'),
    search: await get(leader, `/api/households?q=${encodeURIComponent('王阿婆')}`),
    searchRoom: await get(leader, `/api/households?q=${encodeURIComponent('3号201')}`),
    residentOwn: await get(resident, `/api/households/${residentHousehold}`),
    residentList: await get(resident, '/api/households'),
    cadreList: await get(others.cadre!, '/api/households'),
    cadreWork: await get(others.cadre!, '/api/my-work'),
    volunteerWork: await get(others.volunteer!, '/api/my-work'),
    workerWork: await get(workerA, '/api/my-work'),
    export: (await exportCells()).join('\n'),
  };
  for (const id of households) {
    views[`file${id}`] = await get(leader, `/api/households/${id}`);
    views[`cadreFile${id}`] = await get(others.cadre!, `/api/households/${id}`);
  }
  const events = await t.deps.db
    .selectFrom('household_events')
    .select(['household_id', 'module', 'kind', 'title'])
    .where('tenant_id', '=', street)
    .orderBy('id')
    .execute();
  views.timelineRows = JSON.stringify(events);
  return views;
}

let entryOfA: number;
let lessonId: number;

describe('watch-list data stays inside its module', () => {
  it('leaves household search, lists, files, timelines, work pages and the export exactly as they were', async () => {
    const before = await householdViews();

    // the resident's own household is on the list (head and a member), others too, with visits
    await leader.call('PATCH', `/api/households/${residentHousehold}`, {
      members: [{ name: '王阿婆0的老伴', relation: '配偶', ageBand: '80+' }],
    });
    const afterMember = await householdViews();
    for (const [i, h] of households.entries()) {
      const res = await leader.call('POST', '/api/antifraud/entries', {
        householdId: h,
        source: i % 2 ? 'police' : 'committee',
        tier: i % 3 === 0 ? 'high' : 'medium',
        reasonCode: ReasonCodes[i % ReasonCodes.length],
        workerId: workerAId,
        reviewOn: '2026-12-01',
        retainUntil: '2027-12-01',
      });
      expect(res.statusCode, res.body).toBe(200);
      if (i === 0) entryOfA = res.json().id;
      const visit = await workerA.call('POST', `/api/antifraud/entries/${res.json().id}/visits`, {
        channel: 'in_person',
        visitedOn: '2026-11-02',
        minutes: MINUTES,
        outcomes: ['app_installed', 'hotline_96110', 'lesson_played'],
      });
      expect(visit.statusCode, visit.body).toBe(200);
    }
    const member = await leader.call('POST', '/api/antifraud/entries', {
      householdId: residentHousehold,
      memberName: '王阿婆0的老伴',
      source: 'self',
      tier: 'low',
      reasonCode: 'investment_scam',
      reviewOn: '2026-12-01',
      retainUntil: '2027-12-01',
    });
    expect(member.statusCode, member.body).toBe(200);
    const round = await leader.call('POST', '/api/antifraud/rounds', {
      name: '第一轮',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
    });
    expect(round.statusCode).toBe(200);
    const lesson = await leader.call('POST', '/api/antifraud/lessons', {
      title: '保健品骗局',
      script: '保健品不是药，不能治病；买东西前先和子女商量。',
      durationSeconds: 30,
    });
    lessonId = lesson.json().id;

    const after = await householdViews();
    // the views are not empty: they do show these households, just nothing of the list
    expect(JSON.parse(after.search!).total).toBe(households.length);
    expect(after.export).toContain('王阿婆0');
    expect(after.residentOwn).toContain('王阿婆0的老伴');
    expect(after).toEqual(afterMember);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const everything = Object.values(after).join('\n');
    for (const needle of ['antifraud', '反诈', '关注', MINUTES, ...ReasonCodes, 'hotline_96110', '96110'])
      expect(everything, needle).not.toContain(needle);
    const timeline = await t.deps.db
      .selectFrom('household_events')
      .select('id')
      .where('tenant_id', '=', street)
      .where('module', 'like', '%fraud%')
      .execute();
    expect(timeline).toHaveLength(0);
  });

  it('keeps the audit trail closed to everyone without audit.read', async () => {
    for (const s of [workerA, workerB, resident, others.cadre!, others.volunteer!, others.mediator!]) {
      expect((await s.call('GET', '/api/audit?entityType=antifraud_entry')).statusCode).toBe(403);
      expect((await s.call('GET', '/api/audit')).statusCode).toBe(403);
    }
    // the lead (audit.read) sees the trail, but it holds ids and codes, not names or notes
    const trail = await leader.call('GET', '/api/audit?entityType=antifraud_entry&limit=500');
    expect(trail.statusCode).toBe(200);
    expect(trail.json().total).toBeGreaterThan(0);
    expect(trail.body).not.toContain('王阿婆');
    expect(trail.body).not.toContain(MINUTES);
  });

  it('answers 403 on every antifraud route to cadres, volunteers, designers, vendors, mediators, liaisons and the district', async () => {
    const routes = t.routes.filter((r) => r.url.startsWith('/api/antifraud'));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const url = (u: string) => u.replace(':id', String(u.includes('lessons') ? lessonId : entryOfA));
    for (const [role, session] of Object.entries(others)) {
      for (const r of routes) {
        const res = await session.call(
          r.method as 'GET' | 'POST' | 'PATCH' | 'DELETE',
          url(r.url),
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
    // residents reach the lessons, and nothing of the list
    for (const r of routes) {
      const res = await resident.call(
        r.method as 'GET' | 'POST' | 'PATCH' | 'DELETE',
        url(r.url),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      const lessonsForAll =
        (r.method === 'GET' && r.url === '/api/antifraud/lessons') ||
        r.url === '/api/antifraud/lessons/:id/play' ||
        (r.method === 'GET' && r.url === '/api/antifraud/lessons/:id/audio');
      if (lessonsForAll) expect(res.statusCode, `resident ${r.method} ${r.url}`).not.toBe(403);
      else expect(res.statusCode, `resident ${r.method} ${r.url}`).toBe(403);
    }
  });

  it('shows another worker nothing of entries that are not theirs', async () => {
    const list = await workerB.call('GET', '/api/antifraud/entries');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [], total: 0 });
    expect((await workerB.call('GET', '/api/antifraud/entries?mine=false')).json().total).toBe(0);
    expect((await workerB.call('GET', `/api/antifraud/entries?workerId=${workerAId}`)).json().total).toBe(0);
    expect((await workerB.call('GET', `/api/antifraud/entries/${entryOfA}`)).statusCode).toBe(404);
    expect(
      (
        await workerB.call('POST', `/api/antifraud/entries/${entryOfA}/visits`, {
          channel: 'phone',
          visitedOn: '2026-11-02',
        })
      ).statusCode,
    ).toBe(404);
    for (const [method, u] of [
      ['PATCH', `/api/antifraud/entries/${entryOfA}`],
      ['DELETE', `/api/antifraud/entries/${entryOfA}`],
      ['POST', '/api/antifraud/entries'],
      ['GET', '/api/antifraud/figures'],
      ['GET', '/api/antifraud/workers'],
    ] as const)
      expect(
        (await workerB.call(method, u, method === 'GET' || method === 'DELETE' ? undefined : {})).statusCode,
      ).toBe(403);
    // rounds show a worker only rounds holding its own people: B has none
    expect((await workerB.call('GET', '/api/antifraud/rounds')).json()).toEqual({ items: [], total: 0 });
    // A, the assigned worker, does see them
    expect((await workerA.call('GET', '/api/antifraud/entries')).json().total).toBe(households.length);
  });
});
