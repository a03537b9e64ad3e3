import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDbKind, type TestApp } from '../../../../test/support/app.ts';
import { login } from '../../../../test/support/factories.ts';
import { seedSmallStreet } from '../../../../test/support/small-street.ts';
import { DEMO_PASSWORD } from '../../platform/seedKit.ts';
import { outcomeCounts, type OutcomeCounts } from './outcome.service.ts';

/**
 * The estate outcome is read from `household_outcomes`, kept by triggers on the records (migration
 * 0160). Here it must equal a recount from the records themselves — the query the outcome used
 * to run — after the demo story's writes and after every kind of change to those records.
 */
let t: TestApp;
let tenantId: number;
let estateIds: number[];

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await seedSmallStreet(t.deps)).tenantId;
  estateIds = (
    await t.deps.db
      .selectFrom('estates')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute()
  ).map((e) => e.id);
}, 300_000);
afterAll(() => t.close());

async function recount(estateId: number): Promise<OutcomeCounts> {
  const r = await sql<OutcomeCounts>`
    select
      count(*)::int as households,
      count(*) filter (where exists (
        select 1 from round_households rh
          join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id and r.kind = 'signing'
         where rh.tenant_id = h.tenant_id and rh.household_id = h.id and rh.decision = 'agree'))::int as signed,
      count(*) filter (where exists (
        select 1 from plans p
         where p.tenant_id = h.tenant_id and p.household_id = h.id and p.confirmed_at is not null))::int as planned,
      count(*) filter (where exists (
        select 1 from acceptances a
         where a.tenant_id = h.tenant_id and a.household_id = h.id and a.status = 'passed'))::int as accepted,
      count(*) filter (where exists (
        select 1 from acceptances a
         where a.tenant_id = h.tenant_id and a.household_id = h.id and a.status = 'passed'
           and a.beautification_ok))::int as beautified,
      count(*) filter (where exists (
        select 1 from drawings d
         where d.tenant_id = h.tenant_id and d.household_id = h.id and d.confirmed_at is not null))::int as drawings
    from households h
   where h.tenant_id = ${tenantId} and h.estate_id = ${estateId}`.execute(t.deps.db);
  return r.rows[0]!;
}

async function expectEqualToRecount() {
  for (const estateId of estateIds)
    expect(await outcomeCounts(t.deps.db, tenantId, [estateId]), `estate ${estateId}`).toEqual(
      await recount(estateId),
    );
  const all = await Promise.all(estateIds.map(recount));
  const sum = (k: keyof OutcomeCounts) => all.reduce((n, c) => n + c[k], 0);
  expect(await outcomeCounts(t.deps.db, tenantId, estateIds)).toEqual({
    households: sum('households'),
    signed: sum('signed'),
    planned: sum('planned'),
    accepted: sum('accepted'),
    beautified: sum('beautified'),
    drawings: sum('drawings'),
  });
}

const q = (s: ReturnType<typeof sql>) => s.execute(t.deps.db);

describe('estate outcome kept by triggers', () => {
  it('equals a recount from the records after the demo story was written', async () => {
    const c = await outcomeCounts(t.deps.db, tenantId, estateIds);
    // the story reaches every figure, so the comparison is not one of zeros
    for (const k of ['signed', 'planned', 'accepted', 'beautified', 'drawings'] as const)
      expect(c[k], k).toBeGreaterThan(0);
    await expectEqualToRecount();
  });

  it('follows every kind of change to the records, in bulk statements too', async () => {
    const { rows: hs } = await sql<{ id: number; estate_id: number }>`
      select id, estate_id from households where tenant_id = ${tenantId} order by id`.execute(t.deps.db);
    const some = hs.slice(0, 40).map((h) => h.id);
    // signing decisions change both ways, in one statement over many households
    await q(sql`update round_households set decision = case when decision = 'agree' then 'disagree' else 'agree' end
                where tenant_id = ${tenantId} and household_id = any(${some})`);
    await expectEqualToRecount();
    // a round stops being a signing round, another is deleted with its households
    const rounds = (
      await sql<{
        id: number;
        kind: string;
      }>`select id, kind from rounds where tenant_id = ${tenantId} order by id`.execute(t.deps.db)
    ).rows;
    const signing = rounds.filter((r) => r.kind === 'signing');
    expect(signing.length).toBeGreaterThan(0);
    await q(
      sql`update rounds set kind = 'willingness' where tenant_id = ${tenantId} and id = ${signing[0]!.id}`,
    );
    await expectEqualToRecount();
    await q(sql`update rounds set kind = 'signing' where tenant_id = ${tenantId} and id = ${signing[0]!.id}`);
    await expectEqualToRecount();
    await q(
      sql`delete from round_response_history where tenant_id = ${tenantId} and round_id = ${rounds.at(-1)!.id}`,
    );
    await q(sql`delete from rounds where tenant_id = ${tenantId} and id = ${rounds.at(-1)!.id}`);
    await expectEqualToRecount();
    // plans: confirmation withdrawn, a confirmed version for a household that had none
    await q(
      sql`update plans set confirmed_at = null where tenant_id = ${tenantId} and household_id = any(${some.slice(0, 10)})`,
    );
    const without = hs.find((h) => !some.includes(h.id))!.id;
    await q(sql`delete from acceptances where tenant_id = ${tenantId} and household_id = ${without}`);
    await q(sql`
      insert into plans (tenant_id, household_id, version, layout_option_id, added_area, transition, allowances,
                         created_at, confirmed_at)
      select tenant_id, ${without}, 99, layout_option_id, added_area, transition, allowances, now(), now()
        from plans where tenant_id = ${tenantId} limit 1`);
    await expectEqualToRecount();
    // acceptances: passed ↔ open, beautification toggled, one deleted
    await q(sql`update acceptances set status = case when status = 'passed' then 'open' else 'passed' end
                where tenant_id = ${tenantId} and household_id = any(${some.slice(10, 20)})`);
    await q(sql`update acceptances set beautification_ok = not beautification_ok
                where tenant_id = ${tenantId} and household_id = any(${some.slice(15, 30)})`);
    await q(sql`delete from acceptances where tenant_id = ${tenantId} and household_id = ${some[30]!}`);
    await expectEqualToRecount();
    // drawings: a confirmation withdrawn, a record moved to another household
    await q(
      sql`update drawings set confirmed_at = null where tenant_id = ${tenantId} and household_id = any(${some.slice(20, 25)})`,
    );
    await q(sql`update drawings set household_id = ${some[35]!}, version = 77
                where tenant_id = ${tenantId} and household_id = ${some[36]!} and version = 1`);
    await expectEqualToRecount();
    // a household moved to the other estate takes its outcome along
    const moved = hs.find((h) => h.estate_id === estateIds[0])!;
    await q(
      sql`update households set estate_id = ${estateIds[1]!} where tenant_id = ${tenantId} and id = ${moved.id}`,
    );
    await expectEqualToRecount();
  }, 120_000);

  it.runIf(testDbKind() === 'postgres')(
    'two transactions writing one household at once both count (row lock, then a recount)',
    async () => {
      const { rows } = await sql<{ household_id: number }>`
        select a.household_id from acceptances a
          join plans p on p.tenant_id = a.tenant_id and p.household_id = a.household_id
         where a.tenant_id = ${tenantId} limit 1`.execute(t.deps.db);
      const hid = rows[0]!.household_id;
      await q(
        sql`update plans set confirmed_at = null where tenant_id = ${tenantId} and household_id = ${hid}`,
      );
      await q(
        sql`update acceptances set status = 'open' where tenant_id = ${tenantId} and household_id = ${hid}`,
      );
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = t.deps.db.transaction().execute(async (trx) => {
        await sql`update plans set confirmed_at = now() where tenant_id = ${tenantId} and household_id = ${hid}`.execute(
          trx,
        );
        await held; // the second transaction starts while this one holds the household
      });
      const second = t.deps.db.transaction().execute(async (trx) => {
        await new Promise((r) => setTimeout(r, 50));
        setTimeout(release, 200);
        await sql`update acceptances set status = 'passed' where tenant_id = ${tenantId} and household_id = ${hid}`.execute(
          trx,
        );
      });
      await Promise.all([first, second]);
      const row = await t.deps.db
        .selectFrom('household_outcomes')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('household_id', '=', hid)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ planned: true, accepted: true });
      await expectEqualToRecount();
    },
  );

  it('the outcome route answers the same counts', async () => {
    const leader = await login(t.app, { username: 'leader', password: DEMO_PASSWORD });
    for (const estateId of estateIds) {
      const r = (await leader.call('GET', `/api/estates/${estateId}/outcome`)).json();
      const c = await recount(estateId);
      expect(r).toMatchObject({
        households: c.households,
        signed: c.signed,
        planned: c.planned,
        accepted: c.accepted,
        beautified: c.beautified,
        drawingsConfirmed: c.drawings,
      });
    }
  });
});
