/** What other modules may use of suggestions: figures (dashboard), topics and suggestions (portal), the seed. */
export { listTopics } from './topic-calls.service.ts';
export { figures } from './outcomes.service.ts';
export { listSuggestions } from './suggestions.reading.ts';
export { seedSuggestions } from './suggestions.seed.ts';
