import type { DemoSeeder } from '../../platform/seedKit.ts';
import { seedSuggestions } from '../suggestions/index.ts';
import { seedHouseholds } from '../households/index.ts';
import { seedRenewal } from '../renewal/index.ts';
import { seedLegislation } from '../legislation/index.ts';
import { seedCouncil } from '../council/index.ts';
import { seedMediation } from '../mediation/index.ts';
import { seedRelocation } from '../relocation/index.ts';
import { seedAntifraud } from '../antifraud/index.ts';
import { seedSafety } from '../safety/index.ts';
import { seedIot } from '../iot/index.ts';
import { seedOpinion } from '../opinion/index.ts';

/**
 * Each module's demo data, in the order they run (later modules build on earlier ones' records).
 * A module adds one line here.
 */
export const moduleSeeders: readonly DemoSeeder[] = [
  seedHouseholds,
  seedRenewal,
  seedLegislation,
  seedSuggestions,
  seedRelocation,
  seedCouncil,
  seedOpinion,
  seedMediation,
  seedAntifraud,
  seedIot,
  seedSafety,
];
