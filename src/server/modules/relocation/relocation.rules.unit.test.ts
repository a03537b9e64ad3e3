import { describe, expect, it } from 'vitest';
import { daysBetween, isAccessible, rankRentals } from './relocation.rules.ts';
import { streetDate } from '../../platform/streetTime.ts';

const flat = (id: number, rent: number, distanceM: number, floor: number, hasLift = false) => ({
  id,
  rent,
  distanceM,
  floor,
  hasLift,
});

describe('rankRentals', () => {
  const flats = [
    flat(1, 3000, 400, 5),
    flat(2, 3200, 800, 2),
    flat(3, 5000, 300, 6, true),
    flat(4, 2800, 4000, 1),
  ];

  it('puts accessible flats first for an elderly household, then by budget and distance', () => {
    const ranked = rankRentals(flats, { budget: 3300, needsAccess: true });
    expect(ranked.map((r) => r.rental.id)).toEqual([2, 4, 3, 1]);
    expect(ranked.at(-1)!.reasons).toContain('无电梯且楼层较高');
    expect(ranked[0]!.withinBudget).toBe(true);
  });

  it('ranks by budget and distance when access does not matter', () => {
    const ranked = rankRentals(flats, { budget: 3300, needsAccess: false });
    expect(ranked[0]!.rental.id).toBe(1);
    expect(ranked.find((r) => r.rental.id === 3)!.withinBudget).toBe(false);
  });

  it('treats an unknown budget as fitting', () => {
    expect(rankRentals(flats, { budget: null, needsAccess: false }).every((r) => r.withinBudget)).toBe(true);
  });
});

describe('dates', () => {
  it('counts days and uses the Shanghai calendar', () => {
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(daysBetween('2026-03-15', '2026-03-01')).toBe(-14);
    expect(streetDate(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
    expect(isAccessible({ floor: 3, hasLift: false })).toBe(false);
  });
});
