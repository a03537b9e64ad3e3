/** Topics (议题): the hard problems brought to the council hall, with the records they came from. */
import type { z } from 'zod';
import type { TopicBody, TopicSources } from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { addTimelineEvent } from '../households/index.ts';
import { checkIds, councilChanged, type TopicStatus } from './council.common.ts';
import { checkSourceRef, sourceRecords } from './council.sources.ts';

type SourceRecordMap = Awaited<ReturnType<typeof sourceRecords>>;

function toTopic(
  r: {
    id: number;
    title: string;
    description: string | null;
    source: string;
    source_ref: number | null;
    raised_by_name: string;
    household_ids: number[];
    building_ids: number[];
    status: string;
    created_at: string;
  },
  records: SourceRecordMap,
) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    source: r.source as (typeof TopicSources)[number],
    sourceRef: r.source_ref,
    sourceRecord: r.source_ref === null ? null : (records.get(`${r.source}:${r.source_ref}`) ?? null),
    raisedByName: r.raised_by_name,
    householdIds: r.household_ids.map(Number),
    buildingIds: r.building_ids.map(Number),
    status: r.status as TopicStatus,
    createdAt: r.created_at,
  };
}

export async function listTopics(deps: Deps, ctx: RequestContext, status?: TopicStatus) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  let q = deps.db
    .selectFrom('council_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc');
  if (status) q = q.where('status', '=', status);
  const rows = await q.execute();
  const records = await sourceRecords(deps.db, tenantId, rows);
  const items = rows.map((r) => toTopic(r, records));
  return { items, total: items.length };
}

async function getTopic(deps: Deps, tenantId: number, id: number) {
  const row = await deps.db
    .selectFrom('council_topics')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return toTopic(row, await sourceRecords(deps.db, tenantId, [row]));
}

export async function createTopic(deps: Deps, ctx: RequestContext, body: z.infer<typeof TopicBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  await checkIds(deps.db, tenantId, 'buildings', body.buildingIds, 'body.buildingIds');
  await checkSourceRef(deps.db, tenantId, body.source, body.sourceRef);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_topics')
      .values({
        tenant_id: tenantId,
        title: body.title,
        description: body.description ?? null,
        source: body.source,
        source_ref: body.sourceRef ?? null,
        raised_by_name: body.raisedByName,
        raised_by: ctx.actor.userId,
        household_ids: body.householdIds,
        building_ids: body.buildingIds,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const householdId of new Set(body.householdIds))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_topic',
        params: { title: body.title },
        detail: { topicId: row.id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'topic',
      id: row.id,
      action: 'council.topic.create',
      payload: body,
    });
    return row.id;
  });
  return getTopic(deps, tenantId, id);
}

export async function setTopicStatus(deps: Deps, ctx: RequestContext, id: number, status: TopicStatus) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('council_topics')
      .set({ status })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'topic',
      id: id,
      action: 'council.topic.status',
      payload: { status },
    });
  });
  return getTopic(deps, tenantId, id);
}
