/**
 * The draft parser's state and one small step per kind of body line: appendix (附件一), preamble
 * (序言), unnumbered heading (附则), numbered heading (编 / 分编 / 章 / 节), article (条), and the
 * article's paragraphs (款) and items (项). legislation.parser.ts drives them line by line.
 */
import { chineseToNumber, numberToChinese } from './legislation.numerals.ts';
import type {
  HeadingKind,
  ParseProblem,
  ParsedAppendix,
  ParsedArticle,
  ParsedDraft,
  ParsedHeading,
  ParsedNode,
} from './legislation.parser.ts';

const NUMERAL = '[零〇一二三四五六七八九十百千万两0-9]+';
const ARTICLE_RE = new RegExp(`^(第(${NUMERAL})条(?:之(${NUMERAL}))?)([ \\u3000]+|$)`);
export const HEADING_RE = new RegExp(`^(第(${NUMERAL})(分编|编|章|节))(?:[ \\u3000]+(.*))?$`);
const ITEM_RE = new RegExp(`^（(${NUMERAL})）`);
/**
 * Headings statutes write without a number: 附则 at the end of 民法典 (after its seven 编), 总则 /
 * 分则 in some local regulations. Letters may be spaced out (`附　则`).
 */
const UNNUMBERED_RE = /^(附[ \u3000]*则|总[ \u3000]*则|分[ \u3000]*则)$/;
/** 序言 (宪法, 基本法): the text that follows it is the preamble. */
const PREAMBLE_RE = /^序[ \u3000]*言$/;
/** 附件一、附件2、附表、附录: an appendix, optionally followed by its title. */
const APPENDIX_RE = new RegExp(`^((?:附件|附表|附录)(?:${NUMERAL})?)(?:[ \\u3000：:]+(.*))?$`);
const MD_HEADING_RE = /^(#{1,6})[ \t]+(.*)$/;
export const INFO_END = '<!-- INFO END -->';

const HEADING_KIND: Record<string, HeadingKind> = {
  编: 'part',
  分编: 'subpart',
  章: 'chapter',
  节: 'section',
};
const LEVEL: Record<HeadingKind, number> = { part: 1, subpart: 2, chapter: 3, section: 4 };
const COUNT_KEY = { part: 'parts', subpart: 'subparts', chapter: 'chapters', section: 'sections' } as const;
const KIND_ZH: Record<HeadingKind, string> = { part: '编', subpart: '分编', chapter: '章', section: '节' };

export function problem(line: number, zh: string, en: string): ParseProblem {
  return { line, message: { zh, en } };
}

/** Where the parser stands between two lines. */
export interface ParserState {
  draft: ParsedDraft;
  problems: ParseProblem[];
  /** Open headings, innermost last. */
  stack: ParsedHeading[];
  /** Counters for sequence checks, keyed by the scope that resets them. */
  counters: Map<string, number>;
  currentPart: number;
  currentChapter: number;
  /**
   * Chapters restart in every 编 (民法典) or run on across 编 (民事诉讼法: 第二编 opens with
   * 第十二章); the first chapter of the second 编 tells which, and the rest must follow it.
   */
  chapterNumbering: 'per-part' | 'continuous' | null;
  lastChapter: number;
  appendix: ParsedAppendix | null;
  article: ParsedArticle | null;
  lastArticle: { number: number; suffix: number; label: string } | null;
  seenArticles: Map<string, number>;
}

export function newParserState(draft: ParsedDraft, problems: ParseProblem[]): ParserState {
  return {
    draft,
    problems,
    stack: [],
    counters: new Map(),
    currentPart: 0,
    currentChapter: 0,
    chapterNumbering: null,
    lastChapter: 0,
    appendix: null,
    article: null,
    lastArticle: null,
    seenArticles: new Map(),
  };
}

const container = (s: ParserState): ParsedNode[] => s.stack.at(-1)?.children ?? s.draft.nodes;

/** Closes the headings at the same level or below, and opens this one inside what remains. */
function openHeading(s: ParserState, heading: ParsedHeading): void {
  while (s.stack.length && LEVEL[s.stack.at(-1)!.kind] >= LEVEL[heading.kind]) s.stack.pop();
  container(s).push(heading);
  s.stack.push(heading);
}

/** One non-blank body line, trimmed. */
export function parseLine(s: ParserState, lineNo: number, trimmed: string): void {
  // Headings: Markdown `#…` lines (classified by their text) or bare 第…章 lines.
  const md = MD_HEADING_RE.exec(trimmed);
  const headingText = md ? md[2]!.trim() : trimmed;
  const headingMatch = HEADING_RE.exec(headingText);

  // Appendices follow the last article; everything after their heading is their text.
  const appendixMatch = s.draft.counts.articles > 0 ? APPENDIX_RE.exec(headingText) : null;
  if (appendixMatch) return openAppendix(s, lineNo, headingText, appendixMatch);
  if (s.appendix) {
    s.appendix.lines.push(md ? headingText : trimmed);
    return;
  }
  if (PREAMBLE_RE.test(headingText) && s.draft.counts.articles === 0 && s.stack.length === 0) {
    s.draft.preface.push(headingText);
    return;
  }
  if (!headingMatch && UNNUMBERED_RE.test(headingText)) return openUnnumberedHeading(s, lineNo, headingText);
  if (md && !headingMatch) {
    s.problems.push(
      problem(
        lineNo,
        `无法识别的标题「${headingText}」：应为“第…编 / 分编 / 章 / 节”`,
        `Unrecognised heading "${headingText}": expected 第…编 / 分编 / 章 / 节`,
      ),
    );
    return;
  }
  if (headingMatch) return openNumberedHeading(s, lineNo, headingText, headingMatch);

  const articleMatch = ARTICLE_RE.exec(trimmed);
  if (articleMatch) return openArticle(s, lineNo, trimmed, articleMatch);
  if (!s.article) return strayLine(s, lineNo, trimmed);
  addParagraphOrItem(s, s.article, lineNo, trimmed);
}

/** 附件一 …: an appendix heading; the lines after it are its text. */
function openAppendix(s: ParserState, lineNo: number, headingText: string, match: RegExpExecArray): void {
  s.article = null;
  s.appendix = {
    label: match[1]!,
    title: (match[2] ?? '').trim(),
    heading: headingText,
    lines: [],
    line: lineNo,
  };
  s.draft.appendices.push(s.appendix);
}

/** 附则, 总则, 分则 without a number. */
function openUnnumberedHeading(s: ParserState, lineNo: number, headingText: string): void {
  s.article = null;
  // It stands at the top level of the law: beside the 编 when there are any, else the 章.
  const kind: HeadingKind = s.draft.counts.parts > 0 ? 'part' : 'chapter';
  openHeading(s, {
    type: 'heading',
    kind,
    number: 0,
    label: '',
    title: headingText.replace(/[ \u3000]/g, ''),
    heading: headingText,
    children: [],
    line: lineNo,
  });
}

/** 第…编 / 分编 / 章 / 节: checked against the numbering of its scope, then opened. */
function openNumberedHeading(
  s: ParserState,
  lineNo: number,
  headingText: string,
  match: RegExpExecArray,
): void {
  s.article = null;
  const kind = HEADING_KIND[match[3]!]!;
  const number = chineseToNumber(match[2]!);
  const label = match[1]!;
  checkHeadingNumber(s, lineNo, kind, number, label);
  openHeading(s, {
    type: 'heading',
    kind,
    number,
    label,
    title: (match[4] ?? '').trim(),
    heading: headingText,
    children: [],
    line: lineNo,
  });
  s.draft.counts[COUNT_KEY[kind]]++;
}

/** Chapters are numbered through a 编 (across its 分编); sections through a chapter. */
function headingScope(s: ParserState, kind: HeadingKind): string {
  return kind === 'part'
    ? 'part'
    : kind === 'subpart'
      ? `subpart@${s.currentPart}`
      : kind === 'chapter'
        ? `chapter@${s.currentPart}`
        : `section@${s.currentChapter}`;
}

/** Reports a heading number that repeats or skips, and moves the scope counters on. */
function checkHeadingNumber(
  s: ParserState,
  lineNo: number,
  kind: HeadingKind,
  number: number,
  label: string,
): void {
  const scope = headingScope(s, kind);
  let expected = (s.counters.get(scope) ?? 0) + 1;
  if (kind === 'chapter' && expected !== s.lastChapter + 1) {
    // the first chapter of a later 编 decides how this law numbers its chapters
    s.chapterNumbering ??= number === s.lastChapter + 1 ? 'continuous' : 'per-part';
    if (s.chapterNumbering === 'continuous') expected = s.lastChapter + 1;
  }
  if (Number.isNaN(number)) {
    s.problems.push(
      problem(lineNo, `编号「${label}」不是有效的中文数字`, `"${label}" is not a valid number`),
    );
  } else if (number !== expected) {
    const zhKind = KIND_ZH[kind];
    s.problems.push(
      number < expected
        ? problem(
            lineNo,
            `${label}重复：前面已有第${numberToChinese(number)}${zhKind}`,
            `${label} is duplicated (${kind} ${number} already exists)`,
          )
        : problem(
            lineNo,
            `编号跳跃：应为第${numberToChinese(expected)}${zhKind}，实为${label}`,
            `Numbering skips: expected ${kind} ${expected}, found ${label} (${number})`,
          ),
    );
  }
  s.counters.set(scope, Number.isNaN(number) ? expected : number);
  if (kind === 'chapter') s.lastChapter = Number.isNaN(number) ? expected : number;
  if (kind === 'part') s.currentPart = number;
  // A new 编, 分编 or 章 opens a fresh scope for section numbers.
  if (kind !== 'section') s.currentChapter = lineNo;
}

/** 第…条 (之…): checked against the article before it, then opened with the text on its line. */
function openArticle(s: ParserState, lineNo: number, trimmed: string, match: RegExpExecArray): void {
  const label = match[1]!;
  const number = chineseToNumber(match[2]!);
  const suffix = match[3] ? chineseToNumber(match[3]) : 0;
  checkArticleNumber(s, lineNo, label, number, suffix);
  const rest = trimmed.slice(match[0].length);
  s.article = {
    type: 'article',
    number,
    suffix,
    label,
    sep: match[4]!,
    anchor: suffix ? `art-${number}-${suffix}` : `art-${number}`,
    paragraphs: rest ? [{ number: 1, text: rest, items: [] }] : [],
    line: lineNo,
  };
  // A malformed number is reported once; the numbering goes on as if it were the expected next
  // article, so the articles after it are checked (and no NaN reaches the next message).
  const valid = !Number.isNaN(number) && !Number.isNaN(suffix);
  s.lastArticle = valid
    ? { number, suffix, label }
    : { number: (s.lastArticle?.number ?? 0) + 1, suffix: 0, label };
  container(s).push(s.article);
  s.draft.counts.articles++;
}

/** Reports an article number that is malformed, repeated or out of sequence. */
function checkArticleNumber(s: ParserState, lineNo: number, label: string, number: number, suffix: number) {
  if (Number.isNaN(number) || Number.isNaN(suffix)) {
    s.problems.push(
      problem(lineNo, `条号「${label}」不是有效的中文数字`, `"${label}" is not a valid number`),
    );
    return;
  }
  const key = `${number}-${suffix}`;
  const seenAt = s.seenArticles.get(key);
  const prev = s.lastArticle ?? { number: 0, suffix: 0, label: '' };
  const next =
    suffix === 0 ? number === prev.number + 1 : number === prev.number && suffix === prev.suffix + 1;
  if (seenAt !== undefined) {
    s.problems.push(
      problem(
        lineNo,
        `${label}重复（第 ${seenAt} 行已有${label}）`,
        `${label} is duplicated (already on line ${seenAt})`,
      ),
    );
  } else if (!next) {
    const expected = `第${numberToChinese(prev.number + 1)}条`;
    s.problems.push(
      problem(
        lineNo,
        prev.label
          ? `条文编号不连续：${prev.label}之后应为${expected}，实为${label}`
          : `条文编号不连续：第一条应为${expected}，实为${label}`,
        prev.label
          ? `Article numbering is not continuous: after ${prev.label} expected ${expected}, found ${label}`
          : `Article numbering must start at ${expected}, found ${label}`,
      ),
    );
  }
  if (seenAt === undefined) s.seenArticles.set(key, lineNo);
}

/** Text outside any article: the preface before the first heading or article, else a problem. */
function strayLine(s: ParserState, lineNo: number, trimmed: string): void {
  if (s.draft.counts.articles === 0 && s.stack.length === 0) {
    s.draft.preface.push(trimmed);
    return;
  }
  s.problems.push(
    problem(
      lineNo,
      `这一行不属于任何条文：「${trimmed.slice(0, 30)}」`,
      `This line belongs to no article: "${trimmed.slice(0, 30)}"`,
    ),
  );
}

/** Inside an article: （一）… adds an item to the last paragraph (款), any other line a paragraph. */
function addParagraphOrItem(s: ParserState, article: ParsedArticle, lineNo: number, trimmed: string): void {
  const itemMatch = ITEM_RE.exec(trimmed);
  const paragraph = article.paragraphs.at(-1);
  if (!itemMatch || !paragraph) {
    article.paragraphs.push({ number: article.paragraphs.length + 1, text: trimmed, items: [] });
    return;
  }
  const number = chineseToNumber(itemMatch[1]!);
  const expected = (paragraph.items.at(-1)?.number ?? 0) + 1;
  if (number !== expected) {
    s.problems.push(
      problem(
        lineNo,
        `${article.label}的项号不连续：应为（${numberToChinese(expected)}），实为${itemMatch[0]}`,
        `Items of ${article.label} are not continuous: expected (${expected}), found ${itemMatch[0]}`,
      ),
    );
  }
  paragraph.items.push({ number, label: itemMatch[0], text: trimmed });
}
