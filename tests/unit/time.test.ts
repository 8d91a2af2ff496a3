import { describe, expect, it } from "vitest";
import { formatInstant, isTimeZone, listTimeZones } from "#app/domain/time";

describe("time zones", () => {
  it("knows real IANA zones and refuses others", () => {
    expect(isTimeZone("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it("lists zones sorted, with UTC", () => {
    const zones = listTimeZones();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Asia/Shanghai");
    // The current IANA names, not ICU's older aliases.
    expect(zones).toContain("Asia/Ho_Chi_Minh");
    expect(zones).toContain("Asia/Yangon");
    expect(zones).not.toContain("Asia/Saigon");
    expect([...zones].sort()).toEqual(zones);
  });

  it("shows one UTC instant in the viewer's zone and language", () => {
    const iso = "2026-11-24T04:50:00.000Z";
    expect(formatInstant(iso, { locale: "en-GB", timeZone: "Asia/Shanghai" })).toMatch(/24 Nov 2026.*12:50.*(GMT\+8|CST)/);
    expect(formatInstant(iso, { locale: "en-GB", timeZone: "Asia/Jakarta" })).toMatch(/11:50/);
    expect(formatInstant(iso, { locale: "en-GB", timeZone: "UTC" })).toMatch(/04:50.*UTC/);
    expect(formatInstant(iso, { locale: "zh-CN", timeZone: "Asia/Shanghai" })).toMatch(/2026.*11.*24/);
  });

  it("falls back to UTC for an unknown zone and leaves unreadable input as it is", () => {
    expect(formatInstant("2026-11-24T04:50:00.000Z", { locale: "en-GB", timeZone: "Nowhere/Land" })).toMatch(/04:50/);
    expect(formatInstant("yesterday", { locale: "en", timeZone: "UTC" })).toBe("yesterday");
  });
});

import { utcToZonedLocal, zonedLocalToUtc } from "#app/domain/time";

describe("deadlines entered in the contest's time zone", () => {
  it("converts a wall-clock time in a zone to UTC and back", () => {
    expect(zonedLocalToUtc("2026-12-01T09:00", "Asia/Shanghai")?.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(zonedLocalToUtc("2026-12-01T09:00", "Asia/Jakarta")?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(zonedLocalToUtc("2026-12-01T00:30", "UTC")?.toISOString()).toBe("2026-12-01T00:30:00.000Z");
    expect(utcToZonedLocal("2026-12-01T01:00:00.000Z", "Asia/Shanghai")).toBe("2026-12-01T09:00");
    expect(utcToZonedLocal("2026-12-31T17:00:00.000Z", "Asia/Shanghai")).toBe("2027-01-01T01:00");
  });

  it("handles daylight-saving changes: summer and winter offsets, a skipped hour, a repeated hour", () => {
    expect(zonedLocalToUtc("2026-07-01T12:00", "Europe/London")?.toISOString()).toBe("2026-07-01T11:00:00.000Z");
    expect(zonedLocalToUtc("2026-01-15T12:00", "Europe/London")?.toISOString()).toBe("2026-01-15T12:00:00.000Z");
    // 01:30 does not exist in London on 29 March 2026 (clocks go 01:00 → 02:00).
    expect(zonedLocalToUtc("2026-03-29T01:30", "Europe/London")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 01:30 happens twice on 25 October 2026; the earlier one (BST) is taken.
    expect(zonedLocalToUtc("2026-10-25T01:30", "Europe/London")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("refuses malformed input and unknown zones", () => {
    expect(zonedLocalToUtc("2026-02-30T09:00", "Asia/Shanghai")).toBeNull();
    expect(zonedLocalToUtc("2026-12-01 09:00", "Asia/Shanghai")).toBeNull();
    expect(zonedLocalToUtc("2026-12-01T24:00", "Asia/Shanghai")).toBeNull();
    expect(zonedLocalToUtc("2026-12-01T09:00", "Nowhere/Land")).toBeNull();
    expect(utcToZonedLocal("nonsense", "UTC")).toBe("");
  });
});
