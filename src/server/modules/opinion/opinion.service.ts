import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { MapBody, MapQuery, MapStatuses, StatementStatuses } from '../../../contract/opinion.ts';
import { hasPermission, requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import type { DB } from '../../db/schema.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { MIN_VOTES_TO_CLUSTER } from './opinion.analysis.ts';

/**
 * Opinion maps: staff create a map on a council topic, a plan consultation or a legislative draft
 * and seed its statements; residents vote one statement at a time and propose statements that staff
 * moderate; staff enter paper cards as ballots of an anonymous reference. Every vote marks the map
 * for a recompute, which a background job (opinion.jobs.ts) does off the request.
 *
 * Nobody sees who voted what: the audit records that a vote was cast, never its value, and no route
 * answers with another participant's votes.
 */

export const RECOMPUTE_JOB = 'opinion.recompute';
export const OPINION_TOPIC = 'opinion.map';

type MapStatus = (typeof MapStatuses)[number];
type StatementStatus = (typeof StatementStatuses)[number];

const SUBJECTS = [
  { kind: 'topic', column: 'topic_id', table: 'council_topics', field: 'topicId' },
  { kind: 'consultation', column: 'consultation_id', table: 'rounds', field: 'consultationId' },
  { kind: 'draft', column: 'draft_id', table: 'legislation_drafts', field: 'draftId' },
] as const;

/** The street a participant or member of staff acts in, with their right on the map checked. */
async function mapAccess(deps: Deps, ctx: RequestContext, id: number): Promise<number> {
  const tenantId = requireTenant(ctx.actor);
  const permission = (['opinion.manage', 'opinion.read', 'opinion.vote'] as const).find((p) =>
    hasPermission(ctx.actor, p),
  );
  if (!permission) throw forbidden();
  await requireAccess(deps.db, ctx.actor, 'opinion_map', permission, id);
  return tenantId;
}

/** Audit row and live event of a change to a map, in its transaction. */
async function mapChanged(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  change: {
    tenantId: number;
    mapId: number;
    action: string;
    entityType?: string;
    entityId?: number;
    payload: unknown;
  },
): Promise<void> {
  await writeAudit(trx, deps.clock, ctx, {
    tenantId: change.tenantId,
    action: change.action,
    entityType: change.entityType ?? 'opinion_map',
    entityId: change.entityId ?? change.mapId,
    payload: change.payload,
  });
  await publish(trx, { tenantId: change.tenantId, topic: OPINION_TOPIC, data: { mapId: change.mapId } });
}

/**
 * The votes changed: bump the map's version and queue one recompute unless one is already waiting
 * (the flag is set under the row lock of the same UPDATE, so concurrent votes queue a single job).
 */
export async function votesChanged(
  trx: Executor,
  deps: Pick<Deps, 'clock'>,
  tenantId: number,
  mapId: number,
) {
  await trx
    .updateTable('opinion_maps')
    .set({ votes_version: sql`votes_version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', mapId)
    .execute();
  const flagged = await trx
    .updateTable('opinion_maps')
    .set({ recompute_queued: true })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', mapId)
    .where('recompute_queued', '=', false)
    .returning('id')
    .executeTakeFirst();
  if (flagged)
    await enqueueJob(trx, deps, { tenantId, kind: RECOMPUTE_JOB, payload: { mapId }, createdBy: null });
}

async function subjectTitles(deps: Deps, tenantId: number, rows: Array<Record<string, unknown>>) {
  const titles = new Map<string, string>();
  for (const s of SUBJECTS) {
    const ids = [...new Set(rows.map((r) => r[s.column]).filter((v): v is number => typeof v === 'number'))];
    if (!ids.length) continue;
    const found = await deps.db
      .selectFrom(s.table)
      .select(['id', 'title'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    for (const f of found) titles.set(`${s.kind}:${f.id}`, f.title);
  }
  return titles;
}

async function summaries(deps: Deps, tenantId: number, filter: { id?: number } & z.infer<typeof MapQuery>) {
  let q = deps.db
    .selectFrom('opinion_maps as m')
    .select((eb) => [
      'm.id',
      'm.title',
      'm.status',
      'm.topic_id',
      'm.consultation_id',
      'm.draft_id',
      'm.created_at',
      eb
        .selectFrom('opinion_statements as s')
        .select(eb.fn.countAll<number>().as('n'))
        .where('s.tenant_id', '=', tenantId)
        .whereRef('s.map_id', '=', 'm.id')
        .where('s.status', '=', 'approved')
        .as('statements'),
      eb
        .selectFrom('opinion_participants as p')
        .select(eb.fn.countAll<number>().as('n'))
        .where('p.tenant_id', '=', tenantId)
        .whereRef('p.map_id', '=', 'm.id')
        .as('participants'),
    ])
    .where('m.tenant_id', '=', tenantId)
    .orderBy('m.id', 'desc');
  if (filter.id !== undefined) q = q.where('m.id', '=', filter.id);
  if (filter.topicId !== undefined) q = q.where('m.topic_id', '=', filter.topicId);
  if (filter.consultationId !== undefined) q = q.where('m.consultation_id', '=', filter.consultationId);
  if (filter.draftId !== undefined) q = q.where('m.draft_id', '=', filter.draftId);
  const rows = await q.execute();
  const titles = await subjectTitles(deps, tenantId, rows);
  return rows.map((r) => {
    const s = SUBJECTS.find((x) => r[x.column] !== null);
    const subjectId = s ? (r[s.column] as number) : null;
    return {
      id: r.id,
      title: r.title,
      status: r.status as MapStatus,
      subject:
        s && subjectId !== null
          ? { kind: s.kind, id: subjectId, title: titles.get(`${s.kind}:${subjectId}`) ?? '' }
          : null,
      statements: Number(r.statements ?? 0),
      participants: Number(r.participants ?? 0),
      createdAt: r.created_at,
    };
  });
}

export async function listMaps(deps: Deps, ctx: RequestContext, query: z.infer<typeof MapQuery>) {
  const tenantId = requireTenant(ctx.actor);
  if (
    !['opinion.read', 'opinion.manage', 'opinion.vote'].some((p) =>
      hasPermission(ctx.actor, p as 'opinion.read'),
    )
  )
    throw forbidden();
  const items = await summaries(deps, tenantId, query);
  return { items, total: items.length };
}

/** The signed-in participant's progress: how many approved statements they voted on, of how many. */
async function progressOf(deps: Deps, tenantId: number, mapId: number, userId: number) {
  const row = await deps.db
    .selectFrom('opinion_statements as s')
    .leftJoin('opinion_participants as p', (j) =>
      j.on('p.tenant_id', '=', tenantId).on('p.map_id', '=', mapId).on('p.user_id', '=', userId),
    )
    .leftJoin('opinion_votes as v', (j) =>
      j
        .on('v.tenant_id', '=', tenantId)
        .onRef('v.participant_id', '=', 'p.id')
        .onRef('v.statement_id', '=', 's.id'),
    )
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('v.statement_id').as('voted')])
    .where('s.tenant_id', '=', tenantId)
    .where('s.map_id', '=', mapId)
    .where('s.status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  const voted = Number(row.voted);
  const needed = Math.max(1, Math.min(MIN_VOTES_TO_CLUSTER, total));
  return { voted, total, needed, maySeeMap: total > 0 && voted >= needed };
}

export async function getMap(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = await mapAccess(deps, ctx, id);
  const [summary] = await summaries(deps, tenantId, { id });
  if (!summary) throw notFound();
  const mayModerate = hasPermission(ctx.actor, 'opinion.manage');
  const pending = mayModerate
    ? Number(
        (
          await deps.db
            .selectFrom('opinion_statements')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', tenantId)
            .where('map_id', '=', id)
            .where('status', '=', 'pending')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const mine = hasPermission(ctx.actor, 'opinion.vote')
    ? await progressOf(deps, tenantId, id, ctx.actor.userId)
    : null;
  return { ...summary, pending, mine, mayModerate };
}

export async function createMap(deps: Deps, ctx: RequestContext, body: MapBody) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'opinion.manage');
  for (const s of SUBJECTS) {
    const ref = body[s.field];
    if (ref === undefined) continue;
    const found = await deps.db
      .selectFrom(s.table)
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', ref)
      .executeTakeFirst();
    if (!found)
      throw invalidField(
        `body.${s.field}`,
        '所选议题、征询或草案不存在',
        'The chosen topic, consultation or draft does not exist',
      );
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('opinion_maps')
      .values({
        tenant_id: tenantId,
        title: body.title,
        topic_id: body.topicId ?? null,
        consultation_id: body.consultationId ?? null,
        draft_id: body.draftId ?? null,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await mapChanged(trx, deps, ctx, {
      tenantId,
      mapId: row.id,
      action: 'opinion.map.create',
      payload: body,
    });
    return row.id;
  });
  return getMap(deps, ctx, id);
}

export async function setMapStatus(deps: Deps, ctx: RequestContext, id: number, status: MapStatus) {
  requirePermission(ctx.actor, 'opinion.manage');
  const tenantId = await mapAccess(deps, ctx, id);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('opinion_maps')
      .set({ status })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await mapChanged(trx, deps, ctx, {
      tenantId,
      mapId: id,
      action: 'opinion.map.status',
      payload: { status },
    });
  });
  return getMap(deps, ctx, id);
}

async function openMap(trx: Executor, tenantId: number, id: number) {
  const map = await trx
    .selectFrom('opinion_maps')
    .select('status')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!map) throw notFound();
  if (map.status !== 'open')
    throw conflict(
      '这张意见地图已结束征集，不能再表态或提出观点',
      'This opinion map is closed to votes and statements',
    );
}

export { mapAccess, mapChanged, openMap, progressOf };
export type { StatementStatus };
