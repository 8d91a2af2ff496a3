// How close an estimated ranking is to a true one: Kendall's τ-b and top-N overlap. Used by the
// judging simulation (issue 7) to say which aggregation method an organiser can trust.

/** Entry id → score; a higher score ranks higher. */
export type ScoreMap = ReadonlyMap<number, number>;

function sameEntries(a: ScoreMap, b: ScoreMap): number[] {
  const ids = [...a.keys()];
  if (ids.length !== b.size || ids.some((id) => !b.has(id))) {
    throw new Error("rank metrics: both score maps must cover the same entries");
  }
  return ids;
}

/**
 * Kendall's τ-b over every pair of entries: (concordant − discordant) / √((P − Tx)(P − Ty)), where P
 * is the number of pairs and Tx, Ty the pairs tied in each map (a pair tied in both counts in both).
 * 1 is the same order, −1 the reverse. NaN when either map has every score equal: there is no order
 * to compare, and a number would pretend there is. O(n²), which is plenty for a round's entries.
 */
export function kendallTauB(estimate: ScoreMap, truth: ScoreMap): number {
  const ids = sameEntries(estimate, truth);
  const x = ids.map((id) => estimate.get(id)!);
  const y = ids.map((id) => truth.get(id)!);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const pairs = (ids.length * (ids.length - 1)) / 2;
  const denominator = Math.sqrt((pairs - tiedX) * (pairs - tiedY));
  return denominator > 0 ? (concordant - discordant) / denominator : Number.NaN;
}

/** The ids of the n highest scores; equal scores at the cut go to the lower entry id. */
export function topIds(scores: ScoreMap, n: number): number[] {
  return [...scores]
    .sort(([idA, a], [idB, b]) => b - a || idA - idB)
    .slice(0, n)
    .map(([id]) => id);
}

/**
 * The share of the true top n that the estimate also puts in its top n: |top n ∩ true top n| / n.
 * With fewer than n entries every entry is in both, so it is 1; with none it is NaN.
 */
export function topOverlap(estimate: ScoreMap, truth: ScoreMap, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("rank metrics: n must be a whole number of at least 1");
  const ids = sameEntries(estimate, truth);
  const cut = Math.min(n, ids.length);
  if (cut === 0) return Number.NaN;
  const trueTop = new Set(topIds(truth, cut));
  return topIds(estimate, cut).filter((id) => trueTop.has(id)).length / cut;
}
