import { describe, expect, it } from "vitest";
import { kendallTauB, topIds, topOverlap } from "#app/domain/rank-metrics";

const scores = (pairs: Record<number, number>) => new Map(Object.entries(pairs).map(([id, v]) => [Number(id), v]));

describe("kendallTauB", () => {
  it("is 1 for the same order and −1 for the reverse, whatever the scale", () => {
    const truth = scores({ 1: 10, 2: 20, 3: 30, 4: 40 });
    expect(kendallTauB(scores({ 1: 1, 2: 2, 3: 3, 4: 4 }), truth)).toBe(1);
    expect(kendallTauB(scores({ 1: 4, 2: 3, 3: 2, 4: 1 }), truth)).toBe(-1);
  });

  it("counts one swapped pair out of six", () => {
    // Entries 2 and 3 are swapped: 5 concordant, 1 discordant, no ties → (5 − 1) / 6 = 2/3.
    expect(kendallTauB(scores({ 1: 1, 2: 3, 3: 2, 4: 4 }), scores({ 1: 1, 2: 2, 3: 3, 4: 4 }))).toBeCloseTo(2 / 3, 12);
  });

  it("leaves a pair tied in the estimate out of the numerator and shrinks its side of the denominator", () => {
    // Entries 2 and 3 tie in the estimate: C = 5, D = 0, P = 6, Tx = 1, Ty = 0 → 5 / √(5 · 6) = 0.912870929…
    const tau = kendallTauB(scores({ 1: 1, 2: 2, 3: 2, 4: 3 }), scores({ 1: 1, 2: 2, 3: 3, 4: 4 }));
    expect(tau).toBeCloseTo(5 / Math.sqrt(30), 12);
    expect(tau).toBeCloseTo(0.912870929, 8);
  });

  it("counts a pair tied on both sides in both tie counts", () => {
    // (1,2) tied in both; (1,3) and (2,3) discordant: C = 0, D = 2, P = 3, Tx = Ty = 1 → −2 / √(2 · 2) = −1.
    expect(kendallTauB(scores({ 1: 1, 2: 1, 3: 2 }), scores({ 1: 5, 2: 5, 3: 4 }))).toBe(-1);
  });

  it("mixes ties on each side", () => {
    // Estimate 1:1 2:1 3:2 4:3, truth 1:1 2:2 3:2 4:1. Pairs: (1,2) Tx; (1,3) C; (1,4) Ty; (2,3) Ty;
    // (2,4) D; (3,4) D. C = 1, D = 2, P = 6, Tx = 1, Ty = 2 → −1 / √(5 · 4) = −0.2236…
    expect(kendallTauB(scores({ 1: 1, 2: 1, 3: 2, 4: 3 }), scores({ 1: 1, 2: 2, 3: 2, 4: 1 }))).toBeCloseTo(
      -1 / Math.sqrt(20),
      12,
    );
  });

  it("has no value when one side has no order at all", () => {
    expect(kendallTauB(scores({ 1: 5, 2: 5, 3: 5 }), scores({ 1: 1, 2: 2, 3: 3 }))).toBeNaN();
    expect(kendallTauB(scores({ 1: 1 }), scores({ 1: 1 }))).toBeNaN();
  });

  it("refuses maps over different entries", () => {
    expect(() => kendallTauB(scores({ 1: 1, 2: 2 }), scores({ 1: 1, 3: 2 }))).toThrow(/same entries/);
    expect(() => kendallTauB(scores({ 1: 1, 2: 2 }), scores({ 1: 1, 2: 2, 3: 3 }))).toThrow(/same entries/);
  });
});

describe("topOverlap", () => {
  const truth = scores({ 1: 90, 2: 80, 3: 70, 4: 60, 5: 50 });

  it("is the share of the true top n that the estimate also puts in its top n", () => {
    // True top 2 {1, 2}; estimated top 2 {3, 2}: one of two.
    expect(topOverlap(scores({ 1: 50, 2: 80, 3: 90, 4: 60, 5: 70 }), truth, 2)).toBe(0.5);
    // True top 3 {1, 2, 3}; estimated top 3 {3, 5, 4}: one of three.
    expect(topOverlap(scores({ 1: 10, 2: 20, 3: 90, 4: 60, 5: 70 }), truth, 3)).toBeCloseTo(1 / 3, 12);
    expect(topOverlap(truth, truth, 4)).toBe(1);
  });

  it("breaks ties at the cut by the lower entry id", () => {
    // Estimate: 3 leads, then 2 and 4 tie at 7 for the second place; entry 2 wins the tie, so the
    // estimated top 2 is {3, 2} and shares entry 2 with the true {1, 2}. Broken the other way it would share none.
    const estimate = scores({ 4: 7, 2: 7, 3: 9, 1: 1, 5: 0 });
    expect(topIds(estimate, 2)).toEqual([3, 2]);
    expect(topOverlap(estimate, truth, 2)).toBe(0.5);
    expect(topIds(scores({ 9: 1, 7: 1, 8: 1 }), 3)).toEqual([7, 8, 9]);
  });

  it("breaks ties in the truth the same way", () => {
    // True top 1 among the tied 2 and 1 is entry 1.
    expect(topOverlap(scores({ 1: 5, 2: 9 }), scores({ 2: 3, 1: 3 }), 1)).toBe(0);
    expect(topOverlap(scores({ 1: 9, 2: 5 }), scores({ 2: 3, 1: 3 }), 1)).toBe(1);
  });

  it("counts every entry when there are fewer than n", () => {
    expect(topOverlap(scores({ 1: 1, 2: 2 }), scores({ 1: 2, 2: 1 }), 10)).toBe(1);
    expect(topOverlap(new Map(), new Map(), 10)).toBeNaN();
  });

  it("refuses an n that is not a positive whole number and maps over different entries", () => {
    expect(() => topOverlap(truth, truth, 0)).toThrow(RangeError);
    expect(() => topOverlap(truth, truth, 2.5)).toThrow(RangeError);
    expect(() => topOverlap(scores({ 1: 1 }), scores({ 2: 1 }), 1)).toThrow(/same entries/);
  });
});
