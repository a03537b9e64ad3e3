/** What other modules may use of council: topics (opinion seed), a resident's meetings (portal), the seed. */
export { myMeetings } from './council.rsvp.ts';
export { seedCouncil } from './council.seed.ts';
export { createTopic } from './council.topics.ts';
