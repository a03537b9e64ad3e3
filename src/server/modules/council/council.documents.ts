import { requireTenant } from '../../access/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { pdfField, renderPdf } from '../../platform/pdf.ts';
import { getMeeting } from './council.meetings.ts';
import { streetDateTime } from '../../platform/streetTime.ts';

const kindLabel = { resident: '居民', party_member: '党员', cadre: '干部', expert: '专家' } as const;

/** Printable minutes (会议纪要) of a council hall meeting. */
export async function minutesPdf(deps: Deps, ctx: RequestContext, meetingId: number): Promise<Buffer> {
  const m = await getMeeting(deps, ctx, meetingId);
  const tenantId = requireTenant(ctx.actor);
  const t = await deps.db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const when = streetDateTime(m.heldAt);
  return renderPdf({ title: `红色议事厅会议纪要 ${m.title}` }, (doc) => {
    doc.font('bold').fontSize(16).text(`${t.name} 红色议事厅`, { align: 'center' });
    doc.fontSize(18).text('会议纪要', { align: 'center' });
    doc.moveDown(1);
    pdfField(doc, '会议名称', m.title);
    pdfField(doc, '时间', when);
    pdfField(doc, '地点', m.place);
    pdfField(doc, '主持人', m.host);
    const present = m.participants.filter((p) => p.signedInAt);
    pdfField(
      doc,
      '出席',
      `${present.length} 人（应邀 ${m.invitedCount} 人）：${present.map((p) => `${p.name}（${kindLabel[p.kind]}）`).join('、')}`,
    );
    const absent = m.participants.filter((p) => p.invited && !p.signedInAt);
    if (absent.length) pdfField(doc, '缺席', absent.map((p) => p.name).join('、'));
    doc.moveDown(0.5).font('bold').fontSize(12).text('议程');
    doc.font('regular').fontSize(11);
    m.topics.forEach((tp, i) => doc.text(`${i + 1}. ${tp.title}`, { lineGap: 2 }));
    doc.moveDown(0.5).font('bold').fontSize(12).text('会议记录');
    doc
      .font('regular')
      .fontSize(11)
      .text(m.minutes ?? '（未填写）', { lineGap: 3 });
    doc.moveDown(0.5).font('bold').fontSize(12).text('决议');
    doc.font('regular').fontSize(11);
    if (m.resolutions.length === 0) doc.text('（无）');
    m.resolutions.forEach((r, i) =>
      doc.text(
        `${i + 1}. ${r.text}　表决：赞成 ${r.votesFor}，反对 ${r.votesAgainst}，弃权 ${r.votesAbstain}（${r.individual ? '记名表决，' : ''}${r.passed ? '通过' : '未通过'}）`,
        { lineGap: 3 },
      ),
    );
    doc.moveDown(2).text('记录人：____________        主持人：____________', { align: 'right' });
  });
}
