import { requireActiveUnit } from './units.service.ts';
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  AssignBody,
  CreateSuggestionBody,
  HandleBody,
  RateBody,
  RedirectBody,
  SimilarBody,
  SuggestionDetail,
  SuggestionItem,
  SuggestionQuery,
  SuggestionSettings,
  SuggestionStatus,
  TopicClusters,
} from '../../../contract/suggestions.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import {
  clusterTexts,
  textSimilarity,
  keywords,
  toSearchText,
  toTsQueries,
} from '../../platform/chinese-text.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { maskName, maskPhone } from '../../platform/mask.ts';
import {
  canTake,
  DEFAULT_SETTINGS,
  dueFor,
  isOverdue,
  OPEN_STATUSES,
  redirectHint,
  refusalWords,
  RESULT_OF,
  type HandlingAction,
} from './suggestions.rules.ts';

type CreateInput = z.output<typeof CreateSuggestionBody>;

// --- Settings and the topic sweep ---------------------------------------------------------------

/** The street's handling deadlines, or the defaults when it has not set its own. */
export async function settingsOf(db: Executor, tenantId: number): Promise<SuggestionSettings> {
  const row = await db
    .selectFrom('suggestion_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row
    ? {
        acceptDays: row.accept_days,
        assignDays: row.assign_days,
        handleDays: row.handle_days,
        answerDays: row.answer_days,
      }
    : { ...DEFAULT_SETTINGS };
}

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

// --- Reading ---------------------------------------------------------------------------------

function searchVector(s: { subject: string; reason: string; proposal: string }) {
  return sql<string>`setweight(to_tsvector('simple', ${toSearchText(s.subject)}), 'A') || setweight(to_tsvector('simple', ${toSearchText(`${s.reason}\n${s.proposal}`)}), 'B')`;
}

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

const matches = (tsquery: string) =>
  sql<SqlBool>`suggestions.search_vector @@ to_tsquery('simple', ${tsquery})`;

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

function readPermission(ctx: RequestContext) {
  return ctx.actor.permissions.has('suggestion.read') ? 'suggestion.read' : 'suggestion.submit';
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
  const [reply, mergedInto, mergedFrom, projects, attachments, events] = await Promise.all([
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
    deps.db
      .selectFrom('suggestions')
      .select(['id', 'subject'])
      .where('tenant_id', '=', tenantId)
      .where('merged_into_id', '=', id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('suggestion_project_sources as s')
      .innerJoin('suggestion_projects as p', (j) =>
        j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.project_id'),
      )
      .select(['p.id', 'p.name'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.suggestion_id', '=', id)
      .execute(),
    deps.db
      .selectFrom('suggestion_attachments as a')
      .innerJoin('files as f', (j) =>
        j.onRef('f.tenant_id', '=', 'a.tenant_id').onRef('f.id', '=', 'a.file_id'),
      )
      .select(['f.id', 'f.name', 'f.mime', 'f.size'])
      .where('a.tenant_id', '=', tenantId)
      .where('a.suggestion_id', '=', id)
      .orderBy('f.id')
      .execute(),
    deps.db
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

// --- Similar suggestions and clusters --------------------------------------------------------

/**
 * Suggestions like `text`: candidates from the full-text index (any of the text's key words), then
 * ordered by cosine similarity of TF-IDF word vectors. Only subjects are shown, never proposers.
 */
export async function findSimilar(
  deps: Deps,
  ctx: RequestContext,
  body: z.output<typeof SimilarBody>,
): Promise<Array<{ id: number; subject: string; status: SuggestionStatus; score: number }>> {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  // Candidates share at least two of the text's six key words: a plain OR of common words would
  // rank half the table (measured: 310 ms at 100k rows).
  const tsq = toTsQueries(keywords(body.text, 6).join(' '));
  if (!tsq) return [];
  const candidatesFor = (tsquery: string) => {
    let q = deps.db
      .selectFrom('suggestions')
      .select(['id', 'subject', 'reason', 'proposal', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('status', 'not in', ['merged', 'redirected'])
      .where(matches(tsquery))
      .orderBy(sql`ts_rank(suggestions.search_vector, to_tsquery('simple', ${tsq.any}))`, 'desc')
      .orderBy('id', 'desc')
      .limit(40);
    if (body.excludeId) q = q.where('id', '<>', body.excludeId);
    return q.execute();
  };
  let candidates = await candidatesFor(tsq.two);
  if (candidates.length === 0 && tsq.two !== tsq.any) candidates = await candidatesFor(tsq.any);
  return candidates
    .map((c) => ({
      id: c.id,
      subject: c.subject,
      status: c.status as SuggestionStatus,
      score:
        Math.round(
          textSimilarity(body.text, `${c.subject}\n${c.subject}\n${c.reason}\n${c.proposal}`) * 1000,
        ) / 1000,
    }))
    .filter((c) => c.score >= 0.15)
    .sort((a, b) => b.score - a.score)
    .slice(0, body.limit);
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

// --- Submitting --------------------------------------------------------------------------------

async function requireInTenant(
  db: Executor,
  table: 'suggestion_points' | 'suggestion_mailboxes' | 'suggestion_visits',
  tenantId: number,
  id: number | undefined,
  path: string,
): Promise<void> {
  if (id === undefined) return;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw invalidField(path, '不存在该记录', 'No such record');
}

/** Inserts a suggestion, its first event and audit row; shared by the API and the demo seed. */
export async function insertSuggestion(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  input: CreateInput,
): Promise<{ id: number; dueAt: string | null }> {
  const now = deps.clock.now();
  const settings = await settingsOf(trx, tenantId);
  const due = dueFor('registered', settings, now);
  // Staff registering a letter, call or visit enter it for someone else; a resident proposes as themself.
  const onBehalf = ctx.actor.permissions.has('suggestion.read') && input.channel !== 'online';
  const row = await trx
    .insertInto('suggestions')
    .values({
      tenant_id: tenantId,
      subject: input.subject,
      reason: input.reason,
      proposal: input.proposal,
      proposer_name: input.proposerName,
      proposer_phone_enc: input.proposerPhone ? deps.cipher.encrypt(input.proposerPhone) : null,
      proposer_user_id: onBehalf ? null : ctx.actor.userId,
      household_id: input.householdId ?? (onBehalf ? null : ctx.actor.householdId),
      thank_consent: input.thankConsent,
      channel: input.channel,
      topic_id: input.topicId ?? null,
      point_id: input.pointId ?? null,
      mailbox_id: input.mailboxId ?? null,
      visit_id: input.visitId ?? null,
      due_at: due,
      search_vector: searchVector(input),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'due_at'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('suggestion_events')
    .values({
      tenant_id: tenantId,
      suggestion_id: row.id,
      from_status: null,
      to_status: 'registered',
      actor_user_id: ctx.actor.userId,
      created_at: now,
    })
    .execute();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId,
    action: 'suggestion.create',
    entityType: 'suggestion',
    entityId: row.id,
    payload: {
      subject: input.subject,
      channel: input.channel,
      topicId: input.topicId ?? null,
      proposerName: maskName(input.proposerName),
      proposerPhone: input.proposerPhone ? maskPhone(input.proposerPhone) : null,
    },
  });
  return { id: row.id, dueAt: row.due_at };
}

/**
 * Registers a suggestion (第十条: subject, reason, proposal, proposer). A topic must still be open;
 * residents always propose online as themselves. Answers with similar suggestions and, when the text
 * reads like a personal claim or a court matter, a hint of where it belongs.
 */
export async function createSuggestion(deps: Deps, ctx: RequestContext, body: CreateInput) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  const staff = ctx.actor.permissions.has('suggestion.read');
  const input: CreateInput = staff
    ? body
    : {
        ...body,
        channel: 'online',
        pointId: undefined,
        mailboxId: undefined,
        visitId: undefined,
        householdId: undefined,
      };
  if (input.topicId !== undefined) {
    const topic = await deps.db
      .selectFrom('suggestion_topics')
      .select(['status', 'deadline'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.topicId)
      .executeTakeFirst();
    if (!topic || topic.status === 'draft')
      throw invalidField('body.topicId', '没有这个征集议题', 'No such topic call');
    if (topic.status === 'closed' || new Date(topic.deadline).getTime() < deps.clock.now().getTime())
      throw conflict('该专项征集已截止', 'This topic call has closed', [
        { path: 'body.topicId', message: '该专项征集已截止' },
      ]);
  }
  await requireInTenant(deps.db, 'suggestion_points', tenantId, input.pointId, 'body.pointId');
  await requireInTenant(deps.db, 'suggestion_mailboxes', tenantId, input.mailboxId, 'body.mailboxId');
  await requireInTenant(deps.db, 'suggestion_visits', tenantId, input.visitId, 'body.visitId');
  const created = await deps.db.transaction().execute(async (trx) => {
    const result = await insertSuggestion(trx, deps, ctx, tenantId, input);
    await publish(trx, { tenantId, topic: 'suggestions', data: { id: result.id } });
    return result;
  });
  const text = `${input.subject}\n${input.reason}\n${input.proposal}`;
  const similar = await findSimilar(deps, ctx, { text, excludeId: created.id, limit: 5 });
  return {
    id: created.id,
    status: 'registered' as const,
    dueAt: created.dueAt,
    similar,
    redirectHint: redirectHint(text),
  };
}

// --- Handling --------------------------------------------------------------------------------

interface Change {
  set?: Partial<{
    assignee_department: string;
    assignee_unit_id: number;
    assignee_user_id: number | null;
    handling_note: string;
    answer: string;
    reply_id: number;
    answered_at: Date;
    redirect_target: string;
    redirect_reason: string;
    merged_into_id: number;
    adopted: boolean;
  }>;
  note?: string | null;
}

/**
 * Moves one suggestion by a handling action inside `trx`: checks the step is allowed, records whether
 * the step's deadline was met, sets the next step's deadline from the street's settings, audits.
 */
export async function applyAction(
  trx: Transaction<DB>,
  deps: Deps,
  ctx: RequestContext,
  tenantId: number,
  id: number,
  action: HandlingAction,
  change: Change = {},
): Promise<void> {
  const now = deps.clock.now();
  const current = await trx
    .selectFrom('suggestions')
    .select(['status', 'due_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound();
  const from = current.status as SuggestionStatus;
  if (!canTake(action, from)) {
    const words = refusalWords(action, from);
    throw conflict(words.zh, words.en, { status: from, action });
  }
  const to = RESULT_OF[action];
  // Re-assigning stays in the same step, under the same deadline.
  const sameStep = from === to;
  const dueAt = sameStep ? current.due_at : dueFor(to, await settingsOf(trx, tenantId), now);
  await trx
    .updateTable('suggestions')
    .set({ ...change.set, status: to, due_at: dueAt, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('suggestion_events')
    .values({
      tenant_id: tenantId,
      suggestion_id: id,
      from_status: from,
      to_status: to,
      due_at: sameStep ? null : current.due_at,
      on_time:
        sameStep || current.due_at === null ? null : now.getTime() <= new Date(current.due_at).getTime(),
      note: change.note ?? null,
      actor_user_id: ctx.actor.userId,
      created_at: now,
    })
    .execute();
  await writeAudit(trx, deps.clock, ctx, {
    tenantId,
    action: `suggestion.${action}`,
    entityType: 'suggestion',
    entityId: id,
    payload: { from, to, ...change.set, note: change.note ?? undefined },
  });
}

async function act(deps: Deps, ctx: RequestContext, id: number, action: HandlingAction, change: Change = {}) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.handle', id);
  await deps.db.transaction().execute(async (trx) => {
    await applyAction(trx, deps, ctx, tenantId, id, action, change);
    await publish(trx, { tenantId, topic: 'suggestions', data: { id } });
  });
  return getSuggestion(deps, ctx, id);
}

/** 受理: the street takes the suggestion on. */
export const acceptSuggestion = (deps: Deps, ctx: RequestContext, id: number, note?: string) =>
  act(deps, ctx, id, 'accept', { note: note ?? null });

/** 交办: to one of the street's handling units (and optionally a person) responsible for it. */
export async function assignSuggestion(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof AssignBody>,
) {
  const tenantId = requireTenant(ctx.actor);
  if (body.assigneeUserId !== undefined) {
    const user = await deps.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', body.assigneeUserId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!user) throw invalidField('body.assigneeUserId', '该用户不在本街道', 'No such user in this street');
  }
  const unit = await requireActiveUnit(deps.db, tenantId, body.unitId);
  return act(deps, ctx, id, 'assign', {
    set: {
      assignee_department: unit.name,
      assignee_unit_id: unit.id,
      assignee_user_id: body.assigneeUserId ?? null,
    },
    note: body.note ?? null,
  });
}

/** 办理: the department's work and whether the idea is adopted. */
export const handleSuggestion = (
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof HandleBody>,
) =>
  act(deps, ctx, id, 'handle', { set: { handling_note: body.note, adopted: body.adopted }, note: body.note });

/** 答复 (individually, 第十二条（二）). */
export const answerSuggestion = (deps: Deps, ctx: RequestContext, id: number, answer: string) =>
  act(deps, ctx, id, 'answer', { set: { answer, answered_at: deps.clock.now() } });

/** Not a suggestion (第十条第二款): sent to mediation, petitions, a court… with the reason shown. */
export const redirectSuggestion = (
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof RedirectBody>,
) =>
  act(deps, ctx, id, 'redirect', {
    set: { redirect_target: body.target, redirect_reason: body.reason },
    note: body.reason,
  });

/** Merges a duplicate into another suggestion; what was merged into this one follows it. */
export async function mergeSuggestion(deps: Deps, ctx: RequestContext, id: number, intoId: number) {
  requirePermission(ctx.actor, 'suggestion.handle');
  const tenantId = requireTenant(ctx.actor);
  if (id === intoId)
    throw invalidField('body.intoId', '不能合并到自身', 'Cannot merge a suggestion into itself');
  await requireAccess(deps.db, ctx.actor, 'suggestion', 'suggestion.handle', [id, intoId]);
  await deps.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom('suggestions')
      .select('status')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', intoId)
      .executeTakeFirstOrThrow();
    if (target.status === 'merged' || target.status === 'redirected')
      throw conflict('目标建议已被合并或转办，请选择其他建议', 'The target was itself merged or redirected');
    await applyAction(trx, deps, ctx, tenantId, id, 'merge', {
      set: { merged_into_id: intoId },
      note: `#${intoId}`,
    });
    await trx
      .updateTable('suggestions')
      .set({ merged_into_id: intoId })
      .where('tenant_id', '=', tenantId)
      .where('merged_into_id', '=', id)
      .execute();
    await publish(trx, { tenantId, topic: 'suggestions', data: { id } });
  });
  return getSuggestion(deps, ctx, id);
}

/** 公众评价: the proposer rates the answer, once. */
export async function rateSuggestion(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  body: z.output<typeof RateBody>,
) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('suggestions')
      .select(['status', 'proposer_user_id', 'rating'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.proposer_user_id !== ctx.actor.userId) throw new AppError('forbidden');
    if (row.status !== 'answered')
      throw conflict('答复后才能评价', 'You can rate once the suggestion is answered');
    if (row.rating !== null) throw conflict('已经评价过了', 'Already rated');
    await trx
      .updateTable('suggestions')
      .set({ rating: body.rating, rating_comment: body.comment ?? null, rated_at: deps.clock.now() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion.rate',
      entityType: 'suggestion',
      entityId: id,
      payload: { rating: body.rating, comment: body.comment },
    });
  });
  return getSuggestion(deps, ctx, id);
}

// --- Attachments -----------------------------------------------------------------------------

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_SUGGESTION = 6;
const IMAGE_SIGNATURES: Array<{ mime: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** Adds a photo: JPEG, PNG or WebP (checked by content, not by name), at most 5 MB, six per suggestion. */
export async function addAttachment(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  file: { name: string; mime: string; data: Buffer },
) {
  requirePermission(ctx.actor, 'suggestion.submit');
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  const kind = IMAGE_SIGNATURES.find((s) => s.test(file.data));
  if (!kind)
    throw new AppError(
      'unsupported_file',
      { allowed: IMAGE_SIGNATURES.map((s) => s.mime) },
      {
        zh: '只能上传 JPG、PNG 或 WebP 格式的照片',
        en: 'Only JPG, PNG or WebP photos can be uploaded',
      },
    );
  if (file.data.length > ATTACHMENT_MAX_BYTES)
    throw new AppError(
      'payload_too_large',
      { maxBytes: ATTACHMENT_MAX_BYTES },
      { zh: '照片不能超过 5 MB', en: 'A photo may be at most 5 MB' },
    );
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('suggestion_attachments')
      .select(sql<number>`count(*)`.as('n'))
      .where('tenant_id', '=', tenantId)
      .where('suggestion_id', '=', id)
      .executeTakeFirstOrThrow();
    if (existing.n >= ATTACHMENTS_PER_SUGGESTION)
      throw conflict(
        `每条建议最多 ${ATTACHMENTS_PER_SUGGESTION} 张照片`,
        `At most ${ATTACHMENTS_PER_SUGGESTION} photos per suggestion`,
      );
    const name = file.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'photo';
    const stored = await deps.files.put(trx, tenantId, {
      name,
      mime: kind.mime,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .insertInto('suggestion_attachments')
      .values({ tenant_id: tenantId, suggestion_id: id, file_id: stored.id })
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'suggestion.attach',
      entityType: 'suggestion',
      entityId: id,
      payload: { fileId: stored.id, name, size: stored.size, sha256: stored.sha256 },
    });
    return { id: stored.id, name: stored.name, mime: stored.mime, size: stored.size };
  });
}

export async function readAttachment(deps: Deps, ctx: RequestContext, id: number, fileId: number) {
  const tenantId = requireTenant(ctx.actor);
  await requireAccess(deps.db, ctx.actor, 'suggestion', readPermission(ctx), id);
  const link = await deps.db
    .selectFrom('suggestion_attachments')
    .select('file_id')
    .where('tenant_id', '=', tenantId)
    .where('suggestion_id', '=', id)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  const file = link && (await deps.files.read(deps.db, tenantId, fileId));
  if (!file) throw notFound();
  return file;
}
