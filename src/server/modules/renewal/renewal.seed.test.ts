import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import type { Deps } from '../../platform/deps.ts';

let deps: Deps;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
});
afterAll(() => close());

describe('renewal demo seed', () => {
  it('seeds 曹杨一村 to the end and 曹杨二村 signing, each household in the order the rules check', async () => {
    const { seedDemo } = await import('../demo/demo.seed.ts');
    const { seedHouseholds } = await import('../households/households.seed.ts');
    const { seedRenewal } = await import('./renewal.seed.ts');
    const { tenantId } = await seedDemo(deps, [seedHouseholds, seedRenewal]);
    const stages = await sql<{ estate: string; stage: string; n: number }>`
      select e.name as estate, h.stage, count(*)::int as n from households h
        join estates e on e.tenant_id = h.tenant_id and e.id = h.estate_id
       where h.tenant_id = ${tenantId} group by e.name, h.stage`.execute(deps.db);
    const one = stages.rows.filter((r) => r.estate.startsWith('曹杨一村'));
    expect(one.map((r) => r.stage)).toEqual(['moved_back']);
    // every signed household of 曹杨二村 has a confirmed plan and drawing, as signing requires
    const unordered = await sql<{ n: number }>`
      select count(*)::int as n from round_households rh
        join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id and r.kind = 'signing'
       where rh.tenant_id = ${tenantId} and rh.decision = 'agree' and (
         not exists (select 1 from plans p where p.tenant_id = rh.tenant_id and p.household_id = rh.household_id and p.confirmed_at is not null)
         or not exists (select 1 from drawings d where d.tenant_id = rh.tenant_id and d.household_id = rh.household_id and d.confirmed_at is not null))`.execute(
      deps.db,
    );
    expect(unordered.rows[0]!.n).toBe(0);
    // every demo plan carries the estate's allowance rules, computed from the household file
    const plans = await sql<{ n: number; computed: number }>`
      select count(*)::int as n,
             count(*) filter (where (allowances->0->>'ruleId') is not null
               and allowances->0->>'formula' like '% 元/m²/月 × % m² × % 个月')::int as computed
        from plans where tenant_id = ${tenantId}`.execute(deps.db);
    expect(plans.rows[0]!.n).toBeGreaterThan(1000);
    expect(plans.rows[0]!.computed).toBe(plans.rows[0]!.n);
    const overrides = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where tenant_id = ${tenantId} and action = 'plan.allowance_override'`.execute(
      deps.db,
    );
    expect(overrides.rows[0]!.n).toBe(1); // the resident's household: moving help changed, with its reason
    const two = await sql<{ signed: number; eligible: number }>`
      select count(*) filter (where rh.decision = 'agree')::int as signed, count(*)::int as eligible
        from round_households rh join rounds r on r.tenant_id = rh.tenant_id and r.id = rh.round_id
       where rh.tenant_id = ${tenantId} and r.kind = 'signing' and r.title like '曹杨二村%'`.execute(deps.db);
    const { signed, eligible } = two.rows[0]!;
    expect(signed / eligible).toBeGreaterThan(0.7);
    expect(signed / eligible).toBeLessThan(0.8);
  }, 240_000);
});
