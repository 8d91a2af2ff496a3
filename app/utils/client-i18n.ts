// The page names its language and where that language's catalogs are (`/i18n/<language>?v=…`, kept
// by the browser for good), in a non-executable JSON script tag so the CSP is untouched. A page
// rendered without the address (an error before the root loader ran) carries the catalogs inline.
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "#app/domain/locale";

export const I18N_SCRIPT_ID = "trellis-i18n";
export const TIME_ZONE_COOKIE_SCRIPT_NAME = "tz";

/** JSON safe inside a <script> element. */
export function serializeForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export type EmbeddedI18n = { language: Language; url: string | null; resources: Record<string, unknown> | null };

export function readEmbeddedI18n(): EmbeddedI18n {
  const element = document.getElementById(I18N_SCRIPT_ID);
  try {
    const parsed = JSON.parse(element?.textContent ?? "{}") as {
      language?: string;
      url?: string;
      resources?: Record<string, unknown>;
    };
    return {
      language: isLanguage(parsed.language) ? parsed.language : DEFAULT_LANGUAGE,
      url: typeof parsed.url === "string" && parsed.url.startsWith("/i18n/") ? parsed.url : null,
      resources: parsed.resources ?? null,
    };
  } catch {
    return { language: DEFAULT_LANGUAGE, url: null, resources: null };
  }
}

/** The text of the tag as the server wrote it, kept so hydration renders exactly the same. */
export function embeddedI18nText(): string | null {
  return typeof document === "undefined" ? null : (document.getElementById(I18N_SCRIPT_ID)?.textContent ?? null);
}

/** The catalogs: from their address (cached by the browser), or inline; empty if neither works. */
export async function loadCatalogs(embedded: EmbeddedI18n): Promise<Record<string, unknown>> {
  if (embedded.resources) return embedded.resources;
  if (!embedded.url) return {};
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await fetch(embedded.url, { credentials: "same-origin" });
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // offline for a moment: one more try
    }
  }
  return {};
}
