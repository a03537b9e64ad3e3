import { describe, expect, it } from 'vitest';
import { analyse, analyseRows, UNSEEN, type AnalysisResult } from './opinion.analysis.ts';
import { plantedBallots, type PlantedOptions } from './opinion.synthetic.ts';

/** Share of participants whose found group is the one most of their planted group landed in. */
function recovered(result: AnalysisResult, groupOf: number[], found: number[]): number {
  const planted = new Set(groupOf);
  let right = 0;
  const majority = new Set<number>();
  for (const g of planted) {
    const landed = new Map<number, number>();
    groupOf.forEach((p, i) => p === g && landed.set(found[i]!, (landed.get(found[i]!) ?? 0) + 1));
    const [label, count] = [...landed].sort((a, b) => b[1] - a[1])[0]!;
    majority.add(label);
    right += count;
  }
  // each planted group landed mostly in a group of its own
  expect(majority.size).toBe(planted.size);
  expect(majority.has(0)).toBe(false);
  // every planted group must have its own found group
  expect(result.groups.length).toBe(planted.size);
  return right / groupOf.length;
}

function labelsOf(options: PlantedOptions): { result: AnalysisResult; groupOf: number[]; found: number[] } {
  const { matrix, groupOf } = plantedBallots(options);
  const { result, groupOfRow } = analyseRows(matrix, { seed: options.seed });
  return { result, groupOf, found: groupOfRow };
}

describe('opinion analysis', () => {
  it('recovers three planted groups and names exactly the planted consensus statements', () => {
    const consensus = [0, 4, 9, 17];
    const options = { groups: 3, participants: 240, statements: 24, consensus, seed: 42, weights: [5, 3, 2] };
    const { result, groupOf, found } = labelsOf(options);
    expect(recovered(result, groupOf, found)).toBeGreaterThanOrEqual(0.9);
    expect(result.groups.map((g) => g.size).reduce((a, b) => a + b, 0)).toBe(result.clustered);
    expect([...result.consensus].sort((a, b) => a - b)).toEqual(consensus.map((s) => s + 1));
    expect(result.divisive.length).toBeGreaterThan(0);
    expect(result.divisive.some((id) => result.consensus.includes(id))).toBe(false);
    for (const g of result.groups) expect(g.representative.length).toBeGreaterThan(0);
  });

  it('recovers two planted groups under heavier noise', () => {
    const consensus = [2, 6];
    const options = {
      groups: 2,
      participants: 150,
      statements: 16,
      consensus,
      seed: 7,
      flip: 0.15,
      unseen: 0.3,
    };
    const { result, groupOf, found } = labelsOf(options);
    expect(recovered(result, groupOf, found)).toBeGreaterThanOrEqual(0.9);
    expect([...result.consensus].sort((a, b) => a - b)).toEqual(consensus.map((s) => s + 1));
  });

  it('counts participants with too few votes but leaves them out of the groups', () => {
    const { matrix } = plantedBallots({
      groups: 2,
      participants: 60,
      statements: 12,
      consensus: [0],
      seed: 3,
      unseen: 0,
    });
    const n = matrix.statementIds.length;
    // ten participants voted on three statements only
    for (let p = 0; p < 10; p++) for (let s = 3; s < n; s++) matrix.votes[p * n + s] = UNSEEN;
    const result = analyse(matrix);
    expect(result.participants).toBe(60);
    expect(result.clustered).toBe(50);
    expect(result.points).toHaveLength(50);
    expect(result.groups.reduce((a, g) => a + g.size, 0)).toBe(50);
  });

  it('gives no groups when too few people voted enough, and no ids in the points', () => {
    const { matrix } = plantedBallots({
      groups: 2,
      participants: 3,
      statements: 10,
      consensus: [],
      seed: 1,
      unseen: 0,
    });
    const result = analyse(matrix);
    expect(result).toMatchObject({
      participants: 3,
      clustered: 0,
      groups: [],
      consensus: [],
      divisive: [],
      points: [],
    });
    const many = analyse(
      plantedBallots({ groups: 2, participants: 30, statements: 10, consensus: [], seed: 1 }).matrix,
    );
    expect(Object.keys(many.points[0]!).sort()).toEqual(['groupId', 'x', 'y']);
  });

  it('gives the same map for the same votes', () => {
    const { matrix } = plantedBallots({
      groups: 3,
      participants: 120,
      statements: 20,
      consensus: [1],
      seed: 11,
    });
    expect(analyse(matrix)).toEqual(analyse(matrix));
  });
});
