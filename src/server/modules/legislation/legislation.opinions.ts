/** Opinions on drafts: residents' own, those recorded at events, moderation and the adoption outcome. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  DraftArticle,
  ModerateBody,
  Opinion,
  OpinionQuery,
  OutcomeBody,
  RecordOpinionsBody,
  SubmitOpinionBody,
} from '../../../contract/legislation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { TOPIC, opinionQuery, toOpinion } from './legislation.common.ts';

type Target = { articleId?: number | undefined; paragraph?: number | undefined; item?: number | undefined };

/** Checks that the article, paragraph (款) and item (项) exist in the draft. */
async function checkTargets(
  db: Executor,
  tenantId: number,
  draftId: number,
  targets: readonly Target[],
  path: string,
) {
  const ids = [...new Set(targets.map((t) => t.articleId).filter((id): id is number => id !== undefined))];
  const rows = ids.length
    ? await db
        .selectFrom('legislation_articles')
        .select(['id', 'paragraphs'])
        .where('tenant_id', '=', tenantId)
        .where('draft_id', '=', draftId)
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r.paragraphs as DraftArticle['paragraphs']]));
  targets.forEach((t, i) => {
    const at = targets.length > 1 ? `${path}.${i}` : path;
    if (t.articleId === undefined) {
      if (t.paragraph !== undefined || t.item !== undefined)
        throw invalidField(`${at}.articleId`, '请先选择条文', 'Choose the article first');
      return;
    }
    const paragraphs = byId.get(t.articleId);
    if (!paragraphs)
      throw invalidField(`${at}.articleId`, '该草案中没有这一条', 'No such article in this draft');
    if (t.paragraph === undefined) {
      if (t.item !== undefined)
        throw invalidField(`${at}.paragraph`, '请先选择款', 'Choose the paragraph first');
      return;
    }
    const paragraph = paragraphs[t.paragraph - 1];
    if (!paragraph)
      throw invalidField(`${at}.paragraph`, '该条没有这一款', 'No such paragraph in this article');
    if (t.item !== undefined && !paragraph.items.some((it) => it.number === t.item)) {
      throw invalidField(`${at}.item`, '该款没有这一项', 'No such item in this paragraph');
    }
  });
}

async function requireDraft(db: Executor, tenantId: number, draftId: number) {
  const row = await db
    .selectFrom('legislation_drafts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', draftId)
    .executeTakeFirst();
  if (!row) throw notFound();
}

/** A resident's own opinion, given online; it waits for moderation before it counts. */
export async function submitOpinion(
  deps: Deps,
  ctx: RequestContext,
  draftId: number,
  body: z.infer<typeof SubmitOpinionBody>,
): Promise<Opinion> {
  requirePermission(ctx.actor, 'legislation.comment');
  const tenantId = requireTenant(ctx.actor);
  await requireDraft(deps.db, tenantId, draftId);
  await checkTargets(deps.db, tenantId, draftId, [body], 'body');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('legislation_opinions')
      .values({
        tenant_id: tenantId,
        draft_id: draftId,
        article_id: body.articleId ?? null,
        paragraph: body.paragraph ?? null,
        item: body.item ?? null,
        event_id: null,
        kind: body.kind,
        text: body.text,
        reason: body.reason ?? null,
        author_user_id: ctx.actor.userId,
        author_name: body.anonymous ? null : ctx.actor.displayName,
        anonymous: body.anonymous,
        channel: 'online',
        entered_by: ctx.actor.userId,
        moderation: 'pending',
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.opinion.submit',
      entityType: 'legislation_opinion',
      entityId: row.id,
      payload: { draftId, articleId: body.articleId, kind: body.kind, anonymous: body.anonymous },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { draftId } });
    return row.id;
  });
  return (await opinionQuery(deps.db, tenantId).where('o.id', '=', id).execute()).map(toOpinion)[0]!;
}

/** Opinions collected on paper or at a meeting, entered by staff (信息员); accepted as entered. */
export async function recordOpinions(
  deps: Deps,
  ctx: RequestContext,
  draftId: number,
  body: z.infer<typeof RecordOpinionsBody>,
) {
  requirePermission(ctx.actor, 'legislation.record');
  const tenantId = requireTenant(ctx.actor);
  await requireDraft(deps.db, tenantId, draftId);
  await checkTargets(deps.db, tenantId, draftId, body.opinions, 'body.opinions');
  if (body.eventId) {
    const covered = await deps.db
      .selectFrom('legislation_event_drafts')
      .select('event_id')
      .where('tenant_id', '=', tenantId)
      .where('event_id', '=', body.eventId)
      .where('draft_id', '=', draftId)
      .executeTakeFirst();
    if (!covered)
      throw invalidField('body.eventId', '该活动未征询此草案', 'This event did not cover this draft');
  }
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('legislation_opinions')
      .values(
        body.opinions.map((o) => ({
          tenant_id: tenantId,
          draft_id: draftId,
          article_id: o.articleId ?? null,
          paragraph: o.paragraph ?? null,
          item: o.item ?? null,
          event_id: body.eventId ?? null,
          kind: o.kind,
          text: o.text,
          reason: o.reason ?? null,
          author_user_id: null,
          author_name: o.authorName ?? null,
          anonymous: !o.authorName,
          channel: body.channel,
          entered_by: ctx.actor.userId,
          moderation: 'accepted' as const,
          moderated_by: ctx.actor.userId,
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.opinion.record',
      entityType: 'legislation_draft',
      entityId: draftId,
      payload: {
        channel: body.channel,
        eventId: body.eventId,
        count: rows.length,
        ids: rows.map((r) => r.id),
      },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { draftId } });
    return { changed: rows.length };
  });
}

/** Every opinion of the street (staff), filtered by draft and moderation state. */
export async function listOpinions(deps: Deps, ctx: RequestContext, query: z.infer<typeof OpinionQuery>) {
  if (!ctx.actor.permissions.has('legislation.manage')) requirePermission(ctx.actor, 'legislation.record');
  const tenantId = requireTenant(ctx.actor);
  let q = opinionQuery(deps.db, tenantId);
  if (query.draftId) q = q.where('o.draft_id', '=', query.draftId);
  if (query.moderation) q = q.where('o.moderation', '=', query.moderation);
  const [rows, count] = await Promise.all([
    q
      .orderBy('o.draft_id', 'desc')
      .orderBy('a.ord')
      .orderBy('o.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { total: count.n, items: rows.map(toOpinion) };
}

/** The signed-in person's own opinions and what became of them. */
export async function myOpinions(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  const rows = await opinionQuery(deps.db, tenantId)
    .where('o.author_user_id', '=', ctx.actor.userId)
    .orderBy('o.id', 'desc')
    .limit(500)
    .execute();
  return { total: rows.length, items: rows.map(toOpinion) };
}

async function existingOpinions(db: Executor, tenantId: number, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const rows = await db
    .selectFrom('legislation_opinions')
    .select(['id', 'moderation', 'outcome', 'draft_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  if (rows.length !== unique.length) throw notFound();
  return rows;
}

/** Accepts or rejects residents' opinions; only accepted ones count and enter the report. */
export async function moderateOpinions(deps: Deps, ctx: RequestContext, body: z.infer<typeof ModerateBody>) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const rows = await existingOpinions(deps.db, tenantId, body.ids);
  if (body.decision === 'rejected' && rows.some((r) => r.outcome !== null)) {
    throw invalidField(
      'body.ids',
      '已反馈处理结果的意见不能驳回',
      'Opinions with an outcome cannot be rejected',
    );
  }
  if (body.decision === 'rejected' && !body.note) {
    throw invalidField('body.note', '不予采用时请说明理由', 'Give a reason when rejecting');
  }
  return deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('legislation_opinions')
      .set({ moderation: body.decision, moderation_note: body.note ?? null, moderated_by: ctx.actor.userId })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', body.ids)
      .executeTakeFirst();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.opinion.moderate',
      entityType: 'legislation_opinion',
      entityId: body.ids.length === 1 ? body.ids[0] : null,
      payload: body,
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { opinions: body.ids.length } });
    return { changed: Number(res.numUpdatedRows) };
  });
}

/** Feedback: marks opinions (one, or a whole group of near-duplicates) adopted, partly or not. */
export async function setOutcome(deps: Deps, ctx: RequestContext, body: z.infer<typeof OutcomeBody>) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const rows = await existingOpinions(deps.db, tenantId, body.ids);
  if (rows.some((r) => r.moderation !== 'accepted')) {
    throw invalidField(
      'body.ids',
      '只能对已受理的意见反馈结果',
      'Only accepted opinions can be given an outcome',
    );
  }
  return deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('legislation_opinions')
      .set({ outcome: body.outcome, outcome_note: body.note ?? null, outcome_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', body.ids)
      .executeTakeFirst();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.opinion.outcome',
      entityType: 'legislation_opinion',
      entityId: body.ids.length === 1 ? body.ids[0] : null,
      payload: { ...body, before: rows.map((r) => ({ id: r.id, outcome: r.outcome })) },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { opinions: body.ids.length } });
    return { changed: Number(res.numUpdatedRows) };
  });
}
