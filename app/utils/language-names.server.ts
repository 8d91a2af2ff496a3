// Names of the languages materials come in, made on the server in the viewer's language (the
// browser's ICU may name some differently, which would break hydration).
import { languageName, MATERIAL_LANGUAGES } from "#app/domain/judging";

/** The options of a "which language" select: every MATERIAL_LANGUAGES code, named in `locale`. */
export function materialLanguageOptions(locale: string): Array<{ value: string; label: string }> {
  return MATERIAL_LANGUAGES.map((code) => ({ value: code, label: languageName(code, locale) }));
}

/** The same names by code, for a page that shows languages beside files and texts. */
export function materialLanguageNames(locale: string): Record<string, string> {
  return Object.fromEntries(materialLanguageOptions(locale).map((o) => [o.value, o.label]));
}
