import { describe, expect, it } from 'vitest';
import {
  clusterTexts,
  queryGroups,
  searchWords,
  textSimilarity,
  toSearchText,
  toTsQueries,
} from './chinese-text.ts';

describe('Chinese text', () => {
  it('segments in search mode, so a long word also yields the words inside it', () => {
    const words = searchWords('建议在花坛边安装充电桩');
    expect(words).toEqual(expect.arrayContaining(['花坛', '安装', '充电', '充电桩']));
    expect(words).not.toContain('在'); // stopword
    expect(toSearchText('电动车，充电！')).toBe('电动 动车 电动车 充电');
  });

  it('turns a query into groups of alternatives, with synonyms', () => {
    expect(queryGroups('充电桩')).toEqual([
      { lexemes: ['充电桩', '充电'], required: true, whole: { lexemes: ['充电桩'], parts: ['充电'] } },
    ]);
    const groups = queryGroups('老人吃饭');
    expect(groups[1]!.lexemes).toEqual(expect.arrayContaining(['吃饭', '助餐', '饭堂']));
    // A negated verb lifts the rank but is not required.
    expect(queryGroups('路灯不亮')).toMatchObject([
      { lexemes: expect.arrayContaining(['路灯', '照明']), required: true },
      { lexemes: ['不亮'], required: false },
    ]);
  });

  it('lets only the noun of a compound stand for it: 加装电梯 is not found through 加装', () => {
    const [lift] = queryGroups('加装电梯');
    expect(lift!.lexemes).toEqual(expect.arrayContaining(['加装电梯', '电梯']));
    expect(lift!.lexemes).not.toContain('加装');
    expect(lift!.whole).toEqual({ lexemes: ['加装电梯', '电梯'], parts: ['加装', '电梯'] });
    expect(queryGroups('幸福饭堂')[0]!.lexemes).not.toContain('幸福');
    expect(toTsQueries('加装电梯')?.whole).toBe("('加装电梯' | '电梯' | ('加装' & '电梯'))");
  });

  it('writes tsquery text with every lexeme quoted', () => {
    expect(toTsQueries('充电桩')).toEqual({
      all: "('充电桩' | '充电')",
      any: "('充电桩' | '充电')",
      two: "('充电桩' | '充电')",
      whole: "'充电桩'",
    });
    expect(toTsQueries("它's")?.all).toBe("'s'");
    expect(toTsQueries('，。！')).toBeNull();
  });

  it('scores similar texts above unrelated ones', () => {
    const a = '电动车充电难，建议安装充电桩';
    expect(textSimilarity(a, '小区电瓶车没有地方充电，希望建充电桩')).toBeGreaterThan(0.3);
    expect(textSimilarity(a, '加装电梯方便老人上下楼')).toBeLessThan(0.05);
  });

  it('clusters texts by content', () => {
    const texts = [
      '电动车充电桩太少',
      '加装电梯方便老人',
      '希望多装几个充电桩给电动车充电',
      '老楼加装电梯的协调',
      '电动车飞线充电危险，要建充电桩',
    ];
    const clusters = clusterTexts(texts, (t) => t);
    expect(clusters[0]!.items).toHaveLength(3);
    expect(clusters[0]!.label.join(' ')).toContain('充电');
    expect(clusters[1]!.items).toHaveLength(2);
  });
});
