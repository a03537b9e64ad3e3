import { describe, expect, it, vi } from 'vitest';
import { streetDay, streetTimeToIso } from './streetClock.ts';
import { streetFormatter } from './format.ts';

describe('the street clock (Beijing time) in the browser', () => {
  it('reads a typed meeting time as Beijing time, whatever the device zone', () => {
    expect(streetTimeToIso('2026-12-05T14:30')).toBe('2026-12-05T06:30:00.000Z');
    expect(streetTimeToIso('2026-12-05T00:15')).toBe('2026-12-04T16:15:00.000Z');
  });

  it('counts calendar days in Beijing: 20:00 UTC is already tomorrow there', () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T20:00:00Z') });
    try {
      expect(streetDay()).toBe('2026-12-05');
      expect(streetDay(7)).toBe('2026-12-12');
      expect(streetDay(-5)).toBe('2026-11-30');
    } finally {
      vi.useRealTimers();
    }
  });

  it('formats dates day-first in English, never in US order, and year-first in Chinese', () => {
    const at = new Date('2026-03-05T06:07:00Z'); // 14:07 in Beijing
    expect(streetFormatter('en', 'dateTime').format(at)).toBe('05/03/2026, 14:07');
    expect(streetFormatter('en', 'date').format(at)).toBe('05/03/2026');
    expect(streetFormatter('zh', 'dateTime').format(at)).toBe('2026/03/05 14:07');
  });
});
