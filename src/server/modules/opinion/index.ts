/** What other modules may use of opinion: the seed. */
export { seedOpinion } from './opinion.seed.ts';
