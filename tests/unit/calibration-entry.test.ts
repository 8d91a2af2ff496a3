// Calibration entries: who must score it, when a review waits for it, when the organiser may still
// change it, and what a judge is told afterwards (worked by hand below).
import { describe, expect, it } from "vitest";
import {
  calibrationMayChange,
  calibrationOffsets,
  calibrationStanding,
  judgesToCalibrate,
  reviewWaitsForCalibration,
} from "#app/domain/calibration-entry";

describe("judgesToCalibrate", () => {
  it("is every active panel judge without a conflict who is not on the entry yet, by id", () => {
    expect(
      judgesToCalibrate({
        panel: [9, 4, 7, 4, 2, 5],
        active: new Set([2, 4, 5, 7, 9]),
        conflicted: new Set([7]),
        alreadyAssigned: new Set([5]),
      }),
    ).toEqual([2, 4, 9]);
  });
  it("is nobody when the panel is empty or everyone is done", () => {
    const none = new Set<number>();
    expect(judgesToCalibrate({ panel: [], active: new Set([1]), conflicted: none, alreadyAssigned: none })).toEqual([]);
    expect(judgesToCalibrate({ panel: [1], active: new Set([1]), conflicted: none, alreadyAssigned: new Set([1]) })).toEqual([]);
    // Withdrawn judges owe nothing.
    expect(judgesToCalibrate({ panel: [1], active: none, conflicted: none, alreadyAssigned: none })).toEqual([]);
  });
});

describe("reviewWaitsForCalibration", () => {
  const base = { entryId: 10, calibrationEntryId: 3 };
  it("holds another entry's review back until the judge's calibration review is submitted", () => {
    expect(reviewWaitsForCalibration({ ...base, calibrationStatus: "not_started" })).toBe(true);
    expect(reviewWaitsForCalibration({ ...base, calibrationStatus: "draft" })).toBe(true);
    expect(reviewWaitsForCalibration({ ...base, calibrationStatus: "submitted" })).toBe(false);
  });
  it("never holds back the calibration review itself, a track without one, or a judge with no assignment to it", () => {
    expect(reviewWaitsForCalibration({ entryId: 3, calibrationEntryId: 3, calibrationStatus: "not_started" })).toBe(false);
    expect(reviewWaitsForCalibration({ entryId: 10, calibrationEntryId: null, calibrationStatus: null })).toBe(false);
    expect(reviewWaitsForCalibration({ ...base, calibrationStatus: null })).toBe(false);
  });
});

describe("calibrationMayChange", () => {
  it("allows a change only before any other review in the track is submitted", () => {
    expect(calibrationMayChange(0)).toBe(true);
    expect(calibrationMayChange(1)).toBe(false);
  });
});

describe("calibrationStanding", () => {
  // Totals on the calibration entry (out of 100): judge 1 gave 60, judges 2, 3, 4 gave 70, 74, 78.
  const totals = [
    { judgeId: 1, entryId: 3, total: 60 },
    { judgeId: 2, entryId: 3, total: 70 },
    { judgeId: 3, entryId: 3, total: 74 },
    { judgeId: 4, entryId: 3, total: 78 },
  ];

  it("is nothing before the judge submits", () => {
    expect(calibrationStanding(9, totals)).toEqual({ status: "not_submitted" });
  });

  it("waits until two other judges have submitted", () => {
    expect(calibrationStanding(1, totals.slice(0, 1))).toEqual({ status: "waiting", needed: 2 });
    expect(calibrationStanding(1, totals.slice(0, 2))).toEqual({ status: "waiting", needed: 1 });
  });

  it("compares the judge's total with the other judges' mean", () => {
    // Others: (70 + 74 + 78) / 3 = 74; 60 − 74 = −14, beyond the 1-point margin: harsher (strict).
    expect(calibrationStanding(1, totals)).toEqual({
      status: "ready",
      own: 60,
      panelMean: 74,
      difference: -14,
      leaning: "strict",
      others: 3,
    });
    // Judge 4: others (60 + 70 + 74) / 3 = 68; 78 − 68 = +10: more lenient.
    expect(calibrationStanding(4, totals)).toMatchObject({ panelMean: 68, difference: 10, leaning: "lenient" });
    // Judge 3 with only judges 2 and 4 beside: (70 + 78) / 2 = 74; 74 − 74 = 0: in line.
    expect(calibrationStanding(3, totals.slice(1))).toMatchObject({
      panelMean: 74,
      difference: 0,
      leaning: "in_line",
      others: 2,
    });
  });

  it("reads a difference within one point as in line", () => {
    const close = [
      { judgeId: 1, entryId: 3, total: 70.5 },
      { judgeId: 2, entryId: 3, total: 70 },
      { judgeId: 3, entryId: 3, total: 69.5 },
    ];
    // Others of judge 1: 69.75; +0.75 is within the margin.
    expect(calibrationStanding(1, close)).toMatchObject({ difference: 0.75, leaning: "in_line" });
  });
});

describe("calibrationOffsets", () => {
  it("gives every panel judge's total, the others' mean, the difference and leaning; nulls until they submit", () => {
    const totals = [
      { judgeId: 1, entryId: 3, total: 60 },
      { judgeId: 2, entryId: 3, total: 80 },
    ];
    expect(calibrationOffsets([2, 1, 5], totals)).toEqual([
      { judgeId: 2, total: 80, panelMean: 60, difference: 20, leaning: "lenient" },
      { judgeId: 1, total: 60, panelMean: 80, difference: -20, leaning: "strict" },
      { judgeId: 5, total: null, panelMean: null, difference: null, leaning: null },
    ]);
  });
});
