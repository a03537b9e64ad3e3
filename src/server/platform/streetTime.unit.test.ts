import { describe, expect, it } from 'vitest';
import { streetDate, streetDateTime, streetDateZh } from './streetTime.ts';

describe('street time', () => {
  it('prints Beijing time, also across midnight UTC+8', () => {
    expect(streetDateTime('2026-12-07T12:24:00Z')).toBe('2026-12-07 20:24');
    expect(streetDate('2026-12-07T16:30:00Z')).toBe('2026-12-08');
    expect(streetDateZh(new Date('2026-12-31T17:00:00Z'))).toBe('2027年1月1日');
  });
});
