/** 意见汇总表: the consolidated report of accepted opinions, its files and its submission to the legislature. */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { ConsolidatedReport, DraftArticle, SubmitReportBody } from '../../../contract/legislation.ts';
import type { DB } from '../../db/schema.ts';
import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidField } from '../../platform/errors.ts';
import { publish } from '../../platform/events.ts';
import { groupNearDuplicates } from './legislation.grouping.ts';
import { articleText } from './legislation.parser.ts';
import { reportDocx, reportPdf } from './legislation.report.ts';
import { ANONYMOUS, TOPIC, loadArticles, loadDraft, opinionQuery, toOpinion } from './legislation.common.ts';

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
