/** What the legislation files share: the event topic, stored draft shapes, draft and article loading, the opinion query. */
import { sql } from 'kysely';
import type { DraftArticle, Opinion } from '../../../contract/legislation.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';

export const TOPIC = 'legislation';
export const ANONYMOUS = '匿名';

/** A heading as stored: articles are referenced by their order, their text lives in legislation_articles. */
export type StoredNode =
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

export function countsOf(r: {
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
export const lastSubmission = sql<string | null>`(select max(s.submitted_at) from legislation_submissions s
  where s.tenant_id = legislation_drafts.tenant_id and s.draft_id = legislation_drafts.id)`;

export type ArticleRow = {
  id: number;
  ord: number;
  number: number;
  suffix: number;
  label: string;
  sep: string;
  anchor: string;
  paragraphs: unknown;
};

export function toArticle(r: ArticleRow): DraftArticle {
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

export async function loadDraft(db: Executor, tenantId: number, id: number) {
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

export async function loadArticles(db: Executor, tenantId: number, draftId: number): Promise<ArticleRow[]> {
  return db
    .selectFrom('legislation_articles')
    .select(['id', 'ord', 'number', 'suffix', 'label', 'sep', 'anchor', 'paragraphs'])
    .where('tenant_id', '=', tenantId)
    .where('draft_id', '=', draftId)
    .orderBy('ord')
    .execute();
}

export function opinionQuery(db: Executor, tenantId: number) {
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

export type OpinionRow = Awaited<ReturnType<ReturnType<typeof opinionQuery>['execute']>>[number];

export function toOpinion(r: OpinionRow): Opinion {
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
