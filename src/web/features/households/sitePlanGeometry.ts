/**
 * Geometry of the site-plan editor, in site-plan units (the estate's width × height): snapping,
 * keeping points on the plan, rectangles that stay rectangles when a corner is dragged.
 */
export type Pt = [number, number];

export interface Plan {
  width: number;
  height: number;
}

/** Rounds to the grid when snapping, else to a whole unit; keeps the point on the plan. */
export function place([x, y]: Pt, plan: Plan, grid: number | null): Pt {
  const round = (v: number) => (grid ? Math.round(v / grid) * grid : Math.round(v));
  return [Math.min(Math.max(round(x), 0), plan.width), Math.min(Math.max(round(y), 0), plan.height)];
}

/** The four corners of the rectangle spanned by two opposite corners, clockwise from top left. */
export function rectangle(a: Pt, b: Pt): Pt[] {
  const [x0, x1] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [y0, y1] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** An axis-aligned rectangle (as drawn with the rectangle tool): four corners, sides level. */
export function isRectangle(outline: Pt[]): boolean {
  if (outline.length !== 4) return false;
  return outline.every((p, i) => {
    const q = outline[(i + 1) % 4]!;
    return (p[0] === q[0]) !== (p[1] === q[1]);
  });
}

/**
 * Moves corner `index` to `to`. A rectangle stays a rectangle (the opposite corner holds, the two
 * beside it follow); any other polygon moves just that corner.
 */
export function moveCorner(outline: Pt[], index: number, to: Pt): Pt[] {
  const rect = isRectangle(outline);
  const from = outline[index]!;
  return outline.map((p, i) => {
    if (i === index) return to;
    if (!rect || i === (index + 2) % 4) return p;
    // a neighbour shares x with the dragged corner (then follows its x) or y (then its y)
    return p[0] === from[0] ? [to[0], p[1]] : [p[0], to[1]];
  });
}

/** Shifts the whole outline, stopping at the plan's edges (its shape never changes). */
export function shift(outline: Pt[], dx: number, dy: number, plan: Plan): Pt[] {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const cx = Math.min(Math.max(dx, -Math.min(...xs)), plan.width - Math.max(...xs));
  const cy = Math.min(Math.max(dy, -Math.min(...ys)), plan.height - Math.max(...ys));
  return outline.map(([x, y]) => [x + cx, y + cy]);
}

/** Twice the area (shoelace); an outline needs some to be a building. */
export function area(outline: Pt[]): number {
  return Math.abs(
    outline.reduce((sum, [x, y], i) => {
      const [nx, ny] = outline[(i + 1) % outline.length]!;
      return sum + x * ny - nx * y;
    }, 0) / 2,
  );
}
