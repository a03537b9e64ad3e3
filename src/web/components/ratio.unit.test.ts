import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../contract/dashboard.ts';
import { barPercent, hasDenominator, pct } from './ratio.ts';

describe('ratios with nothing to count', () => {
  it('print "—", not 0.0%, and hide "0 / 0"', () => {
    expect(pct(null)).toBe('—');
    expect(pct(undefined)).toBe('—');
    expect(pct(0)).toBe('0.0%');
    expect(pct(0.75)).toBe('75.0%');
    expect(pct(2 / 3, 0)).toBe('67%');
    expect(hasDenominator(0)).toBe(false);
    expect(hasDenominator(null)).toBe(false);
    expect(hasDenominator(4)).toBe(true);
    expect(barPercent(null)).toBe(0);
    expect(barPercent(0.755)).toBe(75.5);
    expect(formatFigure({ kind: 'rate', value: null })).toBe('—');
  });
});
