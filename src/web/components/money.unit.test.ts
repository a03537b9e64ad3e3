import { describe, expect, it } from 'vitest';
import { formatYuan } from './money.ts';

describe('formatYuan', () => {
  it('writes 元 after the amount in Chinese', () => {
    expect(formatYuan(1234, 'zh')).toBe('1,234 元');
    expect(formatYuan(0, 'zh')).toBe('0 元');
    expect(formatYuan(1234.5, 'zh', { cents: true })).toBe('1,234.50 元');
  });

  it('never shows 元 in English: the yuan sign leads', () => {
    expect(formatYuan(1234, 'en')).toBe('¥1,234');
    expect(formatYuan(85000.25, 'en')).toBe('¥85,000.25');
    expect(formatYuan(12, 'en', { cents: true })).toBe('¥12.00');
    expect(formatYuan(1234, 'en')).not.toMatch(/元/);
  });
});
