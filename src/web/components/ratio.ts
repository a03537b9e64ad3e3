/**
 * Ratios as the pages print them. A ratio with nothing to count (0 households eligible, a building
 * with no flats) has no value: it prints "—", never "0.0%" with "0 / 0".
 */

/** A rate (a fraction 0..1, as the server sends it, null when there is no denominator): 75.0%. */
export function pct(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Whether "n / total" is worth printing beside a rate: not when there is nothing to count. */
export function hasDenominator(total: number | null | undefined): total is number {
  return typeof total === 'number' && total > 0;
}

/** A rate for a bar or gauge (0–100), 0 when there is no ratio (the text beside it says "—"). */
export function barPercent(rate: number | null | undefined): number {
  return rate === null || rate === undefined ? 0 : Math.round(rate * 1000) / 10;
}
