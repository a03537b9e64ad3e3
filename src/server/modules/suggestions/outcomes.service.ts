/**
 * What suggestions lead to: collective replies (第十二条（一）), projects (金点子 → 金钥匙) and figures.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  CreateMilestoneBody,
  CreateProjectBody,
  CreateReplyBody,
  Project,
  SuggestionFigures,
  SuggestionStatus,
  UpdateProjectBody,
} from '../../../contract/suggestions.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName } from '../../platform/mask.ts';
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
