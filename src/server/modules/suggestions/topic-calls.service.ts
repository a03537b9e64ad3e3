/** Topic calls (专项征集, 第八条): listed after the deadline sweep, opened, published, closed or extended. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateTopicBody, SuggestionChannel, UpdateTopicBody } from '../../../contract/suggestions.ts';
import { requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { manageTenant } from './suggestions.common.ts';
import { sweepTopics } from './suggestions.topics.ts';

/**
 * Topic calls, after closing those past their deadline. Residents see published ones (open first);
 * managers also see drafts.
 */
export async function listTopics(deps: Deps, ctx: RequestContext, status?: 'draft' | 'open' | 'closed') {
  const tenantId = requireTenant(ctx.actor);
  await sweepTopics(deps, tenantId);
  let q = deps.db
    .selectFrom('suggestion_topics as t')
    .select([
      't.id',
      't.subject',
      't.background',
      't.channels',
      't.deadline',
      't.status',
      't.published_at',
      't.closed_at',
      (eb) =>
        eb
          .selectFrom('suggestions as s')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('s.tenant_id', '=', 't.tenant_id')
          .whereRef('s.topic_id', '=', 't.id')
          .as('suggestion_count'),
    ])
    .where('t.tenant_id', '=', tenantId);
  if (!ctx.actor.permissions.has('suggestion.manage')) q = q.where('t.status', '<>', 'draft');
  if (status) q = q.where('t.status', '=', status);
  const rows = await q
    .orderBy(sql`case t.status when 'open' then 0 when 'draft' then 1 else 2 end`)
    .orderBy('t.deadline', 'desc')
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    background: r.background,
    channels: r.channels as SuggestionChannel[],
    deadline: r.deadline,
    status: r.status as 'draft' | 'open' | 'closed',
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    suggestionCount: Number(r.suggestion_count ?? 0),
  }));
  return { items, total: items.length };
}

async function topicById(deps: Deps, ctx: RequestContext, id: number) {
  const topic = (await listTopics(deps, ctx)).items.find((t) => t.id === id);
  if (!topic) throw notFound();
  return topic;
}

/** 第八条: subject and background, channels and deadline, published to residents. */
export async function createTopic(deps: Deps, ctx: RequestContext, body: z.output<typeof CreateTopicBody>) {
  const tenantId = manageTenant(ctx);
  const now = deps.clock.now();
  if (new Date(body.deadline).getTime() <= now.getTime())
    throw invalidField('body.deadline', '截止时间应晚于现在', 'The deadline must be in the future');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suggestion_topics')
      .values({
        tenant_id: tenantId,
        subject: body.subject,
        background: body.background,
        channels: JSON.stringify(body.channels),
        deadline: body.deadline,
        status: body.publish ? 'open' : 'draft',
        published_at: body.publish ? now : null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_topic.create',
      entityType: 'suggestion_topic',
      entityId: row.id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_topics' });
    return row.id;
  });
  return topicById(deps, ctx, id);
}

/** Publish a draft, close early, or extend the deadline (which reopens a topic closed by the sweep). */
export async function updateTopic(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof UpdateTopicBody>,
) {
  const tenantId = manageTenant(ctx);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const topic = await trx
      .selectFrom('suggestion_topics')
      .select(['status', 'deadline'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!topic) throw notFound();
    const base = trx.updateTable('suggestion_topics').where('tenant_id', '=', tenantId).where('id', '=', id);
    switch (body.action) {
      case 'publish':
        if (topic.status !== 'draft') throw conflict('议题已发布', 'Already published');
        if (new Date(topic.deadline).getTime() <= now.getTime())
          throw conflict('截止时间已过，请先延长', 'The deadline has passed; extend it first');
        await base.set({ status: 'open', published_at: now }).execute();
        break;
      case 'close':
        if (topic.status !== 'open') throw conflict('议题未在征集中', 'The topic is not open');
        await base.set({ status: 'closed', closed_at: now }).execute();
        break;
      case 'extend': {
        if (!body.deadline || new Date(body.deadline).getTime() <= now.getTime())
          throw invalidField(
            'body.deadline',
            '新的截止时间应晚于现在',
            'The new deadline must be in the future',
          );
        await base
          .set({
            deadline: body.deadline,
            ...(topic.status === 'closed' ? { status: 'open', closed_at: null } : {}),
          })
          .execute();
        break;
      }
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: `suggestion_topic.${body.action}`,
      entityType: 'suggestion_topic',
      entityId: id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_topics' });
  });
  return topicById(deps, ctx, id);
}
