/** What other modules may use of safety: figures (dashboard), the seed. */
export { safetyFigures } from './safety.figures.ts';
export { seedSafety } from './safety.seed.ts';
