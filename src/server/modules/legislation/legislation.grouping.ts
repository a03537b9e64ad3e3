/**
 * Near-duplicate opinions, for the consolidated report to say how many people stand behind one point.
 *
 * Residents say one point in many ways (签约前书面告知 / 签订协议之前以书面形式告诉), so opinions are
 * compared as concepts, not strings: jieba words (platform/chinese-text), compounds split into their
 * parts, synonyms of the consultation vocabulary mapped to one word, Chinese numerals read as numbers,
 * filler words dropped. Two opinions are one point when their concepts mostly coincide and nothing
 * sets them apart: a figure only one of them names (七日 vs 三日), opposite directions (延长 vs 缩短,
 * 增加 vs 删除) or another party or thing in the same place of the sentence (责任主体 vs 监督部门).
 * Groups are joined transitively (union-find), but never across two opinions that are set apart.
 */
import { searchWords, taggedWords } from '../../platform/chinese-text.ts';
import { chineseToNumber } from './legislation.parser.ts';

/** Words that carry no meaning for comparison: function words, filler, the vocabulary of every opinion. */
const STOP = new Set(
  (
    '的 了 和 与 及 或 在 对 将 把 被 由 为 是 就 也 都 而 并 等 其 之 中 上 下 应 应当 应该 要 需要 可以 ' +
    '建议 意见 希望 认为 本条 本款 条 款 项 这 那 此 该 一个 进行 有关 相关 我们 我 您 你 他们 大家 能 会 请 ' +
    '从 到 至 向 按 按照 以 给 让 先 再 太 很 非常 比较 这些 那些 怎么 如何 还 又 不然 否则 没有 有 ' +
    '了 吧 呢 啊 一下 一些 人士'
  ).split(' '),
);

/** Same meaning, different words: each word maps to its group's first word. */
const SYNONYM_GROUPS = [
  ['签约', '签订协议', '签协议', '签订', '签署'],
  ['前', '之前', '以前', '事先', '提前'],
  ['书面', '书面形式', '纸质'],
  ['告知', '告诉', '通知', '说明', '讲明'],
  ['修改', '修改为', '改为', '改成', '更改', '改', '调整为'],
  ['明确', '写清楚', '写明', '讲清楚', '说清楚', '明晰', '清楚'],
  ['费用', '钱', '资金', '经费', '开支'],
  ['措施', '办法', '举措', '方法'],
  ['期限', '时间', '时限', '期间', '日期', '期'],
  ['日', '天'],
  ['居民', '老百姓', '群众', '住户', '业主'],
  ['老年人', '老人', '长者', '高龄'],
  ['残疾人', '残障', '残障人士', '残疾'],
  ['群体', '人群'],
  ['听取', '听听', '征求', '听'],
  ['区分', '分别', '区别'],
  ['处罚', '罚款', '惩罚'],
  ['规定', '规范'],
  ['公示', '公开', '公告'],
];
const CANONICAL = new Map<string, string>();
for (const group of SYNONYM_GROUPS) for (const word of group) CANONICAL.set(word, group[0]!);

/** Opposite directions: one opinion with a word of one side, the other with the other side, differ. */
const OPPOSITES: Array<[string[], string[]]> = [
  [
    ['增加', '增设', '新增', '补充', '加上', '写入'],
    ['删除', '删去', '取消', '去掉', '废止'],
  ],
  [
    ['延长', '放宽', '推迟', '延后'],
    ['缩短', '压缩', '提前', '缩减'],
  ],
  [
    ['提高', '上调', '提升', '增加', '调高'],
    ['降低', '下调', '减少', '调低', '减'],
  ],
  [
    ['高', '高层', '高楼层'],
    ['低', '低层', '低楼层'],
  ],
  [
    ['减免', '免除', '免收', '少'],
    ['承担', '多', '加收'],
  ],
  [
    ['应当', '必须'],
    ['可以', '不得'],
  ],
];

const NUMERAL = '[零〇一二两三四五六七八九十百千万]';
/** A numeral that counts something: after 第 or 百分之, before a unit, or of two characters or more. */
const COUNTED = new RegExp(
  `百分之(${NUMERAL}+)|第(${NUMERAL}+)|(${NUMERAL}{2,})|(${NUMERAL})(?=[日天月年周倍层户元条款项章个%])`,
  'gu',
);

/** A numeral as digits; a run that is no number (二三, 一一) stays as written. */
function numeral(text: string): string {
  const n = chineseToNumber(text);
  return Number.isNaN(n) ? text : String(n);
}

/** Chinese numerals as digits (第二款 → 第2款, 百分之九十五 → 95%), so 七日 and 7天 meet. */
export function normaliseNumbers(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(COUNTED, (_all, percent?: string, ordinal?: string, long?: string, single?: string) => {
      if (percent) return `${numeral(percent)}%`;
      if (ordinal) return `第${numeral(ordinal)}`;
      return numeral((long ?? single)!);
    });
}

interface Concept {
  word: string;
  /** Names a party, thing or quality (noun, adjective, number): another one in its place is another point. */
  naming: boolean;
}

const NAMING = /^(n\w*|a|an|m|eng)$/;

/** The opinion's concepts in order: canonical words, compounds split into their known parts. */
function concepts(text: string): Concept[] {
  const out: Concept[] = [];
  const push = (word: string, tag: string, quoted: boolean) => {
    if (!quoted && STOP.has(word)) return;
    const canonical = CANONICAL.get(word) ?? word;
    out.push({ word: quoted ? `“${canonical}”` : canonical, naming: NAMING.test(tag) || quoted });
  };
  // Quoted words (“可以”改为“应当”) are the point itself, never filler.
  normaliseNumbers(text)
    .split(/([“"「『][^”"」』]*[”"」』])/u)
    .forEach((piece, i) => {
      const quoted = i % 2 === 1;
      for (const { word, tag } of taggedWords(piece)) {
        const parts = CANONICAL.has(word)
          ? []
          : searchWords(word).filter((p) => p !== word && [...p].length >= 2);
        if (!quoted && parts.length >= 2 && parts.join('').length >= word.length) {
          for (const part of parts) push(part, tag, false);
        } else push(word, tag, quoted);
      }
    });
  return out;
}

interface Profile {
  sequence: Concept[];
  words: Set<string>;
  numbers: Set<string>;
}

function profile(text: string): Profile {
  const sequence = concepts(text);
  return {
    sequence,
    words: new Set(sequence.map((c) => c.word)),
    numbers: new Set(normaliseNumbers(text).match(/\d+(?:\.\d+)?/g) ?? []),
  };
}

/** Each names a figure the other does not (7→30 日 vs 7→3 日); one naming fewer figures is no conflict. */
function figuresDiffer(a: Profile, b: Profile): boolean {
  const onlyA = [...a.numbers].some((n) => !b.numbers.has(n));
  const onlyB = [...b.numbers].some((n) => !a.numbers.has(n));
  return onlyA && onlyB;
}

function directionsOppose(a: Profile, b: Profile): boolean {
  const has = (p: Profile, side: string[]) => side.some((w) => p.words.has(w));
  return OPPOSITES.some(
    ([up, down]) =>
      (has(a, up) && !has(a, down) && has(b, down) && !has(b, up)) ||
      (has(a, down) && !has(a, up) && has(b, up) && !has(b, down)),
  );
}

/**
 * Another party or thing in the same place: aligning the two sentences on their common concepts
 * (longest common subsequence), a gap where each side names something the other never mentions.
 */
function substituted(a: Profile, b: Profile): boolean {
  const x = a.sequence;
  const y = b.sequence;
  const lcs = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      lcs[i]![j] =
        x[i]!.word === y[j]!.word ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const own = (c: Concept, other: Profile) => c.naming && !other.words.has(c.word);
  let gapA = false;
  let gapB = false;
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i]!.word === y[j]!.word) {
      if (gapA && gapB) return true;
      gapA = gapB = false;
      i++;
      j++;
    } else if (j >= y.length || (i < x.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      gapA ||= own(x[i]!, b);
      i++;
    } else {
      gapB ||= own(y[j]!, a);
      j++;
    }
  }
  return gapA && gapB;
}

/** How much the two opinions' concepts coincide, 0…1: the mean of Jaccard and overlap coefficients. */
function overlap(a: Profile, b: Profile): number {
  if (a.words.size === 0 || b.words.size === 0) return a.words.size === b.words.size ? 1 : 0;
  let shared = 0;
  for (const w of a.words) if (b.words.has(w)) shared++;
  const jaccard = shared / (a.words.size + b.words.size - shared);
  return (jaccard + shared / Math.min(a.words.size, b.words.size)) / 2;
}

function apart(a: Profile, b: Profile): boolean {
  return figuresDiffer(a, b) || directionsOppose(a, b) || substituted(a, b);
}

/** Threshold above which two opinions count as the same point (tuned on paraphrase and near-miss pairs). */
export const SIMILAR = 0.5;

/** How alike two opinions are, 0…1 (0 when something sets them apart). */
export function opinionSimilarity(a: string, b: string): number {
  const pa = profile(a);
  const pb = profile(b);
  return apart(pa, pb) ? 0 : overlap(pa, pb);
}

export function sameOpinion(a: string, b: string, threshold = SIMILAR): boolean {
  return opinionSimilarity(a, b) >= threshold;
}

/**
 * Groups opinions that make the same point, transitively, but never puts two opinions that are set
 * apart in one group. Returns groups of indexes into `texts`, each in input order, ordered by their
 * first member.
 */
export function groupNearDuplicates(texts: readonly string[], threshold = SIMILAR): number[][] {
  const profiles = texts.map(profile);
  const members = texts.map((_, i) => [i]);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [ri, rj] = [find(i), find(j)];
      if (ri === rj || overlap(profiles[i]!, profiles[j]!) < threshold) continue;
      const conflict = members[ri]!.some((m) => members[rj]!.some((n) => apart(profiles[m]!, profiles[n]!)));
      if (conflict) continue;
      const [root, child] = ri < rj ? [ri, rj] : [rj, ri];
      parent[child] = root;
      members[root]!.push(...members[child]!);
      members[child] = [];
    }
  }
  return members.filter((m) => m.length > 0).map((m) => m.sort((x, y) => x - y));
}
