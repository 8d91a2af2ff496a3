import { describe, expect, it } from "vitest";
import { matchLanguage, negotiateLanguage, resolveLanguage } from "#app/domain/locale";

describe("language negotiation", () => {
  it.each([
    ["zh-CN", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-Hans-SG", "zh-CN"],
    ["zh-TW", "zh-TW"],
    ["zh-HK", "zh-TW"],
    ["zh-Hant", "zh-TW"],
    ["in-ID", "id"],
    ["ms-MY", "ms"],
    ["th-TH", "th"],
    ["vi", "vi"],
    ["en-GB", "en"],
    ["fr-FR", null],
  ])("maps %s to %s", (tag, expected) => {
    expect(matchLanguage(tag)).toBe(expected);
  });

  it("honours q-values and order", () => {
    expect(negotiateLanguage("fr;q=1, th;q=0.5, vi;q=0.8")).toBe("vi");
    expect(negotiateLanguage("de, zh-TW;q=0.9, en;q=0.8")).toBe("zh-TW");
    expect(negotiateLanguage("de, fr")).toBeNull();
    expect(negotiateLanguage("th;q=0")).toBeNull();
    expect(negotiateLanguage(null)).toBeNull();
  });

  it("prefers the profile, then the cookie, then the header, then English", () => {
    expect(resolveLanguage({ profile: "ms", cookie: "th", acceptLanguage: "vi" })).toBe("ms");
    expect(resolveLanguage({ profile: null, cookie: "th", acceptLanguage: "vi" })).toBe("th");
    expect(resolveLanguage({ cookie: "klingon", acceptLanguage: "vi" })).toBe("vi");
    expect(resolveLanguage({})).toBe("en");
  });
});
