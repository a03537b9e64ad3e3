import { seededRandom, UNSEEN, type VoteMatrix } from './opinion.analysis.ts';

/**
 * Synthetic ballots from planted opinion groups, for the analysis test, the benchmark and the demo:
 * every group has a position (+1 / -1) on every statement; the planted consensus statements have +1
 * in every group. Each participant follows their group's position with some noise (a flipped vote,
 * a pass, a statement not seen). Deterministic for a seed.
 */
export interface PlantedOptions {
  groups: number;
  participants: number;
  statements: number;
  /** Indexes of statements every group agrees with. */
  consensus: number[];
  seed: number;
  /** Chance a vote goes against the group's position. */
  flip?: number;
  pass?: number;
  unseen?: number;
  /** Relative group sizes (default equal). */
  weights?: number[];
  /** Each group's position on each statement (+1 / -1); drawn at random when not given. */
  positions?: number[][];
}

export interface Planted {
  matrix: VoteMatrix;
  /** The planted group (0-based) of each participant row. */
  groupOf: number[];
  positions: number[][];
}

export function plantedPositions(o: PlantedOptions): number[][] {
  const rnd = seededRandom(o.seed ^ 0x5eed);
  const consensus = new Set(o.consensus);
  const positions = Array.from({ length: o.groups }, () => new Array<number>(o.statements).fill(0));
  for (let s = 0; s < o.statements; s++) {
    if (consensus.has(s)) {
      for (const g of positions) g[s] = 1;
      continue;
    }
    // every other statement splits the groups: at least one disagrees
    const against = Math.floor(rnd() * o.groups);
    for (let g = 0; g < o.groups; g++) positions[g]![s] = g === against || rnd() < 0.4 ? -1 : 1;
    if (positions.every((p) => p[s] === -1)) positions[(against + 1) % o.groups]![s] = 1;
  }
  return positions;
}

export function plantedBallots(o: PlantedOptions): Planted {
  const rnd = seededRandom(o.seed);
  const positions = o.positions ?? plantedPositions(o);
  const flip = o.flip ?? 0.1;
  const pass = o.pass ?? 0.05;
  const unseen = o.unseen ?? 0.2;
  const weights = o.weights ?? new Array<number>(o.groups).fill(1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const votes = new Int8Array(o.participants * o.statements);
  const groupOf: number[] = [];
  for (let p = 0; p < o.participants; p++) {
    let pick = rnd() * totalWeight;
    let g = 0;
    while (g < o.groups - 1 && pick >= weights[g]!) pick -= weights[g++]!;
    groupOf.push(g);
    for (let s = 0; s < o.statements; s++) {
      const r = rnd();
      const cell = p * o.statements + s;
      if (r < unseen) votes[cell] = UNSEEN;
      else if (r < unseen + pass) votes[cell] = 0;
      else if (r < unseen + pass + flip) votes[cell] = -positions[g]![s]!;
      else votes[cell] = positions[g]![s]!;
    }
  }
  const statementIds = Array.from({ length: o.statements }, (_, s) => s + 1);
  return { matrix: { statementIds, participants: o.participants, votes }, groupOf, positions };
}
