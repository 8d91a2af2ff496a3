// The languages Trellis speaks and how a request's preferences map onto them.
export const LANGUAGES = ["en", "zh-CN", "zh-TW", "id", "ms", "th", "vi"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's own name, for the switcher (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  "zh-CN": "简体中文",
  "zh-TW": "繁體中文",
  id: "Bahasa Indonesia",
  ms: "Bahasa Melayu",
  th: "ไทย",
  vi: "Tiếng Việt",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps one BCP 47 tag to a supported language, or null. zh-HK / zh-Hant go to Traditional. */
export function matchLanguage(tag: string): Language | null {
  const lower = tag.trim().toLowerCase();
  if (!lower) return null;
  const [primary, ...rest] = lower.split("-");
  switch (primary) {
    case "en":
      return "en";
    case "zh": {
      if (rest.some((p) => ["hant", "tw", "hk", "mo"].includes(p))) return "zh-TW";
      return "zh-CN";
    }
    case "id":
    case "in": // the old code for Indonesian, still sent by some Android browsers
      return "id";
    case "ms":
      return "ms";
    case "th":
      return "th";
    case "vi":
      return "vi";
    default:
      return null;
  }
}

/** Picks the best supported language from an Accept-Language header, honouring q-values. */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Language | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) {
    const match = matchLanguage(entry.tag);
    if (match) return match;
  }
  return null;
}

/** Profile first, then the language cookie, then the browser's Accept-Language, then English. */
export function resolveLanguage(input: {
  profile?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Language {
  if (isLanguage(input.profile)) return input.profile;
  if (isLanguage(input.cookie)) return input.cookie;
  return negotiateLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}
