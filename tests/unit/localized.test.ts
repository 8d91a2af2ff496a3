import { describe, expect, it } from "vitest";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { localizedInput, requiredLocalized } from "#app/forms/localized";

describe("localized texts", () => {
  const text = { en: "Digital economy", "zh-CN": "数字经济" };
  it("shows the viewer's language, the other Chinese script, then English", () => {
    expect(pickLocalized(text, "zh-CN")).toBe("数字经济");
    expect(pickLocalized(text, "zh-TW")).toBe("数字经济");
    expect(pickedLanguage(text, "zh-TW")).toBe("zh-CN");
    expect(pickLocalized(text, "th")).toBe("Digital economy");
    expect(pickedLanguage(text, "th")).toBe("en");
  });

  it("requires English on the English input, keeps the others optional, and trims", () => {
    const required = requiredLocalized(20);
    expect(required.parse({ en: "  Cup ", th: "" })).toEqual({ en: "Cup" });
    const missing = required.safeParse(undefined);
    expect(missing.success ? [] : missing.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["en", "required"]]);
    const tooLong = required.safeParse({ en: "x".repeat(21) });
    expect(tooLong.success ? [] : tooLong.error.issues.map((i) => i.message)).toEqual(["too_long?max=20"]);
    expect(localizedInput({ required: false, max: 20 }).parse(undefined)).toBeNull();
    expect(localizedInput({ required: false, max: 20 }).parse({ vi: "Cúp" })).toBeNull();
  });
});
