/**
 * The consolidated report (意见汇总表) as files for the legislature: a Word table (docx) and a PDF in
 * the same formal layout (title, summary line, then per article: the original text and the grouped
 * opinions with how many people gave them and what became of them).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ConsolidatedReport } from '../../../contract/legislation.ts';
import { renderPdf } from '../../platform/pdf.ts';
import { streetDateZh } from '../../platform/streetTime.ts';

const KIND_ZH = { amend: '修改', delete: '删除', add: '新增', principle: '原则性意见' } as const;
const OUTCOME_ZH = { adopted: '采纳', partly_adopted: '部分采纳', not_adopted: '未采纳' } as const;
const FONT = '宋体';

function outcomeText(g: ConsolidatedReport['sections'][number]['groups'][number]): string {
  if (!g.outcome) return '待反馈';
  return g.outcomeNote ? `${OUTCOME_ZH[g.outcome]}：${g.outcomeNote}` : OUTCOME_ZH[g.outcome];
}

function summaryLine(report: ConsolidatedReport): string {
  return `共收到有效意见 ${report.opinionCount} 条，涉及 ${report.people} 人次；按条文汇总，相近意见已合并并注明人数。`;
}

function opinionText(g: ConsolidatedReport['sections'][number]['groups'][number]): string {
  const variants = g.variants.length ? `\n（相近表述：${g.variants.join('；')}）` : '';
  const precise = g.targets.filter((t) => /款|项/.test(t));
  const where = precise.length ? `（针对${precise.join('、')}）` : '';
  return `【${KIND_ZH[g.kind]}】${where}${g.text}${variants}`;
}

// --- docx ---------------------------------------------------------------------------------------

const cellBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
};

function cell(text: string, width: number, opts: { bold?: boolean; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    borders: cellBorders,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, bold: opts.bold ?? false, font: FONT, size: 21 })],
        }),
    ),
  });
}

const COLUMNS: Array<[string, number]> = [
  ['序号', 6],
  ['条文', 10],
  ['草案原文', 26],
  ['意见内容', 28],
  ['理由', 14],
  ['人数', 6],
  ['处理情况', 10],
];

export async function reportDocx(report: ConsolidatedReport): Promise<Buffer> {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: COLUMNS.map(([t, w]) => cell(t, w, { bold: true, center: true })),
    }),
  ];
  let n = 0;
  for (const section of report.sections) {
    section.groups.forEach((g, i) => {
      n++;
      rows.push(
        new TableRow({
          children: [
            cell(String(n), 6, { center: true }),
            cell(i === 0 ? section.label : '', 10),
            cell(i === 0 ? (section.originalText ?? '—') : '（同上）', 26),
            cell(opinionText(g), 28),
            cell(g.reasons.join('\n') || '—', 14),
            cell(String(g.people), 6, { center: true }),
            cell(outcomeText(g), 10),
          ],
        }),
      );
    });
  }
  const doc = new Document({
    creator: '共治 Gongzhi',
    title: `${report.title}意见汇总表`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [
              new TextRun({ text: `《${report.title}》意见汇总表`, bold: true, size: 36, font: '黑体' }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [
              new TextRun({
                text: `基层立法联系点　${streetDateZh(report.generatedAt)}`,
                size: 24,
                font: FONT,
              }),
            ],
          }),
          new Paragraph({
            spacing: { after: 200 },
            children: [new TextRun({ text: summaryLine(report), font: FONT })],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// --- pdf ----------------------------------------------------------------------------------------

export function reportPdf(report: ConsolidatedReport): Promise<Buffer> {
  return renderPdf({ title: `${report.title}意见汇总表`, margin: 64 }, (doc) => {
    const width = doc.page.width - 128;

    doc.fontSize(18).text(`《${report.title}》意见汇总表`, { align: 'center' });
    doc.moveDown(0.4);
    doc.fontSize(11).text(`基层立法联系点　${streetDateZh(report.generatedAt)}`, { align: 'center' });
    doc.moveDown(0.8);
    doc.fontSize(11).text(summaryLine(report), { lineGap: 3 });
    doc.moveDown(0.6);

    let n = 0;
    for (const section of report.sections) {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(0.4);
      doc.fontSize(13).fillColor('#000000').text(`${section.label}（${section.opinionCount} 条意见）`);
      if (section.originalText) {
        doc.moveDown(0.2);
        doc
          .fontSize(10)
          .fillColor('#333333')
          .text(`草案原文：${section.originalText}`, { width, lineGap: 2 });
      }
      doc.fillColor('#000000');
      for (const g of section.groups) {
        n++;
        doc.moveDown(0.3);
        doc.fontSize(11).text(`${n}. ${opinionText(g)}`, { width, lineGap: 2 });
        if (g.reasons.length)
          doc.fontSize(10).text(`理由：${g.reasons.join('；')}`, { width, indent: 14, lineGap: 2 });
        doc.fontSize(10).text(`提出人数：${g.people}　处理情况：${outcomeText(g)}`, { width, indent: 14 });
      }
      doc
        .moveTo(64, doc.y + 6)
        .lineTo(64 + width, doc.y + 6)
        .lineWidth(0.5)
        .strokeColor('#999999')
        .stroke();
      doc.moveDown(0.6);
    }
    if (report.sections.length === 0) doc.fontSize(11).text('尚无已受理的意见。');
  });
}
