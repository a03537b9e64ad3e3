import { z } from 'zod';
import { Job, NotificationList } from '../../../contract/background.ts';
import { IdParams, Ok, Pagination } from '../../../contract/common.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import * as inbox from './inbox.service.ts';

/** The user's own background jobs (reports) and in-app notifications. */
export function inboxRoutes(app: App, deps: Deps): void {
  const tags = ['inbox'];
  app.get(
    '/api/jobs/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'A background job of mine: status, progress, download',
        params: IdParams,
        response: { 200: Job },
      },
    },
    (req) => inbox.getJob(deps, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/jobs/:id/download',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'The file a finished job produced', params: IdParams },
    },
    async (req, reply) => {
      const file = await inbox.jobDownload(deps, ctxOf(req), req.params.id);
      return sendDownload(reply, file.meta.name, file.meta.mime, file.data);
    },
  );
  app.get(
    '/api/notifications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'My in-app notifications, newest first, with the unread count',
        querystring: Pagination.extend({
          unreadOnly: z.stringbool().default(false),
          /** only notifications whose topic starts so, e.g. `mediation.` for a module's own page */
          topic: z
            .string()
            .regex(/^[a-z_.]{1,60}$/)
            .optional(),
        }),
        response: { 200: NotificationList },
      },
    },
    (req) => inbox.listNotifications(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Mark one notification read', params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await inbox.markRead(deps, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notifications/read-all',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Mark all my notifications read', response: { 200: Ok } },
    },
    async (req) => {
      await inbox.markRead(deps, ctxOf(req));
      return { ok: true as const };
    },
  );
}
