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
