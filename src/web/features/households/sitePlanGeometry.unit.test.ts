import { describe, expect, it } from 'vitest';
import { area, isRectangle, moveCorner, place, rectangle, shift, type Pt } from './sitePlanGeometry.ts';

const plan = { width: 1000, height: 700 };

describe('site-plan geometry', () => {
  it('snaps to the grid and keeps points on the plan', () => {
    expect(place([123.4, 67.9], plan, 10)).toEqual([120, 70]);
    expect(place([123.4, 67.9], plan, null)).toEqual([123, 68]);
    expect(place([-20, 900], plan, 10)).toEqual([0, 700]);
  });

  it('keeps a rectangle a rectangle when a corner is dragged', () => {
    const r = rectangle([100, 100], [200, 150]);
    expect(isRectangle(r)).toBe(true);
    const moved = moveCorner(r, 2, [260, 190]);
    expect(moved).toEqual([
      [100, 100],
      [260, 100],
      [260, 190],
      [100, 190],
    ]);
    expect(isRectangle(moved)).toBe(true);
  });

  it('moves only the dragged corner of a polygon, and shifts outlines without leaving the plan', () => {
    const tri: Pt[] = [
      [0, 0],
      [50, 10],
      [20, 40],
    ];
    expect(moveCorner(tri, 1, [60, 0])).toEqual([
      [0, 0],
      [60, 0],
      [20, 40],
    ]);
    expect(shift(tri, -30, 5, plan)).toEqual([
      [0, 5],
      [50, 15],
      [20, 45],
    ]);
    expect(area(tri)).toBe(900);
  });
});
