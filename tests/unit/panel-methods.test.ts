import { describe, expect, it } from "vitest";
import { calibrate, standardisedScores, type PanelReview } from "#app/domain/panel-methods";

const r = (judgeId: number, entryId: number, total: number, weight?: number): PanelReview => ({
  judgeId,
  entryId,
  total,
  weight,
});

describe("calibrate", () => {
  it("recovers a harsh judge exactly when the data fit the model", () => {
    // Judge 2 scores 10 below judge 1 on the shared entry 2. With biases summing to zero:
    // b1 = +5, b2 = −5; entry 1 = 80 − 5 = 75, entry 2 = 60 − 5 = 55, entry 3 = 70 + 5 = 75.
    const result = calibrate([r(1, 1, 80), r(1, 2, 60), r(2, 2, 50), r(2, 3, 70)]);
    expect(result.converged).toBe(true);
    expect(result.parts).toBe(1);
    expect(result.biases.get(1)).toBeCloseTo(5, 6);
    expect(result.biases.get(2)).toBeCloseTo(-5, 6);
    expect(result.entries.get(1)).toBeCloseTo(75, 6);
    expect(result.entries.get(2)).toBeCloseTo(55, 6);
    expect(result.entries.get(3)).toBeCloseTo(75, 6);
  });

  it("splits the noise between the judges when the data do not fit exactly", () => {
    // Two judges on the same two entries: J1 (90, 70), J2 (70, 70). Least squares with b1 + b2 = 0:
    // the judge difference is the mean difference, 10, so b1 = 5, b2 = −5; entry 1 is the mean of
    // 90 − 5 and 70 + 5 = 80, entry 2 the mean of 70 − 5 and 70 + 5 = 70. Residuals ±5 on entry 1.
    const result = calibrate([r(1, 1, 90), r(1, 2, 70), r(2, 1, 70), r(2, 2, 70)]);
    expect(result.biases.get(1)).toBeCloseTo(5, 6);
    expect(result.entries.get(1)).toBeCloseTo(80, 6);
    expect(result.entries.get(2)).toBeCloseTo(70, 6);
  });

  it("calibrates each connected part on its own and says how many there are", () => {
    const result = calibrate([r(1, 1, 80), r(2, 1, 60), r(3, 2, 50), r(4, 2, 30)]);
    expect(result.parts).toBe(2);
    expect(result.partOf.get(1)).not.toBe(result.partOf.get(2));
    expect(result.entries.get(1)).toBeCloseTo(70, 6);
    expect(result.entries.get(2)).toBeCloseTo(40, 6);
    expect(result.biases.get(1)).toBeCloseTo(10, 6);
    expect(result.biases.get(4)).toBeCloseTo(-10, 6);
  });

  it("gives a review with more weight more say", () => {
    // As above, but judge 1's reviews weigh 3. With b1 = −b2 = b: v1 = (3(90 − b) + (70 + b)) / 4 =
    // 85 − b/2 and v2 = 70 − b/2; judge 1's equation b = ((90 − v1) + (70 − v2)) / 2 gives b = 5,
    // so entry 1 = 82.5 and entry 2 = 67.5 (unweighted: 80 and 70), pulled towards judge 1's view.
    const result = calibrate([r(1, 1, 90, 3), r(1, 2, 70, 3), r(2, 1, 70, 1), r(2, 2, 70, 1)]);
    expect(result.biases.get(1)).toBeCloseTo(5, 6);
    expect(result.entries.get(1)).toBeCloseTo(82.5, 6);
    expect(result.entries.get(2)).toBeCloseTo(67.5, 6);
  });

  it("handles no reviews and a judge with a single review", () => {
    expect(calibrate([])).toMatchObject({ parts: 0, converged: true });
    const single = calibrate([r(1, 1, 64)]);
    expect(single.entries.get(1)).toBeCloseTo(64, 6);
    expect(single.biases.get(1)).toBeCloseTo(0, 6);
  });
});

describe("standardisedScores", () => {
  it("puts a lenient and a harsh judge on the same footing", () => {
    // Judge 1 gives 90/70, judge 2 gives 60/40 to the same two entries: same ranking, same spread.
    // Overall mean 65, spread sd(90, 70, 60, 40) = 20.82; z = ±0.707 → 65 ± 14.72.
    const scores = standardisedScores([r(1, 1, 90), r(1, 2, 70), r(2, 1, 60), r(2, 2, 40)]);
    expect(scores.get(1)).toBeCloseTo(65 + 0.7071 * 20.8167, 2);
    expect(scores.get(2)).toBeCloseTo(65 - 0.7071 * 20.8167, 2);
  });

  it("treats a judge with no spread, or one review, as average, without dividing by zero", () => {
    const scores = standardisedScores([r(1, 1, 80), r(1, 2, 80), r(2, 3, 40)]);
    const overall = (80 + 80 + 40) / 3;
    for (const id of [1, 2, 3]) expect(scores.get(id)).toBeCloseTo(overall, 6);
  });

  it("stays within 0–100", () => {
    const scores = standardisedScores([r(1, 1, 100), r(1, 2, 0), r(1, 3, 0), r(1, 4, 0), r(2, 1, 100), r(2, 2, 100)]);
    for (const value of scores.values()) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
  });
});
