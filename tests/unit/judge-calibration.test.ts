import { describe, expect, it } from "vitest";
import { calibrateJudges, leaningOf, type ReviewTotal } from "#app/domain/judge-calibration";

// Three judges (1, 2, 3) on three entries (10, 11, 12), worked by hand:
//   entry 10: judge 1 → 80, judge 2 → 70, judge 3 → 60
//   entry 11: judge 1 → 90, judge 2 → 60
//   entry 12: judge 3 → 50 (nobody else)
const totals: ReviewTotal[] = [
  { judgeId: 1, entryId: 10, total: 80 },
  { judgeId: 2, entryId: 10, total: 70 },
  { judgeId: 3, entryId: 10, total: 60 },
  { judgeId: 1, entryId: 11, total: 90 },
  { judgeId: 2, entryId: 11, total: 60 },
  { judgeId: 3, entryId: 12, total: 50 },
];

describe("calibrateJudges", () => {
  it("compares each judge with the other judges on the same entries", () => {
    const [one, two, three] = calibrateJudges([1, 2, 3], totals);
    // Judge 1: own (80 + 90) / 2 = 85. Panel: entry 10 → (70 + 60) / 2 = 65, entry 11 → 60; (65 + 60) / 2 = 62.5.
    expect(one).toEqual({
      judgeId: 1,
      scored: 2,
      average: 85,
      compared: 2,
      averageOnCompared: 85,
      panelAverage: 62.5,
      difference: 22.5,
      leaning: "lenient",
    });
    // Judge 2: own (70 + 60) / 2 = 65. Panel: entry 10 → (80 + 60) / 2 = 70, entry 11 → 90; (70 + 90) / 2 = 80.
    expect(two).toMatchObject({ scored: 2, average: 65, compared: 2, panelAverage: 80, difference: -15, leaning: "strict" });
    // Judge 3: own (60 + 50) / 2 = 55, but only entry 10 is shared: own 60 against (80 + 70) / 2 = 75.
    expect(three).toMatchObject({
      scored: 2,
      average: 55,
      compared: 1,
      averageOnCompared: 60,
      panelAverage: 75,
      difference: -15,
      leaning: "strict",
    });
  });

  it("says nothing it cannot: no reviews, or entries nobody else scored", () => {
    const [lonely, idle] = calibrateJudges([3, 4], [{ judgeId: 3, entryId: 12, total: 50 }]);
    expect(lonely).toEqual({
      judgeId: 3,
      scored: 1,
      average: 50,
      compared: 0,
      averageOnCompared: null,
      panelAverage: null,
      difference: null,
      leaning: null,
    });
    expect(idle).toMatchObject({ judgeId: 4, scored: 0, average: null, compared: 0, difference: null, leaning: null });
  });

  it("counts each entry once however many other judges scored it", () => {
    // Entry 20: judge 1 → 50 against four others averaging (40 + 40 + 40 + 40) / 4 = 40.
    // Entry 21: judge 1 → 50 against one other at 70. Per entry: (40 + 70) / 2 = 55, difference 50 − 55 = −5.
    const result = calibrateJudges(
      [1],
      [
        { judgeId: 1, entryId: 20, total: 50 },
        ...[2, 3, 4, 5].map((judgeId) => ({ judgeId, entryId: 20, total: 40 })),
        { judgeId: 1, entryId: 21, total: 50 },
        { judgeId: 2, entryId: 21, total: 70 },
      ],
    );
    expect(result[0]).toMatchObject({ compared: 2, panelAverage: 55, difference: -5, leaning: "strict" });
  });

  it("keeps the order asked for and ignores totals that are not numbers", () => {
    const result = calibrateJudges([2, 1], [...totals, { judgeId: 1, entryId: 13, total: Number.NaN }]);
    expect(result.map((r) => r.judgeId)).toEqual([2, 1]);
    expect(result[1]!.scored).toBe(2);
  });
});

describe("leaningOf", () => {
  it("reads a difference within a point either way as in line", () => {
    expect(leaningOf(1)).toBe("in_line");
    expect(leaningOf(-1)).toBe("in_line");
    expect(leaningOf(0)).toBe("in_line");
    expect(leaningOf(1.01)).toBe("lenient");
    expect(leaningOf(-6.2)).toBe("strict");
    expect(leaningOf(3, 5)).toBe("in_line");
  });
});
