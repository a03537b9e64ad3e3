import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { jobHandlers } from '../../background.ts';
import { ManualClock } from '../../platform/clock.ts';
import { drainJobs } from '../../platform/jobs.ts';
import { UNSEEN } from './opinion.analysis.ts';
import { plantedBallots } from './opinion.synthetic.ts';

let t: TestApp;
let street: number;
let leader: Session;
let committee: Session;
let resident: Session;
let neighbour: Session;
let otherStreet: Session;
let topicId: number;
let mapId: number;
const statementIds: number[] = [];
const CONSENSUS = [1, 5, 8];

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-11-02T02:00:00Z') });
  street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  committee = await login(t.app, await newUser(t.deps, 'committee', street));
  resident = await login(t.app, await newUser(t.deps, 'resident', street));
  neighbour = await login(t.app, await newUser(t.deps, 'resident', street));
  otherStreet = await login(t.app, await newUser(t.deps, 'street_leader', await newStreet(t.deps, '乙街道')));
  topicId = (
    await committee.call('POST', '/api/council/topics', {
      title: '曹杨二村成套改造方案比选',
      source: 'staff',
      raisedByName: '居委会',
    })
  ).json().id;
});
afterAll(() => t.close());

const recompute = () => drainJobs(t.deps, jobHandlers);

describe('opinion maps', () => {
  it('creates a map on a council topic and lists it under the topic', async () => {
    const res = await committee.call('POST', '/api/opinion-maps', { title: '二村方案怎么选', topicId });
    expect(res.statusCode).toBe(200);
    mapId = res.json().id;
    expect(res.json()).toMatchObject({
      subject: { kind: 'topic', id: topicId, title: '曹杨二村成套改造方案比选' },
    });
    const list = (await leader.call('GET', `/api/opinion-maps?topicId=${topicId}`)).json();
    expect(list.items.map((m: { id: number }) => m.id)).toEqual([mapId]);
    const two = await committee.call('POST', '/api/opinion-maps', { title: '两个都挂', topicId, draftId: 1 });
    expect(two.statusCode).toBe(400);
    const foreign = await otherStreet.call('POST', '/api/opinion-maps', { title: '别的街道的议题', topicId });
    expect(foreign.statusCode).toBe(400);
  });

  it('lets staff seed statements of at most 140 characters, shown at once', async () => {
    for (let i = 0; i < 12; i++) {
      const res = await committee.call('POST', `/api/opinion-maps/${mapId}/statements`, {
        text: `观点${i + 1}：加装电梯和厨卫改造的第${i + 1}种做法`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'approved', byStaff: true });
      statementIds.push(res.json().id);
    }
    const long = await committee.call('POST', `/api/opinion-maps/${mapId}/statements`, {
      text: '长'.repeat(141),
    });
    expect(long.statusCode).toBe(400);
    const same = await committee.call('POST', `/api/opinion-maps/${mapId}/statements`, {
      text: '观点1：加装电梯和厨卫改造的第1种做法',
    });
    expect(same.statusCode).toBe(409);
  });

  it('gives a resident one statement at a time and keeps the map from them until they voted enough', async () => {
    let next = (await resident.call('GET', `/api/opinion-maps/${mapId}/next`)).json();
    expect(next).toMatchObject({ statement: { id: statementIds[0] }, voted: 0, total: 12, maySeeMap: false });
    const early = await resident.call('GET', `/api/opinion-maps/${mapId}/analysis`);
    expect(early.statusCode).toBe(403);
    expect(early.json().message).toContain('7');
    for (let i = 0; i < 7; i++) {
      const res = await resident.call('POST', `/api/opinion-maps/${mapId}/votes`, {
        statementId: next.statement.id,
        vote: [1, -1, 0][i % 3],
      });
      expect(res.statusCode).toBe(200);
      next = res.json();
    }
    expect(next).toMatchObject({ statement: { id: statementIds[7] }, voted: 7, maySeeMap: true });
    expect((await resident.call('GET', `/api/opinion-maps/${mapId}/analysis`)).statusCode).toBe(200);
    // voting again changes the vote, not the count
    const again = await resident.call('POST', `/api/opinion-maps/${mapId}/votes`, {
      statementId: statementIds[0],
      vote: -1,
    });
    expect(again.json().voted).toBe(7);
    const bad = await resident.call('POST', `/api/opinion-maps/${mapId}/votes`, {
      statementId: statementIds[0],
      vote: 2,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('records that a vote was cast, never which way, and queues one recompute for many votes', async () => {
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['payload'])
      .where('tenant_id', '=', street)
      .where('action', '=', 'opinion.vote')
      .execute();
    expect(audit.length).toBe(8);
    for (const a of audit) expect(Object.keys(a.payload as object)).toEqual(['statementId']);
    const queued = await t.deps.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'opinion.recompute')
      .where('status', '=', 'queued')
      .execute();
    expect(queued).toHaveLength(1);
  });

  it('holds a resident’s statement for moderation, then shows it to others', async () => {
    const res = await resident.call('POST', `/api/opinion-maps/${mapId}/statements`, {
      text: '希望保留楼下的晾衣区',
    });
    expect(res.json()).toMatchObject({ status: 'pending', byStaff: false });
    const own = (await resident.call('GET', `/api/opinion-maps/${mapId}/statements`)).json();
    expect(own.items.some((s: { id: number }) => s.id === res.json().id)).toBe(true);
    const theirs = (await neighbour.call('GET', `/api/opinion-maps/${mapId}/statements`)).json();
    expect(theirs.items.some((s: { id: number }) => s.id === res.json().id)).toBe(false);
    const early = await neighbour.call('POST', `/api/opinion-maps/${mapId}/votes`, {
      statementId: res.json().id,
      vote: 1,
    });
    expect(early.statusCode).toBe(400);
    expect((await committee.call('GET', `/api/opinion-maps/${mapId}`)).json().pending).toBe(1);
    const notAllowed = await resident.call(
      'POST',
      `/api/opinion-maps/${mapId}/statements/${res.json().id}/moderate`,
      {
        status: 'approved',
      },
    );
    expect(notAllowed.statusCode).toBe(403);
    const ok = await committee.call(
      'POST',
      `/api/opinion-maps/${mapId}/statements/${res.json().id}/moderate`,
      {
        status: 'rejected',
      },
    );
    expect(ok.json().status).toBe('rejected');
    const after = (await neighbour.call('GET', `/api/opinion-maps/${mapId}/statements`)).json();
    expect(after.items.some((s: { id: number }) => s.id === res.json().id)).toBe(false);
  });

  it('finds the planted groups and their consensus from paper ballots, in a background job', async () => {
    const { matrix, groupOf } = plantedBallots({
      groups: 3,
      participants: 90,
      statements: 12,
      consensus: CONSENSUS,
      seed: 5,
      weights: [4, 3, 2],
    });
    const n = statementIds.length;
    for (let p = 0; p < matrix.participants; p++) {
      const votes = statementIds
        .map((statementId, s) => ({ statementId, vote: matrix.votes[p * n + s]! }))
        .filter((v) => v.vote !== UNSEEN);
      const res = await committee.call('POST', `/api/opinion-maps/${mapId}/ballots`, {
        participantRef: `卡片-${String(p + 1).padStart(3, '0')}`,
        votes,
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await recompute()).toBeGreaterThanOrEqual(1);
    const a = (await leader.call('GET', `/api/opinion-maps/${mapId}/analysis`)).json();
    expect(a.participants).toBe(91); // 90 cards and the resident
    expect(a.stale).toBe(false);
    expect(a.groups).toHaveLength(3);
    expect(a.groups.map((g: { size: number }) => g.size).reduce((x: number, y: number) => x + y, 0)).toBe(
      a.clustered,
    );
    const sizes = [0, 1, 2].map((g) => groupOf.filter((x) => x === g).length).sort((x, y) => y - x);
    for (const [i, g] of a.groups.entries())
      expect(Math.abs(g.size - sizes[i]!)).toBeLessThanOrEqual(sizes[i]! * 0.1 + 1);
    expect(a.consensus.sort((x: number, y: number) => x - y)).toEqual(CONSENSUS.map((s) => statementIds[s]));
    const first = a.statements.find((s: { id: number }) => s.id === statementIds[1]);
    expect(first).toMatchObject({ text: expect.stringContaining('观点2'), groups: expect.any(Array) });
    expect(first.agree + first.disagree + first.pass).toBeGreaterThan(60);
    expect(a.points.length).toBe(a.clustered);
    expect(JSON.stringify(a)).not.toMatch(/卡片|participantId|userId/);
  });

  it('re-enters a card as a replacement, and refuses votes on a closed map', async () => {
    const res = await committee.call('POST', `/api/opinion-maps/${mapId}/ballots`, {
      participantRef: '卡片-001',
      votes: [{ statementId: statementIds[0], vote: 1 }],
    });
    expect(res.json()).toEqual({ participantRef: '卡片-001', votes: 1 });
    const cardVotes = await t.deps.db
      .selectFrom('opinion_votes as v')
      .innerJoin('opinion_participants as p', 'p.id', 'v.participant_id')
      .select('v.statement_id')
      .where('p.ref', '=', '卡片-001')
      .execute();
    expect(cardVotes).toHaveLength(1);
    expect(
      (await leader.call('POST', `/api/opinion-maps/${mapId}/status`, { status: 'closed' })).statusCode,
    ).toBe(200);
    const late = await neighbour.call('POST', `/api/opinion-maps/${mapId}/votes`, {
      statementId: statementIds[0],
      vote: 1,
    });
    expect(late.statusCode).toBe(409);
    await leader.call('POST', `/api/opinion-maps/${mapId}/status`, { status: 'open' });
  });

  it('prints the report as a PDF', async () => {
    const res = await leader.call('GET', `/api/opinion-maps/${mapId}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await resident.call('GET', `/api/opinion-maps/${mapId}/report.pdf`)).statusCode).toBe(403);
  });

  it('keeps another street out', async () => {
    for (const url of [
      `/api/opinion-maps/${mapId}`,
      `/api/opinion-maps/${mapId}/analysis`,
      `/api/opinion-maps/${mapId}/statements`,
    ])
      expect((await otherStreet.call('GET', url)).statusCode).toBe(404);
    const ballot = await otherStreet.call('POST', `/api/opinion-maps/${mapId}/ballots`, {
      participantRef: 'x',
      votes: [{ statementId: statementIds[0], vote: 1 }],
    });
    expect(ballot.statusCode).toBe(404);
    expect((await otherStreet.call('GET', '/api/opinion-maps')).json().total).toBe(0);
  });
});
