/** What other modules may use of auth: the streets an actor may switch to, the sign-in throttle. */
export { recordFailure, tenantsFor, throttleState } from './auth.service.ts';
