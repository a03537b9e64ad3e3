import type ExcelJS from 'exceljs';
import { loadExcel } from '../../../platform/excel.ts';
import { parse } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { AppError } from '../../../platform/errors.ts';

/** One spreadsheet row as text cells, with its row number as Excel or WPS shows it. */
export interface LedgerRow {
  row: number;
  cells: string[];
}

export interface Ledger {
  encoding: string;
  rows: AsyncIterable<LedgerRow>;
}

/** Picks the reader by content and name; CSV encoding is detected (UTF-8 with/without BOM, else GB18030). */
export function openLedger(data: Buffer, filename: string): Ledger {
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(filename)) {
    if (!isZip) throw unsupported();
    return { encoding: 'xlsx', rows: xlsxRows(data) };
  }
  if (/\.xls$/i.test(filename) || (data[0] === 0xd0 && data[1] === 0xcf)) {
    throw new AppError('unsupported_file', undefined, {
      zh: '不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入',
      en: 'Old .xls files are not supported; save as .xlsx or CSV first',
    });
  }
  if (!/\.(csv|txt)$/i.test(filename) && data.includes(0)) throw unsupported();
  const encoding = textEncoding(data);
  return { encoding, rows: csvRows(data, encoding) };
}

function unsupported() {
  return new AppError('unsupported_file', undefined, {
    zh: '请上传 .xlsx 或 .csv 格式的台账文件',
    en: 'Upload the ledger as .xlsx or .csv',
  });
}

/** UTF-8 (BOM or valid sequence) first; anything else is read as GB18030, a superset of GBK. Only the
 * bytes are checked: the text is decoded in pieces as the parser goes. */
function textEncoding(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return 'utf-8-bom';
  return isUtf8(data) ? 'utf-8' : 'gb18030';
}

/**
 * The file decoded in pieces of 64 KB (the streaming decoder carries a character cut in two over):
 * neither the whole text as one string nor, handed over whole, every line parsed into a record at
 * once, whatever the consumer's pace (issue 16: peak memory of a 100,000-row import).
 */
function* pieces(data: Buffer, encoding: string, size = 1 << 16): Generator<string> {
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', { ignoreBOM: false });
  for (let start = 0; start < data.length; start += size) {
    const text = decoder.decode(data.subarray(start, start + size), { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRows(data: Buffer, encoding: string): AsyncIterable<LedgerRow> {
  const parser = Readable.from(pieces(data, encoding)).pipe(
    parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: true }),
  );
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { row: record.info.lines, cells: record.record.map((c) => c ?? '') };
  }
}

async function* xlsxRows(data: Buffer): AsyncIterable<LedgerRow> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(Readable.from([data]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: row.number, cells };
      }
      return; // the ledger is the first sheet
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unsupported_file', undefined, {
      zh: '无法读取该 Excel 文件，文件可能已损坏',
      en: 'Cannot read this Excel file; it may be damaged',
    });
  }
}

/** Cell value as the person sees it; long numbers keep Excel's damage visible (3.1E+17). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number')
    return Math.abs(value) >= 1e15 ? value.toExponential().toUpperCase() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: Array<{ text: string }>;
      result?: unknown;
      text?: string;
      error?: string;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return typeof value === 'symbol' ? '' : JSON.stringify(value);
}
