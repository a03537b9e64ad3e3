import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { TOTAL_CAP } from '../../../contract/common.ts';

let t: TestApp;
let leader: Session;

beforeAll(async () => {
  t = await createTestApp();
  const street = await newStreet(t.deps);
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  const estate = await t.deps.db
    .insertInto('estates')
    .values({ tenant_id: street, name: '大小区' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const building = await t.deps.db
    .insertInto('buildings')
    .values({ tenant_id: street, estate_id: estate.id, number: '1号', sort_key: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One more household than the cap; three of them visited.
  await sql`insert into households (tenant_id, estate_id, building_id, room, head_name, stage)
    select ${street}, ${estate.id}, ${building.id}, g::text, '住户' || g, case when g <= 3 then 'visited' else 'not_visited' end
    from generate_series(1, ${TOTAL_CAP + 1}) g`.execute(t.deps.db);
});
afterAll(() => t.close());

describe('household list totals', () => {
  it('counts a long list only up to the cap and says there are more', async () => {
    const res = await leader.call('GET', '/api/households?limit=20');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(res.json().items).toHaveLength(20);
  });

  it('counts a filtered list exactly', async () => {
    const res = await leader.call('GET', '/api/households?stage=visited');
    expect(res.json()).toMatchObject({ total: 3, totalCapped: false });
  });
});
