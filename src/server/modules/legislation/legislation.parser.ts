/**
 * Parses a draft law (Markdown in the LawRefBook layout, or plain text with the same numbering) into
 * 编 / 分编 / 章 / 节 / 条 / 款 / 项, keeping every number and every character of the text. Pure: no
 * database, no clock. Problems are returned with the line they were found on; nothing is repaired.
 */

export type HeadingKind = 'part' | 'subpart' | 'chapter' | 'section';

export interface ParsedItem {
  /** 1 for （一）. */
  number: number;
  /** The marker as written, e.g. `（一）`. */
  label: string;
  /** The whole line, marker included. */
  text: string;
}

export interface ParsedParagraph {
  /** 款 number within the article, from 1. */
  number: number;
  text: string;
  items: ParsedItem[];
}

export interface ParsedArticle {
  type: 'article';
  /** 35 for 第三十五条 and for 第三十五条之一. */
  number: number;
  /** 0, or 1 for 之一, 2 for 之二 … */
  suffix: number;
  /** `第三十五条之一` as written. */
  label: string;
  /** What stood between the label and the text: a space, U+3000, or '' when the text starts on the next line. */
  sep: string;
  /** `art-35` or `art-35-1`: the link target in the reading view. */
  anchor: string;
  paragraphs: ParsedParagraph[];
  line: number;
}

export interface ParsedHeading {
  type: 'heading';
  kind: HeadingKind;
  number: number;
  /** `第一章` */
  label: string;
  /** `总则` (trimmed) */
  title: string;
  /** The heading line as written, without Markdown `#`: `第一章  总则`. */
  heading: string;
  children: ParsedNode[];
  line: number;
}

export type ParsedNode = ParsedHeading | ParsedArticle;

/** An appendix after the last article (附件一 …, 附表, 附录): kept line by line, not parsed as articles. */
export interface ParsedAppendix {
  /** `附件一` as written. */
  label: string;
  /** What follows the label on its line, e.g. `香港特别行政区行政长官的产生办法`. */
  title: string;
  /** The heading line as written, without Markdown `#`. */
  heading: string;
  lines: string[];
  line: number;
}

export interface ParseProblem {
  line: number;
  message: { zh: string; en: string };
}

export interface ParsedDraft {
  title: string;
  format: 'markdown' | 'text';
  /** Lines between the title and `<!-- INFO END -->` (adoption and amendment history). */
  history: string[];
  /** Text before the first heading or article (a preamble, 序言). */
  preface: string[];
  nodes: ParsedNode[];
  /** Appendices after the last article, in order. */
  appendices: ParsedAppendix[];
  counts: { parts: number; subparts: number; chapters: number; sections: number; articles: number };
}

export type ParseResult =
  | { ok: true; draft: ParsedDraft; problems: [] }
  | { ok: false; draft: ParsedDraft; problems: ParseProblem[] };

const NUMERAL = '[零〇一二三四五六七八九十百千万两0-9]+';
const ARTICLE_RE = new RegExp(`^(第(${NUMERAL})条(?:之(${NUMERAL}))?)([ \\u3000]+|$)`);
const HEADING_RE = new RegExp(`^(第(${NUMERAL})(分编|编|章|节))(?:[ \\u3000]+(.*))?$`);
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
const INFO_END = '<!-- INFO END -->';

const HEADING_KIND: Record<string, HeadingKind> = {
  编: 'part',
  分编: 'subpart',
  章: 'chapter',
  节: 'section',
};
const LEVEL: Record<HeadingKind, number> = { part: 1, subpart: 2, chapter: 3, section: 4 };
const COUNT_KEY = { part: 'parts', subpart: 'subparts', chapter: 'chapters', section: 'sections' } as const;
const KIND_ZH: Record<HeadingKind, string> = { part: '编', subpart: '分编', chapter: '章', section: '节' };

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 第一百二十三条 → 123; 十 → 10; 一百零五 → 105; Arabic digits pass through. NaN when malformed. */
export function chineseToNumber(text: string): number {
  if (/^[0-9]+$/.test(text)) return Number(text);
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return NaN; // 二三: two digits in a row
      digit = d;
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = null;
      continue;
    }
    if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
      continue;
    }
    return NaN;
  }
  const value = total + section + (digit ?? 0);
  return text.length > 0 ? value : NaN;
}

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 123 → 一百二十三, 10 → 十, 105 → 一百零五 (for numbers below 10,000, as statutes use them). */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10_000) throw new RangeError(`Out of range: ${n}`);
  if (n === 0) return '零';
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGIT_CHARS[d]! + units[i]!;
  });
  // 一十 → 十 at the start (10–19), as written in statutes.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** Removes the invisible noise some sources carry and normalises line ends; text stays as written. */
export function cleanText(source: string): string {
  return source
    .replace(/^\uFEFF/, '')
    .replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '')
    .replace(/\u00A0/g, ' ')
    .replace(/\r\n?/g, '\n');
}

function emptyDraft(title: string, format: ParsedDraft['format']): ParsedDraft {
  return {
    title,
    format,
    history: [],
    preface: [],
    nodes: [],
    appendices: [],
    counts: { parts: 0, subparts: 0, chapters: 0, sections: 0, articles: 0 },
  };
}

function problem(line: number, zh: string, en: string): ParseProblem {
  return { line, message: { zh, en } };
}

/**
 * Parses the text of a draft. `fallbackTitle` names a plain-text draft that has no `# title` line.
 * Markdown is recognised by its `# title` line; headings may use any `#` depth (classified by text).
 */
export function parseDraft(source: string, fallbackTitle = ''): ParseResult {
  const lines = cleanText(source).split('\n');
  const problems: ParseProblem[] = [];
  let index = 0;
  const skipBlank = () => {
    while (index < lines.length && lines[index]!.trim() === '') index++;
  };

  // Title and history (Markdown): `# title`, history lines, `<!-- INFO END -->`.
  skipBlank();
  let title = fallbackTitle.trim();
  let format: ParsedDraft['format'] = 'text';
  const first = lines[index]?.trim() ?? '';
  const titleMatch = /^#[ \t]+(.+)$/.exec(first);
  if (titleMatch && !HEADING_RE.test(titleMatch[1]!.trim())) {
    format = 'markdown';
    title = titleMatch[1]!.trim();
    index++;
  }
  const draft = emptyDraft(title, format);
  const infoEnd = lines.findIndex((l, i) => i >= index && l.trim() === INFO_END);
  if (infoEnd >= 0) {
    draft.format = 'markdown';
    for (; index < infoEnd; index++) {
      const text = lines[index]!.trim();
      if (text) draft.history.push(text);
    }
    index = infoEnd + 1;
  }

  // Open headings, innermost last. Counters for sequence checks are keyed by the scope that resets them.
  const stack: ParsedHeading[] = [];
  const counters = new Map<string, number>();
  let currentPart = 0;
  let currentChapter = 0;
  // Chapters restart in every 编 (民法典) or run on across 编 (民事诉讼法: 第二编 opens with
  // 第十二章); the first chapter of the second 编 tells which, and the rest must follow it.
  let chapterNumbering: 'per-part' | 'continuous' | null = null;
  let lastChapter = 0;
  let appendix: ParsedAppendix | null = null;
  let article: ParsedArticle | null = null;
  let lastArticle: { number: number; suffix: number; label: string } | null = null;
  const seenArticles = new Map<string, number>();

  const container = (): ParsedNode[] => stack.at(-1)?.children ?? draft.nodes;

  for (; index < lines.length; index++) {
    const lineNo = index + 1;
    const raw = lines[index]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed === INFO_END) continue;

    // Headings: Markdown `#…` lines (classified by their text) or bare 第…章 lines.
    const md = MD_HEADING_RE.exec(trimmed);
    const headingText = md ? md[2]!.trim() : trimmed;
    const headingMatch = HEADING_RE.exec(headingText);

    // Appendices follow the last article; everything after their heading is their text.
    const appendixMatch = draft.counts.articles > 0 ? APPENDIX_RE.exec(headingText) : null;
    if (appendixMatch) {
      article = null;
      appendix = {
        label: appendixMatch[1]!,
        title: (appendixMatch[2] ?? '').trim(),
        heading: headingText,
        lines: [],
        line: lineNo,
      };
      draft.appendices.push(appendix);
      continue;
    }
    if (appendix) {
      appendix.lines.push(md ? headingText : trimmed);
      continue;
    }
    if (PREAMBLE_RE.test(headingText) && draft.counts.articles === 0 && stack.length === 0) {
      draft.preface.push(headingText);
      continue;
    }
    if (!headingMatch && UNNUMBERED_RE.test(headingText)) {
      article = null;
      // It stands at the top level of the law: beside the 编 when there are any, else the 章.
      const kind: HeadingKind = draft.counts.parts > 0 ? 'part' : 'chapter';
      const heading: ParsedHeading = {
        type: 'heading',
        kind,
        number: 0,
        label: '',
        title: headingText.replace(/[ \u3000]/g, ''),
        heading: headingText,
        children: [],
        line: lineNo,
      };
      while (stack.length && LEVEL[stack.at(-1)!.kind] >= LEVEL[kind]) stack.pop();
      container().push(heading);
      stack.push(heading);
      continue;
    }
    if (md && !headingMatch) {
      problems.push(
        problem(
          lineNo,
          `无法识别的标题「${headingText}」：应为“第…编 / 分编 / 章 / 节”`,
          `Unrecognised heading "${headingText}": expected 第…编 / 分编 / 章 / 节`,
        ),
      );
      continue;
    }
    if (headingMatch) {
      article = null;
      const kind = HEADING_KIND[headingMatch[3]!]!;
      const number = chineseToNumber(headingMatch[2]!);
      const label = headingMatch[1]!;
      // Chapters are numbered through a 编 (across its 分编); sections through a chapter.
      const scope =
        kind === 'part'
          ? 'part'
          : kind === 'subpart'
            ? `subpart@${currentPart}`
            : kind === 'chapter'
              ? `chapter@${currentPart}`
              : `section@${currentChapter}`;
      let expected = (counters.get(scope) ?? 0) + 1;
      if (kind === 'chapter' && expected !== lastChapter + 1) {
        // the first chapter of a later 编 decides how this law numbers its chapters
        chapterNumbering ??= number === lastChapter + 1 ? 'continuous' : 'per-part';
        if (chapterNumbering === 'continuous') expected = lastChapter + 1;
      }
      if (Number.isNaN(number)) {
        problems.push(
          problem(lineNo, `编号「${label}」不是有效的中文数字`, `"${label}" is not a valid number`),
        );
      } else if (number !== expected) {
        const zhKind = KIND_ZH[kind];
        problems.push(
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
      counters.set(scope, Number.isNaN(number) ? expected : number);
      if (kind === 'chapter') lastChapter = Number.isNaN(number) ? expected : number;
      if (kind === 'part') currentPart = number;
      // A new 编, 分编 or 章 opens a fresh scope for section numbers.
      if (kind !== 'section') currentChapter = lineNo;
      const heading: ParsedHeading = {
        type: 'heading',
        kind,
        number,
        label,
        title: (headingMatch[4] ?? '').trim(),
        heading: headingText,
        children: [],
        line: lineNo,
      };
      while (stack.length && LEVEL[stack.at(-1)!.kind] >= LEVEL[kind]) stack.pop();
      container().push(heading);
      stack.push(heading);
      draft.counts[COUNT_KEY[kind]]++;
      continue;
    }

    const articleMatch = ARTICLE_RE.exec(trimmed);
    if (articleMatch) {
      const label = articleMatch[1]!;
      const number = chineseToNumber(articleMatch[2]!);
      const suffix = articleMatch[3] ? chineseToNumber(articleMatch[3]) : 0;
      if (Number.isNaN(number) || Number.isNaN(suffix)) {
        problems.push(
          problem(lineNo, `条号「${label}」不是有效的中文数字`, `"${label}" is not a valid number`),
        );
      } else {
        const key = `${number}-${suffix}`;
        const seenAt = seenArticles.get(key);
        const prev = lastArticle ?? { number: 0, suffix: 0, label: '' };
        const next =
          suffix === 0 ? number === prev.number + 1 : number === prev.number && suffix === prev.suffix + 1;
        if (seenAt !== undefined) {
          problems.push(
            problem(
              lineNo,
              `${label}重复（第 ${seenAt} 行已有${label}）`,
              `${label} is duplicated (already on line ${seenAt})`,
            ),
          );
        } else if (!next) {
          const expected = `第${numberToChinese(prev.number + 1)}条`;
          problems.push(
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
        if (seenAt === undefined) seenArticles.set(key, lineNo);
      }
      const rest = trimmed.slice(articleMatch[0].length);
      article = {
        type: 'article',
        number,
        suffix,
        label,
        sep: articleMatch[4]!,
        anchor: suffix ? `art-${number}-${suffix}` : `art-${number}`,
        paragraphs: rest ? [{ number: 1, text: rest, items: [] }] : [],
        line: lineNo,
      };
      lastArticle = { number, suffix, label };
      container().push(article);
      draft.counts.articles++;
      continue;
    }

    if (!article) {
      if (draft.counts.articles === 0 && stack.length === 0) {
        draft.preface.push(trimmed);
      } else {
        problems.push(
          problem(
            lineNo,
            `这一行不属于任何条文：「${trimmed.slice(0, 30)}」`,
            `This line belongs to no article: "${trimmed.slice(0, 30)}"`,
          ),
        );
      }
      continue;
    }

    const itemMatch = ITEM_RE.exec(trimmed);
    const paragraph = article.paragraphs.at(-1);
    if (itemMatch && paragraph) {
      const number = chineseToNumber(itemMatch[1]!);
      const expected = (paragraph.items.at(-1)?.number ?? 0) + 1;
      if (number !== expected) {
        problems.push(
          problem(
            lineNo,
            `${article.label}的项号不连续：应为（${numberToChinese(expected)}），实为${itemMatch[0]}`,
            `Items of ${article.label} are not continuous: expected (${expected}), found ${itemMatch[0]}`,
          ),
        );
      }
      paragraph.items.push({ number, label: itemMatch[0], text: trimmed });
    } else {
      article.paragraphs.push({ number: article.paragraphs.length + 1, text: trimmed, items: [] });
    }
  }

  for (const a of draft.appendices) {
    if (a.lines.length === 0 && !a.title)
      problems.push(problem(a.line, `${a.label}没有内容`, `${a.label} has no text`));
  }
  for (const heading of walkHeadings(draft.nodes)) {
    if (heading.children.length === 0) {
      problems.push(
        problem(
          heading.line,
          `${heading.label || heading.title}下没有任何条文`,
          `${heading.label || heading.title} contains no articles`,
        ),
      );
    }
  }
  for (const a of walkArticles(draft.nodes)) {
    if (a.paragraphs.length === 0) {
      problems.push(problem(a.line, `${a.label}没有内容`, `${a.label} has no text`));
    }
  }
  if (draft.counts.articles === 0) {
    problems.push(
      problem(
        lines.length,
        '没有找到任何条文：条文应以“第…条”开头，后接空格和条文内容',
        'No articles found: an article starts with 第…条 followed by a space and its text',
      ),
    );
  }
  if (!draft.title) {
    problems.push(problem(1, '缺少草案标题', 'The draft has no title'));
  }
  problems.sort((a, b) => a.line - b.line);
  return problems.length ? { ok: false, draft, problems } : { ok: true, draft, problems: [] };
}

export function* walkHeadings(nodes: readonly ParsedNode[]): Generator<ParsedHeading> {
  for (const node of nodes) {
    if (node.type === 'heading') {
      yield node;
      yield* walkHeadings(node.children);
    }
  }
}

export function* walkArticles(nodes: readonly ParsedNode[]): Generator<ParsedArticle> {
  for (const node of nodes) {
    if (node.type === 'article') yield node;
    else yield* walkArticles(node.children);
  }
}

/** The article's lines as written: first line with its label, then every paragraph and item. */
export function articleLines(a: Pick<ParsedArticle, 'label' | 'sep' | 'paragraphs'>): string[] {
  const out: string[] = [];
  a.paragraphs.forEach((p, i) => {
    out.push(i === 0 ? `${a.label}${a.sep}${p.text}` : p.text);
    for (const item of p.items) out.push(item.text);
  });
  if (a.paragraphs.length === 0) out.push(a.label);
  return out;
}

/** The article as one plain text block (paragraphs and items on their own lines). */
export function articleText(a: Pick<ParsedArticle, 'label' | 'sep' | 'paragraphs'>): string {
  return articleLines(a).join('\n');
}

/**
 * Every non-blank body line of the draft, in order, as the parser understood it: headings without
 * Markdown marks, preface, then articles line by line. Equal to the source's body lines when the
 * parse kept the text exactly (the round-trip the tests check).
 */
export function serializeDraft(draft: ParsedDraft): string[] {
  const out = [...draft.preface];
  const visit = (nodes: readonly ParsedNode[]) => {
    for (const node of nodes) {
      if (node.type === 'heading') {
        out.push(node.heading);
        visit(node.children);
      } else {
        out.push(...articleLines(node));
      }
    }
  };
  visit(draft.nodes);
  for (const a of draft.appendices) out.push(a.heading, ...a.lines);
  return out;
}
