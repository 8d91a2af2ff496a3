// A judge's confidence in one review (low / medium / high) and how much that review weighs in the
// least-squares calibration of app/domain/panel-methods.ts.
//
// Why these weights. MacKay, Kenna, Low & Parker (2017), "Calibration with confidence: a principled
// method for panel assessment" (R. Soc. Open Sci. 4: 160760), model a review's total as the entry's
// true score plus the judge's bias plus noise, and read a declared confidence as the precision of that
// noise: the review's weight in the least squares is the inverse of its noise variance. That is the
// maximum-likelihood estimate for independent Gaussian noise. Which variance each word stands for is
// our assumption, not the paper's, to be revisited with real data: each step up halves the variance
// (the noise's standard deviation shrinks by √2):
//
//   level    variance (medium = 1)   weight = 1 / variance
//   low      2                       0.5
//   medium   1                       1
//   high     0.5                     2
//
// so one "high" review counts as much as four "low" ones. Only the ratios matter: scaling every weight
// by the same factor leaves calibrate()'s result unchanged.
//
// The app stores confidence as an integer 1–5 (reviews.confidence, the review form's scale: 1 "outside
// my expertise" … 5 "squarely within it"). Those values stay valid: 1–2 read as low, 3 as medium,
// 4–5 as high. A review without a confidence counts as medium, so leaving it out neither silences a
// judge nor outweighs one who said they were sure.

export const CONFIDENCE_LEVELS = ["low", "medium", "high"] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** The noise variance each level stands for, relative to medium (the assumption above). */
export const CONFIDENCE_VARIANCE: Readonly<Record<ConfidenceLevel, number>> = { low: 2, medium: 1, high: 0.5 };

/** A review's weight in calibration: the inverse of its level's variance. */
export const CONFIDENCE_WEIGHT: Readonly<Record<ConfidenceLevel, number>> = {
  low: 1 / CONFIDENCE_VARIANCE.low,
  medium: 1 / CONFIDENCE_VARIANCE.medium,
  high: 1 / CONFIDENCE_VARIANCE.high,
};

/** The bounds of the stored 1–5 scale (reviews.confidence). */
export const STORED_CONFIDENCE_MIN = 1;
export const STORED_CONFIDENCE_MAX = 5;

export function isConfidenceLevel(value: unknown): value is ConfidenceLevel {
  return typeof value === "string" && (CONFIDENCE_LEVELS as readonly string[]).includes(value);
}

/** The level of a stored 1–5 confidence; null when none was given (or the value is off the scale). */
export function levelOfStored(value: number | null | undefined): ConfidenceLevel | null {
  if (typeof value !== "number" || !Number.isInteger(value)) return null;
  if (value < STORED_CONFIDENCE_MIN || value > STORED_CONFIDENCE_MAX) return null;
  return value <= 2 ? "low" : value === 3 ? "medium" : "high";
}

/** The stored value a level is saved as: the ends and the middle of the 1–5 scale. */
export function storedOfLevel(level: ConfidenceLevel): number {
  return level === "low" ? 1 : level === "medium" ? 3 : 5;
}

/** A review's calibration weight from its level; a review without one counts as medium. */
export function confidenceWeight(level: ConfidenceLevel | null): number {
  return CONFIDENCE_WEIGHT[level ?? "medium"];
}

/** A review's calibration weight from the stored 1–5 value (null: not given). */
export function reviewWeight(stored: number | null | undefined): number {
  return confidenceWeight(levelOfStored(stored));
}
