// Text that organisers enter in several languages: English is required, the others optional.
// Shown in the viewer's language when present, else in English.
import { LANGUAGES, type Language } from "./locale";

export type LocalizedText = { en: string } & Partial<Record<Exclude<Language, "en">, string>>;

/** The text in `language`, falling back to Simplified/Traditional Chinese of each other, then English. */
export function pickLocalized(text: LocalizedText, language: Language): string {
  const own = text[language]?.trim();
  if (own) return own;
  if (language === "zh-TW" && text["zh-CN"]?.trim()) return text["zh-CN"]!.trim();
  if (language === "zh-CN" && text["zh-TW"]?.trim()) return text["zh-TW"]!.trim();
  return text.en;
}

/** Which language `pickLocalized` used, for a `lang` attribute on the element that shows it. */
export function pickedLanguage(text: LocalizedText, language: Language): Language {
  if (text[language]?.trim()) return language;
  if (language === "zh-TW" && text["zh-CN"]?.trim()) return "zh-CN";
  if (language === "zh-CN" && text["zh-TW"]?.trim()) return "zh-TW";
  return "en";
}

/** Keeps only known languages with non-empty text; null when English is missing. */
export function normaliseLocalized(input: Partial<Record<string, unknown>>): LocalizedText | null {
  const out: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const value = input[language];
    if (typeof value === "string" && value.trim()) out[language] = value.trim();
  }
  if (!out.en) return null;
  return out as LocalizedText;
}

export function parseLocalizedJson(json: string | null | undefined): LocalizedText | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === "object" ? normaliseLocalized(parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
