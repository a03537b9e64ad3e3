import { describe, expect, it } from 'vitest';
import { groupNearDuplicates, jaccard, wordSet } from './legislation.grouping.ts';

describe('near-duplicate opinions', () => {
  it('compares content words, ignoring function words and punctuation', () => {
    const a = wordSet('建议增加签约前书面告知过渡安置方案的要求');
    expect(a.has('的')).toBe(false);
    expect(a.has('建议')).toBe(false);
    expect(a.has('安置')).toBe(true);
    expect(jaccard(a, a)).toBe(1);
  });

  it('groups paraphrases of one point and keeps different points apart', () => {
    const groups = groupNearDuplicates([
      '建议增加签约前书面告知过渡安置方案的要求',
      '建议将百分之九十五的比例提高到百分之九十八',
      '建议增加：签约前要书面告知过渡安置方案',
      '签约前应当书面告知过渡安置方案',
      '建议删除本条第二款',
    ]);
    expect(groups).toEqual([[0, 2, 3], [1], [4]]);
  });

  it('groups transitively', () => {
    expect(groupNearDuplicates(['甲 乙 丙 丁', '乙 丙 丁 戊', '丙 丁 戊 己'], 0.5)).toEqual([[0, 1, 2]]);
  });
});
