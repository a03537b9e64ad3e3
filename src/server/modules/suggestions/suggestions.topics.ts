/** Topic calls (专项征集): closing those past their deadline, and grouping a topic's suggestions. */
import type { z } from 'zod';
import type { TopicClusters } from '../../../contract/suggestions.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { clusterTexts } from '../../platform/chinese-text.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';

/**
 * Closes the street's open topic calls whose deadline has passed. Idempotent and safe on several
 * processes at once: the UPDATE only takes rows still open, so each topic is closed (and audited) once.
 */
export async function sweepTopics(deps: Deps, tenantId: number): Promise<number[]> {
  const now = deps.clock.now();
  // The usual answer is "nothing to close": find that out with a plain read, outside a transaction.
  const due = await deps.db
    .selectFrom('suggestion_topics')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .where('deadline', '<', now.toISOString())
    .limit(1)
    .executeTakeFirst();
  if (!due) return [];
  return deps.db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('suggestion_topics')
      .set({ status: 'closed', closed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'open')
      .where('deadline', '<', now.toISOString())
      .returning('id')
      .execute();
    for (const { id } of closed) {
      await writeAudit(
        trx,
        deps.clock,
        { actor: null, ip: null, userAgent: 'suggestion topic sweep' },
        {
          tenantId,
          action: 'suggestion_topic.close',
          entityType: 'suggestion_topic',
          entityId: id,
          payload: { reason: 'deadline' },
        },
      );
    }
    if (closed.length) await publish(trx, { tenantId, topic: 'suggestion_topics' });
    return closed.map((c) => c.id);
  });
}

/** A topic's suggestions grouped by similar content, for the summary of a topic call. */
export async function topicClusters(
  deps: Deps,
  ctx: RequestContext,
  topicId: number,
): Promise<z.infer<typeof TopicClusters>> {
  requirePermission(ctx.actor, 'suggestion.read');
  const tenantId = requireTenant(ctx.actor);
  const topic = await deps.db
    .selectFrom('suggestion_topics')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', topicId)
    .executeTakeFirst();
  if (!topic) throw notFound();
  const rows = await deps.db
    .selectFrom('suggestions')
    .select(['id', 'subject', 'reason', 'proposal'])
    .where('tenant_id', '=', tenantId)
    .where('topic_id', '=', topicId)
    .where('status', 'not in', ['merged', 'redirected'])
    .orderBy('id')
    .limit(2000)
    .execute();
  const clusters = clusterTexts(rows, (r) => `${r.subject}\n${r.subject}\n${r.reason}\n${r.proposal}`);
  return {
    topicId,
    total: rows.length,
    clusters: clusters.map((c) => ({
      label: c.label,
      count: c.items.length,
      suggestions: c.items.map((r) => ({ id: r.id, subject: r.subject })),
    })),
  };
}
