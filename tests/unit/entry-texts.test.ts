// Which version of an entry's text a viewer sees, and which sets of versions a team may save.
import { describe, expect, it } from "vitest";
import {
  checkVersions,
  ORIGINAL,
  pickTextVersion,
  readsLanguage,
  viewerPreferences,
  type TextVersion,
} from "#app/domain/entry-texts";

const th: TextVersion = { language: "th", text: "แอปแยกขยะ", original: true };
const en: TextVersion = { language: "en", text: "A waste-sorting app", original: false };
const vi: TextVersion = { language: "vi", text: "Ứng dụng phân loại rác", original: false };

describe("the viewer's languages", () => {
  it("maps both Chinese scripts to zh and keeps the other UI languages as they are", () => {
    expect(readsLanguage("zh-CN")).toBe("zh");
    expect(readsLanguage("zh-TW")).toBe("zh");
    expect(readsLanguage("th")).toBe("th");
    expect(readsLanguage("ms")).toBe("ms");
    expect(readsLanguage("fr")).toBeNull();
  });

  it("puts the asked-for version first, then the UI language, then a judge's languages, each once", () => {
    expect(viewerPreferences({ uiLanguage: "th", reads: ["en", "th", "vi"] })).toEqual(["th", "en", "vi"]);
    expect(viewerPreferences({ uiLanguage: "zh-TW", reads: ["en"], requested: "vi" })).toEqual(["vi", "zh", "en"]);
    expect(viewerPreferences({ uiLanguage: "en", requested: "ORIGINAL" })).toEqual([ORIGINAL, "en"]);
  });

  it("ignores an asked-for or profile language that is not a materials language", () => {
    expect(viewerPreferences({ uiLanguage: "en", requested: "xx", reads: ["klingon", "th"] })).toEqual(["en", "th"]);
  });
});

describe("picking the version to show", () => {
  it("shows the version in the viewer's first language that has one, and says it is a translation", () => {
    expect(pickTextVersion([th, en, vi], ["en", "th"])).toEqual({
      text: "A waste-sorting app",
      language: "en",
      original: false,
      matched: true,
      others: [
        { language: "th", original: true },
        { language: "vi", original: false },
      ],
    });
  });

  it("shows the original when the viewer reads it", () => {
    expect(pickTextVersion([en, th, vi], ["th"])).toMatchObject({ language: "th", original: true, matched: true });
  });

  it("falls back to the original when none of the viewer's languages has a version", () => {
    expect(pickTextVersion([en, th], ["id", "ms"])).toMatchObject({ language: "th", original: true, matched: false });
  });

  it("falls back to English, then the first language in the list, when there is no original", () => {
    const noOriginal = [{ ...vi }, { ...en }, { language: "id", text: "Aplikasi", original: false }];
    expect(pickTextVersion(noOriginal, ["zh"])).toMatchObject({ language: "en", matched: false });
    expect(pickTextVersion([{ ...vi }, { language: "id", text: "Aplikasi", original: false }], ["zh"])).toMatchObject({
      language: "id",
    });
  });

  it("honours a request for the original, even when the viewer reads a translation", () => {
    expect(pickTextVersion([th, en], [ORIGINAL, "en"])).toMatchObject({ language: "th", original: true, matched: false });
  });

  it("shows an original in a language the team never gave, and lists it first among the others", () => {
    const unknown: TextVersion = { language: null, text: "Legacy pitch", original: true };
    expect(pickTextVersion([unknown], ["en"])).toEqual({
      text: "Legacy pitch",
      language: null,
      original: true,
      matched: false,
      others: [],
    });
    expect(pickTextVersion([en, unknown], ["en"])!.others).toEqual([{ language: null, original: true }]);
  });

  it("gives the same answer whatever order the versions come in", () => {
    const a = pickTextVersion([th, en, vi], ["vi"]);
    const b = pickTextVersion([vi, en, th], ["vi"]);
    expect(a).toEqual(b);
    expect(a!.others.map((o) => o.language)).toEqual(["th", "en"]);
  });

  it("skips empty versions and returns null when there is no text at all", () => {
    expect(pickTextVersion([{ language: "en", text: "  ", original: true }], ["en"])).toBeNull();
    expect(pickTextVersion([], ["en"])).toBeNull();
    expect(pickTextVersion([{ language: "en", text: " ", original: false }, th], ["en"])).toMatchObject({ language: "th" });
  });
});

describe("checking a team's versions", () => {
  const pitch = { maxLength: 20, originalHere: true };
  const answer = { maxLength: 20, originalHere: false, originalLanguage: "th", hasOriginal: true };

  it("keeps the original and the translations, trimmed, and drops the unused add row and removed rows", () => {
    expect(
      checkVersions(
        {
          original: { language: "th", text: "  แอปแยกขยะ " },
          translations: [
            { language: "en", text: "Sorting app\r\n" },
            { language: "vi", text: "Gone", remove: "on" },
            { language: "", text: "" },
          ],
        },
        pitch,
      ),
    ).toEqual({
      ok: true,
      value: { original: { language: "th", text: "แอปแยกขยะ" }, translations: [{ language: "en", text: "Sorting app" }] },
    });
  });

  it("refuses an unknown language, a language used twice, an empty text and a text over the limit, by field", () => {
    const result = checkVersions(
      {
        original: { language: "th", text: "ok" },
        translations: [
          { language: "xx", text: "text" },
          { language: "th", text: "again" },
          { language: "en", text: "   " },
          { language: "vi", text: "a".repeat(21) },
        ],
      },
      pitch,
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        "translations.0.language": "entryTexts.language_invalid",
        "translations.1.language": "entryTexts.language_twice",
        "translations.2.text": "entryTexts.empty",
        "translations.3.text": "entryTexts.too_long?max=20",
      },
    });
  });

  it("counts characters, not UTF-16 units, against the limit", () => {
    const emoji = "🌱".repeat(20);
    expect(checkVersions({ original: { language: "en", text: emoji }, translations: [] }, pitch).ok).toBe(true);
  });

  it("refuses translations without an original of the pitch, but lets the whole pitch be cleared", () => {
    expect(checkVersions({ original: { language: "", text: "" }, translations: [{ language: "en", text: "x" }] }, pitch)).toEqual(
      {
        ok: false,
        problems: { "original.text": "entryTexts.original_needed" },
      },
    );
    expect(checkVersions({ original: { language: "", text: "" }, translations: [] }, pitch)).toEqual({
      ok: true,
      value: { original: null, translations: [] },
    });
  });

  it("refuses a translation of an answer into the answer's own language, or of an answer not given", () => {
    expect(checkVersions({ translations: [{ language: "th", text: "ซ้ำ" }] }, answer)).toEqual({
      ok: false,
      problems: { "translations.0.language": "entryTexts.same_as_original" },
    });
    expect(checkVersions({ translations: [{ language: "en", text: "x" }] }, { ...answer, hasOriginal: false })).toEqual({
      ok: false,
      problems: { form: "entryTexts.no_original" },
    });
  });

  it("ignores an original sent for an answer (it is changed on the registration form)", () => {
    expect(
      checkVersions({ original: { language: "en", text: "sneaky" }, translations: [{ language: "en", text: "Hi" }] }, answer),
    ).toEqual({ ok: true, value: { original: null, translations: [{ language: "en", text: "Hi" }] } });
  });

  it("refuses more versions than there are languages", () => {
    const many = ["en", "zh", "id", "ms", "vi", "km", "lo", "my", "fil", "th"].map((language) => ({ language, text: "x" }));
    const result = checkVersions({ translations: many }, { ...answer, originalLanguage: null });
    expect(result).toEqual({ ok: false, problems: { form: "entryTexts.version_limit" } });
  });

  it("treats a file or other non-text value as missing", () => {
    expect(checkVersions({ original: { language: "en", text: new Blob(["x"]) }, translations: [] }, pitch)).toEqual({
      ok: false,
      problems: { "original.text": "entryTexts.empty" },
    });
  });
});
