/** What other modules may use of antifraud: figures (dashboard), lessons (portal), the seed. */
export { figures } from './antifraud.figures.ts';
export { seedAntifraud } from './antifraud.seed.ts';
export { listLessons } from './lessons.service.ts';
