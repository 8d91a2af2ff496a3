// Each judge compared with the rest of the panel: is this judge's scoring more lenient or stricter
// than the other judges who scored the same entries? Totals are review totals out of 100.

/** One submitted review's total (out of 100). */
export type ReviewTotal = { judgeId: number; entryId: number; total: number };

/** A difference within this many points (out of 100) reads as "in line with the panel". */
export const IN_LINE_MARGIN = 1;

export type Leaning = "lenient" | "strict" | "in_line";

export interface JudgeCalibration {
  judgeId: number;
  /** How many of the judge's reviews have a total. */
  scored: number;
  /** The mean of all the judge's totals; null before the first. */
  average: number | null;
  /** Entries the judge scored that at least one other judge scored too. */
  compared: number;
  /** The judge's mean total on those compared entries. */
  averageOnCompared: number | null;
  /**
   * The panel's mean on the same entries: for each compared entry the mean of the other judges'
   * totals, then the mean over the entries. Each entry counts once, so an entry with four other
   * judges weighs no more than one with two, and `difference` is exactly
   * `averageOnCompared - panelAverage`.
   */
  panelAverage: number | null;
  /** averageOnCompared − panelAverage: above 0 the judge scores higher than the panel. */
  difference: number | null;
  leaning: Leaning | null;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null);

export function leaningOf(difference: number, margin = IN_LINE_MARGIN): Leaning {
  if (difference > margin) return "lenient";
  if (difference < -margin) return "strict";
  return "in_line";
}

/**
 * Calibration for each judge in `judgeIds` (in that order) from the round's review totals. A judge
 * with no total, or whose entries nobody else scored, gets nulls where nothing can be said.
 */
export function calibrateJudges(judgeIds: readonly number[], totals: readonly ReviewTotal[]): JudgeCalibration[] {
  const byEntry = new Map<number, ReviewTotal[]>();
  const byJudge = new Map<number, ReviewTotal[]>();
  for (const review of totals) {
    if (!Number.isFinite(review.total)) continue;
    byEntry.set(review.entryId, [...(byEntry.get(review.entryId) ?? []), review]);
    byJudge.set(review.judgeId, [...(byJudge.get(review.judgeId) ?? []), review]);
  }
  return judgeIds.map((judgeId) => {
    const own = byJudge.get(judgeId) ?? [];
    const mine: number[] = [];
    const panel: number[] = [];
    for (const review of own) {
      const others = (byEntry.get(review.entryId) ?? []).filter((r) => r.judgeId !== judgeId).map((r) => r.total);
      const othersMean = mean(others);
      if (othersMean === null) continue;
      mine.push(review.total);
      panel.push(othersMean);
    }
    const averageOnCompared = mean(mine);
    const panelAverage = mean(panel);
    const difference = averageOnCompared !== null && panelAverage !== null ? averageOnCompared - panelAverage : null;
    return {
      judgeId,
      scored: own.length,
      average: mean(own.map((r) => r.total)),
      compared: mine.length,
      averageOnCompared,
      panelAverage,
      difference,
      leaning: difference === null ? null : leaningOf(difference),
    };
  });
}
