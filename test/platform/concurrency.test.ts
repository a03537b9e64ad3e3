import type { Response as InjectResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { login, newStreet, newUser, type Session } from '../support/factories.ts';

/**
 * Twenty requests at once for every numbered thing: each gets its own number, none a 5xx. And
 * twenty creates of the same code: one wins, the others hear 409. (On PGlite requests queue on its
 * one connection; on PostgreSQL they really run together, 10 connections deep.)
 */
const N = 20;
let t: TestApp;
let street: number;
let admin: Session;
let leader: Session;
let designer: Session;
let estateId: number;
let households: number[];
let layoutOptionId: number;

beforeAll(async () => {
  t = await createTestApp();
  street = await newStreet(t.deps, '并发街道');
  admin = await login(t.app, await newUser(t.deps, 'system_admin', null));
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  designer = await login(t.app, await newUser(t.deps, 'designer', street));
  estateId = (await leader.call('POST', '/api/estates', { name: '并发一村' })).json().id;
  const building = (
    await leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '1号' })
  ).json();
  households = [];
  for (const room of ['101', '102', '103']) {
    const res = await leader.call('POST', '/api/households', {
      buildingId: building.id,
      room,
      headName: `并发${room}`,
    });
    households.push(res.json().id);
  }
  layoutOptionId = (
    await leader.call('POST', `/api/estates/${estateId}/layout-options`, {
      code: 'A',
      name: '北向厨卫',
      addedArea: 8,
    })
  ).json().id;
});
afterAll(() => t.close());

function statusesOf(answers: InjectResponse[]): number[] {
  return answers.map((a) => a.statusCode);
}

function expectNo5xx(answers: InjectResponse[]) {
  const failed = answers.filter((a) => a.statusCode >= 500).map((a) => a.body);
  expect(failed).toEqual([]);
}

const together = (make: (i: number) => Promise<InjectResponse>) =>
  Promise.all(Array.from({ length: N }, (_, i) => make(i)));

describe('numbered creates, 20 at once', () => {
  it('mediation cases get 20 distinct case numbers', async () => {
    const answers = await together((i) =>
      leader.call('POST', '/api/mediation/cases', {
        title: `并发纠纷${i}`,
        type: 'neighbours',
        source: 'application',
        facts: '楼上漏水。',
        claims: '修复防水层。',
        parties: [
          { name: '张一明', role: 'applicant', householdId: households[0] },
          { name: '李二华', role: 'respondent', householdId: households[1] },
        ],
      }),
    );
    expectNo5xx(answers);
    expect(statusesOf(answers)).toEqual(Array(N).fill(200));
    const numbers = answers.map((a) => a.json<{ caseNo: string }>().caseNo);
    expect(new Set(numbers).size).toBe(N);
  });

  it("a household's plans get versions 1…20", async () => {
    const answers = await together(() =>
      leader.call('POST', `/api/households/${households[0]}/plans`, {
        layoutOptionId,
        addedArea: 8,
        transition: 'agency',
        allowances: [{ item: '临时安置补偿费', formula: '10个月 × 1500元/月', amount: 15000 }],
      }),
    );
    expectNo5xx(answers);
    expect(statusesOf(answers)).toEqual(Array(N).fill(200));
    const versions = answers.map((a) => a.json<{ version: number }>().version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });

  it("a household's drawings get versions 1…20", async () => {
    const answers = await together((i) => {
      const boundary = `----gz${i}x${Date.now()}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v${i}.pdf"\r\n` +
            'Content-Type: application/pdf\r\n\r\n',
        ),
        Buffer.from(`%PDF-1.4\n% drawing ${i}\n`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: `/api/households/${households[1]}/drawings`,
        headers: {
          cookie: designer.cookie,
          'x-csrf-token': designer.csrf,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    });
    expectNo5xx(answers);
    expect(statusesOf(answers)).toEqual(Array(N).fill(200));
    const rows = await t.deps.db
      .selectFrom('drawings')
      .select('version')
      .where('tenant_id', '=', street)
      .where('household_id', '=', households[1]!)
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  });
});

describe('the same code, 20 at once', () => {
  const oneWins = (answers: InjectResponse[]) => {
    expectNo5xx(answers);
    const statuses = statusesOf(answers);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(N - 1);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.json()).toMatchObject({ code: 'conflict', message: expect.any(String) });
  };

  it('streets', async () => {
    const code = `same-${process.pid}`;
    oneWins(await together((i) => admin.call('POST', '/api/tenants', { code, name: `同码街道${i}` })));
  });

  it('estates', async () => {
    oneWins(await together(() => leader.call('POST', '/api/estates', { name: '同名小区' })));
  });

  it('buildings', async () => {
    oneWins(
      await together(() => leader.call('POST', `/api/estates/${estateId}/buildings`, { number: '9号' })),
    );
  });

  it('layout options', async () => {
    oneWins(
      await together(() =>
        leader.call('POST', `/api/estates/${estateId}/layout-options`, {
          code: 'Z',
          name: '同码户型',
          addedArea: 5,
        }),
      ),
    );
  });
});
