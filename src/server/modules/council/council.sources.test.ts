import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { ManualClock } from '../../platform/clock.ts';

/** Issue #19 point 15: a topic links the visit, concern or suggestion it comes from ("提交议事"). */
let t: TestApp;
let committee: Session;
let stranger: Session;
let household: number;
let buildingId: number;
let visitId: number;
let concernId: number;
let suggestionId: number;
let foreignVisit: number;

async function streetWithVisit(name: string) {
  const street = await newStreet(t.deps, name);
  const leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estateId = (await leader.call('POST', '/api/estates', { name: `${name}一村` })).json().id;
  const building = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '3号' })).json()
    .id;
  const h = (
    await leader.call('POST', '/api/households', { buildingId: building, room: '201', headName: '王阿姨' })
  ).json().id;
  const visit = (
    await leader.call('POST', `/api/households/${h}/visits`, {
      method: 'door',
      summary: '北侧加建厨卫遮挡底层采光，王阿姨希望调整方案',
    })
  ).json();
  return { street, leader, h, building, visitId: visit.id as number };
}

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-04-01T01:00:00Z') });
  const mine = await streetWithVisit('曹杨');
  household = mine.h;
  buildingId = mine.building;
  visitId = mine.visitId;
  concernId = (
    await mine.leader.call('POST', `/api/households/${household}/concerns`, {
      content: '过渡期间老人无人照护',
    })
  ).json().id;
  suggestionId = (
    await mine.leader.call('POST', '/api/suggestions', {
      subject: '楼道增设电动车充电点',
      reason: '飞线充电有火灾隐患',
      proposal: '在花坛旁建充电棚',
      proposerName: '王阿姨',
      householdId: household,
    })
  ).json().id;
  committee = await login(t.app, await newUser(t.deps, 'committee', mine.street));
  const other = await streetWithVisit('长风');
  foreignVisit = other.visitId;
  stranger = await login(t.app, await newUser(t.deps, 'committee', other.street));
});
afterAll(() => t.close());

describe('topic sources', () => {
  it('prefills a topic from a visit, a concern or a suggestion of the street', async () => {
    const fromVisit = (
      await committee.call('GET', `/api/council/topic-draft?source=visit&ref=${visitId}`)
    ).json();
    expect(fromVisit).toEqual({
      title: '北侧加建厨卫遮挡底层采光，王阿姨希望调整方案',
      description: '北侧加建厨卫遮挡底层采光，王阿姨希望调整方案',
      source: 'visit',
      sourceRef: visitId,
      raisedByName: '王阿姨',
      householdIds: [household],
      buildingIds: [buildingId],
    });
    const fromConcern = (
      await committee.call('GET', `/api/council/topic-draft?source=concern&ref=${concernId}`)
    ).json();
    expect(fromConcern).toMatchObject({ title: '过渡期间老人无人照护', householdIds: [household] });
    const fromSuggestion = (
      await committee.call('GET', `/api/council/topic-draft?source=suggestion&ref=${suggestionId}`)
    ).json();
    expect(fromSuggestion).toMatchObject({
      title: '楼道增设电动车充电点',
      description: expect.stringContaining('在花坛旁建充电棚'),
      raisedByName: '王阿姨',
    });
    // another street's visit is not found; a resident may not draft topics
    expect(
      (await committee.call('GET', `/api/council/topic-draft?source=visit&ref=${foreignVisit}`)).statusCode,
    ).toBe(404);
    expect(
      (await stranger.call('GET', `/api/council/topic-draft?source=visit&ref=${visitId}`)).statusCode,
    ).toBe(404);
  });

  it('links the record to the topic and shows what it is', async () => {
    const draft = (
      await committee.call('GET', `/api/council/topic-draft?source=visit&ref=${visitId}`)
    ).json();
    const created = await committee.call('POST', '/api/council/topics', draft);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      source: 'visit',
      sourceRef: visitId,
      sourceRecord: {
        id: visitId,
        householdId: household,
        label: expect.stringContaining(`走访 #${visitId}：北侧加建厨卫遮挡底层采光`),
      },
    });
    const linked = await committee.call('POST', '/api/council/topics', {
      title: '充电棚选址',
      source: 'suggestion',
      sourceRef: suggestionId,
      raisedByName: '王阿姨',
    });
    expect(linked.json().sourceRecord).toMatchObject({
      id: suggestionId,
      label: `建议 #${suggestionId}：楼道增设电动车充电点`,
    });
    const list = (await committee.call('GET', '/api/council/topics')).json();
    expect(list.items.map((x: { sourceRecord: { id: number } | null }) => x.sourceRecord?.id)).toEqual([
      suggestionId,
      visitId,
    ]);
  });

  it('refuses a record of another street, of another kind, or for a staff topic', async () => {
    const base = { title: '采光议题', raisedByName: '王阿姨' };
    const foreign = await committee.call('POST', '/api/council/topics', {
      ...base,
      source: 'visit',
      sourceRef: foreignVisit,
    });
    expect(foreign.statusCode).toBe(400);
    expect(JSON.stringify(foreign.json().details)).toContain('不属于本街道');
    // an id that is no visit of this street
    const wrongKind = await committee.call('POST', '/api/council/topics', {
      ...base,
      source: 'visit',
      sourceRef: concernId + 1000,
    });
    expect(wrongKind.statusCode).toBe(400);
    const staff = await committee.call('POST', '/api/council/topics', {
      ...base,
      source: 'staff',
      sourceRef: visitId,
    });
    expect(staff.statusCode).toBe(400);
  });
});
