/** Self-governance projects (自治项目): from topics to a project, its progress, milestones and published result. */
import type { z } from 'zod';
import type {
  ProgressBody,
  ProjectBody,
  ProjectMember,
  ProjectUpdateBody,
  PublishBody,
} from '../../../contract/council.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { addTimelineEvent, householdLabels } from '../households/index.ts';
import { checkIds, councilChanged } from './council.common.ts';

type Member = z.infer<typeof ProjectMember>;

async function loadProjects(deps: Deps, tenantId: number, where: { id?: number; published?: boolean }) {
  let q = deps.db
    .selectFrom('council_projects')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc');
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.published !== undefined) q = q.where('published', '=', where.published);
  const rows = await q.execute();
  const milestones = rows.length
    ? await deps.db
        .selectFrom('council_project_milestones')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where(
          'project_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  const topicIds = [...new Set(rows.flatMap((r) => r.topic_ids.map(Number)))];
  const topics = topicIds.length
    ? await deps.db
        .selectFrom('council_topics')
        .select(['id', 'title'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', topicIds)
        .execute()
    : [];
  const topicTitle = new Map(topics.map((t) => [t.id, t.title]));
  const labels = await householdLabels(
    deps.db,
    tenantId,
    rows.flatMap((r) => r.household_ids.map(Number)),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    description: r.description,
    owners: r.owners as Member[],
    members: r.members as Member[],
    topicIds: r.topic_ids.map(Number),
    topics: r.topic_ids.map(Number).flatMap((id) => {
      const title = topicTitle.get(id);
      return title === undefined ? [] : [{ id, title }];
    }),
    householdIds: r.household_ids.map(Number),
    households: r.household_ids.map(Number).flatMap((id) => {
      const label = labels.get(id);
      return label === undefined ? [] : [{ id, label }];
    }),
    status: r.status as 'active' | 'completed',
    progress: r.progress,
    published: r.published,
    resultSummary: r.result_summary,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    milestones: milestones
      .filter((m) => m.project_id === r.id)
      .map((m) => ({
        id: m.id,
        title: m.title,
        dueOn: m.due_on ? String(m.due_on).slice(0, 10) : null,
        doneAt: m.done_at,
      })),
  }));
}

export async function listProjects(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.read');
  const items = await loadProjects(deps, tenantId, {});
  return { items, total: items.length };
}

async function oneProject(deps: Deps, tenantId: number, id: number) {
  const [p] = await loadProjects(deps, tenantId, { id });
  if (!p) throw notFound();
  return p;
}

/** Published results residents can read. */
export async function publishedProjects(deps: Deps, ctx: RequestContext) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.participate');
  const items = (await loadProjects(deps, tenantId, { published: true })).map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    description: p.description,
    owners: p.owners,
    members: p.members,
    topics: p.topics,
    status: p.status,
    progress: p.progress,
    resultSummary: p.resultSummary,
    publishedAt: p.publishedAt,
    milestones: p.milestones,
  }));
  return { items, total: items.length };
}

/** A topic (or several) becomes a self-governance project. */
export async function createProject(deps: Deps, ctx: RequestContext, body: z.infer<typeof ProjectBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'council_topics', body.topicIds, 'body.topicIds');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('council_projects')
      .values({
        tenant_id: tenantId,
        name: body.name,
        kind: body.kind,
        description: body.description ?? null,
        owners: JSON.stringify(body.owners),
        members: JSON.stringify(body.members),
        topic_ids: [...new Set(body.topicIds)],
        household_ids: [...new Set(body.householdIds)],
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.milestones.length)
      await trx
        .insertInto('council_project_milestones')
        .values(
          body.milestones.map((m) => ({
            tenant_id: tenantId,
            project_id: row.id,
            title: m.title,
            due_on: m.dueOn ?? null,
          })),
        )
        .execute();
    if (body.topicIds.length)
      await trx
        .updateTable('council_topics')
        .set({ status: 'project' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', body.topicIds)
        .execute();
    for (const householdId of new Set(body.householdIds))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_project',
        params: { name: body.name },
        detail: { projectId: row.id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: row.id,
      action: 'council.project.create',
      payload: body,
    });
    return row.id;
  });
  return oneProject(deps, tenantId, id);
}

export async function updateProgress(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ProgressBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('council_projects')
      .set({ progress: body.progress })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound();
    if (body.milestoneIdsDone.length)
      await trx
        .updateTable('council_project_milestones')
        .set({ done_at: deps.clock.now() })
        .where('tenant_id', '=', tenantId)
        .where('project_id', '=', id)
        .where('id', 'in', body.milestoneIdsDone)
        .where('done_at', 'is', null)
        .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.progress',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}

export async function publishProject(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof PublishBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await deps.db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('council_projects')
      .select('published')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound();
    if (p.published && !body.resultSummary) throw conflict('已公布', 'Already published');
    await trx
      .updateTable('council_projects')
      .set({
        published: true,
        result_summary: body.resultSummary,
        published_at: deps.clock.now(),
        ...(body.completed ? { status: 'completed', progress: 100 } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.publish',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}

/**
 * Edits a project: name, kind, description, owners and members, linked topics and households,
 * milestones (renamed, added, removed, done or not) and progress. Newly linked topics become
 * 'project'; newly linked households get a timeline entry.
 */
export async function updateProject(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.infer<typeof ProjectUpdateBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'council.manage');
  await checkIds(deps.db, tenantId, 'council_topics', body.topicIds, 'body.topicIds');
  await checkIds(deps.db, tenantId, 'households', body.householdIds, 'body.householdIds');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('council_projects')
      .select(['topic_ids', 'household_ids'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    const existing = await trx
      .selectFrom('council_project_milestones')
      .select(['id', 'done_at'])
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', id)
      .execute();
    const known = new Map(existing.map((m) => [m.id, m]));
    for (const m of body.milestones)
      if (m.id !== undefined && !known.has(m.id))
        throw invalidField('body.milestones', '里程碑不属于本项目', 'A milestone is not of this project');
    const topicIds = [...new Set(body.topicIds)];
    const householdIds = [...new Set(body.householdIds)];
    await trx
      .updateTable('council_projects')
      .set({
        name: body.name,
        kind: body.kind,
        description: body.description ?? null,
        owners: JSON.stringify(body.owners),
        members: JSON.stringify(body.members),
        topic_ids: topicIds,
        household_ids: householdIds,
        progress: body.progress,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    const kept = new Set(body.milestones.flatMap((m) => (m.id === undefined ? [] : [m.id])));
    const removed = existing.filter((m) => !kept.has(m.id)).map((m) => m.id);
    if (removed.length)
      await trx
        .deleteFrom('council_project_milestones')
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', removed)
        .execute();
    for (const m of body.milestones) {
      const doneAt = m.done ? (m.id !== undefined ? (known.get(m.id)!.done_at ?? now) : now) : null;
      if (m.id === undefined)
        await trx
          .insertInto('council_project_milestones')
          .values({
            tenant_id: tenantId,
            project_id: id,
            title: m.title,
            due_on: m.dueOn ?? null,
            done_at: doneAt,
          })
          .execute();
      else
        await trx
          .updateTable('council_project_milestones')
          .set({ title: m.title, due_on: m.dueOn ?? null, done_at: doneAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', m.id)
          .execute();
    }
    const oldTopics = new Set(before.topic_ids.map(Number));
    const newTopics = topicIds.filter((t) => !oldTopics.has(t));
    if (newTopics.length)
      await trx
        .updateTable('council_topics')
        .set({ status: 'project' })
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', newTopics)
        .execute();
    const oldHouseholds = new Set(before.household_ids.map(Number));
    for (const householdId of householdIds.filter((h) => !oldHouseholds.has(h)))
      await addTimelineEvent(trx, {
        tenantId,
        householdId,
        occurredAt: now,
        module: 'council',
        kind: 'council_project',
        params: { name: body.name },
        detail: { projectId: id },
        actorId: ctx.actor.userId,
      });
    await councilChanged(trx, deps, ctx, {
      tenantId,
      entity: 'project',
      id: id,
      action: 'council.project.update',
      payload: body,
    });
  });
  return oneProject(deps, tenantId, id);
}
