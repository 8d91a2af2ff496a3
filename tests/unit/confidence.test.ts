import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_LEVELS,
  CONFIDENCE_VARIANCE,
  CONFIDENCE_WEIGHT,
  confidenceWeight,
  isConfidenceLevel,
  levelOfStored,
  reviewWeight,
  storedOfLevel,
  type ConfidenceLevel,
} from "#app/domain/confidence";
import { calibrate, type PanelReview } from "#app/domain/panel-methods";

describe("confidence levels", () => {
  it("weighs each level by the inverse of the variance it stands for: high counts four times low", () => {
    expect(CONFIDENCE_WEIGHT).toEqual({ low: 0.5, medium: 1, high: 2 });
    for (const level of CONFIDENCE_LEVELS) expect(CONFIDENCE_WEIGHT[level] * CONFIDENCE_VARIANCE[level]).toBe(1);
  });

  it("reads the stored 1–5 scale as low (1–2), medium (3) and high (4–5)", () => {
    expect([1, 2, 3, 4, 5].map(levelOfStored)).toEqual(["low", "low", "medium", "high", "high"]);
    expect([1, 2, 3, 4, 5].map(reviewWeight)).toEqual([0.5, 0.5, 1, 2, 2]);
  });

  it("counts a review without a confidence, or with a value off the scale, as medium", () => {
    for (const value of [null, undefined, 0, 6, 2.5, Number.NaN]) {
      expect(levelOfStored(value)).toBeNull();
      expect(reviewWeight(value)).toBe(1);
    }
    expect(confidenceWeight(null)).toBe(CONFIDENCE_WEIGHT.medium);
  });

  it("saves a level as a stored value that reads back as the same level", () => {
    expect(CONFIDENCE_LEVELS.map(storedOfLevel)).toEqual([1, 3, 5]);
    for (const level of CONFIDENCE_LEVELS) expect(levelOfStored(storedOfLevel(level))).toBe(level);
  });

  it("recognises only the three level names", () => {
    expect(["low", "medium", "high"].every(isConfidenceLevel)).toBe(true);
    expect(["Low", "3", "", null, 3].some(isConfidenceLevel)).toBe(false);
  });
});

// A review is "judge, entry, total, level"; its weight comes from the level.
const review = (judgeId: number, entryId: number, total: number, level: ConfidenceLevel): PanelReview => ({
  judgeId,
  entryId,
  total,
  weight: confidenceWeight(level),
});

const A = 1;
const B = 2;
const C = 3;

describe("confidence-weighted calibration against hand-computed cases", () => {
  // Model (MacKay et al. 2017): total = v(entry) + b(judge) + noise, minimise Σ w·(total − v − b)² with
  // the biases summing to zero.
  //
  // Eliminating v: for an entry reviewed by judges x and y with weights wx, wy,
  //   min over v of wx·(sx − bx − v)² + wy·(sy − by − v)² = h·(sx − sy − (bx − by))²,  h = wx·wy / (wx + wy),
  // reached at v = the weighted mean of (sx − bx) and (sy − by). An entry reviewed by one judge fits
  // exactly (v = s − b) and says nothing about the biases.
  it("two judges, three entries: the bias gap is the h-weighted mean of their disagreements", () => {
    // A: E1 70 (high, w 2), E2 60 (medium, w 1), E3 80 (low, w 0.5). B: E1 60 (low, w 0.5), E2 56 (high, w 2).
    // E1: h = 2·0.5 / 2.5 = 0.4, A − B = 10.   E2: h = 1·2 / 3 = 2/3, A − B = 4.
    // d = bA − bB minimises 0.4·(10 − d)² + (2/3)·(4 − d)²:
    //   d = (0.4·10 + (2/3)·4) / (0.4 + 2/3) = (20/3) / (16/15) = 6.25,   so bA = 3.125, bB = −3.125.
    // v1 = (2·(70 − 3.125) + 0.5·(60 + 3.125)) / 2.5 = (133.75 + 31.5625) / 2.5 = 66.125
    // v2 = (1·(60 − 3.125) + 2·(56 + 3.125)) / 3 = (56.875 + 118.25) / 3 = 58.375
    // v3 = 80 − 3.125 = 76.875
    // (Unweighted, d would be (10 + 4) / 2 = 7: the confidences move the answer.)
    const reviews = [
      review(A, 1, 70, "high"),
      review(A, 2, 60, "medium"),
      review(A, 3, 80, "low"),
      review(B, 1, 60, "low"),
      review(B, 2, 56, "high"),
    ];
    const result = calibrate(reviews);
    expect(result.converged).toBe(true);
    expect(result.biases.get(A)).toBeCloseTo(3.125, 6);
    expect(result.biases.get(B)).toBeCloseTo(-3.125, 6);
    expect(result.entries.get(1)).toBeCloseTo(66.125, 6);
    expect(result.entries.get(2)).toBeCloseTo(58.375, 6);
    expect(result.entries.get(3)).toBeCloseTo(76.875, 6);

    const unweighted = calibrate(reviews.map(({ weight: _weight, ...r }) => r));
    expect(unweighted.biases.get(A)! - unweighted.biases.get(B)!).toBeCloseTo(7, 6);
  });

  it("three judges, four entries in a loop: the loop's mismatch goes to the least confident link", () => {
    // E1: A 78 (high, 2), B 70 (high, 2)    h1 = 4/4 = 1,      Δ1 = 8 ≈ bA − bB
    // E2: B 65 (medium, 1), C 64 (medium, 1) h2 = 1/2,         Δ2 = 1 ≈ bB − bC
    // E3: C 52 (low, 0.5), A 50 (high, 2)   h3 = 1/2.5 = 2/5,  Δ3 = 2 ≈ bC − bA
    // E4: A 90 (low) alone: v4 = 90 − bA.
    // The fitted gaps x_e must go round the loop to zero (x1 + x2 + x3 = 0). Minimising Σ h·(Δ − x)²
    // under that constraint (a Lagrange multiplier λ): x_e = Δ_e − λ / h_e, with
    //   λ = (Δ1 + Δ2 + Δ3) / (1/h1 + 1/h2 + 1/h3) = 11 / (1 + 2 + 2.5) = 2,
    //   x1 = 8 − 2 = 6,  x2 = 1 − 4 = −3,  x3 = 2 − 5 = −3.
    // bA − bB = 6, bB − bC = −3, bA + bB + bC = 0  →  bA = 3, bB = −3, bC = 0.
    // v1 = (2·(78 − 3) + 2·(70 + 3)) / 4 = 74
    // v2 = (1·(65 + 3) + 1·(64 − 0)) / 2 = 66
    // v3 = (0.5·(52 − 0) + 2·(50 − 3)) / 2.5 = (26 + 94) / 2.5 = 48
    // v4 = 90 − 3 = 87
    const reviews = [
      review(A, 1, 78, "high"),
      review(B, 1, 70, "high"),
      review(B, 2, 65, "medium"),
      review(C, 2, 64, "medium"),
      review(C, 3, 52, "low"),
      review(A, 3, 50, "high"),
      review(A, 4, 90, "low"),
    ];
    const result = calibrate(reviews);
    expect(result.converged).toBe(true);
    expect(result.parts).toBe(1);
    const biases = [A, B, C].map((j) => result.biases.get(j)!);
    [3, -3, 0].forEach((expected, i) => expect(Math.abs(biases[i]! - expected)).toBeLessThan(1e-6));
    const entries = [1, 2, 3, 4].map((e) => result.entries.get(e)!);
    [74, 66, 48, 87].forEach((expected, i) => expect(Math.abs(entries[i]! - expected)).toBeLessThan(1e-6));

    // The same reviews entered on the stored 1–5 scale (5 = high, 3 = medium, 1 = low) give the same answer.
    const stored = { high: 5, medium: 3, low: 1 } as const;
    const levels: ConfidenceLevel[] = ["high", "high", "medium", "medium", "low", "high", "low"];
    const fromStored = calibrate(reviews.map((r, i) => ({ ...r, weight: reviewWeight(stored[levels[i]!]) })));
    for (const j of [A, B, C]) expect(fromStored.biases.get(j)).toBeCloseTo(result.biases.get(j)!, 9);

    // Only the ratios of the weights matter.
    const scaled = calibrate(reviews.map((r) => ({ ...r, weight: r.weight! * 10 })));
    for (const e of [1, 2, 3, 4]) expect(scaled.entries.get(e)).toBeCloseTo(result.entries.get(e)!, 9);
  });
});
