/** What other modules may use of admin: creating streets and users (seeds, activation). */
export { insertTenant } from './tenants.service.ts';
export { insertUser } from './users.service.ts';
