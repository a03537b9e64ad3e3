import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import type { Comparison, Dashboard, Figure } from '../../../contract/dashboard.ts';
import { Stages } from '../../../contract/households.ts';
import { ManualClock } from '../../platform/clock.ts';
import { drainJobs } from '../../platform/jobs.ts';
import { jobHandlers } from '../../background.ts';
import { comparisonPdf, dashboardPdf, dashboardXlsx } from './dashboard.report.ts';

let t: TestApp;
let clock: ManualClock;
let streetA: number;
let streetB: number;
let streetC: number;
let leader: Session;
let estateId: number;
let otherEstateId: number;
let households: number[];

const n = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
  Number((await query.execute(t.deps.db)).rows[0]!.n);

function figure(d: Dashboard, card: string, key: string): Figure {
  for (const phase of d.phases)
    for (const c of phase.cards)
      if (c.key === card) {
        const f = c.figures.find((x) => x.key === key) ?? c.series.find((x) => x.key === key);
        if (f) return f;
      }
  throw new Error(`no figure ${card}.${key}`);
}

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T02:00:00Z');
  t = await createTestApp({ clock });
  streetA = await newStreet(t.deps, '曹杨新村街道');
  streetB = await newStreet(t.deps, '长风新村街道');
  streetC = await newStreet(t.deps, '未授权街道');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', streetA));
  estateId = (await leader.call('POST', '/api/estates', { name: '曹杨一村' })).json().id;
  otherEstateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  const b1 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1号' })).json().id;
  const b2 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '2号' })).json().id;
  const b3 = (await leader.call('POST', `/api/estates/${otherEstateId}/buildings`, { number: '9号' })).json()
    .id;
  households = [];
  for (let i = 0; i < 12; i++) {
    const res = await leader.call('POST', '/api/households', {
      buildingId: i < 6 ? b1 : b2,
      room: String(101 + i),
      headName: `居民${i}`,
    });
    households.push(res.json().id);
  }
  for (let i = 0; i < 3; i++)
    await leader.call('POST', '/api/households', {
      buildingId: b3,
      room: String(201 + i),
      headName: `二村${i}`,
    });

  // visits (one with a follow-up already due, one raising a concern that is overdue)
  for (const [i, id] of households.slice(0, 7).entries()) {
    const res = await leader.call('POST', `/api/households/${id}/visits`, {
      method: 'door',
      summary: '入户宣讲成套改造政策',
      ...(i === 0 ? { nextFollowUp: '2026-03-01' } : {}),
      ...(i === 1 ? { concerns: [{ content: '过渡期老人住哪里', dueDate: '2026-02-28' }] } : {}),
      ...(i === 2 ? { concerns: [{ content: '想要朝南的厨房', dueDate: '2026-04-01' }] } : {}),
    });
    expect(res.statusCode).toBe(200);
  }
  // a signing round: 5 of the estate's 12 agree, 1 disagrees (these tests count; the order of steps
  // has its own tests in the renewal module, so the street relaxes it here)
  await leader.call('PUT', '/api/renewal-settings', {
    relaxed: ['plan_before_signing', 'drawing_before_signing'],
    reason: '统计测试',
  });
  const round = (
    await leader.call('POST', `/api/estates/${estateId}/consultations`, {
      title: '成套改造协议签约',
      kind: 'signing',
      threshold: 95,
      target: 100,
    })
  ).json().id;
  for (const id of households.slice(0, 5))
    expect(
      (
        await leader.call('POST', `/api/consultations/${round}/responses`, {
          householdId: id,
          decision: 'agree',
          agreementNo: `CY-${id}`,
        })
      ).statusCode,
    ).toBe(200);
  await leader.call('POST', `/api/consultations/${round}/responses`, {
    householdId: households[5],
    decision: 'disagree',
    reason: '面积不够',
  });
  // street-wide modules: suggestions and a council topic
  for (const subject of ['增加电动车充电桩', '小区助餐点']) {
    const res = await leader.call('POST', '/api/suggestions', {
      subject,
      reason: '居民反映需求强烈',
      proposal: '请街道统筹安排',
      channel: 'point',
      proposerName: '王阿姨',
    });
    expect(res.statusCode).toBe(200);
  }
  const topic = await leader.call('POST', '/api/council/topics', {
    title: '楼道堆物如何清理',
    source: 'staff',
    raisedByName: '居委会',
  });
  expect(topic.statusCode).toBe(200);
  // street B has a little data of its own
  const leaderB = await login(t.app, await newUser(t.deps, 'street_leader', streetB));
  const eB = (await leaderB.call('POST', '/api/estates', { name: '长风一村' })).json().id;
  const bB = (await leaderB.call('POST', `/api/estates/${eB}/buildings`, { number: '1号' })).json().id;
  await leaderB.call('POST', '/api/households', { buildingId: bB, room: '101', headName: '长风居民' });
});
afterAll(() => t.close());

describe('the estate dashboard', () => {
  it('matches counts taken directly from the records', async () => {
    const res = await leader.call('GET', `/api/dashboard?estateId=${estateId}`);
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.estate).toEqual({ id: estateId, name: '曹杨一村' });
    const inEstate = sql`tenant_id = ${streetA} and estate_id = ${estateId}`;
    const hh = await n(sql`select count(*) as n from households where ${inEstate}`);
    expect(hh).toBe(12);
    expect(figure(d, 'households', 'households').value).toBe(hh);
    for (const stage of Stages) {
      const direct = await n(
        sql`select count(*) as n from households where ${inEstate} and stage = ${stage}`,
      );
      const f = figure(d, 'households', `stage_${stage}`);
      expect(f.value, stage).toBe(direct);
      expect(f.link?.href).toBe(`/households?estateId=${estateId}&stage=${stage}`);
    }
    const visited = await n(
      sql`select count(*) as n from households where ${inEstate} and stage <> 'not_visited'`,
    );
    expect(visited).toBe(7);
    expect(figure(d, 'households', 'visitRate')).toMatchObject({
      count: visited,
      of: hh,
      value: visited / hh,
    });
    expect(figure(d, 'households', 'visits').value).toBe(
      await n(sql`select count(*) as n from visits v join households h on h.tenant_id = v.tenant_id
                  and h.id = v.household_id where h.tenant_id = ${streetA} and h.estate_id = ${estateId}`),
    );
    const concerns = sql`concerns c join households h on h.tenant_id = c.tenant_id and h.id = c.household_id
      where h.tenant_id = ${streetA} and h.estate_id = ${estateId} and c.status <> 'resolved'`;
    expect(figure(d, 'households', 'openConcerns').value).toBe(
      await n(sql`select count(*) as n from ${concerns}`),
    );
    expect(figure(d, 'households', 'openConcerns').value).toBe(2);
    expect(figure(d, 'households', 'overdueConcerns').value).toBe(
      await n(sql`select count(*) as n from ${concerns} and c.due_date < '2026-03-02'`),
    );
    expect(figure(d, 'households', 'overdueConcerns').value).toBe(1);
    const follow = figure(d, 'households', 'overdueFollowUps');
    expect(follow.value).toBe(
      await n(sql`select count(*) as n from households where ${inEstate} and next_follow_up < '2026-03-02'`),
    );
    expect(follow.value).toBe(1);
    expect(follow.link?.href).toBe(`/households?estateId=${estateId}&overdue=1`);

    const signed = await n(sql`select count(distinct rh.household_id) as n from round_households rh
      join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id
      where r.tenant_id = ${streetA} and r.estate_id = ${estateId} and r.kind = 'signing' and rh.decision = 'agree'`);
    expect(signed).toBe(5);
    expect(figure(d, 'rounds', 'signingRate')).toMatchObject({ count: signed, of: hh, value: signed / hh });
    const round = figure(d, 'rounds', 'round');
    expect(round).toMatchObject({ count: 5, of: 12, label: '成套改造协议签约' });
    expect(round.link?.href).toMatch(/^\/rounds\/\d+$/);
    expect(figure(d, 'outcome', 'signingRate').value).toBe(5 / 12);

    // street-wide modules show the street's own records on an estate's dashboard too
    expect(figure(d, 'suggestions', 'suggestions').value).toBe(
      await n(sql`select count(*) as n from suggestions where tenant_id = ${streetA}`),
    );
    expect(figure(d, 'suggestions', 'suggestions').value).toBe(2);
    expect(figure(d, 'council', 'topics').value).toBe(
      await n(sql`select count(*) as n from council_topics where tenant_id = ${streetA}`),
    );
    expect(figure(d, 'legislation', 'legislationEvents').value).toBe(
      await n(sql`select count(*) as n from legislation_events where tenant_id = ${streetA}`),
    );
    expect(figure(d, 'legislation', 'opinions').value).toBe(
      await n(
        sql`select count(*) as n from legislation_opinions where tenant_id = ${streetA} and moderation = 'accepted'`,
      ),
    );
    expect(figure(d, 'mediation', 'cases').value).toBe(
      await n(sql`select count(*) as n from mediation_cases where tenant_id = ${streetA}`),
    );
    expect(figure(d, 'relocation', 'storageInUse').value).toBe(
      await n(
        sql`select count(*) as n from relocation_storage where tenant_id = ${streetA} and status = 'stored'`,
      ),
    );
    expect(figure(d, 'construction', 'phase_none').value).toBe(2); // two buildings, no phase recorded
    expect(figure(d, 'safety', 'openWorkOrders').value).toBe(
      await n(sql`select count(*) as n from safety_work_orders where tenant_id = ${streetA}
                  and status not in ('closed', 'cancelled')`),
    );
    expect(figure(d, 'safety', 'openAlarms').value).toBe(
      await n(sql`select count(*) as n from iot_alarms where tenant_id = ${streetA} and status = 'active'`),
    );
    expect(figure(d, 'antifraud', 'watchList').value).toBe(
      await n(sql`select count(*) as n from antifraud_entries where tenant_id = ${streetA}`),
    );
    expect(d.unavailable).toEqual([]);
  });

  it('the street dashboard adds up every estate', async () => {
    const d = (await leader.call('GET', '/api/dashboard')).json<Dashboard>();
    expect(d.estate).toBeNull();
    expect(d.estates.map((e) => [e.name, e.households])).toEqual([
      ['曹杨一村', 12],
      ['曹杨二村', 3],
    ]);
    expect(figure(d, 'households', 'households').value).toBe(
      await n(sql`select count(*) as n from households where tenant_id = ${streetA}`),
    );
    expect(figure(d, 'households', 'stage_not_visited').link?.href).toBe('/households?stage=not_visited');
    expect(figure(d, 'rounds', 'signingRate')).toMatchObject({ count: 5, of: 15 });
  });

  it('updates as records change', async () => {
    const before = (await leader.call('GET', `/api/dashboard?estateId=${estateId}`)).json<Dashboard>();
    await leader.call('POST', `/api/households/${households[10]}/visits`, {
      method: 'phone',
      summary: '电话沟通',
    });
    const after = (await leader.call('GET', `/api/dashboard?estateId=${estateId}`)).json<Dashboard>();
    expect(figure(after, 'households', 'visitRate').count).toBe(
      figure(before, 'households', 'visitRate').count! + 1,
    );
  });

  it('refuses other streets, unknown estates and users without stats.read', async () => {
    expect((await leader.call('GET', `/api/dashboard?tenantId=${streetB}`)).statusCode).toBe(404);
    expect((await leader.call('GET', '/api/dashboard?estateId=999999')).statusCode).toBe(404);
    const resident = await login(t.app, await newUser(t.deps, 'resident', streetA));
    expect((await resident.call('GET', '/api/dashboard')).statusCode).toBe(403);
    expect((await leader.call('GET', '/api/dashboard/compare')).statusCode).toBe(403);
  });
});

describe('district users', () => {
  it('compare only the streets they are granted, and open each one', async () => {
    const official = await newUser(t.deps, 'district_official', null);
    await t.deps.db
      .insertInto('user_tenant_grants')
      .values([
        { user_id: official.id, tenant_id: streetA },
        { user_id: official.id, tenant_id: streetB },
      ])
      .execute();
    const s = await login(t.app, official);
    const res = await s.call('GET', '/api/dashboard/compare');
    expect(res.statusCode).toBe(200);
    const c = res.json<Comparison>();
    expect(c.streets.map((x) => x.name)).toEqual(['曹杨新村街道', '长风新村街道']);
    expect(c.streets.some((x) => x.tenantId === streetC)).toBe(false);
    const households = (i: number) => c.streets[i]!.figures.find((f) => f.key === 'households')!.value;
    expect(households(0)).toBe(15);
    expect(households(1)).toBe(1);
    expect(c.keys).toContain('signingRate');

    const b = await s.call('GET', `/api/dashboard?tenantId=${streetB}`);
    expect(b.statusCode).toBe(200);
    expect(b.json<Dashboard>().tenant.name).toBe('长风新村街道');
    expect((await s.call('GET', `/api/dashboard?tenantId=${streetC}`)).statusCode).toBe(404);
  });
});

describe('reports', () => {
  it('writes an xlsx that reads back with the same figures', async () => {
    const d = (await leader.call('GET', `/api/dashboard?estateId=${estateId}`)).json<Dashboard>();
    const file = await dashboardXlsx(d, 'zh');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '改造前', '改造中', '改造后']);
    const before = wb.getWorksheet('改造前')!;
    const rows = before.getSheetValues().filter(Boolean) as unknown[][];
    const row = (label: string) => rows.find((r) => r[3] === label);
    expect(row('户数')?.[4]).toBe(12);
    expect(row('走访率')?.[4]).toBeCloseTo(figure(d, 'households', 'visitRate').value!, 6);
    expect(row('走访率')?.[5]).toBe('8 / 12');
    expect(row('签约率')?.[4]).toBeCloseTo(5 / 12, 6);
    expect(row('分布：待走访')?.[4]).toBe(figure(d, 'households', 'stage_not_visited').value);
  });

  it('renders a paged PDF with Chinese fonts', async () => {
    const d = (await leader.call('GET', '/api/dashboard')).json<Dashboard>();
    const pdf = await dashboardPdf(d, 'zh');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.toString('latin1')).toContain('NotoSansSC');
    const c = await comparisonPdf(
      {
        generatedAt: d.generatedAt,
        keys: ['households'],
        streets: [{ tenantId: 1, name: '甲', figures: [], link: '' }],
      },
      'en',
    );
    expect(c.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('runs in the background with progress, and offers the file to its requester only', async () => {
    const res = await leader.call('POST', '/api/dashboard/reports', { format: 'xlsx', estateId });
    expect(res.statusCode).toBe(200);
    const { jobId } = res.json<{ jobId: number }>();
    const queued = (await leader.call('GET', `/api/jobs/${jobId}`)).json();
    expect(queued.status).toBe('queued');
    const events: unknown[] = [];
    const stop = t.deps.events.subscribe(streetA, (e) => {
      if (e.topic === 'job') events.push('data' in e ? e.data : null);
    });
    expect(await drainJobs(t.deps, jobHandlers)).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    stop();
    const job = (await leader.call('GET', `/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'done', progressDone: 6, progressTotal: 6 });
    expect(events.length).toBeGreaterThanOrEqual(4); // progress steps, then done
    const file = await leader.call('GET', job.downloadUrl);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('改造后')).toBeDefined();

    const pdfJob = (await leader.call('POST', '/api/dashboard/reports', { format: 'pdf' })).json().jobId;
    await drainJobs(t.deps, jobHandlers);
    const pdf = await leader.call('GET', `/api/jobs/${pdfJob}/download`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const other = await login(t.app, await newUser(t.deps, 'street_leader', streetA));
    expect((await other.call('GET', `/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect(
      (await leader.call('POST', '/api/dashboard/reports', { format: 'pdf', kind: 'compare' })).statusCode,
    ).toBe(403);
    expect(
      (await leader.call('POST', '/api/dashboard/reports', { format: 'pdf', estateId: 999999 })).statusCode,
    ).toBe(404);
  });
});

describe('figures and their links', () => {
  it('counts 走访率 from visit records and links each figure to exactly the records it counts', async () => {
    // 曹杨二村: nobody visited; one household signs all the same (the street relaxed the order here)
    const other = (await leader.call('GET', `/api/households?estateId=${otherEstateId}`)).json().items;
    const round = (
      await leader.call('POST', `/api/estates/${otherEstateId}/consultations`, {
        title: '二村签约',
        kind: 'signing',
      })
    ).json().id;
    const signedRes = await leader.call('POST', `/api/consultations/${round}/responses`, {
      householdId: other[0].id,
      decision: 'agree',
      agreementNo: 'CY2-1',
    });
    expect(signedRes.statusCode).toBe(200);
    const d = (await leader.call('GET', `/api/dashboard?estateId=${otherEstateId}`)).json<Dashboard>();
    expect(figure(d, 'households', 'visitRate')).toMatchObject({ count: 0, of: 3, value: 0 });
    expect(figure(d, 'households', 'households').link?.href).toBe(`/households?estateId=${otherEstateId}`);
    const follow = async (f: Figure) => {
      const href = f.link!.href;
      expect(href.startsWith('/households?')).toBe(true);
      return (await leader.call('GET', `/api/${href.slice(1)}`)).json().total as number;
    };
    const visitRate = figure(d, 'households', 'visitRate');
    expect(await follow(visitRate)).toBe(visitRate.count);
    const signingRate = figure(d, 'rounds', 'signingRate');
    expect(signingRate.count).toBe(1);
    expect(await follow(signingRate)).toBe(1);
    expect(await follow(figure(d, 'rounds', 'signed'))).toBe(1);
    expect(await follow(figure(d, 'plans', 'stage_plan_confirmed'))).toBe(
      figure(d, 'plans', 'plansConfirmed').value,
    );
  });
});

describe('figures of visit and concern records', () => {
  it('link to the households holding those records, not to every household', async () => {
    const d = (await leader.call('GET', `/api/dashboard?estateId=${estateId}`)).json<Dashboard>();
    const listed = async (f: Figure) => {
      const href = f.link!.href;
      expect(href).toMatch(/[?&]has=/);
      const page = (await leader.call('GET', `/api/${href.slice(1)}`)).json();
      return (page.items as Array<{ id: number }>).map((h) => h.id).sort((a, b) => a - b);
    };
    const holding = async (records: 'visits' | 'concerns', where: string) =>
      (
        await sql<{ id: number }>`
          select distinct h.id from households h join ${sql.table(records)} r
            on r.tenant_id = h.tenant_id and r.household_id = h.id
           where h.estate_id = ${estateId} and ${sql.raw(where)} order by h.id`.execute(t.deps.db)
      ).rows.map((r) => Number(r.id));
    const visited = await holding('visits', 'true');
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.length).toBeLessThan(12);
    expect(await listed(figure(d, 'households', 'visits'))).toEqual(visited);
    const open = await holding('concerns', "r.status <> 'resolved'");
    expect(open).toContain(households[1]);
    expect(await listed(figure(d, 'households', 'openConcerns'))).toEqual(open);
    const overdue = await holding('concerns', "r.status <> 'resolved' and r.due_date < date '2026-03-02'");
    expect(overdue).toContain(households[1]);
    expect(overdue).not.toContain(households[2]);
    expect(await listed(figure(d, 'households', 'overdueConcerns'))).toEqual(overdue);
  });
});
