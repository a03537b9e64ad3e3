/** What other modules may use of legislation: figures (dashboard), drafts and a resident's opinions (portal), the seed. */
export { listDrafts } from './legislation.drafts.ts';
export { figures } from './legislation.figures.ts';
export { myOpinions } from './legislation.opinions.ts';
export { seedLegislation } from './legislation.seed.ts';
