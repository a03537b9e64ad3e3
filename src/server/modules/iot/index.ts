/** What other modules may use of iot: figures (dashboard), the seed. */
export { figures } from './iot.overview.ts';
export { seedIot } from './iot.seed.ts';
