import { describe, expect, it } from "vitest";
import { aggregateEntry, canStart, parseFormat, secondsLeft } from "#app/domain/aggregation";

describe("aggregateEntry", () => {
  it("takes the plain mean", () => {
    expect(aggregateEntry([70, 80, 90], "mean")).toEqual({ value: 80, counted: 3, dropped: [] });
  });

  it("drops the highest and the lowest only from 5 reviews on", () => {
    // 60, 70, 80, 90, 100 → 70, 80, 90 → 80.
    expect(aggregateEntry([100, 60, 80, 70, 90], "trimmed_mean")).toEqual({ value: 80, counted: 3, dropped: [60, 100] });
    // 4 reviews: nothing dropped; (50 + 70 + 80 + 100) / 4 = 75.
    expect(aggregateEntry([50, 70, 80, 100], "trimmed_mean")).toEqual({ value: 75, counted: 4, dropped: [] });
  });

  it("takes the median of an odd and an even count", () => {
    expect(aggregateEntry([90, 10, 50], "median").value).toBe(50);
    expect(aggregateEntry([90, 10, 50, 60], "median").value).toBe(55);
  });

  it("has no value without reviews", () => {
    expect(aggregateEntry([], "trimmed_mean")).toEqual({ value: null, counted: 0, dropped: [] });
  });
});

describe("roadshow phases", () => {
  it("runs pitch, questions, scoring, closed in order", () => {
    expect(canStart("pitch", "waiting")).toBe(true);
    expect(canStart("qa", "pitch")).toBe(true);
    expect(canStart("qa", "waiting")).toBe(false);
    expect(canStart("scoring", "qa")).toBe(true);
    expect(canStart("close", "scoring")).toBe(true);
    expect(canStart("close", "waiting")).toBe(false);
    expect(canStart("pitch", "closed")).toBe(false);
  });

  it("counts down the timed phases", () => {
    const format = { pitchMinutes: 8, qaMinutes: 7 };
    const start = "2027-04-20T02:00:00.000Z";
    expect(secondsLeft("pitch", start, format, new Date("2027-04-20T02:05:00.000Z"))).toBe(180);
    expect(secondsLeft("qa", start, format, new Date("2027-04-20T02:08:00.000Z"))).toBe(-60);
    expect(secondsLeft("scoring", start, format, new Date())).toBeNull();
  });

  it("reads a pitch format", () => {
    expect(parseFormat("8+7")).toEqual({ pitchMinutes: 8, qaMinutes: 7 });
    expect(parseFormat(" 7 + 5 ")).toEqual({ pitchMinutes: 7, qaMinutes: 5 });
    expect(parseFormat("8")).toBeNull();
    expect(parseFormat("0+5")).toBeNull();
  });
});
