import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));

/** Noto Sans SC from the npm package: pdfkit embeds only the glyphs a document uses. */
export const PDF_FONTS = {
  regular: path.join(fontDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

export type Pdf = PDFKit.PDFDocument;

/**
 * Renders an A4 PDF with Chinese fonts embedded. `draw` writes the content; the fonts are registered
 * as 'regular' (current) and 'bold'.
 */
export function renderPdf(
  meta: { title: string; author?: string; margin?: number },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: meta.margin
        ? { top: meta.margin, bottom: meta.margin, left: meta.margin, right: meta.margin }
        : { top: 56, bottom: 56, left: 60, right: 60 },
      info: { Title: meta.title, Author: meta.author ?? '共治 Gongzhi' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('regular', PDF_FONTS.regular);
    doc.registerFont('bold', PDF_FONTS.bold);
    doc.font('regular');
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** A two-column label/value table row, wrapping the value. */
export function pdfField(doc: Pdf, label: string, value: string, labelWidth = 110): void {
  const x = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const y = doc.y;
  doc.font('bold').fontSize(11).text(label, x, y, { width: labelWidth });
  doc
    .font('regular')
    .fontSize(11)
    .text(value || '—', x + labelWidth, y, { width: width - labelWidth, lineGap: 2 });
  doc.moveDown(0.4);
  doc.x = x;
}
