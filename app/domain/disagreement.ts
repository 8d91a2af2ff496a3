// Which entries' reviews disagree too much to trust their mean without a moderator's look (and
// perhaps one more judge). Works on review totals out of 100; pure, no storage.

export interface DisagreementThresholds {
  /** Flag when the highest and lowest review totals are more than this many points apart. */
  maxRange: number;
  /** Flag when the sample standard deviation of the totals is above this. */
  maxSd: number;
}

// Defaults, in points of a 0–100 total. A 30-point range is the width of two grade bands in the usual
// rubric descriptors (e.g. 85 "excellent" against 55 "weak"): judges that far apart disagree about the
// entry, not about calibration, and a single outlier in a large panel shows up here. The standard
// deviation catches a split panel instead: with the range at most 30 it can pass 15 only when the
// reviews sit in two camps at both ends (the largest sd for range R is R/√2 for two reviews, R/√3 for
// three or four, and tends to R/2), so a pair more than ~21 points apart is flagged too — with only
// two reviews the mean hangs on which judge was drawn, which is exactly when a third judge helps most.
export const DEFAULT_DISAGREEMENT: DisagreementThresholds = { maxRange: 30, maxSd: 15 };

/** Totals are sums of decimal products; a spread equal to the threshold up to rounding is not above it. */
const EPSILON = 1e-9;

export interface DisagreementFlag {
  entryId: number;
  reviews: number;
  mean: number;
  range: number;
  /** Sample standard deviation (divides by n − 1). */
  sd: number;
  /** Which thresholds the entry is beyond. */
  exceeds: Array<"range" | "sd">;
}

/**
 * Entries whose review totals spread beyond either threshold, widest spread (sd, then range) first.
 * An entry needs at least two reviews to have a spread at all.
 */
export function flagDisagreement(
  totalsByEntry: ReadonlyMap<number, readonly number[]>,
  thresholds: DisagreementThresholds = DEFAULT_DISAGREEMENT,
): DisagreementFlag[] {
  const flags: DisagreementFlag[] = [];
  for (const [entryId, totals] of totalsByEntry) {
    if (totals.length < 2) continue;
    const mean = totals.reduce((s, v) => s + v, 0) / totals.length;
    const range = Math.max(...totals) - Math.min(...totals);
    const sd = Math.sqrt(totals.reduce((s, v) => s + (v - mean) ** 2, 0) / (totals.length - 1));
    const exceeds: DisagreementFlag["exceeds"] = [];
    if (range > thresholds.maxRange + EPSILON) exceeds.push("range");
    if (sd > thresholds.maxSd + EPSILON) exceeds.push("sd");
    if (exceeds.length) flags.push({ entryId, reviews: totals.length, mean, range, sd, exceeds });
  }
  return flags.sort((a, b) => b.sd - a.sd || b.range - a.range || a.entryId - b.entryId);
}
