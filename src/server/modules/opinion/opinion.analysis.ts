import { kmeans } from 'ml-kmeans';
import { PCA } from 'ml-pca';

/**
 * The opinion map's analysis (Polis-style), a pure function of the vote matrix so it can run in a
 * worker thread and be tested without a database:
 * participants × statements → PCA (ml-pca) to two dimensions → k-means (ml-kmeans) for k = 2…5,
 * the k with the best silhouette → per-group agreement, consensus, division, representative
 * statements. Participants with too few votes are counted but not clustered.
 */

/** A cell of the vote matrix that the participant has not voted on. */
export const UNSEEN = 127;
export const MIN_VOTES_TO_CLUSTER = 7;
export const MIN_GROUP_SIZE = 2;
const MAX_GROUPS = 5;
/** k is chosen on an even sample of at most this many points (silhouette is O(n²)). */
const SAMPLE = 1000;
/** The axes are fitted on an even sample of at most this many participants (covariance is O(n·s²)). */
const PCA_SAMPLE = 2000;
const KMEANS_RESTARTS = 3;
const REPRESENTATIVE_PER_GROUP = 3;

export interface VoteMatrix {
  statementIds: number[];
  participants: number;
  /** Row-major participants × statements: 1 agree, -1 disagree, 0 pass, UNSEEN not voted. */
  votes: Int8Array;
}

export interface GroupRate {
  groupId: number;
  /** Share of the group's members who voted on the statement (pass included) who agreed. */
  agreeRate: number;
  disagreeRate: number;
  votes: number;
}

export interface StatementResult {
  id: number;
  agree: number;
  disagree: number;
  pass: number;
  groups: GroupRate[];
}

export interface Representative {
  statementId: number;
  /** Whether the group stands out by agreeing or by disagreeing. */
  side: 'agree' | 'disagree';
  rate: number;
}

export interface AnalysisResult {
  participants: number;
  clustered: number;
  groups: Array<{ id: number; size: number; representative: Representative[] }>;
  statements: StatementResult[];
  consensus: number[];
  divisive: number[];
  /** One anonymous point per clustered participant (no ids), sorted by x. */
  points: Array<{ x: number; y: number; groupId: number }>;
  silhouette: number | null;
}

/** Deterministic pseudo-random numbers (mulberry32), so the same votes give the same map. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tally(m: VoteMatrix) {
  const n = m.statementIds.length;
  const agree = new Int32Array(n);
  const disagree = new Int32Array(n);
  const pass = new Int32Array(n);
  const perParticipant = new Int32Array(m.participants);
  for (let p = 0; p < m.participants; p++) {
    const row = p * n;
    for (let s = 0; s < n; s++) {
      const v = m.votes[row + s];
      if (v === UNSEEN) continue;
      perParticipant[p]! += 1;
      if (v === 1) agree[s]! += 1;
      else if (v === -1) disagree[s]! += 1;
      else pass[s]! += 1;
    }
  }
  return { agree, disagree, pass, perParticipant };
}

/** Every step-th point, at most `limit` of them: an even spread over the participants. */
function spread<T>(items: T[], limit: number): T[] {
  const step = Math.max(1, Math.ceil(items.length / limit));
  return items.filter((_, i) => i % step === 0);
}

/**
 * The clustered participants' votes, centred on each statement's mean vote among them. A statement a
 * participant has not seen is imputed with that mean, so its centred cell is 0 (Polis' imputation).
 */
function centredRows(m: VoteMatrix, rows: number[]): Float64Array {
  const n = m.statementIds.length;
  const sum = new Float64Array(n);
  const seen = new Int32Array(n);
  for (const p of rows)
    for (let s = 0; s < n; s++) {
      const v = m.votes[p * n + s]!;
      if (v !== UNSEEN) {
        sum[s]! += v;
        seen[s]! += 1;
      }
    }
  const z = new Float64Array(rows.length * n);
  rows.forEach((p, i) => {
    for (let s = 0; s < n; s++) {
      const v = m.votes[p * n + s]!;
      if (v !== UNSEEN) z[i * n + s] = v - sum[s]! / seen[s]!;
    }
  });
  return z;
}

/**
 * The first two principal components of the centred votes. The statements' covariance matrix is
 * accumulated over an even sample of at most PCA_SAMPLE rows (unseen cells are 0 and skipped);
 * ml-pca's NIPALS on that symmetric matrix gives its two leading eigenvectors (a symmetric matrix's
 * singular vectors), far faster than a full decomposition; every participant is projected on them.
 */
function project(z: Float64Array, count: number, n: number): number[][] {
  const cov = new Float64Array(n * n);
  const fitted = spread(
    Array.from({ length: count }, (_, i) => i),
    PCA_SAMPLE,
  );
  for (const i of fitted) {
    const row = i * n;
    for (let s = 0; s < n; s++) {
      const zs = z[row + s]!;
      if (zs === 0) continue;
      const c = s * n;
      for (let t = s; t < n; t++) cov[c + t]! += zs * z[row + t]!;
    }
  }
  const matrix: number[][] = [];
  for (let s = 0; s < n; s++) {
    const r = new Array<number>(n);
    for (let t = 0; t < n; t++)
      r[t] = (s <= t ? cov[s * n + t]! : cov[t * n + s]!) / Math.max(1, fitted.length - 1);
    matrix.push(r);
  }
  const components = Math.min(2, n);
  const pca = new PCA(matrix, { method: 'NIPALS', nCompNIPALS: components, center: false });
  const u = pca.getLoadings().to2DArray(); // components × statements
  const points: number[][] = [];
  for (let i = 0; i < count; i++) {
    const point = [0, 0];
    for (let c = 0; c < components; c++) {
      const axis = u[c]!;
      let dot = 0;
      for (let s = 0; s < n; s++) dot += z[i * n + s]! * axis[s]!;
      point[c] = dot;
    }
    points.push(point);
  }
  return points;
}

const dist = (a: number[], b: number[]) => {
  const dx = a[0]! - b[0]!;
  const dy = a[1]! - b[1]!;
  return Math.sqrt(dx * dx + dy * dy);
};

/** Mean silhouette of a clustering (O(n²): callers pass a sample). */
export function silhouette(points: number[][], labels: number[], k: number): number {
  const sample = points.map((_, i) => i);
  const size = new Array<number>(k).fill(0);
  for (const i of sample) size[labels[i]!]! += 1;
  let total = 0;
  for (const i of sample) {
    const sums = new Array<number>(k).fill(0);
    for (const j of sample) if (j !== i) sums[labels[j]!]! += dist(points[i]!, points[j]!);
    const own = labels[i]!;
    if (size[own]! <= 1) continue; // a singleton's silhouette is 0
    const a = sums[own]! / (size[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && size[c]! > 0) b = Math.min(b, sums[c]! / size[c]!);
    const denom = Math.max(a, b);
    total += denom > 0 && Number.isFinite(b) ? (b - a) / denom : 0;
  }
  return total / sample.length;
}

function sse(points: number[][], labels: number[], centroids: number[][]): number {
  let s = 0;
  points.forEach((p, i) => (s += dist(p, centroids[labels[i]!]!) ** 2));
  return s;
}

/**
 * k-means for k = 2…5 (a few seeded restarts each) on an even sample of the points; the k with the
 * best silhouette wins, and its centroids start one k-means over every point.
 */
function cluster(points: number[][], seed: number): { labels: number[]; k: number; score: number } | null {
  const sample = spread(points, SAMPLE);
  const maxK = Math.min(MAX_GROUPS, Math.floor(sample.length / MIN_GROUP_SIZE));
  let best: { centroids: number[][]; k: number; score: number } | null = null;
  for (let k = 2; k <= maxK; k++) {
    let chosen: { labels: number[]; centroids: number[][]; error: number } | null = null;
    for (let r = 0; r < KMEANS_RESTARTS; r++) {
      const res = kmeans(sample, k, {
        seed: seed + 97 * k + r,
        initialization: 'kmeans++',
        maxIterations: 100,
      });
      const error = sse(sample, res.clusters, res.centroids);
      if (!chosen || error < chosen.error) chosen = { labels: res.clusters, centroids: res.centroids, error };
    }
    const sizes = new Array<number>(k).fill(0);
    for (const l of chosen!.labels) sizes[l]! += 1;
    if (sizes.some((size) => size < MIN_GROUP_SIZE)) continue;
    const score = silhouette(sample, chosen!.labels, k);
    // a higher k must be clearly better: the simpler map wins ties
    if (!best || score > best.score + 0.01) best = { centroids: chosen!.centroids, k, score };
  }
  if (!best) return null;
  const labels = kmeans(points, best.k, { initialization: best.centroids, maxIterations: 100 }).clusters;
  const sizes = new Array<number>(best.k).fill(0);
  for (const l of labels) sizes[l]! += 1;
  if (sizes.some((size) => size < MIN_GROUP_SIZE)) return null;
  return { labels, k: best.k, score: best.score };
}

/** Renumbers groups 1…k by size (largest first, then by mean x) so the same votes give the same ids. */
function orderGroups(labels: number[], points: number[][], k: number): number[] {
  const info = Array.from({ length: k }, (_, c) => ({ c, size: 0, x: 0 }));
  labels.forEach((l, i) => {
    info[l]!.size += 1;
    info[l]!.x += points[i]![0]!;
  });
  info.sort((a, b) => b.size - a.size || a.x / a.size - b.x / b.size);
  const rank = new Array<number>(k);
  info.forEach((g, i) => (rank[g.c] = i + 1));
  return labels.map((l) => rank[l]!);
}

interface GroupCounts {
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
}

function groupCounts(m: VoteMatrix, rows: number[], groupOf: number[], k: number): GroupCounts[] {
  const n = m.statementIds.length;
  const counts = Array.from({ length: k }, () => ({
    agree: new Int32Array(n),
    disagree: new Int32Array(n),
    seen: new Int32Array(n),
  }));
  rows.forEach((p, i) => {
    const g = counts[groupOf[i]! - 1]!;
    for (let s = 0; s < n; s++) {
      const v = m.votes[p * n + s]!;
      if (v === UNSEEN) continue;
      g.seen[s]! += 1;
      if (v === 1) g.agree[s]! += 1;
      else if (v === -1) g.disagree[s]! += 1;
    }
  });
  return counts;
}

/**
 * Statements that set a group apart from everyone else: its (smoothed) agree or disagree rate
 * compared with the rest's, among statements a majority of the group takes that side on.
 */
function representatives(m: VoteMatrix, counts: GroupCounts[], g: number): Representative[] {
  const n = m.statementIds.length;
  const scored: Array<Representative & { score: number }> = [];
  for (let s = 0; s < n; s++) {
    const own = counts[g]!;
    let otherSeen = 0;
    let otherAgree = 0;
    let otherDisagree = 0;
    counts.forEach((c, i) => {
      if (i === g) return;
      otherSeen += c.seen[s]!;
      otherAgree += c.agree[s]!;
      otherDisagree += c.disagree[s]!;
    });
    if (own.seen[s]! === 0) continue;
    for (const side of ['agree', 'disagree'] as const) {
      const mine = side === 'agree' ? own.agree[s]! : own.disagree[s]!;
      const theirs = side === 'agree' ? otherAgree : otherDisagree;
      const rate = mine / own.seen[s]!;
      if (rate <= 0.5) continue;
      const ratio = (mine + 1) / (own.seen[s]! + 2) / ((theirs + 1) / (otherSeen + 2));
      if (ratio > 1) scored.push({ statementId: m.statementIds[s]!, side, rate, score: ratio * rate });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.statementId - b.statementId);
  return scored
    .slice(0, REPRESENTATIVE_PER_GROUP)
    .map(({ statementId, side, rate }) => ({ statementId, side, rate }));
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export interface AnalyseOptions {
  seed?: number;
  minVotes?: number;
}

export function analyse(m: VoteMatrix, options: AnalyseOptions = {}): AnalysisResult {
  return analyseRows(m, options).result;
}

/**
 * The analysis, with the group of each participant row (0: not clustered) for tests; the result
 * itself never says which participant is in which group.
 */
export function analyseRows(
  m: VoteMatrix,
  options: AnalyseOptions = {},
): { result: AnalysisResult; groupOfRow: number[] } {
  const n = m.statementIds.length;
  const seed = options.seed ?? 20261207;
  const minVotes = Math.max(1, Math.min(options.minVotes ?? MIN_VOTES_TO_CLUSTER, n));
  const t = tally(m);
  const rows: number[] = [];
  let participants = 0;
  for (let p = 0; p < m.participants; p++) {
    if (t.perParticipant[p]! > 0) participants += 1;
    if (t.perParticipant[p]! >= minVotes) rows.push(p);
  }
  const points =
    rows.length >= 2 * MIN_GROUP_SIZE && n > 0 ? project(centredRows(m, rows), rows.length, n) : [];
  const found = points.length ? cluster(points, seed) : null;
  const k = found?.k ?? 0;
  const groupOf = found ? orderGroups(found.labels, points, k) : [];
  const counts = found ? groupCounts(m, rows, groupOf, k) : [];
  const sizes = new Array<number>(k).fill(0);
  for (const g of groupOf) sizes[g - 1]! += 1;

  const statements: StatementResult[] = m.statementIds.map((id, s) => ({
    id,
    agree: t.agree[s]!,
    disagree: t.disagree[s]!,
    pass: t.pass[s]!,
    groups: counts.map((c, g) => ({
      groupId: g + 1,
      agreeRate: c.seen[s]! ? round3(c.agree[s]! / c.seen[s]) : 0,
      disagreeRate: c.seen[s]! ? round3(c.disagree[s]! / c.seen[s]) : 0,
      votes: c.seen[s]!,
    })),
  }));
  const voted = (r: GroupRate) => r.votes > 0;
  const consensus = k
    ? statements.filter((s) => s.groups.every((g) => voted(g) && g.agreeRate > 0.5)).map((s) => s.id)
    : [];
  const spread = (s: StatementResult) =>
    Math.max(...s.groups.map((g) => g.agreeRate)) + Math.max(...s.groups.map((g) => g.disagreeRate));
  const divisive = k
    ? statements
        .filter(
          (s) =>
            s.groups.some((g) => voted(g) && g.agreeRate > 0.5) &&
            s.groups.some((g) => voted(g) && g.disagreeRate > 0.5),
        )
        .sort((a, b) => spread(b) - spread(a) || a.id - b.id)
        .map((s) => s.id)
    : [];
  const groupOfRow = new Array<number>(m.participants).fill(0);
  rows.forEach((p, i) => (groupOfRow[p] = groupOf[i] ?? 0));
  const result: AnalysisResult = {
    participants,
    clustered: found ? rows.length : 0,
    groups: sizes.map((size, g) => ({ id: g + 1, size, representative: representatives(m, counts, g) })),
    statements,
    consensus,
    divisive,
    points: found
      ? points
          .map((p, i) => ({ x: round3(p[0]!), y: round3(p[1]!), groupId: groupOf[i]! }))
          .sort((a, b) => a.x - b.x || a.y - b.y)
      : [],
    silhouette: found ? round3(found.score) : null,
  };
  return { result, groupOfRow };
}
