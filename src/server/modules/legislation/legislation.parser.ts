/**
 * Parses a draft law (Markdown in the LawRefBook layout, or plain text with the same numbering) into
 * 编 / 分编 / 章 / 节 / 条 / 款 / 项, keeping every number and every character of the text. Pure: no
 * database, no clock. Problems are returned with the line they were found on; nothing is repaired.
 */
import { HEADING_RE, INFO_END, newParserState, parseLine, problem } from './legislation.parser.lines.ts';

export { chineseToNumber, numberToChinese } from './legislation.numerals.ts';

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

/**
 * Parses the text of a draft. `fallbackTitle` names a plain-text draft that has no `# title` line.
 * Markdown is recognised by its `# title` line; headings may use any `#` depth (classified by text).
 */
export function parseDraft(source: string, fallbackTitle = ''): ParseResult {
  const lines = cleanText(source).split('\n');
  const problems: ParseProblem[] = [];
  const { draft, bodyStart } = readTitleAndHistory(lines, fallbackTitle);
  const state = newParserState(draft, problems);
  for (let index = bodyStart; index < lines.length; index++) {
    const trimmed = lines[index]!.trim();
    if (trimmed === '' || trimmed === INFO_END) continue;
    parseLine(state, index + 1, trimmed);
  }
  checkCompleteness(draft, problems, lines.length);
  problems.sort((a, b) => a.line - b.line);
  return problems.length ? { ok: false, draft, problems } : { ok: true, draft, problems: [] };
}

/** Title and history (Markdown): `# title`, history lines, `<!-- INFO END -->`; where the body starts. */
function readTitleAndHistory(
  lines: string[],
  fallbackTitle: string,
): { draft: ParsedDraft; bodyStart: number } {
  let index = 0;
  while (index < lines.length && lines[index]!.trim() === '') index++;
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
  return { draft, bodyStart: index };
}

/** What only the whole draft shows: empty appendices, headings and articles, no articles, no title. */
function checkCompleteness(draft: ParsedDraft, problems: ParseProblem[], lineCount: number): void {
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
        lineCount,
        '没有找到任何条文：条文应以“第…条”开头，后接空格和条文内容',
        'No articles found: an article starts with 第…条 followed by a space and its text',
      ),
    );
  }
  if (!draft.title) {
    problems.push(problem(1, '缺少草案标题', 'The draft has no title'));
  }
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
