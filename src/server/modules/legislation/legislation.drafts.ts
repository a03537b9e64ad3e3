/** Drafts (法律草案): importing a draft article by article, the list and the draft as a tree. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { DraftAppendix, DraftNode, DraftQuery } from '../../../contract/legislation.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { parseDraft, walkArticles, type ParsedNode } from './legislation.parser.ts';
import {
  TOPIC,
  countsOf,
  lastSubmission,
  loadArticles,
  loadDraft,
  toArticle,
  type StoredNode,
} from './legislation.common.ts';

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
