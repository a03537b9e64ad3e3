/** Projects (金点子 → 金钥匙): suggestions become projects with milestones and progress. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CreateMilestoneBody,
  CreateProjectBody,
  Project,
  UpdateProjectBody,
} from '../../../contract/suggestions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName } from '../../platform/mask.ts';

// --- Projects --------------------------------------------------------------------------------

/**
 * Each milestone's state: done when marked done; the first open one is under way once the project
 * has started (its status, its progress, or a milestone done); the rest have not started.
 */
function milestoneStates(
  project: { status: string; progress: number },
  rows: Array<{
    id: number;
    title: string;
    due_on: string | null;
    done_at: Project['milestones'][number]['doneAt'];
  }>,
): Project['milestones'] {
  const started = project.status !== 'planned' || project.progress > 0 || rows.some((m) => m.done_at);
  const current = started ? rows.find((m) => !m.done_at) : undefined;
  return rows.map((m) => ({
    id: m.id,
    title: m.title,
    dueOn: m.due_on,
    doneAt: m.done_at,
    state: m.done_at ? 'done' : m === current ? 'in_progress' : 'not_started',
  }));
}

async function loadProjects(db: Executor, tenantId: number, only?: number): Promise<Project[]> {
  let q = db
    .selectFrom('suggestion_projects')
    .select(['id', 'name', 'summary', 'owner', 'status', 'progress', 'created_at'])
    .where('tenant_id', '=', tenantId);
  if (only !== undefined) q = q.where('id', '=', only);
  const rows = await q.orderBy('id', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [milestones, sources] = await Promise.all([
    db
      .selectFrom('suggestion_milestones')
      .select(['id', 'project_id', 'title', 'due_on', 'done_at'])
      .where('tenant_id', '=', tenantId)
      .where('project_id', 'in', ids)
      .orderBy('due_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('suggestion_project_sources as ps')
      .innerJoin('suggestions as s', (j) =>
        j.onRef('s.tenant_id', '=', 'ps.tenant_id').onRef('s.id', '=', 'ps.suggestion_id'),
      )
      .select(['ps.project_id', 's.id', 's.subject', 's.proposer_name', 's.thank_consent'])
      .where('ps.tenant_id', '=', tenantId)
      .where('ps.project_id', 'in', ids)
      .orderBy('s.id')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    summary: r.summary,
    owner: r.owner,
    status: r.status as Project['status'],
    progress: r.progress,
    createdAt: r.created_at,
    milestones: milestoneStates(
      r,
      milestones.filter((m) => m.project_id === r.id),
    ),
    // Proposers are thanked by (masked) name only when they agreed to it.
    suggestions: sources
      .filter((s) => s.project_id === r.id)
      .map((s) => ({
        id: s.id,
        subject: s.subject,
        thanked: s.thank_consent ? maskName(s.proposer_name) : null,
      })),
  }));
}

/** Projects with their milestones and the suggestions behind them: public to everyone in the street. */
export async function listProjects(deps: Deps, ctx: RequestContext) {
  const items = await loadProjects(deps.db, requireTenant(ctx.actor));
  return { items, total: items.length };
}

async function projectById(deps: Deps, tenantId: number, id: number) {
  const [project] = await loadProjects(deps.db, tenantId, id);
  if (!project) throw notFound();
  return project;
}

/** 金点子 → 金钥匙: one or several suggestions become a project; they are marked adopted. */
export async function createProject(
  deps: Deps,
  ctx: RequestContext,
  body: z.output<typeof CreateProjectBody>,
) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  const ids = [...new Set(body.suggestionIds)];
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.read', ids);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suggestion_projects')
      .values({
        tenant_id: tenantId,
        name: body.name,
        summary: body.summary,
        owner: body.owner,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('suggestion_project_sources')
      .values(ids.map((sid) => ({ tenant_id: tenantId, project_id: row.id, suggestion_id: sid })))
      .execute();
    await trx
      .updateTable('suggestions')
      .set({ adopted: true, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
    if (body.milestones.length)
      await trx
        .insertInto('suggestion_milestones')
        .values(
          body.milestones.map((m) => ({
            tenant_id: tenantId,
            project_id: row.id,
            title: m.title,
            due_on: m.dueOn ?? null,
          })),
        )
        .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_project.create',
      entityType: 'suggestion_project',
      entityId: row.id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_projects' });
    return row.id;
  });
  return projectById(deps, tenantId, id);
}

export async function updateProject(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof UpdateProjectBody>,
) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('suggestion_projects')
      .set({
        ...(body.summary !== undefined ? { summary: body.summary } : {}),
        ...(body.owner !== undefined ? { owner: body.owner } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.progress !== undefined ? { progress: body.progress } : {}),
        ...(body.status === 'done' && body.progress === undefined ? { progress: 100 } : {}),
        updated_at: deps.clock.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_project.update',
      entityType: 'suggestion_project',
      entityId: id,
      payload: body,
    });
    await publish(trx, { tenantId, topic: 'suggestion_projects' });
  });
  return projectById(deps, tenantId, id);
}

export async function addMilestone(
  deps: Deps,
  ctx: RequestContext,
  projectId: number,
  body: z.output<typeof CreateMilestoneBody>,
) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  await deps.db.transaction().execute(async (trx) => {
    const project = await trx
      .selectFrom('suggestion_projects')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', projectId)
      .executeTakeFirst();
    if (!project) throw notFound();
    const row = await trx
      .insertInto('suggestion_milestones')
      .values({ tenant_id: tenantId, project_id: projectId, title: body.title, due_on: body.dueOn ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_project.milestone_add',
      entityType: 'suggestion_project',
      entityId: projectId,
      payload: { milestoneId: row.id, ...body },
    });
  });
  return projectById(deps, tenantId, projectId);
}

/** Marks a milestone done (or not); progress follows the share of milestones done. */
export async function setMilestoneDone(
  deps: Deps,
  ctx: RequestContext,
  projectId: number,
  milestoneId: number,
  done: boolean,
) {
  requirePermission(ctx.actor, 'suggestion.manage');
  const tenantId = requireTenant(ctx.actor);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('suggestion_milestones')
      .set({ done_at: done ? now : null })
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', projectId)
      .where('id', '=', milestoneId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound();
    const counts = await trx
      .selectFrom('suggestion_milestones')
      .select([sql<number>`count(*)`.as('n'), sql<number>`count(done_at)`.as('done')])
      .where('tenant_id', '=', tenantId)
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    const progress = counts.n === 0 ? 0 : Math.round((100 * counts.done) / counts.n);
    await trx
      .updateTable('suggestion_projects')
      .set({
        progress,
        status: progress === 100 ? 'done' : progress > 0 ? 'in_progress' : 'planned',
        updated_at: now,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', projectId)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion_project.milestone_done',
      entityType: 'suggestion_project',
      entityId: projectId,
      payload: { milestoneId, done, progress },
    });
    await publish(trx, { tenantId, topic: 'suggestion_projects' });
  });
  return projectById(deps, tenantId, projectId);
}
