import { describe, expect, it } from "vitest";
import { DEFAULT_DISAGREEMENT, flagDisagreement } from "#app/domain/disagreement";

const totals = (entries: Record<number, number[]>) => new Map(Object.entries(entries).map(([id, t]) => [Number(id), t]));

describe("flagDisagreement", () => {
  it("uses 30 points of range or 15 of standard deviation by default", () => {
    expect(DEFAULT_DISAGREEMENT).toEqual({ maxRange: 30, maxSd: 15 });
  });

  it("flags a pair more than ~21 points apart on the sd, not on a range of exactly 30", () => {
    // [60, 90]: mean 75, sample sd = sqrt((15² + 15²) / 1) = 21.2132…, range 30 (not above 30).
    const [flag] = flagDisagreement(totals({ 1: [60, 90] }));
    expect(flag).toMatchObject({ entryId: 1, reviews: 2, mean: 75, range: 30, exceeds: ["sd"] });
    expect(flag!.sd).toBeCloseTo(21.2132, 4);
    // [70, 90]: sd = sqrt(200) = 14.142… and range 20, under both.
    expect(flagDisagreement(totals({ 1: [70, 90] }))).toEqual([]);
  });

  it("flags one outlier in a larger panel on the range", () => {
    // [70, 70, 70, 70, 101]: mean 76.2; squares 4 × 6.2² + 24.8² = 153.76 + 615.04 = 768.8; / 4 = 192.2.
    const [flag] = flagDisagreement(totals({ 7: [70, 70, 70, 70, 101] }));
    expect(flag).toMatchObject({ entryId: 7, reviews: 5, range: 31, exceeds: ["range"] });
    expect(flag!.mean).toBeCloseTo(76.2, 10);
    expect(flag!.sd).toBeCloseTo(Math.sqrt(192.2), 10);
    // One point less and the range is exactly 30; sd sqrt(180) = 13.4: not flagged.
    expect(flagDisagreement(totals({ 7: [70, 70, 70, 70, 100] }))).toEqual([]);
  });

  it("flags a panel split into two camps on the sd", () => {
    // [50, 50, 80, 80]: mean 65, squares 4 × 225 = 900, / 3 = 300, sd 17.32; range 30.
    const [flag] = flagDisagreement(totals({ 3: [50, 80, 50, 80] }));
    expect(flag).toMatchObject({ entryId: 3, range: 30, exceeds: ["sd"] });
    expect(flag!.sd).toBeCloseTo(Math.sqrt(300), 10);
  });

  it("names both thresholds when both are passed", () => {
    // [40, 90]: range 50, sd = 50 / √2 = 35.36.
    expect(flagDisagreement(totals({ 2: [40, 90] }))[0]).toMatchObject({ range: 50, exceeds: ["range", "sd"] });
  });

  it("needs at least two reviews and ignores agreement", () => {
    expect(flagDisagreement(totals({ 1: [], 2: [95], 3: [80, 80, 80] }), { maxRange: 0, maxSd: 0 })).toEqual([]);
  });

  it("takes the organiser's thresholds", () => {
    expect(flagDisagreement(totals({ 1: [80, 91] }), { maxRange: 10, maxSd: 100 })[0]).toMatchObject({
      entryId: 1,
      exceeds: ["range"],
    });
    expect(flagDisagreement(totals({ 1: [80, 91] }), { maxRange: 11, maxSd: 100 })).toEqual([]);
  });

  it("does not flag a spread equal to the threshold up to float rounding", () => {
    // 32.2 − 2.2 is 30.000000000000004 in floating point.
    expect(32.2 - 2.2).toBeGreaterThan(30);
    expect(flagDisagreement(totals({ 1: [32.2, 2.2] }), { maxRange: 30, maxSd: 100 })).toEqual([]);
  });

  it("lists the widest spread first: sd, then range, then entry id", () => {
    const flags = flagDisagreement(
      totals({
        1: [60, 90], // sd 21.21, range 30
        2: [40, 90], // sd 35.36, range 50
        3: [50, 50, 80, 80], // sd 17.32, range 30
        4: [90, 60], // same as entry 1
        5: [70, 70, 70, 70, 101], // sd 13.86, range 31
      }),
    );
    expect(flags.map((f) => f.entryId)).toEqual([2, 1, 4, 3, 5]);
  });
});
