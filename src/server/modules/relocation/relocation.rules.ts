/**
 * Pure rules of relocation support: which flats suit a household (为你找房 matching), and whether a
 * household's moving date is close enough to worry about.
 */

export interface RentalForMatch {
  id: number;
  rent: number;
  distanceM: number;
  floor: number;
  hasLift: boolean;
}

export interface HouseholdForMatch {
  /** Monthly rent the household can pay; null when not yet known. */
  budget: number | null;
  /** Elderly living alone, very old or disabled: prefers a lift or a floor no higher than 2. */
  needsAccess: boolean;
}

export interface RankedRental<R extends RentalForMatch> {
  rental: R;
  score: number;
  withinBudget: boolean;
  accessible: boolean;
  reasons: string[];
}

/** A flat an elderly or disabled person can reach: with a lift, or on the ground, first or second floor. */
export const isAccessible = (r: Pick<RentalForMatch, 'floor' | 'hasLift'>): boolean =>
  r.hasLift || r.floor <= 2;

/**
 * Scores each flat out of 100 — budget 40, distance 30, accessibility 30 — and sorts best first
 * (ties: cheaper, then nearer, then lower id). Over budget loses points in proportion to the excess;
 * a flat beyond 5 km scores nothing for distance; for a household that needs access, a flat without a
 * lift above the 2nd floor scores nothing for accessibility and sorts after every accessible one.
 */
export function rankRentals<R extends RentalForMatch>(
  rentals: readonly R[],
  household: HouseholdForMatch,
): Array<RankedRental<R>> {
  const ranked = rentals.map((rental) => {
    const reasons: string[] = [];
    const withinBudget = household.budget === null || rental.rent <= household.budget;
    let budgetScore = 40;
    if (household.budget !== null && household.budget > 0) {
      if (withinBudget) reasons.push('在预算内');
      else {
        const excess = (rental.rent - household.budget) / household.budget;
        budgetScore = Math.max(0, 40 * (1 - excess * 2));
        reasons.push('超出预算');
      }
    }
    const distanceScore = Math.max(0, 30 * (1 - rental.distanceM / 5000));
    if (rental.distanceM <= 1000) reasons.push('离小区近');
    const accessible = isAccessible(rental);
    let accessScore = 30;
    if (household.needsAccess) {
      if (accessible) reasons.push(rental.hasLift ? '有电梯' : '低楼层');
      else {
        accessScore = 0;
        reasons.push('无电梯且楼层较高');
      }
    }
    const score = Math.round((budgetScore + distanceScore + accessScore) * 10) / 10;
    return { rental, score, withinBudget, accessible, reasons };
  });
  return ranked.sort(
    (a, b) =>
      Number(household.needsAccess && !a.accessible) - Number(household.needsAccess && !b.accessible) ||
      b.score - a.score ||
      a.rental.rent - b.rental.rent ||
      a.rental.distanceM - b.rental.distanceM ||
      a.rental.id - b.rental.id,
  );
}

/** Whole days from `today` to `date` (both 'YYYY-MM-DD'); negative when the date has passed. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
