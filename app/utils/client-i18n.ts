// The page carries its language's catalogs as JSON (a non-executable script tag, so the CSP is
// untouched); the browser starts i18next from it without another request.
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

export function readEmbeddedI18n(): { language: Language; resources: Record<string, unknown> } {
  const element = document.getElementById(I18N_SCRIPT_ID);
  try {
    const parsed = JSON.parse(element?.textContent ?? "{}") as { language?: string; resources?: Record<string, unknown> };
    return { language: isLanguage(parsed.language) ? parsed.language : DEFAULT_LANGUAGE, resources: parsed.resources ?? {} };
  } catch {
    return { language: DEFAULT_LANGUAGE, resources: {} };
  }
}
