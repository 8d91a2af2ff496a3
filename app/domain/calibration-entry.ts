// Calibration before scoring: a round names, per track, one entry that every judge of the track's
// panel scores first. These rules say who must score it, when a judge's other reviews wait for it,
// when the organiser may still change it, and what a judge is told about their own scoring after it.
// The leaning itself (lenient / strict / in line) is app/domain/judge-calibration.ts's.
import { calibrateJudges, type Leaning, type ReviewTotal } from "./judge-calibration";

/** A judge hears how they compare only once this many other judges have submitted the calibration review. */
export const MIN_OTHER_CALIBRATION_REVIEWS = 2;

/**
 * The judges who still need an assignment to the calibration entry: everyone on the panel (judges
 * with an assignment in the round and track), active, without a conflict with the entry, and not
 * already on it. Sorted by id, so the same inputs give the same outcome.
 */
export function judgesToCalibrate(input: {
  panel: readonly number[];
  active: ReadonlySet<number>;
  conflicted: ReadonlySet<number>;
  alreadyAssigned: ReadonlySet<number>;
}): number[] {
  return [...new Set(input.panel)]
    .filter((id) => input.active.has(id) && !input.conflicted.has(id) && !input.alreadyAssigned.has(id))
    .sort((a, b) => a - b);
}

/**
 * Whether a judge's review of an entry must wait: the entry's round and track have a calibration
 * entry, this is another entry, and the judge's own calibration review exists and is not submitted.
 * A judge with no calibration assignment (conflicted with the entry, or not on the panel when it was
 * chosen) is never held back by it.
 */
export function reviewWaitsForCalibration(input: {
  entryId: number;
  calibrationEntryId: number | null;
  /** The judge's review status on the calibration entry; null when they have no assignment to it. */
  calibrationStatus: "not_started" | "draft" | "submitted" | null;
}): boolean {
  if (input.calibrationEntryId === null || input.entryId === input.calibrationEntryId) return false;
  if (input.calibrationStatus === null) return false;
  return input.calibrationStatus !== "submitted";
}

/**
 * Whether the organiser may still choose, change or clear a track's calibration entry: only until
 * the first review of any other entry in that round and track is submitted. Calibration reviews do
 * not count: a changed choice simply gives judges a new entry to score first.
 */
export function calibrationMayChange(submittedOtherReviews: number): boolean {
  return submittedOtherReviews === 0;
}

/** What a judge is told after submitting the calibration review. Never another judge's name or score. */
export type CalibrationStanding =
  | { status: "not_submitted" }
  | { status: "waiting"; needed: number }
  | { status: "ready"; own: number; panelMean: number; difference: number; leaning: Leaning; others: number };

/**
 * A judge's standing on the calibration entry from the submitted totals (out of 100) on it. The
 * panel's mean is the other judges' mean; it is shown only once at least two others submitted, so
 * that no single judge's score can be worked out from it.
 */
export function calibrationStanding(
  judgeId: number,
  totals: readonly ReviewTotal[],
  minOthers = MIN_OTHER_CALIBRATION_REVIEWS,
): CalibrationStanding {
  const own = totals.find((r) => r.judgeId === judgeId);
  if (!own) return { status: "not_submitted" };
  const others = new Set(totals.filter((r) => r.judgeId !== judgeId).map((r) => r.judgeId)).size;
  if (others < minOthers) return { status: "waiting", needed: minOthers - others };
  const [c] = calibrateJudges([judgeId], totals);
  if (!c || c.panelAverage === null || c.difference === null || c.leaning === null) return { status: "waiting", needed: 0 };
  return { status: "ready", own: own.total, panelMean: c.panelAverage, difference: c.difference, leaning: c.leaning, others };
}

/** One judge's offset on the calibration entry, for the organiser. */
export interface CalibrationOffset {
  judgeId: number;
  /** The judge's total; null until they submit. */
  total: number | null;
  /** The other judges' mean; null while nobody else has submitted. */
  panelMean: number | null;
  difference: number | null;
  leaning: Leaning | null;
}

/** Every panel judge's offset (in the order given) from the submitted totals on the calibration entry. */
export function calibrationOffsets(judgeIds: readonly number[], totals: readonly ReviewTotal[]): CalibrationOffset[] {
  return calibrateJudges(judgeIds, totals).map((c) => ({
    judgeId: c.judgeId,
    total: c.average,
    panelMean: c.panelAverage,
    difference: c.difference,
    leaning: c.leaning,
  }));
}
