import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chineseToNumber,
  cleanText,
  numberToChinese,
  parseDraft,
  serializeDraft,
  walkArticles,
  walkHeadings,
  type ParsedDraft,
} from './legislation.parser.ts';
import { syntheticCode } from './legislation.synthetic.ts';

const LAWS = path.resolve(import.meta.dirname, '../../../../test/fixtures/laws');

/** The table of the fixtures' README: file → articles, chapters, sections. */
const expected: Record<string, [number, number, number]> = {
  '上海市人民建议征集若干规定(2021-06-23).md': [22, 0, 0],
  '上海市住宅物业管理规定(2020-12-30).md': [95, 6, 0],
  '上海市城市更新条例(2021-08-25).md': [64, 8, 0],
  '上海市居民委员会工作条例(2020-05-14).md': [39, 0, 0],
  '上海市消防条例(2020-03-19).md': [77, 7, 0],
  '个人信息保护法(2021-08-20).md': [74, 8, 3],
  '人民调解法(2010-08-28).md': [35, 6, 0],
};

/** Body lines of a LawRefBook file: after `<!-- INFO END -->`, non-blank, Markdown `#` removed. */
function bodyLines(source: string): string[] {
  const lines = cleanText(source).split('\n');
  const start = lines.findIndex((l) => l.trim() === '<!-- INFO END -->') + 1;
  return lines
    .slice(start)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.replace(/^#+\s+/, ''));
}

function ok(source: string, title = ''): ParsedDraft {
  const result = parseDraft(source, title);
  expect(result.problems).toEqual([]);
  return result.draft;
}

describe('Chinese numerals', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百二十三', 123],
    ['一千二百六十', 1260],
    ['一千零五', 1005],
    ['两百', 200],
    ['35', 35],
  ])('%s → %i', (text, n) => {
    expect(chineseToNumber(text)).toBe(n);
  });

  it('rejects malformed numerals', () => {
    expect(chineseToNumber('二三')).toBeNaN();
    expect(chineseToNumber('')).toBeNaN();
    expect(chineseToNumber('十a')).toBeNaN();
  });

  it('writes numbers the way statutes do, and reads them back', () => {
    expect(numberToChinese(10)).toBe('十');
    expect(numberToChinese(15)).toBe('十五');
    expect(numberToChinese(105)).toBe('一百零五');
    expect(numberToChinese(110)).toBe('一百一十');
    expect(numberToChinese(1260)).toBe('一千二百六十');
    for (let n = 1; n < 2000; n++) expect(chineseToNumber(numberToChinese(n))).toBe(n);
  });
});

describe('the law files', () => {
  const files = fs.readdirSync(LAWS).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('covers every file listed in the README', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s: counts and exact text', (file, [articles, chapters, sections]) => {
    const source = fs.readFileSync(path.join(LAWS, file), 'utf8');
    const draft = ok(source);
    expect(draft.format).toBe('markdown');
    expect(draft.title).toBe(/^# (.+)$/m.exec(source)![1]);
    expect(draft.history.length).toBeGreaterThan(0);
    expect(draft.counts).toMatchObject({ articles, chapters, sections, parts: 0 });
    // Every line of the body comes back exactly as written, in order.
    expect(serializeDraft(draft)).toEqual(bodyLines(source));
    // Articles are numbered 1…n.
    expect([...walkArticles(draft.nodes)].map((a) => a.number)).toEqual(
      Array.from({ length: articles }, (_, i) => i + 1),
    );
  });

  it('reads sections, paragraphs and items of 个人信息保护法', () => {
    const draft = ok(fs.readFileSync(path.join(LAWS, '个人信息保护法(2021-08-20).md'), 'utf8'));
    const chapter2 = draft.nodes[1]!;
    expect(chapter2).toMatchObject({
      type: 'heading',
      kind: 'chapter',
      number: 2,
      title: '个人信息处理规则',
    });
    const sections = [...walkHeadings(draft.nodes)].filter((h) => h.kind === 'section');
    expect(sections.map((s) => s.label)).toEqual(['第一节', '第二节', '第三节']);
    const art13 = [...walkArticles(draft.nodes)].find((a) => a.number === 13)!;
    expect(art13.anchor).toBe('art-13');
    expect(art13.paragraphs[0]!.items).toHaveLength(7);
    expect(art13.paragraphs[0]!.items[6]).toMatchObject({ number: 7, label: '（七）' });
    expect(art13.paragraphs[1]!.text).toMatch(/^依照本法其他有关规定/);
    // 第一章 总 则 keeps its inner space.
    expect(draft.nodes[0]).toMatchObject({ heading: '第一章 总 则', title: '总 则' });
  });
});

/**
 * Forms real statutes use that the seven files above do not: chapters numbered on across 编
 * (民事诉讼法: 第二编 审判程序 opens with 第十二章), an unnumbered 附　则 after the last 编 (民法典),
 * a 序言, and appendices after the last article (附件一、附件二 as 香港特别行政区基本法 has them).
 * The article texts are the real ones of the fixtures, rearranged under those headings; the
 * preamble and appendix lines are written for the test.
 */
describe('structures of real statutes', () => {
  const law = (file: string) => fs.readFileSync(path.join(LAWS, file), 'utf8');
  /** The body of a fixture with its chapter headings renumbered by `heading(n)`. */
  function rearranged(file: string, heading: (chapter: number, title: string) => string[]): string[] {
    const out: string[] = [];
    for (const line of bodyLines(law(file))) {
      const m = /^第(.+)章\s+(.*)$/.exec(line);
      if (m) out.push(...heading(chineseToNumber(m[1]!), m[2]!));
      else out.push(line);
    }
    return out;
  }

  it('reads chapters numbered on across 编, as 民事诉讼法 does', () => {
    // 个人信息保护法's eight chapters as two 编: the second opens with 第五章, not 第一章
    const lines = rearranged('个人信息保护法(2021-08-20).md', (n, title) => [
      ...(n === 1 ? ['# 第一编 一般规定'] : n === 5 ? ['# 第二编 保护与责任'] : []),
      `## 第${numberToChinese(n)}章 ${title}`,
    ]);
    const draft = ok(['# 个人信息保护法（按编编排）', '<!-- INFO END -->', ...lines].join('\n'));
    expect(draft.counts).toMatchObject({ parts: 2, chapters: 8, articles: 74 });
    const part2 = draft.nodes[1]!;
    expect(part2.type === 'heading' && part2.children[0]).toMatchObject({ label: '第五章', number: 5 });
    // once a law numbers on, a chapter that restarts is a mistake, and the reverse
    const mixed = [...lines];
    const sixth = mixed.findIndex((l) => l.startsWith('## 第六章 '));
    mixed[sixth] = mixed[sixth]!.replace('第六章', '第二章');
    const bad = parseDraft(['# 个人信息保护法', ...mixed].join('\n'));
    expect(bad.problems[0]!.message.zh).toBe('第二章重复：前面已有第二章');
  });

  it('still reads chapters that restart in every 编, as 民法典 does, and an unnumbered 附　则', () => {
    const lines = rearranged('人民调解法(2010-08-28).md', (n, title) =>
      n === 6
        ? ['# 附　则']
        : [
            ...(n === 1 ? ['# 第一编 组织'] : n === 4 ? ['# 第二编 程序'] : []),
            `## 第${numberToChinese(n <= 3 ? n : n - 3)}章 ${title}`,
          ],
    );
    const draft = ok(['# 人民调解法（按编编排）', '<!-- INFO END -->', ...lines].join('\n'));
    expect(draft.counts).toMatchObject({ parts: 2, chapters: 5, articles: 35 });
    const last = draft.nodes.at(-1)!;
    expect(last).toMatchObject({ type: 'heading', kind: 'part', number: 0, label: '', title: '附则' });
    expect(last.type === 'heading' && last.children.map((a) => a.type === 'article' && a.number)).toEqual([
      34, 35,
    ]);
    expect(serializeDraft(draft)).toEqual(lines.map((l) => l.replace(/^#+\s+/, '')));
  });

  it('reads a 附则 chapter without a number in a law without 编', () => {
    const lines = rearranged('人民调解法(2010-08-28).md', (n, title) =>
      n === 6 ? ['附则'] : [`第${numberToChinese(n)}章 ${title}`],
    );
    const draft = ok(lines.join('\n'), '人民调解法');
    expect(draft.nodes.at(-1)).toMatchObject({ kind: 'chapter', title: '附则', label: '' });
  });

  it('keeps appendices after the last article, and a 序言 before the first', () => {
    const body = bodyLines(law('上海市城市更新条例(2021-08-25).md'));
    const appendices = [
      '# 附件一 城市更新指引编制要点',
      '一、更新区域的范围和现状。',
      '## 附件二：区域更新方案公示格式',
      '一、公示期限不少于三十日。',
      '附件三',
      '（示意图略）',
    ];
    const source = [
      '# 上海市城市更新条例',
      '<!-- INFO END -->',
      '序　言',
      '为了说明序言的读法。',
      ...body,
      ...appendices,
    ];
    const draft = ok(source.join('\n'));
    expect(draft.counts.articles).toBe(64);
    expect(draft.preface).toEqual(['序　言', '为了说明序言的读法。']);
    expect(draft.appendices.map((a) => [a.label, a.title, a.lines.length])).toEqual([
      ['附件一', '城市更新指引编制要点', 1],
      ['附件二', '区域更新方案公示格式', 1],
      ['附件三', '', 1],
    ]);
    expect(serializeDraft(draft).slice(-6)).toEqual(appendices.map((l) => l.replace(/^#+\s+/, '')));
    // an article line inside an appendix is appendix text, not a 65th article
    const more = parseDraft([...source, '第六十五条 附件中的文字。'].join('\n'));
    expect(more.ok && more.draft.counts.articles).toBe(64);
  });
});

describe('edge cases', () => {
  it('reads 编, 分编, 章, 节 with chapters numbered through a 编', () => {
    const draft = ok(
      [
        '# 某某法典（草案）',
        '',
        '<!-- INFO END -->',
        '',
        '# 第一编 总则',
        '## 第一章 基本规定',
        '第一条 总则。',
        '# 第二编 物权',
        '## 第一分编 通则',
        '### 第一章 一般规定',
        '#### 第一节 不动产登记',
        '第二条 登记。',
        '#### 第二节 动产交付',
        '第三条 交付。',
        '## 第二分编 所有权',
        '### 第二章 所有权',
        '第四条 所有权。',
      ].join('\n'),
    );
    expect(draft.counts).toEqual({ parts: 2, subparts: 2, chapters: 3, sections: 2, articles: 4 });
    const part2 = draft.nodes[1]!;
    expect(part2).toMatchObject({ kind: 'part', number: 2, title: '物权' });
    expect(part2.type === 'heading' && part2.children.map((c) => c.type === 'heading' && c.kind)).toEqual([
      'subpart',
      'subpart',
    ]);
  });

  it('reads 条之一, U+3000 after the number, and zero-width noise', () => {
    const source = [
      '# 某某条例\u200B修正案',
      '<!-- INFO END -->',
      '第一条\u3000为了\u200B测试，制定本条例。',
      '',
      '第二条 本条例适用于：',
      '',
      '（一）\u00A0居民；',
      '（二）单位。',
      '前款规定的人员\u200B应当遵守本条例。',
      '第二条之一 新增的条文。',
      '第二条之二 再增加一条。',
      '第三条 本条例自公布之日起施行。',
    ].join('\n');
    const draft = ok(source);
    expect(draft.title).toBe('某某条例修正案');
    const arts = [...walkArticles(draft.nodes)];
    expect(arts.map((a) => [a.label, a.number, a.suffix, a.anchor])).toEqual([
      ['第一条', 1, 0, 'art-1'],
      ['第二条', 2, 0, 'art-2'],
      ['第二条之一', 2, 1, 'art-2-1'],
      ['第二条之二', 2, 2, 'art-2-2'],
      ['第三条', 3, 0, 'art-3'],
    ]);
    expect(arts[0]).toMatchObject({ sep: '\u3000', paragraphs: [{ text: '为了测试，制定本条例。' }] });
    expect(arts[1]!.paragraphs).toEqual([
      {
        number: 1,
        text: '本条例适用于：',
        items: [
          { number: 1, label: '（一）', text: '（一） 居民；' },
          { number: 2, label: '（二）', text: '（二）单位。' },
        ],
      },
      { number: 2, text: '前款规定的人员应当遵守本条例。', items: [] },
    ]);
    expect(JSON.stringify(draft)).not.toMatch(/[\u200B\u00A0]/);
  });

  it('reads plain text with bare chapter lines and a given title', () => {
    const draft = ok(
      '第一章 总则\n第一条 目的。\n第二条 范围。\n第二章 附则\n第三条 施行。\n第三百二十三条之外不是条文',
      '某某办法（征求意见稿）',
    );
    // The last line is a paragraph of 第三条: 第…条 must be followed by a space to start an article.
    expect(draft).toMatchObject({ title: '某某办法（征求意见稿）', format: 'text' });
    expect(draft.counts).toMatchObject({ chapters: 2, articles: 3 });
    const last = [...walkArticles(draft.nodes)][2]!;
    expect(last.paragraphs.map((p) => p.text)).toEqual(['施行。', '第三百二十三条之外不是条文']);
  });

  it('reads high article numbers (第一百二十三条) in sequence', () => {
    const draft = ok(syntheticCode({ title: '合成法典', articles: 130, chapters: 5 }));
    const arts = [...walkArticles(draft.nodes)];
    expect(arts.at(-1)).toMatchObject({ label: '第一百三十条', number: 130 });
    expect(arts[122]!.label).toBe('第一百二十三条');
  });

  it('keeps an article whose text starts on the next line', () => {
    const draft = ok('第一条\n\n为了测试。\n\n第二条 其他。', '标题');
    expect([...walkArticles(draft.nodes)][0]).toMatchObject({
      sep: '',
      paragraphs: [{ text: '为了测试。' }],
    });
  });
});

describe('malformed drafts are refused with the line concerned', () => {
  it('no articles', () => {
    const result = parseDraft('# 只有标题\n\n这里没有条文。\n');
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        message: expect.objectContaining({ en: expect.stringContaining('No articles') }),
      }),
    );
  });

  it('a duplicated article number', () => {
    const result = parseDraft('# 草案\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第三条 丁。');
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        line: 4,
        message: { zh: '第二条重复（第 3 行已有第二条）', en: '第二条 is duplicated (already on line 3)' },
      },
    ]);
  });

  it('a malformed article number is one problem, and the articles after it read on', () => {
    const result = parseDraft('# 草案\n第一条 甲。\n第二二条 乙。\n第三条 丙。\n第四条 丁。');
    expect(result.problems).toEqual([
      {
        line: 3,
        message: { zh: '条号「第二二条」不是有效的中文数字', en: '"第二二条" is not a valid number' },
      },
    ]);
  });

  it('a skipped article number', () => {
    const result = parseDraft('# 草案\n第一条 甲。\n第二条 乙。\n第四条 丁。\n第五条 戊。');
    expect(result.problems).toEqual([
      {
        line: 4,
        message: {
          zh: '条文编号不连续：第二条之后应为第三条，实为第四条',
          en: 'Article numbering is not continuous: after 第二条 expected 第三条, found 第四条',
        },
      },
    ]);
  });

  it('a skipped chapter, a 条之二 without 之一, an unknown heading and stray text', () => {
    const result = parseDraft(
      [
        '# 草案',
        '## 第一章 总则',
        '第一条 甲。',
        '## 第三章 附则',
        '第二条之二 乙。',
        '## 说明',
        '第二条 丙。',
      ].join('\n'),
    );
    expect(result.problems.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(result.problems[0]!.message.zh).toBe('编号跳跃：应为第二章，实为第三章');
  });

  it('items out of order', () => {
    const result = parseDraft('# 草案\n第一条 下列情形：\n（一）甲；\n（三）丙。');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.line).toBe(4);
  });

  it('an empty chapter', () => {
    const result = parseDraft('# 草案\n## 第一章 总则\n## 第二章 附则\n第一条 甲。');
    expect(result.problems).toEqual([
      { line: 2, message: { zh: '第一章下没有任何条文', en: '第一章 contains no articles' } },
    ]);
  });
});

describe('speed', () => {
  it('parses a 500-article code well under a second', () => {
    const source = syntheticCode({ title: '合成法典', articles: 500, chapters: 20, sectionsPerChapter: 3 });
    const started = performance.now();
    const result = parseDraft(source);
    const ms = performance.now() - started;
    expect(result.problems).toEqual([]);
    expect(result.draft.counts.articles).toBe(500);
    expect(ms).toBeLessThan(250);
  });
});
