/**
 * What suggestions lead to: collective replies (第十二条（一）) and figures. Projects (金点子 → 金钥匙) are in
 * projects.service.ts.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateReplyBody, SuggestionFigures, SuggestionStatus } from '../../../contract/suggestions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { applyAction } from './suggestions.handling.ts';
import { canTake, OPEN_STATUSES, STATUS_WORDS } from './suggestions.rules.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// --- Collective replies ----------------------------------------------------------------------

export async function listReplies(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  const rows = await deps.db
    .selectFrom('suggestion_replies as r')
    .leftJoin('suggestion_topics as t', (j) =>
      j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.topic_id'),
    )
    .select(['r.id', 'r.topic_id', 't.subject as topic_subject', 'r.title', 'r.body', 'r.published_at'])
    .where('r.tenant_id', '=', tenantId)
    .orderBy('r.published_at', 'desc')
    .limit(200)
    .execute();
  const covered = rows.length
    ? await deps.db
        .selectFrom('suggestions')
        .select(['id', 'subject', 'reply_id'])
        .where('tenant_id', '=', tenantId)
        .where(
          'reply_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    topicId: r.topic_id,
    topicSubject: r.topic_subject,
    title: r.title,
    body: r.body,
    publishedAt: r.published_at,
    suggestions: covered.filter((s) => s.reply_id === r.id).map((s) => ({ id: s.id, subject: s.subject })),
  }));
  return { items, total: items.length };
}

/**
 * A collective reply answers only suggestions waiting for an answer: any other (already answered,
 * not yet accepted, redirected, merged) is refused before anything is written, each named.
 */
async function requireAnswerable(trx: Transaction<DB>, tenantId: number, ids: number[]) {
  const rows = await trx
    .selectFrom('suggestions')
    .select(['id', 'subject', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  const refused = rows.filter((r) => !canTake('answer', r.status as SuggestionStatus));
  if (refused.length === 0) return;
  const words = (r: (typeof refused)[number]) => STATUS_WORDS[r.status as SuggestionStatus];
  throw conflict(
    `以下建议不能集中答复：${refused.map((r) => `#${r.id}「${r.subject}」（${words(r).zh}）`).join('、')}。请取消选择后再发布`,
    `These suggestions cannot be answered together: ${refused.map((r) => `#${r.id} "${r.subject}" (${words(r).en})`).join(', ')}. Deselect them and publish again`,
    { suggestions: refused.map((r) => ({ id: r.id, status: r.status })) },
  );
}

/**
 * Publishes one reply answering many suggestions at once (typically a topic call's): each covered
 * suggestion becomes answered by it, with its own step recorded.
 */
export async function createReply(deps: Deps, ctx: RequestContext, body: z.output<typeof CreateReplyBody>) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  const ids = [...new Set(body.suggestionIds)];
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.handle', ids);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireAnswerable(trx, tenantId, ids);
    if (body.topicId !== undefined) {
      const topic = await trx
        .selectFrom('suggestion_topics')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', body.topicId)
        .executeTakeFirst();
      if (!topic) throw invalidField('body.topicId', '没有这个征集议题', 'No such topic call');
    }
    const reply = await trx
      .insertInto('suggestion_replies')
      .values({
        tenant_id: tenantId,
        topic_id: body.topicId ?? null,
        title: body.title,
        body: body.body,
        published_at: now,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_reply.create',
      entityType: 'suggestion_reply',
      entityId: reply.id,
      payload: { title: body.title, topicId: body.topicId ?? null, suggestionIds: ids },
    });
    for (const sid of ids) {
      await applyAction(trx, deps, ctx, tenantId, sid, 'answer', {
        set: { reply_id: reply.id, answered_at: now },
        note: body.title,
      });
    }
    await publish(trx, { tenantId, topic: 'suggestions' });
    return reply.id;
  });
  return (await listReplies(deps, ctx)).items.find((r) => r.id === id)!;
}

// --- Figures ---------------------------------------------------------------------------------

const STATUS_LABELS: Record<string, string> = {
  registered: '已登记',
  accepted: '已受理',
  assigned: '已交办',
  handled: '已办理',
  answered: '已答复',
  redirected: '已转其他途径',
  merged: '已合并',
};
const CHANNEL_LABELS: Record<string, string> = {
  online: '网上提交',
  point: '征集点',
  mailbox: '建议邮筒',
  visit: '大走访',
  phone: '电话',
};

/** Counts by status, channel, topic and point; on-time rate of handling steps; adoption — from records. */
export async function figures(deps: Deps, ctx: RequestContext): Promise<SuggestionFigures> {
  requirePermission(ctx.actor, 'suggestion.read');
  const tenantId = requireTenant(ctx.actor);
  const now = deps.clock.now().toISOString();
  const s = () => deps.db.selectFrom('suggestions').where('suggestions.tenant_id', '=', tenantId);
  const n = sql<number>`count(*)`.as('n');
  const [byStatus, byChannel, byTopic, byPoint, onTime, totals, inProjects, projects] = await Promise.all([
    s().select(['status as key', n]).groupBy('status').execute(),
    s().select(['channel as key', n]).groupBy('channel').execute(),
    s()
      .innerJoin('suggestion_topics as t', (j) =>
        j.onRef('t.tenant_id', '=', 'suggestions.tenant_id').onRef('t.id', '=', 'suggestions.topic_id'),
      )
      .select(['t.id as key', 't.subject as label', n])
      .groupBy(['t.id', 't.subject'])
      .orderBy('n', 'desc')
      .execute(),
    s()
      .innerJoin('suggestion_points as p', (j) =>
        j.onRef('p.tenant_id', '=', 'suggestions.tenant_id').onRef('p.id', '=', 'suggestions.point_id'),
      )
      .select(['p.id as key', 'p.name as label', n])
      .groupBy(['p.id', 'p.name'])
      .orderBy('n', 'desc')
      .execute(),
    deps.db
      .selectFrom('suggestion_events')
      .select([
        sql<number>`count(on_time)`.as('steps'),
        sql<number>`count(*) filter (where on_time)`.as('on_time'),
      ])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
    s()
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`count(*) filter (where adopted)`.as('adopted'),
        sql<number>`count(rating)`.as('rated'),
        sql<number | null>`avg(rating)::float8`.as('avg_rating'),
        sql<number>`count(*) filter (where status in (${sql.join(OPEN_STATUSES)}) and due_at < ${now})`.as(
          'overdue',
        ),
      ])
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('suggestion_project_sources')
      .select(sql<number>`count(distinct suggestion_id)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('suggestion_projects')
      .select(n)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow(),
  ]);
  const count = (
    rows: Array<{ key: string | number; label?: string; n: number }>,
    labels?: Record<string, string>,
  ) =>
    rows.map((r) => ({
      key: String(r.key),
      label: r.label ?? labels?.[String(r.key)] ?? String(r.key),
      count: r.n,
    }));
  return {
    total: totals.total,
    byStatus: count(byStatus, STATUS_LABELS),
    byChannel: count(byChannel, CHANNEL_LABELS),
    byTopic: count(byTopic),
    byPoint: count(byPoint),
    onTime: {
      steps: onTime.steps,
      onTime: onTime.on_time,
      rate: onTime.steps === 0 ? null : Math.round((1000 * onTime.on_time) / onTime.steps) / 1000,
    },
    overdueOpen: totals.overdue,
    adopted: totals.adopted,
    inProjects: inProjects.n,
    projects: projects.n,
    rated: totals.rated,
    averageRating: totals.avg_rating === null ? null : Math.round(totals.avg_rating * 100) / 100,
  };
}
