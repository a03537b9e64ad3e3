/** What other modules may use of relocation: a household's move (portal), the seed. */
export { householdRelocation } from './relocation.service.ts';
export { seedRelocation } from './relocation.seed.ts';
