import type { Job, NotificationList } from '../../../contract/background.ts';
import { requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';

/** A job is its creator's: reports may hold figures other staff of the street may not see. */
async function ownJob(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireTenant(ctx.actor);
  const row = await deps.db
    .selectFrom('jobs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('created_by', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getJob(deps: Deps, ctx: RequestContext, id: number): Promise<Job> {
  const row = await ownJob(deps, ctx, id);
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progressDone: row.progress_done,
    progressTotal: row.progress_total,
    error: row.error,
    result: row.result,
    downloadUrl: row.file_id === null ? null : `/api/jobs/${row.id}/download`,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function jobDownload(deps: Deps, ctx: RequestContext, id: number) {
  const row = await ownJob(deps, ctx, id);
  if (row.file_id === null) throw notFound();
  const file = await deps.files.read(deps.db, row.tenant_id, row.file_id);
  if (!file) throw notFound();
  return file;
}

export async function listNotifications(
  deps: Deps,
  ctx: RequestContext,
  query: { limit: number; offset: number; unreadOnly: boolean; topic?: string | undefined },
): Promise<NotificationList> {
  const tenantId = requireTenant(ctx.actor);
  const own = deps.db
    .selectFrom('notifications')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', ctx.actor.userId);
  // the topic is checked to [a-z_.] by the route: no LIKE wildcard can slip in
  const mine = query.topic ? own.where('topic', 'like', `${query.topic}%`) : own;
  const filtered = query.unreadOnly ? mine.where('read_at', 'is', null) : mine;
  const [rows, counts] = await Promise.all([
    filtered
      .select(['id', 'topic', 'title', 'body', 'link', 'created_at', 'read_at'])
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    mine
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    total: Number(query.unreadOnly ? counts.unread : counts.total),
    unread: Number(counts.unread),
  };
}

/** Marks one notification (or, without an id, all of them) read. */
export async function markRead(deps: Deps, ctx: RequestContext, id?: number): Promise<void> {
  const tenantId = requireTenant(ctx.actor);
  let update = deps.db
    .updateTable('notifications')
    .set({ read_at: deps.clock.now() })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null);
  if (id !== undefined) update = update.where('id', '=', id);
  const result = await update.executeTakeFirst();
  if (id !== undefined && Number(result.numUpdatedRows) === 0) {
    const exists = await deps.db
      .selectFrom('notifications')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', ctx.actor.userId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exists) throw notFound();
  }
}
