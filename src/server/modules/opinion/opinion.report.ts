import type { Analysis } from '../../../contract/opinion.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { renderPdf, type Pdf } from '../../platform/pdf.ts';
import { streetDate } from '../../platform/streetTime.ts';
import { getAnalysis } from './opinion.jobs.ts';
import { getMap } from './opinion.service.ts';

/**
 * The printable report of an opinion map: how many took part, the statements every group agrees on
 * (the consensus), each group with the statements that set it apart, and the divisive statements.
 * Anonymous like the map: groups and counts, never a participant.
 */

const WORDS = {
  zh: {
    title: '意见地图报告',
    informs: { topic: '议题', consultation: '征询', draft: '法规草案' },
    counts: (a: Analysis) =>
      `共 ${a.participants} 人表态，其中 ${a.clustered} 人表态较多、参与分组，分为 ${a.groups.length} 个意见群体。`,
    consensus: '各群体都赞同的观点（共识）',
    noConsensus: '暂无各群体都赞同的观点。',
    group: (id: number, size: number) => `第 ${id} 群体（${size} 人）`,
    agree: '同意',
    disagree: '不同意',
    noRep: '暂无突出的观点。',
    divisive: '分歧观点（各群体立场相反）',
    noDivisive: '暂无明显分歧的观点。',
    overall: (s: Analysis['statements'][number]) => `同意 ${s.agree}，不同意 ${s.disagree}，跳过 ${s.pass}`,
    computed: '分析时间',
    notYet: '尚未分析（表态不足）',
  },
  en: {
    title: 'Opinion map report',
    informs: { topic: 'Topic', consultation: 'Consultation', draft: 'Draft regulation' },
    counts: (a: Analysis) =>
      `${a.participants} people voted; ${a.clustered} voted on enough statements to be grouped, into ${a.groups.length} opinion groups.`,
    consensus: 'Statements every group agrees with (consensus)',
    noConsensus: 'No statement yet that every group agrees with.',
    group: (id: number, size: number) => `Group ${id} (${size} people)`,
    agree: 'agree',
    disagree: 'disagree',
    noRep: 'No statement sets this group apart yet.',
    divisive: 'Divisive statements (groups on opposite sides)',
    noDivisive: 'No clearly divisive statement yet.',
    overall: (s: Analysis['statements'][number]) =>
      `agree ${s.agree}, disagree ${s.disagree}, pass ${s.pass}`,
    computed: 'Analysed at',
    notYet: 'Not analysed yet (too few votes)',
  },
} as const;

const pct = (v: number) => `${Math.round(v * 100)}%`;

function heading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6);
  doc.font('bold').fontSize(13).text(text);
  doc.font('regular').moveDown(0.2);
}

function line(doc: Pdf, text: string, detail?: string): void {
  doc.fontSize(11).text(`• ${text}`, { lineGap: 2 });
  if (detail) doc.fontSize(9).fillColor('#555555').text(`   ${detail}`).fillColor('#000000');
  doc.moveDown(0.2);
}

export async function reportPdf(deps: Deps, ctx: RequestContext, id: number) {
  const map = await getMap(deps, ctx, id);
  const a = await getAnalysis(deps, ctx, id);
  const w = WORDS[ctx.lang];
  const text = new Map(a.statements.map((s) => [s.id, s]));
  const rates = (sid: number) =>
    (text.get(sid)?.groups ?? [])
      .map(
        (g) =>
          `${w.group(g.groupId, a.groups.find((x) => x.id === g.groupId)?.size ?? 0)} ${w.agree} ${pct(g.agreeRate)}`,
      )
      .join('；');
  const data = await renderPdf({ title: `${map.title} ${w.title}` }, (doc) => {
    doc.font('bold').fontSize(18).text(map.title, { align: 'center' });
    doc.font('regular').fontSize(12).text(w.title, { align: 'center' });
    doc.moveDown(0.6);
    if (map.subject) doc.fontSize(11).text(`${w.informs[map.subject.kind]}：${map.subject.title}`);
    doc.fontSize(11).text(`${w.computed}：${a.computedAt ? streetDate(a.computedAt) : w.notYet}`);
    doc.moveDown(0.3).text(w.counts(a), { lineGap: 2 });

    heading(doc, w.consensus);
    if (!a.consensus.length) line(doc, w.noConsensus);
    for (const sid of a.consensus) line(doc, text.get(sid)?.text ?? '', rates(sid));

    for (const g of a.groups) {
      heading(doc, w.group(g.id, g.size));
      if (!g.representative.length) line(doc, w.noRep);
      for (const r of g.representative)
        line(
          doc,
          text.get(r.statementId)?.text ?? '',
          `${r.side === 'agree' ? w.agree : w.disagree} ${pct(r.rate)}`,
        );
    }

    heading(doc, w.divisive);
    if (!a.divisive.length) line(doc, w.noDivisive);
    for (const sid of a.divisive) {
      const s = text.get(sid);
      line(doc, s?.text ?? '', `${s ? w.overall(s) : ''}；${rates(sid)}`);
    }
  });
  return { name: `${map.title}-${w.title}-${streetDate(deps.clock.now())}.pdf`, data };
}
