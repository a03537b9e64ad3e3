/** What other modules may use of renewal: outcome counts and rounds (dashboard), a household's plans, drawings and rounds (portal), the seed. */
export { outcomeCounts, type OutcomeCounts } from './outcome.service.ts';
export { listDrawings } from './drawings.service.ts';
export { listPlans } from './plans.service.ts';
export { seedRenewal } from './renewal.seed.ts';
export { listRounds, roundsOfHousehold } from './rounds.manage.ts';
