/** What other modules may use of inbox: a user's notifications (portal). */
export { listNotifications } from './inbox.service.ts';
