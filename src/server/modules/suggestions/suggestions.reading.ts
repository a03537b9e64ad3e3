/** Reading suggestions: the list (with full-text search) and one suggestion with its history. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type {
  SuggestionDetail,
  SuggestionItem,
  SuggestionQuery,
  SuggestionStatus,
} from '../../../contract/suggestions.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import type { Executor } from '../../db/database.ts';
import { toTsQueries } from '../../platform/chinese-text.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { maskName, maskPhone } from '../../platform/mask.ts';
import { isOverdue, OPEN_STATUSES, redirectHint } from './suggestions.rules.ts';
import { matches, readPermission } from './suggestions.common.ts';

function baseQuery(db: Executor) {
  return db
    .selectFrom('suggestions')
    .leftJoin('suggestion_topics as t', (j) =>
      j.onRef('t.tenant_id', '=', 'suggestions.tenant_id').onRef('t.id', '=', 'suggestions.topic_id'),
    )
    .leftJoin('suggestion_points as p', (j) =>
      j.onRef('p.tenant_id', '=', 'suggestions.tenant_id').onRef('p.id', '=', 'suggestions.point_id'),
    )
    .select([
      'suggestions.id',
      'suggestions.subject',
      'suggestions.reason',
      'suggestions.proposal',
      'suggestions.channel',
      'suggestions.status',
      'suggestions.topic_id',
      't.subject as topic_subject',
      'suggestions.point_id',
      'p.name as point_name',
      'suggestions.proposer_name',
      'suggestions.proposer_phone_enc',
      'suggestions.proposer_user_id',
      'suggestions.assignee_department',
      'suggestions.assignee_unit_id',
      'suggestions.due_at',
      'suggestions.adopted',
      'suggestions.rating',
      'suggestions.merged_into_id',
      'suggestions.created_at',
      'suggestions.answered_at',
    ]);
}
type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toItem(deps: Deps, ctx: RequestContext, r: BaseRow, rank: number | null): SuggestionItem {
  const staff = ctx.actor.permissions.has('suggestion.read');
  const own = r.proposer_user_id === ctx.actor.userId;
  let phone: string | null = null;
  if (r.proposer_phone_enc && (staff || own)) {
    try {
      phone = maskPhone(deps.cipher.decrypt(r.proposer_phone_enc));
    } catch {
      phone = '***';
    }
  }
  const status = r.status as SuggestionStatus;
  return {
    id: r.id,
    subject: r.subject,
    reason: r.reason,
    proposal: r.proposal,
    channel: r.channel as SuggestionItem['channel'],
    status,
    topicId: r.topic_id,
    topicSubject: r.topic_subject,
    pointId: r.point_id,
    pointName: r.point_name,
    proposerName: staff || own ? r.proposer_name : maskName(r.proposer_name),
    proposerPhone: phone,
    assigneeDepartment: r.assignee_department,
    assigneeUnitId: r.assignee_unit_id,
    dueAt: OPEN_STATUSES.includes(status) ? r.due_at : null,
    overdue: isOverdue(status, r.due_at, deps.clock.now()),
    adopted: r.adopted,
    rating: r.rating,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    rank,
  };
}

/** The filter of a suggestion list: the street, what the actor may see, and the query's criteria. */
function listFilter(deps: Deps, ctx: RequestContext, tenantId: number, query: SuggestionQuery) {
  return (eb: ExpressionBuilder<DB, 'suggestions'>): Expression<SqlBool> => {
    const and: Array<Expression<SqlBool>> = [eb('suggestions.tenant_id', '=', tenantId)];
    if (!ctx.actor.permissions.has('suggestion.read') || query.mine)
      and.push(eb('suggestions.proposer_user_id', '=', ctx.actor.userId));
    if (query.status) and.push(eb('suggestions.status', '=', query.status));
    if (query.topicId) and.push(eb('suggestions.topic_id', '=', query.topicId));
    if (query.channel) and.push(eb('suggestions.channel', '=', query.channel));
    if (query.overdue !== undefined) {
      const overdue = eb.and([
        eb('suggestions.status', 'in', OPEN_STATUSES),
        eb('suggestions.due_at', '<', deps.clock.now().toISOString()),
      ]);
      and.push(query.overdue ? overdue : eb.not(overdue));
    }
    return eb.and(and);
  };
}

/**
 * Suggestions the actor may see. With `q`, a full-text search over jieba-segmented words ranked by
 * ts_rank: every query word must match (through its parts or synonyms); if that finds nothing, any
 * word may. Without `q`, newest first. Residents only ever see their own.
 */
export async function listSuggestions(deps: Deps, ctx: RequestContext, query: SuggestionQuery) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  const filter = listFilter(deps, ctx, tenantId, query);
  const count = async (tsquery: string | null) => {
    let q = deps.db
      .selectFrom('suggestions')
      .select(sql<number>`count(*)`.as('n'))
      .where(filter);
    if (tsquery) q = q.where(matches(tsquery));
    return (await q.executeTakeFirstOrThrow()).n;
  };
  if (query.q) {
    const tsq = toTsQueries(query.q);
    if (!tsq) return { items: [], total: 0 };
    let tsquery = tsq.all;
    let total = await count(tsquery);
    if (total === 0 && tsq.any !== tsq.all) {
      tsquery = tsq.any;
      total = await count(tsquery);
    }
    if (total === 0) return { items: [], total: 0 };
    // Texts that say every word as a whole (加装电梯, or 加装 and 电梯) come first; within each
    // tier, rank by every query word, required or not, so optional words (不亮, 难) still lift a text.
    const rows = await baseQuery(deps.db)
      .select(
        sql<number>`ts_rank(suggestions.search_vector, to_tsquery('simple', ${tsq.any}))
          + case when suggestions.search_vector @@ to_tsquery('simple', ${tsq.whole}) then 1 else 0 end`.as(
          'rank',
        ),
      )
      .where(filter)
      .where(matches(tsquery))
      .orderBy('rank', 'desc')
      .orderBy('suggestions.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { items: rows.map((r) => toItem(deps, ctx, r, r.rank)), total };
  }
  const [rows, total] = await Promise.all([
    baseQuery(deps.db)
      .where(filter)
      .orderBy('suggestions.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    count(null),
  ]);
  return { items: rows.map((r) => toItem(deps, ctx, r, null)), total };
}

/** What hangs off a suggestion: those merged into it, its projects, its photos and its handling steps. */
function relatedOf(db: Executor, tenantId: number, id: number) {
  return Promise.all([
    db
      .selectFrom('suggestions')
      .select(['id', 'subject'])
      .where('tenant_id', '=', tenantId)
      .where('merged_into_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('suggestion_project_sources as s')
      .innerJoin('suggestion_projects as p', (j) =>
        j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.project_id'),
      )
      .select(['p.id', 'p.name'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.suggestion_id', '=', id)
      .execute(),
    db
      .selectFrom('suggestion_attachments as a')
      .innerJoin('files as f', (j) =>
        j.onRef('f.tenant_id', '=', 'a.tenant_id').onRef('f.id', '=', 'a.file_id'),
      )
      .select(['f.id', 'f.name', 'f.mime', 'f.size'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.suggestion_id', '=', id)
      .orderBy('f.id')
      .execute(),
    db
      .selectFrom('suggestion_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([
        'e.from_status',
        'e.to_status',
        'e.note',
        'u.display_name',
        'e.due_at',
        'e.on_time',
        'e.created_at',
      ])
      .where('e.tenant_id', '=', tenantId)
      .where('e.suggestion_id', '=', id)
      .orderBy('e.id')
      .execute(),
  ]);
}

/** One suggestion with its history, answer, attachments and what became of it. */
export async function getSuggestion(deps: Deps, ctx: RequestContext, id: number): Promise<SuggestionDetail> {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  const row = await baseQuery(deps.db)
    .select([
      'suggestions.handling_note',
      'suggestions.answer',
      'suggestions.reply_id',
      'suggestions.redirect_target',
      'suggestions.redirect_reason',
      'suggestions.rating_comment',
      'suggestions.thank_consent',
    ])
    .where('suggestions.tenant_id', '=', tenantId)
    .where('suggestions.id', '=', id)
    .executeTakeFirstOrThrow();
  const [reply, mergedInto, [mergedFrom, projects, attachments, events]] = await Promise.all([
    row.reply_id === null
      ? undefined
      : deps.db
          .selectFrom('suggestion_replies')
          .select(['id', 'title', 'body', 'published_at'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', row.reply_id)
          .executeTakeFirst(),
    row.merged_into_id === null
      ? undefined
      : deps.db
          .selectFrom('suggestions')
          .leftJoin('suggestion_replies as r', (j) =>
            j.onRef('r.tenant_id', '=', 'suggestions.tenant_id').onRef('r.id', '=', 'suggestions.reply_id'),
          )
          .select([
            'suggestions.id',
            'suggestions.subject',
            'suggestions.status',
            'suggestions.answer',
            'r.body as reply_body',
          ])
          .where('suggestions.tenant_id', '=', tenantId)
          .where('suggestions.id', '=', row.merged_into_id)
          .executeTakeFirst(),
    relatedOf(deps.db, tenantId, id),
  ]);
  const staff = ctx.actor.permissions.has('suggestion.read');
  return {
    ...toItem(deps, ctx, row, null),
    handlingNote: staff ? row.handling_note : null,
    answer: row.answer,
    reply: reply
      ? { id: reply.id, title: reply.title, body: reply.body, publishedAt: reply.published_at }
      : null,
    redirectTarget: row.redirect_target as SuggestionDetail['redirectTarget'],
    redirectReason: row.redirect_reason,
    ratingComment: row.rating_comment,
    thankConsent: row.thank_consent,
    mine: row.proposer_user_id === ctx.actor.userId,
    mergedInto: mergedInto
      ? {
          id: mergedInto.id,
          subject: mergedInto.subject,
          status: mergedInto.status as SuggestionStatus,
          answer: mergedInto.answer ?? mergedInto.reply_body,
        }
      : null,
    mergedFrom,
    projects,
    attachments,
    events: events.map((e) => ({
      fromStatus: e.from_status as SuggestionStatus | null,
      toStatus: e.to_status as SuggestionStatus,
      // Internal notes are for staff; the proposer sees the steps and their dates.
      note: staff ? e.note : null,
      actorName: staff ? e.display_name : null,
      dueAt: e.due_at,
      onTime: e.on_time,
      createdAt: e.created_at,
    })),
    redirectHint:
      staff && row.status === 'registered'
        ? redirectHint(`${row.subject}\n${row.reason}\n${row.proposal}`)
        : null,
  };
}
