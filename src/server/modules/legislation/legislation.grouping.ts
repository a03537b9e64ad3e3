/**
 * Near-duplicate opinions: word sets from jieba, compared by Jaccard similarity, joined transitively
 * (union-find). Used by the consolidated report to say how many people stand behind one point.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
/** The dictionary takes ~0.1 s to load: once per process, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Words that carry no meaning for comparison: function words and the vocabulary of every opinion. */
const STOP = new Set(
  '的 了 和 与 及 或 在 对 将 把 被 由 为 是 就 也 都 而 并 等 其 之 中 上 下 应 应当 应该 可以 建议 意见 希望 认为 本 条 款 项 这 那 此 该 一个 进行 有关 相关 我们 我 您 你 他们 能 要 会 请'.split(
    ' ',
  ),
);

/** The opinion's distinct content words. */
export function wordSet(text: string): Set<string> {
  const words = segmenter().cut(text, false);
  return new Set(words.map((w) => w.trim()).filter((w) => w && !STOP.has(w) && /[\p{L}\p{N}]/u.test(w)));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Threshold above which two opinions count as the same point (tuned on paraphrases of one sentence). */
export const SIMILAR = 0.5;

/**
 * Groups texts whose word sets are at least `threshold` similar, transitively. Returns groups of
 * indexes into `texts`, each in input order, groups ordered by their first member.
 */
export function groupNearDuplicates(texts: readonly string[], threshold = SIMILAR): number[][] {
  const sets = texts.map(wordSet);
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      if (find(i) === find(j)) continue;
      if (jaccard(sets[i]!, sets[j]!) >= threshold)
        parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
    }
  }
  const groups = new Map<number, number[]>();
  texts.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].sort((a, b) => a[0]! - b[0]!);
}
