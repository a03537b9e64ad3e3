import type { DemoSeeder } from './seedKit.ts';
import { seedSuggestions } from '../suggestions/suggestions.seed.ts';
import { seedHouseholds } from '../households/households.seed.ts';
import { seedRenewal } from '../renewal/renewal.seed.ts';
import { seedLegislation } from '../legislation/legislation.seed.ts';
import { seedCouncil } from '../council/council.seed.ts';
import { seedMediation } from '../mediation/mediation.seed.ts';
import { seedRelocation } from '../relocation/relocation.seed.ts';
import { seedAntifraud } from '../antifraud/antifraud.seed.ts';
import { seedSafety } from '../safety/safety.seed.ts';
import { seedIot } from '../iot/iot.seed.ts';
import { seedOpinion } from '../opinion/opinion.seed.ts';

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
