// Methods that look at a whole round's reviews at once, to correct harsh and lenient judges:
// - standardised: each judge's totals become z-scores over the entries that judge reviewed, mapped
//   back to the 0–100 scale with the round's overall mean and spread;
// - calibrated: least squares over the judge–entry graph, as in MacKay et al. 2017 ("Calibration
//   with confidence", R. Soc. Open Sci.): each review's total = the entry's true score + the judge's
//   bias + noise. Biases are only comparable within a connected part of the graph, so each part is
//   solved on its own with its biases summing to zero.

export interface PanelReview {
  judgeId: number;
  entryId: number;
  /** The review's total out of 100. */
  total: number;
  /** How much this review counts in calibration (e.g. the judge's confidence); 1 when absent. */
  weight?: number;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function spread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

const clamp = (v: number) => Math.min(100, Math.max(0, v));

/**
 * Per entry, the mean of its reviews after standardising each judge. A judge with one review or
 * with every total the same has no spread to correct by: their reviews count as the judge's mean
 * (z = 0), i.e. at the round's overall mean.
 */
export function standardisedScores(reviews: readonly PanelReview[]): Map<number, number> {
  const result = new Map<number, number>();
  if (!reviews.length) return result;
  const overall = mean(reviews.map((r) => r.total));
  const overallSpread = spread(reviews.map((r) => r.total));
  const byJudge = groupBy(reviews, (r) => r.judgeId);
  const stats = new Map(
    [...byJudge].map(([id, rows]) => [id, { m: mean(rows.map((r) => r.total)), s: spread(rows.map((r) => r.total)) }]),
  );
  const perEntry = new Map<number, number[]>();
  for (const r of reviews) {
    const { m, s } = stats.get(r.judgeId)!;
    const z = s > 0 ? (r.total - m) / s : 0;
    const list = perEntry.get(r.entryId) ?? [];
    list.push(clamp(overall + z * overallSpread));
    perEntry.set(r.entryId, list);
  }
  for (const [entryId, values] of perEntry) result.set(entryId, mean(values));
  return result;
}

export interface Calibration {
  /** Each entry's estimated true score. */
  entries: Map<number, number>;
  /** Each judge's bias: positive means lenient (scores above the entries' true scores). */
  biases: Map<number, number>;
  /** How many connected parts the judge–entry graph has; 1 means every judge is comparable. */
  parts: number;
  /** Which part each entry is in (0-based), so a caller can say which entries were compared. */
  partOf: Map<number, number>;
  converged: boolean;
}

/**
 * Weighted least squares. The entries' scores are eliminated (each is the weighted mean of its
 * reviews less their judges' biases), which leaves a symmetric positive semi-definite system in the
 * judges' biases alone — a weighted graph Laplacian, singular only along "shift every bias of a
 * part by the same amount". Conjugate gradients from zero solve it (the right-hand side sums to
 * zero in each part, so it is consistent), in about as many steps as the graph is hard to mix
 * rather than the thousands an alternating scheme needs; the gauge then makes each part's biases
 * sum to zero.
 */
export function calibrate(
  reviews: readonly PanelReview[],
  options: { tolerance?: number; maxIterations?: number } = {},
): Calibration {
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 10_000;
  const w = (r: PanelReview) => (r.weight !== undefined && r.weight > 0 ? r.weight : 1);
  const byEntry = groupBy(reviews, (r) => r.entryId);
  const judgeIds = [...new Set(reviews.map((r) => r.judgeId))];
  const index = new Map(judgeIds.map((id, i) => [id, i]));
  const partOf = parts(reviews);
  const judgePart = new Map(reviews.map((r) => [r.judgeId, partOf.get(r.entryId)!]));
  const entryWeight = new Map([...byEntry].map(([id, rows]) => [id, rows.reduce((sum, r) => sum + w(r), 0)]));
  const degree = new Float64Array(judgeIds.length);
  for (const r of reviews) degree[index.get(r.judgeId)!]! += w(r);

  // A·b: each judge's weight times their bias, less what their entries' means take of it.
  const multiply = (b: Float64Array): Float64Array => {
    const out = new Float64Array(b.length);
    for (const [entryId, rows] of byEntry) {
      let t = 0;
      for (const r of rows) t += w(r) * b[index.get(r.judgeId)!]!;
      t /= entryWeight.get(entryId)!;
      for (const r of rows) out[index.get(r.judgeId)!]! -= w(r) * t;
    }
    for (let i = 0; i < b.length; i++) out[i]! += degree[i]! * b[i]!;
    return out;
  };
  const rhs = new Float64Array(judgeIds.length);
  for (const [entryId, rows] of byEntry) {
    const m = rows.reduce((sum, r) => sum + w(r) * r.total, 0) / entryWeight.get(entryId)!;
    for (const r of rows) rhs[index.get(r.judgeId)!]! += w(r) * (r.total - m);
  }
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const bias = new Float64Array(judgeIds.length);
  const residual = rhs.slice();
  const direction = rhs.slice();
  let rr = dot(residual, residual);
  const scale = Math.max(1, Math.sqrt(dot(rhs, rhs)));
  let converged = Math.sqrt(rr) <= tolerance * scale;
  for (let iteration = 0; iteration < maxIterations && !converged; iteration++) {
    const ad = multiply(direction);
    const step = rr / dot(direction, ad);
    for (let i = 0; i < bias.length; i++) {
      bias[i]! += step * direction[i]!;
      residual[i]! -= step * ad[i]!;
    }
    const next = dot(residual, residual);
    converged = Math.sqrt(next) <= tolerance * scale;
    for (let i = 0; i < bias.length; i++) direction[i] = residual[i]! + (next / rr) * direction[i]!;
    rr = next;
  }
  // The gauge: within each part, biases sum to zero.
  const sums = new Map<number, { sum: number; count: number }>();
  judgeIds.forEach((id, i) => {
    const part = sums.get(judgePart.get(id)!) ?? { sum: 0, count: 0 };
    part.sum += bias[i]!;
    part.count += 1;
    sums.set(judgePart.get(id)!, part);
  });
  const biases = new Map(
    judgeIds.map((id, i) => {
      const { sum, count } = sums.get(judgePart.get(id)!)!;
      return [id, bias[i]! - sum / count];
    }),
  );
  const entries = new Map(
    [...byEntry].map(([entryId, rows]) => [entryId, weightedMean(rows, (r) => r.total - biases.get(r.judgeId)!, w)]),
  );
  return { entries, biases, parts: new Set(partOf.values()).size, partOf, converged };
}

function weightedMean(rows: readonly PanelReview[], value: (r: PanelReview) => number, weight: (r: PanelReview) => number) {
  let sum = 0;
  let total = 0;
  for (const r of rows) {
    sum += weight(r) * value(r);
    total += weight(r);
  }
  return sum / total;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The connected part of each entry, numbered in order of first appearance. */
function parts(reviews: readonly PanelReview[]): Map<number, number> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)!)!);
      x = parent.get(x)!;
    }
    return x;
  };
  for (const r of reviews) {
    for (const node of [`j${r.judgeId}`, `e${r.entryId}`]) if (!parent.has(node)) parent.set(node, node);
    parent.set(find(`j${r.judgeId}`), find(`e${r.entryId}`));
  }
  const ids = new Map<string, number>();
  const partOf = new Map<number, number>();
  for (const r of reviews) {
    const root = find(`e${r.entryId}`);
    if (!ids.has(root)) ids.set(root, ids.size);
    partOf.set(r.entryId, ids.get(root)!);
  }
  return partOf;
}
