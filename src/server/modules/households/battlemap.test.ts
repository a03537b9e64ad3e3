import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';

let t: TestApp;
let leader: Session;
let estateId: number;
let emptyEstate: number;
let b1: number;
let b2: number;
let flats: number[];

beforeAll(async () => {
  t = await createTestApp();
  const street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  estateId = (await leader.call('POST', '/api/estates', { name: '曹杨二村' })).json().id;
  emptyEstate = (await leader.call('POST', '/api/estates', { name: '待建档小区' })).json().id;
  b1 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1' })).json().id;
  b2 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '2' })).json().id;
  flats = [];
  for (const room of ['101', '102', '201', '202'])
    flats.push(
      (await leader.call('POST', '/api/households', { buildingId: b1, room, headName: `住户${room}` })).json()
        .id,
    );
});
afterAll(() => t.close());

const map = async (query = '') => {
  const res = await leader.call('GET', `/api/estates/${estateId}/map${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('battle map (作战图): the stage it opens on', () => {
  it('opens on 已走访 while nothing has happened, then on the step of the open round', async () => {
    expect((await map()).stage).toBe('visited');
    await leader.call('POST', `/api/households/${flats[0]}/visits`, { method: 'door', summary: '宣讲' });
    expect((await map()).stage).toBe('visited');

    // a signing under way (order relaxed: these tests are about the map): 3 of 4 sign
    await leader.call('PUT', '/api/renewal-settings', {
      relaxed: [
        'visit_before_willingness',
        'willingness_before_plan',
        'plan_before_signing',
        'drawing_before_signing',
      ],
      reason: '作战图测试',
    });
    const round = await leader.call('POST', `/api/estates/${estateId}/consultations`, {
      title: '二村签约',
      kind: 'signing',
    });
    expect(round.statusCode, round.body).toBe(200);
    for (const householdId of flats.slice(0, 3)) {
      const signed = await leader.call('POST', `/api/consultations/${round.json().id}/responses`, {
        householdId,
        decision: 'agree',
        agreementNo: `CY2-${householdId}`,
      });
      expect(signed.statusCode, signed.body).toBe(200);
    }
    const current = await map();
    expect(current.stage).toBe('signed');
    expect(current.totals).toEqual({ households: 4, reached: 3, share: 0.75 });
    // the visit metric is still there when asked for
    expect((await map('?stage=visited')).stage).toBe('visited');

    // the round closed: the furthest stage any household reached
    await leader.call('POST', `/api/consultations/${round.json().id}/close`);
    expect((await map()).stage).toBe('signed');
  });
});

describe('ratios with nothing to count', () => {
  it('are null (shown "—"), never 0 of 0', async () => {
    const m = await map('?stage=visited');
    const empty = m.buildings.find((b: { id: number }) => b.id === b2);
    expect(empty).toMatchObject({ households: 0, reached: 0, share: null });
    const none = (await leader.call('GET', `/api/estates/${emptyEstate}/map`)).json();
    expect(none.totals).toEqual({ households: 0, reached: 0, share: null });

    const outcome = (await leader.call('GET', `/api/estates/${emptyEstate}/outcome`)).json();
    expect(outcome).toMatchObject({ signingRate: null, successRate: null, beautificationRate: null });
    const partly = (await leader.call('GET', `/api/estates/${estateId}/outcome`)).json();
    expect(partly.signingRate).toBe(0.75);
    expect(partly.successRate).toBeNull(); // no plan confirmed yet: no success rate to speak of

    const round = await leader.call('POST', `/api/estates/${estateId}/consultations`, {
      title: '2号楼意愿征询',
      kind: 'willingness',
      buildingIds: [b2],
    });
    expect(round.statusCode, round.body).toBe(200);
    const progress = (await leader.call('GET', `/api/consultations/${round.json().id}/progress`)).json();
    expect(progress).toMatchObject({ eligible: 0, rate: null });
  });
});
