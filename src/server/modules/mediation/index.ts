/** What other modules may use of mediation: figures (dashboard), a resident's cases (portal), the seed. */
export { listCases } from './mediation.cases.ts';
export { figures } from './mediation.figures.ts';
export { seedMediation } from './mediation.seed.ts';
