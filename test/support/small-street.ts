import { seedDemo, type SeedOutcome } from '../../src/server/modules/demo/demo.seed.ts';
import { moduleSeeders } from '../../src/server/modules/demo/seeders.ts';
import { householdsSeeder, seedHouseholds } from '../../src/server/modules/households/households.seed.ts';
import type { Deps } from '../../src/server/platform/deps.ts';

/**
 * The demo street 曹杨新村街道 with every module's demo story, but a few dozen households instead
 * of 1,859: a street holding a little of everything (plans, drawings, cases, devices, work orders…)
 * in seconds, for tests that walk every route. Demo accounts use DEMO_PASSWORD.
 */
export function seedSmallStreet(deps: Deps): Promise<SeedOutcome> {
  const small = householdsSeeder({ one: 120, two: 80 });
  return seedDemo(
    deps,
    moduleSeeders.map((s) => (s === seedHouseholds ? small : s)),
  );
}
