import type { Deps } from '../../platform/deps.ts';
import type { SeedContext } from '../../platform/seedKit.ts';
import { escalateLateOrders } from './safety.escalation.ts';
import {
  handlePatrolOrders,
  seedAlarmOrder,
  seedHotlineOrders,
  seedManualOrders,
  seedResidentReports,
} from './safety.seed.orders.ts';
import { seedPatrolPlans, seedPatrolRecords } from './safety.seed.patrols.ts';
import {
  seedBuildingRisks,
  seedChargingSites,
  seedMerchants,
  seedRentalFlats,
} from './safety.seed.registers.ts';
import { loadSafetyScene } from './safety.seed.scene.ts';

/**
 * 平安六防 for 曹杨一村 (synthetic): work orders in every state relative to now (some late and
 * escalated), patrol plans with two weeks of records (failed checks opened orders), and the risk
 * registers — buildings, rental flats with one 群租 case under notice and re-checked, merchants
 * issuing prepaid cards, e-bike charging sites. The parts run in this order: ids follow it.
 */
export async function seedSafety(deps: Deps, seed: SeedContext): Promise<void> {
  const s = await loadSafetyScene(deps, seed);
  if (!s) return;

  // patrol plans and two weeks of records, then the orders their failed checks opened
  const plans = await seedPatrolPlans(s);
  await seedPatrolRecords(s, plans);
  await handlePatrolOrders(s);

  // hotline, manual, resident and alarm orders across the states
  await seedHotlineOrders(s);
  await seedManualOrders(s);
  await seedResidentReports(s);
  await seedAlarmOrder(s);

  // reminders and escalations for what is late now
  await escalateLateOrders(deps);

  // the risk registers
  await seedBuildingRisks(s);
  await seedRentalFlats(s);
  await seedMerchants(s);
  await seedChargingSites(s);
}
