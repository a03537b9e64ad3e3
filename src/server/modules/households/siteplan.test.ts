import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';

let t: TestApp;
let leader: Session;
let cadre: Session;
let estateId: number;
let otherEstate: number;
let b1: number;
let b2: number;
let elsewhere: number;

const rect = (x: number, y: number, w: number, h: number): Array<[number, number]> => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

beforeAll(async () => {
  t = await createTestApp();
  const street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  cadre = await login(t.app, await newUser(t.deps, 'cadre', street));
  estateId = (await leader.call('POST', '/api/estates', { name: '新建小区' })).json().id;
  otherEstate = (await leader.call('POST', '/api/estates', { name: '另一小区' })).json().id;
  b1 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1' })).json().id;
  b2 = (await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '2' })).json().id;
  elsewhere = (await leader.call('POST', `/api/estates/${otherEstate}/buildings`, { number: '1' })).json().id;
});
afterAll(() => t.close());

describe('site plan (总平面图)', () => {
  it('saves outlines drawn for new buildings, and the battle map draws them', async () => {
    const polygon: Array<[number, number]> = [
      [300, 100],
      [420, 80],
      [440, 160],
      [320, 190],
    ];
    const res = await leader.call('PUT', `/api/estates/${estateId}/site-plan`, {
      buildings: [
        { id: b1, outline: rect(100, 100, 150, 40) },
        { id: b2, outline: polygon },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((b: { outline: unknown }) => b.outline)).toEqual([
      rect(100, 100, 150, 40),
      polygon,
    ]);
    const map = (await leader.call('GET', `/api/estates/${estateId}/map`)).json();
    expect(map.buildings.map((b: { number: string; outline: unknown }) => [b.number, b.outline])).toEqual([
      ['1号', rect(100, 100, 150, 40)],
      ['2号', polygon],
    ]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', '=', 'estate.site_plan')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('clears an outline with null, leaving the others', async () => {
    const res = await leader.call('PUT', `/api/estates/${estateId}/site-plan`, {
      buildings: [{ id: b2, outline: null }],
    });
    expect(res.statusCode).toBe(200);
    const outlines = res.json().items.map((b: { outline: unknown }) => b.outline);
    expect(outlines).toEqual([rect(100, 100, 150, 40), null]);
  });

  it('refuses, with the field and a reason in both languages, what cannot be a building on this plan', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ id: elsewhere, outline: rect(0, 0, 10, 10) }, 'buildings.0.id', /不属于本小区/],
      [{ id: b1, outline: rect(950, 600, 100, 50) }, 'buildings.0.outline', /超出总平面图/],
      [
        {
          id: b1,
          outline: [
            [0, 0],
            [10, 10],
            [20, 20],
          ],
        },
        'buildings.0.outline',
        /没有面积/,
      ],
    ];
    for (const [entry, path, zh] of cases) {
      const res = await leader.call('PUT', `/api/estates/${estateId}/site-plan`, { buildings: [entry] });
      expect(res.statusCode, JSON.stringify(entry)).toBe(400);
      const body = res.json();
      expect(JSON.stringify(body)).toContain(path);
      expect(JSON.stringify(body)).toMatch(zh);
    }
    const twice = await leader.call('PUT', `/api/estates/${estateId}/site-plan`, {
      buildings: [
        { id: b1, outline: rect(0, 0, 10, 10) },
        { id: b1, outline: null },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(JSON.stringify(twice.json())).toMatch(/出现两次/);
    // nothing of a refused plan was saved
    const list = (await leader.call('GET', `/api/estates/${estateId}/buildings`)).json();
    expect(list.items[0].outline).toEqual(rect(100, 100, 150, 40));
  });

  it('is for staff who manage estates', async () => {
    const res = await cadre.call('PUT', `/api/estates/${estateId}/site-plan`, {
      buildings: [{ id: b1, outline: rect(0, 0, 10, 10) }],
    });
    expect(res.statusCode).toBe(403);
  });
});
