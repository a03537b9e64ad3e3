import type { ImportField } from '../../../../contract/households.ts';
import type { Lang } from '../../../../contract/errors.ts';
import {
  canonicalBuilding,
  canonicalRoom,
  checkIdNumber,
  checkPhone,
  normalize,
} from '../households.rules.ts';
import { maskIdNumber, maskPhone } from '../../../platform/mask.ts';

/**
 * Pure rules of the ledger import: finding the header row, mapping headers to fields, and turning a
 * messy row into a household record, warnings, or a rejection — each with a reason people can act on.
 */

const EXACT: Partial<Record<ImportField, string[]>> = {
  building: ['楼号', '幢号', '楼栋', '楼栋号', '幢', '栋', '楼', '号', '弄号'],
  room: ['室号', '门牌号', '房号', '室', '门牌', '房间号', '房间'],
  headName: ['户主', '承租人', '产权人', '姓名', '户主姓名', '承租人姓名', '产权人姓名', '户名'],
  areaBuilding: ['面积'],
};

// Checked in this order, most specific first (身份证号 must not become a building column via 号).
const CONTAINS: Array<[ImportField, string[]]> = [
  ['idNumber', ['身份证', '证件号']],
  ['phone', ['电话', '手机', '联系方式']],
  ['areaUsable', ['使用面积', '居住面积']],
  ['areaBuilding', ['建筑面积', '面积']],
  ['registeredCount', ['户籍人数', '户籍人口', '户口人数', '人口']],
  ['residentCount', ['常住', '实住', '居住人数']],
  ['tenure', ['房屋性质', '产权性质', '产权类型', '性质']],
  ['notes', ['特殊情况', '备注', '情况说明']],
  ['building', ['楼号', '幢号', '楼栋', '栋号']],
  ['room', ['室号', '门牌', '房号']],
  ['headName', ['户主', '承租人', '产权人', '姓名']],
];

const cleanHeader = (h: string) =>
  normalize(h)
    .replace(/[\s*＊:：]/g, '')
    .replace(/[(（].*?[)）]/g, '');

/** Maps header cells to fields: exact names first, then names containing a known word. */
export function guessMapping(headers: string[]): Partial<Record<ImportField, number>> {
  const mapping: Partial<Record<ImportField, number>> = {};
  const used = new Set<number>();
  const cleaned = headers.map(cleanHeader);
  for (const [field, names] of Object.entries(EXACT) as Array<[ImportField, string[]]>) {
    const idx = cleaned.findIndex((h, i) => !used.has(i) && names.includes(h));
    if (idx >= 0) {
      mapping[field] = idx;
      used.add(idx);
    }
  }
  for (const [field, words] of CONTAINS) {
    if (mapping[field] !== undefined) continue;
    const idx = cleaned.findIndex((h, i) => !used.has(i) && h !== '' && words.some((w) => h.includes(w)));
    if (idx >= 0) {
      mapping[field] = idx;
      used.add(idx);
    }
  }
  return mapping;
}

/** The header is the row (among the first 30) that maps the most fields, title rows above it ignored. */
export function findHeader(
  rows: string[][],
): { index: number; mapping: Partial<Record<ImportField, number>> } | null {
  let best: { index: number; mapping: Partial<Record<ImportField, number>> } | null = null;
  let bestScore = 0;
  for (const [index, cells] of rows.slice(0, 30).entries()) {
    const mapping = guessMapping(cells);
    const score = Object.keys(mapping).length;
    const core = (['building', 'room', 'headName'] as const).filter((f) => mapping[f] !== undefined).length;
    if (core >= 2 && score > bestScore) {
      best = { index, mapping };
      bestScore = score;
    }
  }
  return best;
}

/** Applies a user-confirmed `{field: "header text"}` mapping over the guess. */
export function applyMapping(
  headers: string[],
  guessed: Partial<Record<ImportField, number>>,
  override: Partial<Record<ImportField, string>> | undefined,
): Partial<Record<ImportField, number>> {
  if (!override) return guessed;
  const result = { ...guessed };
  const cleaned = headers.map(cleanHeader);
  for (const [field, header] of Object.entries(override) as Array<[ImportField, string]>) {
    if (!header) {
      delete result[field];
      continue;
    }
    const idx = cleaned.indexOf(cleanHeader(header));
    if (idx >= 0) result[field] = idx;
  }
  return result;
}

export interface HouseholdRecord {
  building: string;
  room: string;
  headName: string;
  idNumber: string | null;
  phone: string | null;
  registeredCount: number | null;
  residentCount: number | null;
  areaBuilding: number | null;
  areaUsable: number | null;
  tenure: 'public' | 'private' | null;
  notes: string | null;
  flags: {
    elderly_alone: boolean;
    very_old: boolean;
    disability: boolean;
    hardship: boolean;
    party_member: boolean;
    needs_moving_help: boolean;
    needs_storage: boolean;
  };
}

export interface Issue {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export type RowOutcome =
  | { kind: 'skip' }
  | { kind: 'reject'; issues: Issue[] }
  | { kind: 'record'; record: HouseholdRecord; warnings: Issue[] };

const MESSAGES: Record<string, { zh: string; en: string }> = {
  missing_building: { zh: '缺少楼号', en: 'Building number missing' },
  missing_room: { zh: '缺少室号/门牌号', en: 'Room number missing' },
  missing_name: { zh: '缺少户主/承租人姓名', en: 'Head of household missing' },
  duplicate: {
    zh: '与本文件中前面的行是同一户（楼号+室号重复），已跳过',
    en: 'Same flat as an earlier row in this file',
  },
  id_invalid: {
    zh: '身份证号码校验位不正确（GB 11643），未保存该号码',
    en: 'ID number fails the GB 11643 check; not stored',
  },
  id_mangled: {
    zh: '身份证号码被 Excel 转成了数字（末位丢失），未保存；请将该列设为文本后重新填写',
    en: 'ID number was turned into a number by Excel; not stored',
  },
  phone_invalid: { zh: '电话号码格式不正确，未保存', en: 'Malformed phone number; not stored' },
  number_invalid: { zh: '不是有效的数字，已忽略', en: 'Not a valid number; ignored' },
  tenure_unknown: { zh: '无法识别房屋性质（公房/私房），已忽略', en: 'Unknown tenure; ignored' },
};

export function issue(row: number, column: string | null, code: string, lang: Lang): Issue {
  return { row, column, code, message: MESSAGES[code]?.[lang] ?? code };
}

const SUBTOTAL = /小计|合计|总计|共计/;

function parseNumber(text: string): number | null | 'invalid' {
  // NFKC has already turned ㎡ into "m2".
  const value = normalize(text).replace(/m2|平方米|平米|[㎡人口户\s]/gi, '');
  if (value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 'invalid';
}

function parseTenure(text: string): 'public' | 'private' | null | 'invalid' {
  const value = normalize(text);
  if (value === '') return null;
  if (/售后公房|私房|产权房|商品房|自有/.test(value)) return 'private';
  if (/公房|租赁|直管|系统/.test(value)) return 'public';
  return 'invalid';
}

/** Flags read from the free-text 特殊情况 column. */
export function flagsFrom(notes: string): HouseholdRecord['flags'] {
  return {
    elderly_alone: /独居/.test(notes),
    very_old: /高龄|[89]\d岁|百岁/.test(notes),
    disability: /残疾|残障|失能/.test(notes),
    hardship: /低保|困难|特困|低收入/.test(notes),
    party_member: /党员/.test(notes),
    needs_moving_help: /搬家|搬运|行动不便/.test(notes),
    needs_storage: /寄存|仓库|存放|家具/.test(notes),
  };
}

export interface RowState {
  /** The building of the row above: blank or merged building cells continue it. */
  lastBuilding: string | null;
}

/** Reads one data row. `headers` gives column names for the messages. */
export function readRow(
  row: number,
  cells: string[],
  mapping: Partial<Record<ImportField, number>>,
  headers: string[],
  state: RowState,
  lang: Lang,
): RowOutcome {
  const texts = cells.map((c) => normalize(c));
  if (texts.every((t) => t === '')) return { kind: 'skip' };
  if (texts.some((t) => SUBTOTAL.test(t))) return { kind: 'skip' };
  const get = (f: ImportField) => (mapping[f] === undefined ? '' : (texts[mapping[f]] ?? ''));
  const col = (f: ImportField) => (mapping[f] === undefined ? null : (headers[mapping[f]] ?? null));

  const buildingText = get('building');
  if (buildingText) state.lastBuilding = canonicalBuilding(buildingText);
  const problems: Issue[] = [];
  if (!state.lastBuilding) problems.push(issue(row, col('building'), 'missing_building', lang));
  const room = canonicalRoom(get('room'));
  if (!room) problems.push(issue(row, col('room'), 'missing_room', lang));
  const headName = get('headName').replace(/\s/g, '');
  if (!headName) problems.push(issue(row, col('headName'), 'missing_name', lang));
  if (problems.length) return { kind: 'reject', issues: problems };

  const warnings: Issue[] = [];
  let idNumber: string | null = null;
  if (get('idNumber')) {
    const checked = checkIdNumber(get('idNumber'));
    if (checked.ok) idNumber = checked.value;
    else warnings.push(issue(row, col('idNumber'), checked.code, lang));
  }
  let phone: string | null = null;
  if (get('phone')) {
    const checked = checkPhone(get('phone'));
    if (checked.ok) phone = checked.value;
    else warnings.push(issue(row, col('phone'), 'phone_invalid', lang));
  }
  const num = (f: ImportField) => {
    const n = parseNumber(get(f));
    if (n === 'invalid') {
      warnings.push(issue(row, col(f), 'number_invalid', lang));
      return null;
    }
    return n;
  };
  const registeredCount = num('registeredCount');
  const residentCount = num('residentCount');
  const areaBuilding = num('areaBuilding');
  const areaUsable = num('areaUsable');
  let tenure = parseTenure(get('tenure'));
  if (tenure === 'invalid') {
    warnings.push(issue(row, col('tenure'), 'tenure_unknown', lang));
    tenure = null;
  }
  const notes = get('notes') || null;
  return {
    kind: 'record',
    warnings,
    record: {
      building: state.lastBuilding!,
      room,
      headName,
      idNumber,
      phone,
      registeredCount: registeredCount === null ? null : Math.round(registeredCount),
      residentCount: residentCount === null ? null : Math.round(residentCount),
      areaBuilding,
      areaUsable,
      tenure,
      notes,
      flags: flagsFrom(notes ?? ''),
    },
  };
}

/** Column headings of exports and the blank template, in ledger order. */
export const LEDGER_COLUMNS: Array<{ field: ImportField; zh: string }> = [
  { field: 'building', zh: '楼号' },
  { field: 'room', zh: '室号' },
  { field: 'headName', zh: '户主' },
  { field: 'idNumber', zh: '身份证号' },
  { field: 'phone', zh: '联系电话' },
  { field: 'registeredCount', zh: '户籍人数' },
  { field: 'residentCount', zh: '常住人数' },
  { field: 'areaBuilding', zh: '建筑面积' },
  { field: 'areaUsable', zh: '使用面积' },
  { field: 'tenure', zh: '房屋性质' },
  { field: 'notes', zh: '特殊情况' },
];

/**
 * A preview row as people may see it: the mapped ID column masked, ID-shaped text in any other
 * column masked too (the header guess may have missed it), and phones masked unless the viewer may
 * read them — a preview is not a way around the reveal rules.
 */
export function maskPreviewRow(
  cells: string[],
  mapping: Partial<Record<ImportField, number>>,
  fullPhone: boolean,
): string[] {
  return cells.map((cell, i) => {
    const text = normalize(cell);
    if (i === mapping.idNumber && text) return maskIdNumber(text.replace(/\s/g, ''));
    if (i === mapping.phone && text && !fullPhone) return maskPhone(text);
    return text.replace(/\d[\d\s]{13,}[\dXx]/g, (m) => {
      const compact = m.replace(/\s/g, '');
      return compact.length === 15 || compact.length === 18 ? maskIdNumber(compact) : m;
    });
  });
}
