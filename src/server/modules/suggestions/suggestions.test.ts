import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import {
  ctxFor,
  login,
  newStreet,
  newUser,
  type Session,
  type TestUser,
} from '../../../../test/support/factories.ts';
import type { RequestContext } from '../../platform/context.ts';
import { DAY, HOUR, ManualClock } from '../../platform/clock.ts';
import { listSuggestions } from './suggestions.reading.ts';
import { insertSuggestion } from './suggestions.submitting.ts';

interface Fixture {
  suggestions: Array<{ theme: string; subject: string; reason: string; proposal: string }>;
  queries: Array<{ q: string; concept: string[][]; expected: number[] }>;
}
const fixture = JSON.parse(
  fs.readFileSync(new URL('../../../../test/fixtures/suggestions/suggestions.json', import.meta.url), 'utf8'),
) as Fixture;

let t: TestApp;
let clock: ManualClock;
let street: number;
let leader: TestUser;
let resident: TestUser;
let otherResident: TestUser;
let staff: Session;
let me: Session;
let other: Session;

const base = {
  subject: '建议增设电动车充电桩',
  reason: '曹杨一村电瓶车越来越多，居民从楼上拉电线飞线充电，存在火灾隐患。',
  proposal: '利用花坛边角建设花坛式充电桩，扫码付费，充满自动断电。',
  proposerName: '刘桂芳',
  proposerPhone: '13812345678',
};

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T01:00:00.000Z');
  t = await createTestApp({ clock });
  street = await newStreet(t.deps);
  leader = await newUser(t.deps, 'street_leader', street);
  resident = await newUser(t.deps, 'resident', street);
  otherResident = await newUser(t.deps, 'resident', street);
  staff = await login(t.app, leader);
  me = await login(t.app, resident);
  other = await login(t.app, otherResident);
});
afterAll(() => t.close());

/** Moves time on; sessions expire meanwhile, so everyone signs in again. */
async function advance(ms: number) {
  clock.advance(ms);
  staff = await login(t.app, leader);
  me = await login(t.app, resident);
  other = await login(t.app, otherResident);
}

async function propose(session: Session, body: Record<string, unknown> = {}) {
  const res = await session.call('POST', '/api/suggestions', { ...base, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: number; similar: Array<{ id: number }>; redirectHint: unknown; dueAt: string }>();
}

async function step(id: number, action: string, body: Record<string, unknown> = {}) {
  const res = await staff.call('POST', `/api/suggestions/${id}/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('handling a suggestion', () => {
  it('goes registered → accepted → assigned → handled → answered → rated, each step with its deadline', async () => {
    const created = await propose(me);
    expect(created.dueAt).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());

    await advance(4 * DAY); // accepted a day late
    const overdue = await staff.call('GET', '/api/suggestions?overdue=true');
    expect(overdue.json().items.map((s: { id: number }) => s.id)).toContain(created.id);
    expect(overdue.json().items.find((s: { id: number }) => s.id === created.id).overdue).toBe(true);

    let detail = await step(created.id, 'accept', { note: '已受理' });
    expect(detail.status).toBe('accepted');
    expect(detail.overdue).toBe(false);
    expect(detail.dueAt).toBe(new Date(clock.now().getTime() + 5 * DAY).toISOString());

    await advance(HOUR);
    const unit = await staff.call('POST', '/api/suggestion-units', { name: '街道管理办' });
    detail = await step(created.id, 'assign', { unitId: unit.json().id, note: '请管理办牵头' });
    expect(detail.assigneeDepartment).toBe('街道管理办');
    await advance(2 * DAY);
    detail = await step(created.id, 'handle', { note: '已与充电企业对接选址', adopted: true });
    expect(detail.adopted).toBe(true);
    await advance(DAY);
    detail = await step(created.id, 'answer', { answer: '已在曹杨一村试点建设花坛式充电桩，感谢您的建议。' });
    expect(detail.status).toBe('answered');
    expect(detail.dueAt).toBeNull();
    expect(detail.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'registered',
      'accepted',
      'assigned',
      'handled',
      'answered',
    ]);
    expect(detail.events.map((e: { onTime: boolean | null }) => e.onTime)).toEqual([
      null,
      false,
      true,
      true,
      true,
    ]);

    // Only the proposer rates, once, after the answer.
    expect((await other.call('POST', `/api/suggestions/${created.id}/rate`, { rating: 5 })).statusCode).toBe(
      404,
    );
    const rated = await me.call('POST', `/api/suggestions/${created.id}/rate`, {
      rating: 5,
      comment: '答复很及时',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().rating).toBe(5);
    expect((await me.call('POST', `/api/suggestions/${created.id}/rate`, { rating: 1 })).statusCode).toBe(
      409,
    );

    // The proposer sees the steps but not the staff's internal notes.
    const mine = (await me.call('GET', `/api/suggestions/${created.id}`)).json();
    expect(mine.answer).toContain('花坛式充电桩');
    expect(mine.handlingNote).toBeNull();
    expect(mine.events[1].note).toBeNull();
  });

  it('refuses steps out of order and answers another street or resident with 404', async () => {
    const { id } = await propose(me);
    const res = await staff.call('POST', `/api/suggestions/${id}/handle`, { note: 'x' });
    expect(res.statusCode).toBe(409);
    expect((await other.call('GET', `/api/suggestions/${id}`)).statusCode).toBe(404);
    expect((await me.call('POST', `/api/suggestions/${id}/accept`, {})).statusCode).toBe(403);
    const elsewhere = await newStreet(t.deps, '另一街道');
    const foreign = await login(t.app, await newUser(t.deps, 'street_leader', elsewhere));
    expect((await foreign.call('GET', `/api/suggestions/${id}`)).statusCode).toBe(404);
  });

  it('takes deadlines from the street settings, for steps that start afterwards', async () => {
    const put = await staff.call('PUT', '/api/suggestion-settings', {
      acceptDays: 1,
      assignDays: 2,
      handleDays: 10,
      answerDays: 2,
    });
    expect(put.statusCode, put.body).toBe(200);
    const { id, dueAt } = await propose(me);
    expect(dueAt).toBe(new Date(clock.now().getTime() + DAY).toISOString());
    const detail = await step(id, 'accept');
    expect(detail.dueAt).toBe(new Date(clock.now().getTime() + 2 * DAY).toISOString());
    await staff.call('PUT', '/api/suggestion-settings', {
      acceptDays: 3,
      assignDays: 5,
      handleDays: 15,
      answerDays: 5,
    });
  });

  it('keeps the phone number encrypted at rest and masked on screen; residents see only their own', async () => {
    const { id } = await propose(me, { proposerPhone: '13900001111' });
    const row = await t.deps.db
      .selectFrom('suggestions')
      .select('proposer_phone_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.proposer_phone_enc).not.toContain('13900001111');
    expect(t.deps.cipher.decrypt(row.proposer_phone_enc!)).toBe('13900001111');
    const shown = (await staff.call('GET', `/api/suggestions/${id}`)).json();
    expect(shown.proposerPhone).toBe('139****1111');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('payload')
      .where('entity_type', '=', 'suggestion')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.payload)).not.toContain('13900001111');

    const list = (await other.call('GET', '/api/suggestions')).json();
    expect(list.items.every((s: { id: number }) => s.id !== id)).toBe(true);
  });
});

describe('redirection, merging and collective replies', () => {
  it('redirects a personal claim to mediation with the reason shown to the proposer', async () => {
    const created = await propose(me, {
      subject: '楼上漏水要求赔偿',
      reason: '楼上邻居卫生间漏水，把我家天花板泡坏了，对方不肯赔偿。',
      proposal: '请居委会让楼上邻居赔偿我家的损失。',
    });
    expect(created.redirectHint).toMatchObject({ target: 'mediation' });
    const reason = '属于邻里之间的个人诉求，已转居民区人民调解委员会调解';
    const detail = await step(created.id, 'redirect', { target: 'mediation', reason });
    expect(detail.status).toBe('redirected');
    const mine = (await me.call('GET', `/api/suggestions/${created.id}`)).json();
    expect(mine).toMatchObject({ status: 'redirected', redirectTarget: 'mediation', redirectReason: reason });
    expect((await staff.call('POST', `/api/suggestions/${created.id}/accept`, {})).statusCode).toBe(409);
  });

  it('merges duplicates; the proposer of a duplicate follows the one it was merged into', async () => {
    const a = await propose(me, {
      subject: '小区需要加装电梯',
      reason: '六层老公房没有电梯，老人爬楼难。',
      proposal: '尽快加装电梯。',
    });
    const b = await propose(other, {
      subject: '老楼加装电梯',
      reason: '老人上下楼困难，没有电梯。',
      proposal: '希望加装电梯。',
    });
    expect(b.similar.map((s) => s.id)).toContain(a.id);
    const c = await propose(other, { subject: '加梯', reason: '没有电梯', proposal: '装电梯' });
    await step(c.id, 'merge', { intoId: b.id });
    const merged = await step(b.id, 'merge', { intoId: a.id });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    // What had been merged into b now points at a as well.
    const target = (await staff.call('GET', `/api/suggestions/${a.id}`)).json();
    expect(target.mergedFrom.map((m: { id: number }) => m.id).sort()).toEqual([b.id, c.id].sort());
    expect((await staff.call('POST', `/api/suggestions/${a.id}/merge`, { intoId: a.id })).statusCode).toBe(
      400,
    );
    expect((await staff.call('POST', `/api/suggestions/${a.id}/merge`, { intoId: b.id })).statusCode).toBe(
      409,
    );

    await step(a.id, 'accept');
    await step(a.id, 'answer', { answer: '已列入加装电梯试点，将上门征求意见。' });
    const seen = (await other.call('GET', `/api/suggestions/${b.id}`)).json();
    expect(seen.mergedInto).toMatchObject({
      id: a.id,
      status: 'answered',
      answer: expect.stringContaining('试点'),
    });
  });

  it('answers many suggestions with one published reply', async () => {
    const ids = [];
    for (const subject of ['垃圾箱房异味大', '垃圾分类投放时间太短', '垃圾箱房需要洗手池']) {
      const { id } = await propose(me, { subject, reason: '垃圾箱房问题', proposal: '改造垃圾箱房' });
      await step(id, 'accept');
      ids.push(id);
    }
    const res = await staff.call('POST', '/api/suggestion-replies', {
      title: '关于垃圾箱房改造建议的集中答复',
      body: '街道将于下月起对垃圾箱房进行除臭改造，增设洗手池，并延长晚间投放时段。',
      suggestionIds: ids,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().suggestions).toHaveLength(3);
    const detail = (await me.call('GET', `/api/suggestions/${ids[0]}`)).json();
    expect(detail.status).toBe('answered');
    expect(detail.reply).toMatchObject({ title: '关于垃圾箱房改造建议的集中答复' });
    const replies = (await me.call('GET', '/api/suggestion-replies')).json();
    expect(replies.items[0].title).toBe('关于垃圾箱房改造建议的集中答复');
    // Rating works on a collectively answered suggestion too.
    expect((await me.call('POST', `/api/suggestions/${ids[0]}/rate`, { rating: 4 })).statusCode).toBe(200);
  });

  it('refuses a collective reply covering an answered suggestion up front, naming it, in words', async () => {
    const open = await propose(me, { subject: '楼道灯不亮', reason: '晚上看不清', proposal: '修楼道灯' });
    const done = await propose(me, { subject: '楼道灯太暗', reason: '晚上看不清', proposal: '换亮的灯' });
    await step(open.id, 'accept');
    await step(done.id, 'accept');
    await step(done.id, 'answer', { answer: '已更换为感应灯。' });
    const res = await staff.call('POST', '/api/suggestion-replies', {
      title: '关于楼道照明的集中答复',
      body: '街道将统一更换楼道灯。',
      suggestionIds: [open.id, done.id],
    });
    expect(res.statusCode).toBe(409);
    const error = res.json();
    expect(error.message).toContain('已答复');
    expect(error.message).toContain(`#${done.id}`);
    expect(error.message).not.toContain('answered');
    expect(error.details).toMatchObject({ suggestions: [{ id: done.id, status: 'answered' }] });
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/suggestion-replies',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'accept-language': 'en' },
      payload: {
        title: '关于楼道照明的集中答复',
        body: '街道将统一更换楼道灯。',
        suggestionIds: [open.id, done.id],
      },
    });
    expect(en.json().message).toMatch(/already answered/i);
    // Nothing was answered by the refused reply.
    expect((await staff.call('GET', `/api/suggestions/${open.id}`)).json().status).toBe('accepted');
  });

  it('names a refused step by its status label, not the raw code', async () => {
    const { id } = await propose(me);
    await step(id, 'accept');
    await step(id, 'answer', { answer: '已答复。' });
    const res = await staff.call('POST', `/api/suggestions/${id}/accept`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已答复');
    expect(res.json().message).not.toMatch(/answered|accept/);
  });
});

describe('topic calls, the network, projects and figures', () => {
  it('closes a topic call at its deadline and refuses late suggestions', async () => {
    const deadline = new Date(clock.now().getTime() + 2 * DAY).toISOString();
    const created = await staff.call('POST', '/api/suggestion-topics', {
      subject: '幸福饭堂怎么办？老年助餐专项征集',
      background: '曹杨一村高龄独居老人多，街道拟开办幸福饭堂，征集选址、菜品和服务方式的建议。',
      channels: ['online', 'point', 'mailbox'],
      deadline,
    });
    expect(created.statusCode, created.body).toBe(200);
    const topicId = created.json().id as number;
    const open = (await me.call('GET', '/api/suggestion-topics?status=open')).json();
    expect(open.items.map((x: { id: number }) => x.id)).toContain(topicId);
    await propose(me, { topicId, subject: '幸福饭堂选址', reason: '老人吃饭难', proposal: '开在活动中心' });

    await advance(2 * DAY + 1);
    const late = await me.call('POST', '/api/suggestions', { ...base, topicId });
    expect(late.statusCode).toBe(409);
    const topics = (await me.call('GET', '/api/suggestion-topics')).json();
    expect(topics.items.find((x: { id: number }) => x.id === topicId)).toMatchObject({
      status: 'closed',
      suggestionCount: 1,
    });
    // The sweep is idempotent: a second pass closes (and audits) nothing more.
    await me.call('GET', '/api/suggestion-topics');
    const closes = await t.deps.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('action', '=', 'suggestion_topic.close')
      .where('entity_id', '=', String(topicId))
      .executeTakeFirstOrThrow();
    expect(closes.n).toBe(1);
  });

  it('builds the collection network and logs mailbox emptyings', async () => {
    const centre = (
      await staff.call('POST', '/api/suggestion-points', { kind: 'centre', name: '街道人民建议征集中心' })
    ).json();
    const zone = (
      await staff.call('POST', '/api/suggestion-points', {
        kind: 'zone',
        name: '曹杨片区',
        parentId: centre.id,
      })
    ).json();
    const point = await staff.call('POST', '/api/suggestion-points', {
      kind: 'point',
      name: '曹杨一村征集点',
      parentId: zone.id,
      openingHours: '周一至周五 9:00-17:00',
      staff: '陈丽华',
    });
    expect(point.statusCode, point.body).toBe(200);
    const bad = await staff.call('POST', '/api/suggestion-points', {
      kind: 'point',
      name: 'x',
      parentId: centre.id,
    });
    expect(bad.statusCode).toBe(400);
    const box = (
      await staff.call('POST', '/api/suggestion-mailboxes', {
        name: '一村建议邮筒',
        pointId: point.json().id,
      })
    ).json();
    const logged = await staff.call('POST', `/api/suggestion-mailboxes/${box.id}/collections`, {
      letters: 4,
      note: '周一开箱',
    });
    expect(logged.statusCode, logged.body).toBe(200);
    const boxes = (await staff.call('GET', '/api/suggestion-mailboxes')).json();
    expect(boxes.items[0]).toMatchObject({ lettersTotal: 4, lastCollectedAt: clock.now().toISOString() });
    const visit = await staff.call('POST', '/api/suggestion-visits', {
      leaderName: '王建国',
      visitedOn: '2026-03-05',
      place: '曹杨一村',
    });
    expect(visit.statusCode, visit.body).toBe(200);
    const letter = await propose(staff, {
      channel: 'mailbox',
      mailboxId: box.id,
      pointId: point.json().id,
      proposerName: '张阿姨',
    });
    const row = (await staff.call('GET', `/api/suggestions/${letter.id}`)).json();
    expect(row).toMatchObject({ channel: 'mailbox', pointName: '曹杨一村征集点', mine: false });
  });

  it('turns suggestions into a project, thanks proposers who agreed, tracks milestones', async () => {
    const a = await propose(me, { thankConsent: true });
    const b = await propose(other, { thankConsent: false });
    const res = await staff.call('POST', '/api/suggestion-projects', {
      name: '花坛式充电桩',
      summary: '把闲置花坛改造成带充电桩的花坛。',
      owner: '街道管理办',
      suggestionIds: [a.id, b.id],
      milestones: [{ title: '选址' }, { title: '施工' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const project = res.json();
    // A new project has started nothing yet: no milestone is 进行中.
    expect(project.milestones.map((m: { state: string }) => m.state)).toEqual(['not_started', 'not_started']);
    expect(project.suggestions).toEqual([
      { id: a.id, subject: base.subject, thanked: '刘*芳' },
      { id: b.id, subject: base.subject, thanked: null },
    ]);
    const done = await staff.call(
      'PATCH',
      `/api/suggestion-projects/${project.id}/milestones/${project.milestones[0].id}`,
      {
        done: true,
      },
    );
    expect(done.json()).toMatchObject({ progress: 50, status: 'in_progress' });
    expect(done.json().milestones.map((m: { state: string }) => m.state)).toEqual(['done', 'in_progress']);
    const seen = (await me.call('GET', `/api/suggestions/${a.id}`)).json();
    expect(seen.projects).toEqual([{ id: project.id, name: '花坛式充电桩' }]);
    expect(seen.adopted).toBe(true);
  });

  it('counts from the records', async () => {
    const res = await staff.call('GET', '/api/suggestions/figures');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    const total = await t.deps.db
      .selectFrom('suggestions')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', street)
      .executeTakeFirstOrThrow();
    expect(f.total).toBe(total.n);
    expect(f.byStatus.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(total.n);
    expect(f.byChannel.find((c: { key: string }) => c.key === 'mailbox').count).toBe(1);
    expect(f.onTime.steps).toBeGreaterThan(0);
    expect(f.onTime.rate).toBeGreaterThan(0);
    expect(f.onTime.rate).toBeLessThan(1);
    expect(f.projects).toBe(1);
    expect(f.inProjects).toBe(2);
    expect(f.rated).toBe(2);
    expect((await me.call('GET', '/api/suggestions/figures')).statusCode).toBe(403);
  });
});

describe('photos', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  function upload(session: Session, id: number, data: Buffer, name: string, type: string) {
    const boundary = '----gz' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/suggestions/${id}/attachments`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  }

  it('stores a photo and refuses other files and oversized ones with clear messages', async () => {
    const { id } = await propose(me);
    const ok = await upload(me, id, png, '花坛.png', 'image/png');
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = (await me.call('GET', `/api/suggestions/${id}`)).json();
    expect(detail.attachments).toEqual([
      { id: ok.json().id, name: '花坛.png', mime: 'image/png', size: png.length },
    ]);
    const download = await me.call('GET', `/api/suggestions/${id}/attachments/${ok.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await other.call('GET', `/api/suggestions/${id}/attachments/${ok.json().id}`)).statusCode).toBe(
      404,
    );

    const text = await upload(me, id, Buffer.from('not a photo'), 'x.png', 'image/png');
    expect(text.statusCode).toBe(415);
    expect(text.json().message).toContain('JPG');
    const big = await upload(
      me,
      id,
      Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024 + 10)]),
      'big.png',
      'image/png',
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toContain('5 MB');
  });
});

describe('search in Chinese', () => {
  const ids: number[] = []; // fixture index → suggestion id
  const themeOf = new Map<number, string>();
  let ctx: RequestContext;

  beforeAll(async () => {
    const searchStreet = await newStreet(t.deps, '搜索街道');
    const user = await newUser(t.deps, 'committee', searchStreet);
    ctx = ctxFor(user);
    await t.deps.db.transaction().execute(async (trx) => {
      for (const s of fixture.suggestions) {
        const { id } = await insertSuggestion(trx, t.deps, ctx, searchStreet, {
          subject: s.subject,
          reason: s.reason,
          proposal: s.proposal,
          channel: 'point',
          proposerName: '测试居民',
          thankConsent: false,
        });
        ids.push(id);
        themeOf.set(id, s.theme);
      }
    });
  });

  it('has a realistic fixture', () => {
    expect(fixture.suggestions.length).toBeGreaterThanOrEqual(200);
    expect(fixture.queries.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixture.queries)('finds what a reader would for “$q”', async ({ q, expected }) => {
    const relevant = new Set(expected.map((i) => ids[i]!));
    const page = await listSuggestions(t.deps, ctx, { q, limit: 200, offset: 0 });
    const top10 = page.items.slice(0, 10);
    const hits = page.items.filter((s) => relevant.has(s.id)).length;
    const describe = (s: { id: number; subject: string }) => `${themeOf.get(s.id)}:${s.subject}`;
    // Precision of the first page, recall over the whole answer.
    expect(
      top10.filter((s) => relevant.has(s.id)).length / top10.length,
      `top 10: ${top10.map(describe).join(' / ')}`,
    ).toBeGreaterThanOrEqual(0.8);
    expect(hits / relevant.size, `found ${hits} of ${relevant.size}`).toBeGreaterThanOrEqual(0.75);
    const ranks = page.items.map((s) => s.rank!);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('finds 电动车充电 suggestions when asked for 充电桩', async () => {
    const page = await listSuggestions(t.deps, ctx, { q: '充电桩', limit: 200, offset: 0 });
    const withoutPile = page.items.filter((s) => !`${s.subject}${s.reason}${s.proposal}`.includes('充电桩'));
    expect(withoutPile.length).toBeGreaterThan(0);
    expect(withoutPile.every((s) => `${s.subject}${s.reason}${s.proposal}`.includes('充电'))).toBe(true);
  });

  it('answers nonsense with nothing and pages consistently', async () => {
    expect((await listSuggestions(t.deps, ctx, { q: '量子计算机', limit: 20, offset: 0 })).total).toBe(0);
    const all = await listSuggestions(t.deps, ctx, { q: '老人', limit: 200, offset: 0 });
    const second = await listSuggestions(t.deps, ctx, { q: '老人', limit: 5, offset: 5 });
    expect(second.total).toBe(all.total);
    expect(second.items.map((s) => s.id)).toEqual(all.items.slice(5, 10).map((s) => s.id));
  });

  it('ranks texts with every word first, and a verb alone (加装) does not stand for 加装电梯', async () => {
    const decoys = [
      [
        '建议垃圾箱房加装除臭设备',
        '夏天垃圾箱房异味很重，路过的居民都捂着鼻子。',
        '在垃圾箱房加装除臭设备，定时喷洒除臭剂。',
      ],
      ['建议车棚加装监控探头', '车棚里电瓶车电池经常被偷。', '在车棚出入口加装监控探头，接入小区安防平台。'],
      ['建议河边步道加装护栏', '河边步道没有护栏，晚上散步的老人容易失足。', '沿河加装不锈钢护栏和警示牌。'],
      ['建议楼道加装扶手', '楼梯陡，老人上下楼吃力。', '在每层楼道墙边加装扶手。'],
      ['建议晾衣区加装遮雨棚', '下雨来不及收衣服。', '在公共晾衣区加装可收放的遮雨棚。'],
    ];
    const decoyIds = new Set<number>();
    await t.deps.db.transaction().execute(async (trx) => {
      for (const [subject, reason, proposal] of decoys) {
        const { id } = await insertSuggestion(trx, t.deps, ctx, ctx.actor.tenantId!, {
          subject: subject!,
          reason: reason!,
          proposal: proposal!,
          channel: 'point',
          proposerName: '测试居民',
          thankConsent: false,
        });
        decoyIds.add(id);
      }
    });
    const lift = await listSuggestions(t.deps, ctx, { q: '加装电梯', limit: 200, offset: 0 });
    expect(lift.items.filter((s) => decoyIds.has(s.id)).map((s) => s.subject)).toEqual([]);
    expect(lift.items.length).toBeGreaterThanOrEqual(13);
    // two words: every text that has both comes before any that has one
    const page = await listSuggestions(t.deps, ctx, { q: '电梯 噪音', limit: 200, offset: 0 });
    const both = (s: { subject: string; reason: string; proposal: string }) => {
      const text = `${s.subject}${s.reason}${s.proposal}`;
      return text.includes('电梯') && /噪音|噪声|扰民/.test(text);
    };
    const flags = page.items.map(both);
    expect(flags.filter(Boolean).length).toBeGreaterThan(0);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it('groups a topic’s suggestions into clusters of similar content', async () => {
    const deadline = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    const topic = (
      await staff.call('POST', '/api/suggestion-topics', {
        subject: '小区微更新金点子征集',
        background: '征集小区微更新的建议',
        channels: ['online'],
        deadline,
      })
    ).json();
    const picks = fixture.suggestions.filter((s) => ['ev', 'canteen', 'drying'].includes(s.theme));
    for (const s of picks)
      await propose(me, { subject: s.subject, reason: s.reason, proposal: s.proposal, topicId: topic.id });
    const res = await staff.call('GET', `/api/suggestion-topics/${topic.id}/clusters`);
    expect(res.statusCode, res.body).toBe(200);
    const { clusters, total } = res.json();
    expect(total).toBe(picks.length);
    // Three themes come out as (about) three big clusters, each pure.
    const big = clusters.filter((c: { count: number }) => c.count >= 5);
    expect(big.length).toBeGreaterThanOrEqual(3);
    const bySubject = new Map(picks.map((p) => [p.subject, p.theme]));
    for (const c of big) {
      const themes = new Set(c.suggestions.map((s: { subject: string }) => bySubject.get(s.subject)));
      expect(themes.size, JSON.stringify(c)).toBe(1);
    }
  });
});
