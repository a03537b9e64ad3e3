import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../../../../test/support/app.ts';
import type { Deps } from '../../platform/deps.ts';

let deps: Deps;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ deps, close } = await createTestDeps());
});
afterAll(() => close());

describe('relocation demo seed', () => {
  it('shows listings, teams, warehouses and eight decoration firms with packages', async () => {
    const { seedDemo } = await import('../demo/demo.seed.ts');
    const { seedHouseholds } = await import('../households/households.seed.ts');
    const { seedRenewal } = await import('../renewal/renewal.seed.ts');
    const { seedRelocation } = await import('./relocation.seed.ts');
    const { tenantId } = await seedDemo(deps, [seedHouseholds, seedRenewal, seedRelocation]);
    const count = async (
      table: 'relocation_rentals' | 'relocation_volunteers' | 'relocation_warehouses' | 'relocation_packages',
    ) =>
      Number(
        (
          await deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('tenant_id', '=', tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('relocation_rentals')).toBe(10);
    expect(await count('relocation_volunteers')).toBe(10);
    expect(await count('relocation_warehouses')).toBe(3);
    expect(await count('relocation_packages')).toBeGreaterThanOrEqual(8);
    const firms = await deps.db
      .selectFrom('relocation_vendors')
      .select(['name', 'user_id'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'decoration')
      .execute();
    expect(firms).toHaveLength(8);
    expect(firms.filter((f) => f.user_id !== null)).toHaveLength(1);
    // the demo resident's household is left free for the e2e journey
    const resident = await deps.db
      .selectFrom('users')
      .select('household_id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const own = await deps.db
      .selectFrom('relocation_move_requests')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('household_id', '=', resident.household_id!)
      .execute();
    expect(own).toHaveLength(0);
  }, 300_000);
});
