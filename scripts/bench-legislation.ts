/**
 * Parser benchmark: generates a 500-article synthetic code (20 chapters × 3 sections, paragraphs and
 * items) and times `parseDraft` on it. Run: `node scripts/bench-legislation.ts [articles]`.
 */
import { parseDraft } from '../src/server/modules/legislation/legislation.parser.ts';
import { syntheticCode } from '../src/server/modules/legislation/legislation.synthetic.ts';

const articles = Number(process.argv[2] ?? 500);
const source = syntheticCode({
  title: '合成法典（基准测试）',
  articles,
  chapters: 20,
  sectionsPerChapter: 3,
});
const lines = source.split('\n').length;

// The first parse in a fresh process (what one import costs), then warm runs.
const firstStarted = performance.now();
parseDraft(source);
const first = performance.now() - firstStarted;
for (let i = 0; i < 5; i++) parseDraft(source);
const runs = 50;
const times: number[] = [];
let result = parseDraft(source);
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  result = parseDraft(source);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);

console.log(
  `draft: ${articles} articles, ${result.draft.counts.chapters} chapters, ${result.draft.counts.sections} sections, ${lines} lines, ${(Buffer.byteLength(source) / 1024).toFixed(0)} KiB`,
);
console.log(`problems: ${result.problems.length}`);
console.log(
  `parse: median ${times[Math.floor(runs / 2)]!.toFixed(2)} ms, p90 ${times[Math.floor(runs * 0.9)]!.toFixed(2)} ms, ` +
    `min ${times[0]!.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms over ${runs} runs; first parse in a fresh process ${first.toFixed(2)} ms`,
);
