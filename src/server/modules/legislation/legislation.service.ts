import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  ConsolidatedReport,
  CreateEventBody,
  DraftArticle,
  DraftAppendix,
  DraftNode,
  DraftQuery,
  EventQuery,
  ModerateBody,
  Opinion,
  OpinionQuery,
  OutcomeBody,
  RecordOpinionsBody,
  SubmitOpinionBody,
  SubmitReportBody,
} from '../../../contract/legislation.ts';
import type { DB } from '../../db/schema.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit, type Executor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalidField, notFound } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { groupNearDuplicates } from './legislation.grouping.ts';
import { articleText, parseDraft, walkArticles, type ParsedNode } from './legislation.parser.ts';
import { reportDocx, reportPdf } from './legislation.report.ts';

const TOPIC = 'legislation';
const ANONYMOUS = '匿名';

// --- Drafts -------------------------------------------------------------------------------------

/** A heading as stored: articles are referenced by their order, their text lives in legislation_articles. */
type StoredNode =
  | { type: 'article'; ord: number }
  | {
      type: 'heading';
      kind: 'part' | 'subpart' | 'chapter' | 'section';
      number: number;
      label: string;
      title: string;
      heading: string;
      anchor: string;
      children: StoredNode[];
    };

function toStored(
  nodes: readonly ParsedNode[],
  counter: { ord: number; headings: Record<string, number> },
): StoredNode[] {
  return nodes.map((node) => {
    if (node.type === 'article') return { type: 'article', ord: counter.ord++ };
    const n = (counter.headings[node.kind] = (counter.headings[node.kind] ?? 0) + 1);
    return {
      type: 'heading',
      kind: node.kind,
      number: node.number,
      label: node.label,
      title: node.title,
      heading: node.heading,
      anchor: `${node.kind}-${n}`,
      children: toStored(node.children, counter),
    };
  });
}

export interface ImportInput {
  text: string;
  title?: string | undefined;
  /** Where a problem points in the request: 'file' for an upload, 'body.text' for JSON. */
  source: 'file' | 'body.text';
}

/** Parses a draft and stores it article by article; a malformed draft is refused with its lines. */
export async function importDraft(deps: Deps, ctx: RequestContext, input: ImportInput) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const result = parseDraft(input.text, input.title ?? '');
  if (!result.ok) {
    throw new AppError(
      'validation_failed',
      result.problems.slice(0, 50).map((p) => ({ path: input.source, line: p.line, message: p.message })),
      {
        zh: `草案格式有误（${result.problems.length} 处），未导入：请按标出的行号修改后重试`,
        en: `The draft is malformed (${result.problems.length} problems) and was not imported; fix the lines shown`,
      },
    );
  }
  const draft = result.draft;
  const title = input.title?.trim() || draft.title;
  const articles = [...walkArticles(draft.nodes)];
  const structure = toStored(draft.nodes, { ord: 0, headings: {} });
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('legislation_drafts')
      .values({
        tenant_id: tenantId,
        title,
        format: draft.format,
        history: JSON.stringify(draft.history),
        preface: JSON.stringify(draft.preface),
        appendices: JSON.stringify(
          draft.appendices.map((a) => ({
            label: a.label,
            title: a.title,
            heading: a.heading,
            lines: a.lines,
          })),
        ),
        structure: JSON.stringify(structure),
        ...draft.counts,
        source_sha256: sha256(input.text),
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // One statement per 1,000 articles keeps the parameter count far below PostgreSQL's limit.
    for (let start = 0; start < articles.length; start += 1000) {
      await trx
        .insertInto('legislation_articles')
        .values(
          articles.slice(start, start + 1000).map((a, i) => ({
            tenant_id: tenantId,
            draft_id: row.id,
            ord: start + i,
            number: a.number,
            suffix: a.suffix,
            label: a.label,
            sep: a.sep,
            anchor: a.anchor,
            paragraphs: JSON.stringify(a.paragraphs),
          })),
        )
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.draft.import',
      entityType: 'legislation_draft',
      entityId: row.id,
      payload: { title, counts: draft.counts, sha256: sha256(input.text) },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { draftId: row.id } });
    return { id: row.id, title, counts: draft.counts };
  });
}

function countsOf(r: {
  parts: number;
  subparts: number;
  chapters: number;
  sections: number;
  articles: number;
}) {
  return {
    parts: r.parts,
    subparts: r.subparts,
    chapters: r.chapters,
    sections: r.sections,
    articles: r.articles,
  };
}

/** When the draft's report last went to the legislature (a correlated subquery on legislation_drafts). */
const lastSubmission = sql<string | null>`(select max(s.submitted_at) from legislation_submissions s
  where s.tenant_id = legislation_drafts.tenant_id and s.draft_id = legislation_drafts.id)`;

/** The street's drafts, newest first, with their accepted-opinion counts. */
export async function listDrafts(deps: Deps, ctx: RequestContext, query: z.infer<typeof DraftQuery>) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  let q = deps.db.selectFrom('legislation_drafts').where('tenant_id', '=', tenantId);
  if (query.q) q = q.where('title', 'ilike', `%${query.q.replace(/[%_\\]/g, '\\$&')}%`);
  const [rows, count] = await Promise.all([
    q
      .select(['id', 'title', 'parts', 'subparts', 'chapters', 'sections', 'articles', 'created_at'])
      .select((eb) => [
        eb
          .selectFrom('legislation_opinions as o')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('o.tenant_id', '=', 'legislation_drafts.tenant_id')
          .whereRef('o.draft_id', '=', 'legislation_drafts.id')
          .where('o.moderation', '=', 'accepted')
          .as('opinion_count'),
        lastSubmission.as('submitted_at'),
      ])
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      counts: countsOf(r),
      opinionCount: Number(r.opinion_count ?? 0),
      createdAt: r.created_at,
      submittedAt: r.submitted_at ?? null,
    })),
  };
}

type ArticleRow = {
  id: number;
  ord: number;
  number: number;
  suffix: number;
  label: string;
  sep: string;
  anchor: string;
  paragraphs: unknown;
};

function toArticle(r: ArticleRow): DraftArticle {
  return {
    type: 'article',
    id: r.id,
    number: r.number,
    suffix: r.suffix,
    label: r.label,
    sep: r.sep,
    anchor: r.anchor,
    paragraphs: r.paragraphs as DraftArticle['paragraphs'],
  };
}

async function loadDraft(db: Executor, tenantId: number, id: number) {
  const draft = await db
    .selectFrom('legislation_drafts')
    .selectAll()
    .select(lastSubmission.as('submitted_at'))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!draft) throw notFound();
  return draft;
}

async function loadArticles(db: Executor, tenantId: number, draftId: number): Promise<ArticleRow[]> {
  return db
    .selectFrom('legislation_articles')
    .select(['id', 'ord', 'number', 'suffix', 'label', 'sep', 'anchor', 'paragraphs'])
    .where('tenant_id', '=', tenantId)
    .where('draft_id', '=', draftId)
    .orderBy('ord')
    .execute();
}

/** The draft as a tree: 编 / 分编 / 章 / 节 headings holding articles with their 款 and 项. */
export async function getDraft(deps: Deps, ctx: RequestContext, id: number) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  const draft = await loadDraft(deps.db, tenantId, id);
  const articles = await loadArticles(deps.db, tenantId, id);
  const build = (nodes: StoredNode[]): DraftNode[] =>
    nodes.map((n) =>
      n.type === 'article' ? toArticle(articles[n.ord]!) : { ...n, children: build(n.children) },
    );
  return {
    id: draft.id,
    title: draft.title,
    format: draft.format,
    history: draft.history as string[],
    preface: draft.preface as string[],
    appendices: draft.appendices as DraftAppendix[],
    counts: countsOf(draft),
    nodes: build(draft.structure as StoredNode[]),
    createdAt: draft.created_at,
    submittedAt: draft.submitted_at ?? null,
  };
}

// --- Events -------------------------------------------------------------------------------------

async function requireDrafts(db: Executor, tenantId: number, ids: readonly number[], path: string) {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('legislation_drafts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) throw invalidField(path, '草案不存在', 'No such draft');
  return unique;
}

/** Records a consultation event (征询活动) with its drafts and registered participants. */
export async function createEvent(deps: Deps, ctx: RequestContext, body: z.infer<typeof CreateEventBody>) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const draftIds = await requireDrafts(deps.db, tenantId, body.draftIds, 'body.draftIds');
  if (body.mode === 'offline' && !body.place) {
    throw invalidField('body.place', '线下活动请填写地点', 'An offline event needs a place');
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('legislation_events')
      .values({
        tenant_id: tenantId,
        title: body.title,
        held_on: body.heldOn,
        mode: body.mode,
        place: body.place ?? null,
        organiser: body.organiser,
        attendance: body.attendance,
        materials: body.materials ?? null,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('legislation_event_drafts')
      .values(draftIds.map((draftId) => ({ tenant_id: tenantId, event_id: row.id, draft_id: draftId })))
      .execute();
    if (body.registered.length) {
      await trx
        .insertInto('legislation_event_participants')
        .values(
          body.registered.map((name) => ({ tenant_id: tenantId, event_id: row.id, name, user_id: null })),
        )
        .execute();
    }
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.event.create',
      entityType: 'legislation_event',
      entityId: row.id,
      payload: { ...body, registered: body.registered.length },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { eventId: row.id } });
    return row.id;
  });
  const page = await listEvents(deps, ctx, { limit: 1, offset: 0 }, id);
  return page.items[0]!;
}

/** Events, newest first, with their drafts, participants and opinion counts. */
export async function listEvents(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof EventQuery>,
  onlyId?: number,
) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  let q = deps.db.selectFrom('legislation_events as e').where('e.tenant_id', '=', tenantId);
  if (onlyId) q = q.where('e.id', '=', onlyId);
  if (query.draftId) {
    const draftId = query.draftId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('legislation_event_drafts as ed')
          .select('ed.event_id')
          .whereRef('ed.tenant_id', '=', 'e.tenant_id')
          .whereRef('ed.event_id', '=', 'e.id')
          .where('ed.draft_id', '=', draftId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('e')
      .select((eb) => [
        eb
          .selectFrom('legislation_event_participants as p')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('p.tenant_id', '=', 'e.tenant_id')
          .whereRef('p.event_id', '=', 'e.id')
          .as('registered'),
        eb
          .selectFrom('legislation_opinions as o')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('o.tenant_id', '=', 'e.tenant_id')
          .whereRef('o.event_id', '=', 'e.id')
          .where('o.moderation', '=', 'accepted')
          .as('opinions'),
      ])
      .orderBy('e.held_on', 'desc')
      .orderBy('e.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const eventIds = rows.map((r) => r.id);
  const drafts = eventIds.length
    ? await deps.db
        .selectFrom('legislation_event_drafts as ed')
        .innerJoin('legislation_drafts as d', (j) =>
          j.onRef('d.tenant_id', '=', 'ed.tenant_id').onRef('d.id', '=', 'ed.draft_id'),
        )
        .select(['ed.event_id', 'd.id', 'd.title'])
        .where('ed.tenant_id', '=', tenantId)
        .where('ed.event_id', 'in', eventIds)
        .orderBy('d.id')
        .execute()
    : [];
  return {
    total: count.n,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      heldOn: r.held_on,
      mode: r.mode,
      place: r.place,
      organiser: r.organiser,
      drafts: drafts.filter((d) => d.event_id === r.id).map((d) => ({ id: d.id, title: d.title })),
      attendance: r.attendance,
      registered: Number(r.registered ?? 0),
      materials: r.materials,
      opinionCount: Number(r.opinions ?? 0),
    })),
  };
}

// --- Opinions -----------------------------------------------------------------------------------

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

function opinionQuery(db: Executor, tenantId: number) {
  return db
    .selectFrom('legislation_opinions as o')
    .innerJoin('legislation_drafts as d', (j) =>
      j.onRef('d.tenant_id', '=', 'o.tenant_id').onRef('d.id', '=', 'o.draft_id'),
    )
    .leftJoin('legislation_articles as a', (j) =>
      j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.article_id'),
    )
    .where('o.tenant_id', '=', tenantId)
    .selectAll('o')
    .select(['d.title as draft_title', 'a.label as article_label', 'a.anchor', 'a.ord']);
}

type OpinionRow = Awaited<ReturnType<ReturnType<typeof opinionQuery>['execute']>>[number];

function toOpinion(r: OpinionRow): Opinion {
  return {
    id: r.id,
    draftId: r.draft_id,
    draftTitle: r.draft_title,
    articleId: r.article_id,
    articleLabel: r.article_label,
    anchor: r.anchor,
    paragraph: r.paragraph,
    item: r.item,
    kind: r.kind,
    text: r.text,
    reason: r.reason,
    authorName: r.anonymous || !r.author_name ? ANONYMOUS : r.author_name,
    anonymous: r.anonymous,
    channel: r.channel,
    eventId: r.event_id,
    moderation: r.moderation,
    moderationNote: r.moderation_note,
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    outcomeAt: r.outcome_at,
    createdAt: r.created_at,
  };
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

// --- Consolidated report ------------------------------------------------------------------------

const KIND_ORDER = { amend: 0, delete: 1, add: 2, principle: 3 } as const;

function targetLabel(o: {
  articleLabel: string | null;
  paragraph: number | null;
  item: number | null;
}): string {
  if (!o.articleLabel) return '草案整体';
  return `${o.articleLabel}${o.paragraph ? `第${o.paragraph}款` : ''}${o.item ? `第${o.item}项` : ''}`;
}

async function buildReport(
  db: Executor,
  now: Date,
  tenantId: number,
  draftId: number,
): Promise<ConsolidatedReport> {
  const draft = await loadDraft(db, tenantId, draftId);
  const [articles, rows, submissions] = await Promise.all([
    loadArticles(db, tenantId, draftId),
    opinionQuery(db, tenantId)
      .where('o.draft_id', '=', draftId)
      .where('o.moderation', '=', 'accepted')
      .orderBy('a.ord')
      .orderBy('o.id')
      .execute(),
    db
      .selectFrom('legislation_submissions')
      .select(['id', 'submitted_to', 'submitted_at', 'opinion_count', 'note'])
      .where('tenant_id', '=', tenantId)
      .where('draft_id', '=', draftId)
      .orderBy('id')
      .execute(),
  ]);
  const opinions = rows.map((r) => ({ ...toOpinion(r), authorUserId: r.author_user_id }));
  const byArticle = new Map<number | null, typeof opinions>();
  for (const o of opinions) {
    const list = byArticle.get(o.articleId);
    if (list) list.push(o);
    else byArticle.set(o.articleId, [o]);
  }
  const people = (list: typeof opinions) => {
    const named = new Set<string>();
    let anonymous = 0;
    for (const o of list) {
      if (o.authorUserId) named.add(`u${o.authorUserId}`);
      else if (!o.anonymous && o.authorName !== ANONYMOUS) named.add(`n${o.authorName}`);
      else anonymous++;
    }
    return named.size + anonymous;
  };
  const groupsOf = (list: typeof opinions) => {
    const out: ConsolidatedReport['sections'][number]['groups'] = [];
    for (const kind of Object.keys(KIND_ORDER) as Array<keyof typeof KIND_ORDER>) {
      const ofKind = list.filter((o) => o.kind === kind);
      for (const members of groupNearDuplicates(ofKind.map((o) => o.text))) {
        const group = members.map((i) => ofKind[i]!);
        const outcomes = new Set(group.map((o) => o.outcome));
        const first = group[0]!;
        out.push({
          kind,
          text: first.text,
          reasons: [...new Set(group.map((o) => o.reason).filter((r): r is string => Boolean(r)))],
          people: people(group),
          opinionIds: group.map((o) => o.id),
          variants: [...new Set(group.slice(1).map((o) => o.text))].filter((t) => t !== first.text),
          targets: [...new Set(group.map(targetLabel))],
          outcome: outcomes.size === 1 ? first.outcome : null,
          outcomeNote: outcomes.size === 1 ? first.outcomeNote : null,
        });
      }
    }
    return out.sort((a, b) => b.people - a.people || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  };
  const sections: ConsolidatedReport['sections'] = [];
  const general = byArticle.get(null);
  if (general) {
    sections.push({
      articleId: null,
      label: '对草案的总体意见',
      anchor: null,
      originalText: null,
      opinionCount: general.length,
      groups: groupsOf(general),
    });
  }
  for (const a of articles) {
    const list = byArticle.get(a.id);
    if (!list) continue;
    sections.push({
      articleId: a.id,
      label: a.label,
      anchor: a.anchor,
      originalText: articleText({
        label: a.label,
        sep: a.sep,
        paragraphs: a.paragraphs as DraftArticle['paragraphs'],
      }),
      opinionCount: list.length,
      groups: groupsOf(list),
    });
  }
  return {
    draftId,
    title: draft.title,
    generatedAt: now.toISOString(),
    opinionCount: opinions.length,
    people: people(opinions),
    sections,
    submissions: submissions.map((s) => ({
      id: s.id,
      submittedTo: s.submitted_to,
      submittedAt: s.submitted_at,
      opinionCount: s.opinion_count,
      note: s.note,
    })),
  };
}

/** 意见汇总表: accepted opinions by article, with the original text, near-duplicates grouped. */
export async function consolidatedReport(deps: Deps, ctx: RequestContext, draftId: number) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  return buildReport(deps.db, deps.clock.now(), tenantId, draftId);
}

/** The report as a file for the legislature, in the formal layout. */
export async function reportFile(deps: Deps, ctx: RequestContext, draftId: number, format: 'docx' | 'pdf') {
  const report = await consolidatedReport(deps, ctx, draftId);
  const data = format === 'docx' ? await reportDocx(report) : await reportPdf(report);
  return {
    name: `${report.title}-意见汇总表.${format}`,
    mime:
      format === 'docx'
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : 'application/pdf',
    data,
  };
}

/** Records that the report went to the legislature; the .docx sent is kept with the record. */
export async function submitReport(
  deps: Deps,
  ctx: RequestContext,
  draftId: number,
  body: z.infer<typeof SubmitReportBody>,
) {
  requirePermission(ctx.actor, 'legislation.manage');
  const tenantId = requireTenant(ctx.actor);
  const report = await buildReport(deps.db, deps.clock.now(), tenantId, draftId);
  if (report.opinionCount === 0) {
    throw invalidField('body', '还没有已受理的意见，无法报送', 'There are no accepted opinions to submit');
  }
  const docx = await reportDocx(report);
  return deps.db.transaction().execute(async (trx: Transaction<DB>) => {
    const file = await deps.files.put(trx, tenantId, {
      name: `${report.title}-意见汇总表.docx`,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      data: docx,
      createdBy: ctx.actor.userId,
    });
    const row = await trx
      .insertInto('legislation_submissions')
      .values({
        tenant_id: tenantId,
        draft_id: draftId,
        submitted_to: body.submittedTo,
        note: body.note ?? null,
        opinion_count: report.opinionCount,
        file_id: file.id,
        submitted_by: ctx.actor.userId,
        submitted_at: deps.clock.now(),
      })
      .returning(['id', 'submitted_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'legislation.report.submit',
      entityType: 'legislation_draft',
      entityId: draftId,
      payload: { ...body, opinionCount: report.opinionCount, fileId: file.id, sha256: file.sha256 },
    });
    await publish(trx, { tenantId, topic: TOPIC, data: { draftId } });
    return {
      id: row.id,
      submittedTo: body.submittedTo,
      submittedAt: row.submitted_at,
      opinionCount: report.opinionCount,
      fileId: file.id,
    };
  });
}

// --- Figures ------------------------------------------------------------------------------------

/** The contact point's figures, counted from the records. */
export async function figures(deps: Deps, ctx: RequestContext) {
  requirePermission(ctx.actor, 'legislation.read');
  const tenantId = requireTenant(ctx.actor);
  const r = await sql<{
    events: number;
    drafts: number;
    participants: number;
    opinions: number;
    adopted_fully: number;
    partly: number;
  }>`
    select
      (select count(*) from legislation_events where tenant_id = ${tenantId}) as events,
      (select count(*) from legislation_drafts where tenant_id = ${tenantId}) as drafts,
      (select coalesce(sum(greatest(e.attendance, (
          select count(*) from legislation_event_participants p
          where p.tenant_id = e.tenant_id and p.event_id = e.id))), 0)::bigint
        from legislation_events e where e.tenant_id = ${tenantId}) as participants,
      (select count(*) from legislation_opinions where tenant_id = ${tenantId} and moderation = 'accepted') as opinions,
      (select count(*) from legislation_opinions
        where tenant_id = ${tenantId} and moderation = 'accepted' and outcome = 'adopted') as adopted_fully,
      (select count(*) from legislation_opinions
        where tenant_id = ${tenantId} and moderation = 'accepted' and outcome = 'partly_adopted') as partly
  `.execute(deps.db);
  const row = r.rows[0]!;
  return {
    events: Number(row.events),
    drafts: Number(row.drafts),
    participants: Number(row.participants),
    opinions: Number(row.opinions),
    adopted: Number(row.adopted_fully) + Number(row.partly),
    adoptedFully: Number(row.adopted_fully),
    partlyAdopted: Number(row.partly),
  };
}
