import type ExcelJS from 'exceljs';
import { loadExcel } from '../../platform/excel.ts';
import {
  cardLabels,
  figureLabel,
  figureLabels,
  formatFigure,
  phaseLabels,
  type Comparison,
  type Dashboard,
  type Figure,
} from '../../../contract/dashboard.ts';
import { renderPdf, type Pdf } from '../../platform/pdf.ts';
import { streetDateTime } from '../../platform/streetTime.ts';

/**
 * Dashboard reports as pure functions of the dashboard data: an .xlsx workbook (one sheet per
 * phase, one for the comparison) and a printable PDF with the key charts drawn as bars.
 */

type Lang = 'zh' | 'en';

const text = {
  zh: {
    street: '街道',
    estate: '小区',
    wholeStreet: '全街道',
    generatedAt: '生成时间',
    card: '板块',
    figure: '指标',
    value: '数值',
    detail: '计算依据',
    scope: '范围',
    chart: '分布',
    compare: '街道对比',
    title: '全过程融合共治看板',
    compareTitle: '街道对比报表',
    page: (n: number) => `第 ${n} 页`,
    unavailable: '暂无数据的板块',
  },
  en: {
    street: 'Street',
    estate: 'Estate',
    wholeStreet: 'Whole street',
    generatedAt: 'Generated at',
    card: 'Card',
    figure: 'Figure',
    value: 'Value',
    detail: 'From',
    scope: 'Scope',
    chart: 'Breakdown',
    compare: 'Streets compared',
    title: 'Whole-process dashboard',
    compareTitle: 'Streets compared',
    page: (n: number) => `Page ${n}`,
    unavailable: 'Cards without data yet',
  },
} as const;

function detail(f: Figure): string {
  return f.kind === 'rate' && f.of !== null ? `${f.count} / ${f.of}` : '';
}

export function reportTitle(d: Dashboard, lang: Lang): string {
  return `${d.tenant.name}${d.estate ? ` · ${d.estate.name}` : ''} ${text[lang].title}`;
}

// ---- xlsx --------------------------------------------------------------------------------------

function header(sheet: ExcelJS.Worksheet, values: string[]): void {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
}

/** Rates are stored as numbers with a percentage format, so they stay computable in Excel. */
function cellValue(f: Figure): number | string {
  return f.value === null ? '—' : f.value;
}

function addFigureRow(sheet: ExcelJS.Worksheet, cells: Array<string | number>, f: Figure): void {
  const row = sheet.addRow([...cells, cellValue(f), detail(f)]);
  if (f.kind === 'rate' && f.value !== null) row.getCell(cells.length + 1).numFmt = '0.0%';
}

export async function dashboardXlsx(
  d: Dashboard,
  lang: Lang,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<Buffer> {
  const t = text[lang];
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '共治 Gongzhi';
  wb.created = new Date(d.generatedAt);
  const summary = wb.addWorksheet(lang === 'zh' ? '概览' : 'Summary');
  summary.columns = [{ width: 24 }, { width: 40 }];
  summary.addRow([reportTitle(d, lang)]).font = { bold: true, size: 14 };
  summary.addRow([t.street, d.tenant.name]);
  summary.addRow([t.estate, d.estate?.name ?? t.wholeStreet]);
  summary.addRow([t.generatedAt, streetDateTime(d.generatedAt)]);
  if (d.unavailable.length)
    summary.addRow([t.unavailable, d.unavailable.map((k) => cardLabels[k][lang]).join('、')]);
  let done = 0;
  for (const phase of d.phases) {
    const sheet = wb.addWorksheet(phaseLabels[phase.key][lang]);
    sheet.columns = [{ width: 28 }, { width: 10 }, { width: 30 }, { width: 14 }, { width: 16 }];
    header(sheet, [t.card, t.scope, t.figure, t.value, t.detail]);
    for (const card of phase.cards) {
      const scope = card.scope === 'street' ? t.wholeStreet : (d.estate?.name ?? t.wholeStreet);
      for (const f of card.figures)
        addFigureRow(sheet, [cardLabels[card.key][lang], scope, figureLabel(f, lang)], f);
      for (const f of card.series)
        addFigureRow(sheet, [cardLabels[card.key][lang], scope, `${t.chart}：${figureLabel(f, lang)}`], f);
    }
    await progress(++done, d.phases.length + 1);
  }
  if (d.estate === null && d.estates.length) {
    const sheet = wb.addWorksheet(lang === 'zh' ? '各小区' : 'Estates');
    sheet.columns = [{ width: 24 }, { width: 12 }];
    header(sheet, [t.estate, figureLabels.households![lang]]);
    for (const e of d.estates) sheet.addRow([e.name, e.households]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function comparisonXlsx(c: Comparison, lang: Lang): Promise<Buffer> {
  const t = text[lang];
  const wb = new (await loadExcel()).Workbook();
  wb.creator = '共治 Gongzhi';
  const sheet = wb.addWorksheet(t.compare);
  sheet.columns = [{ width: 26 }, ...c.streets.map(() => ({ width: 18 }))];
  header(sheet, [t.figure, ...c.streets.map((s) => s.name)]);
  for (const key of c.keys) {
    const figures = c.streets.map((s) => s.figures.find((f) => f.key === key));
    const row = sheet.addRow([
      figureLabels[key]?.[lang] ?? key,
      ...figures.map((f) => (f ? cellValue(f) : '—')),
    ]);
    figures.forEach((f, i) => {
      if (f?.kind === 'rate' && f.value !== null) row.getCell(i + 2).numFmt = '0.0%';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- PDF ---------------------------------------------------------------------------------------

const BLUE = '#1f5fbf';
const GREY = '#667085';

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A table of figures: label, value, and what a rate was computed from. */
function figureTable(doc: Pdf, figures: Figure[], lang: Lang): void {
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  for (const f of figures) {
    ensureSpace(doc, 18);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#222')
      .text(figureLabel(f, lang), x + 8, y, { width: w * 0.5 });
    doc.font('bold').text(formatFigure(f), x + w * 0.55, y, { width: w * 0.2, align: 'right' });
    doc
      .font('regular')
      .fillColor(GREY)
      .text(detail(f), x + w * 0.78, y, { width: w * 0.22, align: 'right' });
    doc.fillColor('#222');
    doc.y = y + 16;
  }
  doc.x = x;
}

/** Horizontal bars of a breakdown (a funnel, a per-building or per-street comparison). */
function bars(doc: Pdf, items: Array<{ label: string; value: number; text: string }>, max?: number): void {
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  const top = max ?? Math.max(1, ...items.map((i) => i.value));
  const labelW = w * 0.3;
  const barW = w * 0.55;
  for (const item of items) {
    ensureSpace(doc, 16);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#222')
      .text(item.label, x + 8, y + 1, { width: labelW - 12, lineBreak: false, ellipsis: true });
    doc.rect(x + labelW, y + 2, barW, 9).fill('#eef2f8');
    const len = top ? (barW * Math.max(0, item.value)) / top : 0;
    if (len > 0) doc.rect(x + labelW, y + 2, len, 9).fill(BLUE);
    doc.fillColor('#222').text(item.text, x + labelW + barW + 6, y + 1, { width: w - labelW - barW - 6 });
    doc.y = y + 14;
  }
  doc.x = x;
}

function heading(doc: Pdf, label: string, size: number): void {
  ensureSpace(doc, size * 3);
  doc.moveDown(0.5);
  doc
    .font('bold')
    .fontSize(size)
    .fillColor(size > 13 ? BLUE : '#222')
    .text(label, doc.page.margins.left);
  doc.fillColor('#222').moveDown(0.2);
}

/** Numbers every page at its foot, as pages are added (the platform renderer streams pages). */
function numberPages(doc: Pdf, lang: Lang): void {
  let n = 0;
  const stamp = () => {
    n += 1;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(text[lang].page(n), doc.page.margins.left, doc.page.height - 36, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#222');
    doc.x = x;
    doc.y = y;
  };
  stamp();
  doc.on('pageAdded', stamp);
}

export function dashboardPdf(d: Dashboard, lang: Lang): Promise<Buffer> {
  const t = text[lang];
  return renderPdf({ title: reportTitle(d, lang) }, (doc) => {
    numberPages(doc, lang);
    doc.font('bold').fontSize(18).fillColor(BLUE).text(reportTitle(d, lang));
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(GREY)
      .text(`${t.generatedAt}：${streetDateTime(d.generatedAt)}（北京时间）`);
    if (d.unavailable.length)
      doc.text(`${t.unavailable}：${d.unavailable.map((k) => cardLabels[k][lang]).join('、')}`);
    doc.fillColor('#222');
    for (const phase of d.phases) {
      heading(doc, phaseLabels[phase.key][lang], 15);
      for (const card of phase.cards) {
        const scope = card.scope === 'street' && d.estate ? `（${t.wholeStreet}）` : '';
        heading(doc, `${cardLabels[card.key][lang]}${scope}`, 12);
        figureTable(doc, card.figures, lang);
        if (card.series.length) {
          doc.moveDown(0.3);
          const rates = card.series.every((f) => f.kind === 'rate');
          bars(
            doc,
            card.series.map((f) => ({
              label: figureLabel(f, lang),
              value: f.value ?? 0,
              text: formatFigure(f),
            })),
            rates ? 1 : undefined,
          );
        }
      }
    }
  });
}

export function comparisonPdf(c: Comparison, lang: Lang): Promise<Buffer> {
  const t = text[lang];
  return renderPdf({ title: t.compareTitle }, (doc) => {
    numberPages(doc, lang);
    doc.font('bold').fontSize(18).fillColor(BLUE).text(t.compareTitle);
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(GREY)
      .text(`${t.generatedAt}：${streetDateTime(c.generatedAt)}（北京时间）`);
    doc.fillColor('#222');
    for (const key of c.keys) {
      heading(doc, figureLabels[key]?.[lang] ?? key, 12);
      const items = c.streets.map((s) => {
        const f = s.figures.find((x) => x.key === key);
        return { label: s.name, value: f?.value ?? 0, text: f ? formatFigure(f) : '—' };
      });
      const rates = c.streets.some((s) => s.figures.find((x) => x.key === key)?.kind === 'rate');
      bars(doc, items, rates ? 1 : undefined);
    }
  });
}
