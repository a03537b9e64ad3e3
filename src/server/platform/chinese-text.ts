/**
 * Chinese text for search and similarity, shared by modules (suggestions, legislation).
 *
 * Words come from jieba (@node-rs/jieba) in search mode, so a long word also yields the shorter
 * words inside it (充电桩 → 充电, 充电桩). The database gets them as space-separated text for
 * `to_tsvector('simple', …)`: the 'simple' configuration keeps each word as one lexeme on PGlite and
 * PostgreSQL alike, with no Chinese parser extension. Queries are segmented the same way and
 * written as a tsquery of quoted lexemes for `to_tsquery('simple', …)`.
 */
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

/** Words of neighbourhood renewal the stock dictionary splits apart or misses. */
const DOMAIN_WORDS = [
  '充电桩',
  '充电棚',
  '电瓶车',
  '电单车',
  '非机动车',
  '幸福饭堂',
  '助餐点',
  '老年助餐',
  '长者食堂',
  '加装电梯',
  '适老化',
  '一户一档',
  '成套改造',
  '旧改',
  '晾衣架',
  '晾衣杆',
  '停车位',
  '垃圾分类',
  '垃圾箱房',
  '楼道灯',
  '口袋公园',
  '健身步道',
  '雨污分流',
  '无障碍',
  '睦邻点',
  '居委会',
  '业委会',
  '微更新',
  '堆物',
  '飞线充电',
  '高空抛物',
  '监控探头',
  '门禁',
  '快递柜',
  '菜市场',
  '扶手',
  '路灯',
  '防诈骗',
];

/** Words too common to help find anything; kept out of indexes and queries. */
const STOPWORDS = new Set(
  (
    '的 了 和 与 及 或 在 是 我 我们 你 你们 他 她 它 他们 有 也 就 都 而 并 及其 这 那 这个 那个 这些 那些 ' +
    '一个 一些 一下 一点 能 能否 可以 可否 是否 希望 建议 请 请求 关于 对于 对 把 被 让 给 从 向 到 为 为了 ' +
    '因为 所以 但是 但 如果 还 还是 又 很 非常 比较 更 最 已经 没有 不 要 会 将 等 等等 目前 现在 进行 相关 ' +
    '问题 情况 方面 一直 经常 时候 之后 以后 以前 之前 上 下 中 里 个 些 啊 吧 呢 吗 ' +
    // In a neighbourhood's texts these are everywhere, so they tell nothing apart.
    '小区 居民'
  ).split(' '),
);

/**
 * Same meaning, different words (residents write 电瓶车, staff write 电动车). Used on the query side
 * only, so the index stays as written.
 */
const SYNONYM_GROUPS = [
  ['电动车', '电瓶车', '电单车', '电动自行车'],
  ['老人', '老年人', '长者', '老年', '高龄'],
  ['吃饭', '用餐', '助餐', '饭堂', '食堂'],
  ['停车', '泊车', '车位', '停车位'],
  ['路灯', '照明', '楼道灯'],
  ['晾衣', '晾晒', '晾衣架', '晾衣杆'],
  ['垃圾', '垃圾分类', '垃圾箱房'],
  ['电梯', '加装电梯'],
  ['漏水', '渗水', '渗漏'],
  ['噪音', '噪声', '扰民'],
  ['堆物', '杂物', '堆放'],
  ['诈骗', '骗局', '被骗'],
];
const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS) for (const word of group) SYNONYMS.set(word, group);

let jiebaInstance: Jieba | null = null;
/** Loaded on first use (~0.2 s), once per process. */
function jieba(): Jieba {
  if (!jiebaInstance) {
    const instance = Jieba.withDict(dict);
    // High counts, so 路灯不亮 reads 路灯/不亮 rather than 路/灯不亮.
    instance.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 50000 n`).join('\n'), 'utf8'));
    jiebaInstance = instance;
  }
  return jiebaInstance;
}

let tfIdf: TfIdf | null = null;
const idfCache = new Map<string, number>();
const UNKNOWN_IDF = 11.95; // the stock table's median, which jieba also uses for unknown words
/** IDF from jieba's stock table (loaded natively, once); looked up word by word and cached. */
function idfOf(word: string): number {
  let value = idfCache.get(word);
  if (value === undefined) {
    tfIdf ??= TfIdf.withDict(idf);
    const [top] = tfIdf.extractKeywords(jieba(), word, 1);
    value = top?.keyword === word ? top.weight : UNKNOWN_IDF;
    if (idfCache.size < 200_000) idfCache.set(word, value);
  }
  return value;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
/** Letters and digits only, lower case; punctuation and spaces are not words. */
function clean(word: string): string | null {
  const w = word.trim().toLowerCase();
  if (!w || !WORDLIKE.test(w)) return null;
  const stripped = w.replace(/[^\p{L}\p{N}]/gu, '');
  return stripped || null;
}

function isUseful(word: string): boolean {
  return !STOPWORDS.has(word);
}

/** Words in precise mode (one segmentation), stopwords removed. */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba().cut(text, true)) {
    const w = clean(raw);
    if (w && isUseful(w)) out.push(w);
  }
  return out;
}

/** Words in search mode: every word plus the dictionary words inside it (充电桩 → 充电, 充电桩). */
export function searchWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of jieba().cutForSearch(text, true)) {
    const w = clean(raw);
    if (w && isUseful(w)) out.push(w);
  }
  return out;
}

/** Text for `to_tsvector('simple', $1)`: search-mode words separated by spaces. */
export function toSearchText(text: string): string {
  return searchWords(text).join(' ');
}

const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

/**
 * Parts of speech that qualify rather than name the matter (不亮, 难, 怎么办, 很): a query word of these
 * kinds raises the rank of texts containing it but is not required to match.
 */
const OPTIONAL_TAGS = /^(a|ad|an|d|l|r|u|p|c|y|e|o|f|q|m|t|z|uj|ul|zg)$/;

export interface QueryGroup {
  /** The lexemes that may stand for one query word: itself, its parts, its synonyms. */
  lexemes: string[];
  required: boolean;
  /**
   * The word as a whole: itself or one of its own synonyms, or else all of its parts together
   * (加装电梯, or 加装 and 电梯). Texts that say the word this way rank first.
   */
  whole: { lexemes: string[]; parts: string[] };
}

/** Nouns (电梯, 饭堂, 垃圾, 诈骗…) name a matter; a verb or adjective part (加装, 幸福) only says what about it. */
const NOUNISH = /^(n\w*|vn|an|x)$/;

/**
 * The parts of a compound query word that may stand for it alone. When the word has a noun part,
 * only noun parts may: 加装电梯 is found through 电梯 but not through 加装 alone (加装除臭设备 is no
 * answer to it); 充电桩 has no noun part of two characters, so 充电 still stands for it.
 */
function standaloneParts(parts: string[]): string[] {
  const tagged = parts.map((part) => ({
    part,
    noun: jieba()
      .tag(part, true)
      .every((t) => NOUNISH.test(t.tag)),
  }));
  return tagged.some((t) => t.noun) ? tagged.filter((t) => t.noun).map((t) => t.part) : parts;
}

/** Per query word, the lexemes that may stand for it, and whether a match must contain one. */
export function queryGroups(text: string): QueryGroup[] {
  const words: Array<{ word: string; tag: string }> = [];
  for (const { word: raw, tag } of jieba().tag(text, true)) {
    const word = clean(raw);
    if (word && isUseful(word)) words.push({ word, tag });
  }
  const multiChar = words.filter((w) => [...w.word].length > 1);
  // A single character (难, 修) says little alone; use single characters only if nothing else is left.
  const chosen = multiChar.length > 0 ? multiChar : words;
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  for (const { word, tag } of chosen) {
    if (seen.has(word)) continue;
    const own = new Set<string>([word, ...(SYNONYMS.get(word) ?? [])]);
    const parts = searchWords(word).filter((part) => part !== word && [...part].length >= 2);
    const lexemes = new Set<string>(own);
    for (const part of standaloneParts(parts)) {
      lexemes.add(part);
      // 幸福饭堂 → 饭堂 → 食堂, 助餐…: synonyms of the parts too.
      for (const synonym of SYNONYMS.get(part) ?? []) lexemes.add(synonym);
    }
    // 噪音扰民: 扰民 is already among 噪音's synonyms, so it adds nothing.
    if ([...lexemes].every((l) => seen.has(l))) continue;
    for (const l of lexemes) seen.add(l);
    // 不亮, 没修: a negated verb describes the matter rather than naming it.
    groups.push({
      lexemes: [...lexemes],
      required: !OPTIONAL_TAGS.test(tag) && !/^[不没]/.test(word),
      whole: { lexemes: [...own], parts },
    });
  }
  if (groups.length > 0 && !groups.some((g) => g.required)) for (const g of groups) g.required = true;
  return groups;
}

export interface TsQueries {
  /** Every required query word must match (through one of its alternatives). */
  all: string;
  /** At least two of the words must match (any one, when there is only one): for "similar" lookups. */
  two: string;
  /** Any query word may match: for ranking, for a fallback when `all` finds nothing, for similarity. */
  any: string;
  /** Every required word said as a whole (itself, its synonyms, or all its parts): ranked first. */
  whole: string;
}

/** tsquery text for `to_tsquery('simple', $1)`, or null when the text has no searchable word. */
export function toTsQueries(text: string): TsQueries | null {
  const groups = queryGroups(text);
  if (groups.length === 0) return null;
  const part = (g: QueryGroup) =>
    g.lexemes.length === 1 ? quote(g.lexemes[0]!) : `(${g.lexemes.map(quote).join(' | ')})`;
  return {
    all: groups
      .filter((g) => g.required)
      .map(part)
      .join(' & '),
    any: groups.map(part).join(' | '),
    whole: groups
      .filter((g) => g.required)
      .map((g) => {
        const alternatives = g.whole.lexemes.map(quote);
        if (g.whole.parts.length > 1) alternatives.push(`(${g.whole.parts.map(quote).join(' & ')})`);
        return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' | ')})`;
      })
      .join(' & '),
    two:
      groups.length < 2
        ? groups.map(part).join(' | ')
        : groups.flatMap((a, i) => groups.slice(i + 1).map((b) => `(${part(a)} & ${part(b)})`)).join(' | '),
  };
}

/** A weighted bag of words (TF × IDF) for comparing texts. */
export type TermVector = Map<string, number>;

export function termVector(text: string): TermVector {
  const tf = new Map<string, number>();
  for (const w of searchWords(text)) {
    if ([...w].length < 2 && !/^\p{N}+$/u.test(w)) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  const vector: TermVector = new Map();
  const add = (w: string, x: number) => vector.set(w, (vector.get(w) ?? 0) + x);
  for (const [w, n] of tf) {
    const weight = (1 + Math.log(n)) * idfOf(w);
    add(w, weight);
    // 饭堂, 食堂 and 助餐 are one concept: they also meet on the group's first word.
    const group = SYNONYMS.get(w);
    if (group && group[0] !== w) add(group[0]!, weight);
  }
  return vector;
}

/** Cosine similarity of two term vectors, 0…1. */
export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** How alike two texts are, 0…1. */
export function textSimilarity(a: string, b: string): number {
  return cosine(termVector(a), termVector(b));
}

/** The highest-weighted words of a text (for "similar" queries and cluster labels). */
export function keywords(text: string, n = 8): string[] {
  return topTerms(termVector(text), n);
}

/** The heaviest words, skipping parts of words already chosen (充电桩 makes 充电 redundant). */
function topTerms(vector: TermVector, n: number): string[] {
  const sorted = [...vector.entries()]
    .sort((x, y) => y[1] - x[1] || y[0].length - x[0].length)
    .map(([w]) => w);
  const chosen: string[] = [];
  for (const w of sorted) {
    if (chosen.length >= n) break;
    if (chosen.some((c) => c.includes(w) || w.includes(c))) continue;
    chosen.push(w);
  }
  return chosen;
}

export interface Cluster<T> {
  /** The words that characterise the cluster, most characteristic first. */
  label: string[];
  items: T[];
}

/**
 * Groups texts of similar content (single pass, each text joins the closest cluster centroid above
 * `threshold`, else starts its own). Good enough for a topic's few hundred suggestions; largest first.
 */
export function clusterTexts<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  threshold = 0.2,
): Array<Cluster<T>> {
  const clusters: Array<{ centroid: TermVector; items: T[] }> = [];
  for (const item of items) {
    const v = termVector(textOf(item));
    let best: { cluster: (typeof clusters)[number]; score: number } | null = null;
    for (const cluster of clusters) {
      const score = cosine(v, cluster.centroid);
      if (score >= threshold && (!best || score > best.score)) best = { cluster, score };
    }
    if (best) {
      best.cluster.items.push(item);
      for (const [w, x] of v) best.cluster.centroid.set(w, (best.cluster.centroid.get(w) ?? 0) + x);
    } else {
      clusters.push({ centroid: new Map(v), items: [item] });
    }
  }
  return clusters
    .sort((a, b) => b.items.length - a.items.length)
    .map((c) => ({ label: topTerms(c.centroid, 4), items: c.items }));
}

export interface TaggedWord {
  word: string;
  /** jieba's part of speech: n… nouns, v… verbs, a… adjectives, m numbers. */
  tag: string;
}

/** Words in precise mode with their parts of speech, letters and digits only; stopwords kept. */
export function taggedWords(text: string): TaggedWord[] {
  const out: TaggedWord[] = [];
  for (const { word: raw, tag } of jieba().tag(text, true)) {
    const word = clean(raw);
    if (word) out.push({ word, tag });
  }
  return out;
}
