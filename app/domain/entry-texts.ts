// An entry's texts in several languages: its one-line pitch, description and text answers each have
// one original and may have translations, every version tagged with its language. Which version a
// viewer sees, and whether a team's set of versions may be saved, are decided here.
import { isMaterialLanguage, MATERIAL_LANGUAGES } from "./judging";

export const ENTRY_TEXT_FIELDS = ["pitch", "description", "answer", "material"] as const;
export type EntryTextField = (typeof ENTRY_TEXT_FIELDS)[number];

/** Longest version of each whole-entry text; an answer's limit is its question's, a material's its requirement's. */
export const ENTRY_TEXT_LIMITS = { pitch: 200, description: 5000 } as const;

/** A preference that asks for the original, whatever its language (the viewer's "show the original"). */
export const ORIGINAL = "original";

export interface TextVersion {
  /** A MATERIAL_LANGUAGES code; null for an original whose language the team never gave. */
  language: string | null;
  text: string;
  original: boolean;
}

export interface TextChoice {
  text: string;
  language: string | null;
  /** Whether the version shown is the original (else a translation). */
  original: boolean;
  /** Whether it is in one of the viewer's languages (else the best the entry has). */
  matched: boolean;
  /** The other versions, original first, then in MATERIAL_LANGUAGES order. */
  others: Array<{ language: string | null; original: boolean }>;
}

/** The materials language a UI language reads: both Chinese scripts read "zh". */
export function readsLanguage(uiLanguage: string): string | null {
  const primary = uiLanguage.trim().toLowerCase().split("-")[0] ?? "";
  return isMaterialLanguage(primary) ? primary : null;
}

/**
 * The viewer's languages in order: the version they asked for (a language code or ORIGINAL), the UI
 * language, then any others they read (a judge's profile), each once.
 */
export function viewerPreferences(input: { uiLanguage: string; reads?: readonly string[]; requested?: string | null }): string[] {
  const out: string[] = [];
  const add = (code: string | null | undefined) => {
    if (code && !out.includes(code)) out.push(code);
  };
  const requested = input.requested?.trim().toLowerCase();
  if (requested === ORIGINAL || (requested && isMaterialLanguage(requested))) add(requested);
  add(readsLanguage(input.uiLanguage));
  for (const code of input.reads ?? []) add(isMaterialLanguage(code) ? code : null);
  return out;
}

const rank = (language: string | null) => {
  const index = language === null ? -1 : (MATERIAL_LANGUAGES as readonly string[]).indexOf(language);
  return index < 0 ? MATERIAL_LANGUAGES.length : index;
};

/** Original first, then by language in MATERIAL_LANGUAGES order (unknown last), then by text: any input order gives the same list. */
function ordered(versions: readonly TextVersion[]): TextVersion[] {
  return versions
    .filter((v) => v.text.trim() !== "")
    .slice()
    .sort(
      (a, b) =>
        Number(b.original) - Number(a.original) ||
        rank(a.language) - rank(b.language) ||
        (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
    );
}

/**
 * The version to show a viewer: the first of their preferences the entry has (ORIGINAL matches the
 * original), else the original, else English, else the first by language. Null when there is no text.
 */
export function pickTextVersion(versions: readonly TextVersion[], preferences: readonly string[]): TextChoice | null {
  const list = ordered(versions);
  if (list.length === 0) return null;
  let chosen: TextVersion | undefined;
  for (const preference of preferences) {
    chosen = preference === ORIGINAL ? list.find((v) => v.original) : list.find((v) => v.language === preference);
    if (chosen) break;
  }
  chosen ??= list.find((v) => v.original) ?? list.find((v) => v.language === "en") ?? list[0]!;
  return {
    text: chosen.text,
    language: chosen.language,
    original: chosen.original,
    matched: chosen.language !== null && preferences.includes(chosen.language),
    others: list.filter((v) => v !== chosen).map((v) => ({ language: v.language, original: v.original })),
  };
}

// ---- A team's set of versions --------------------------------------------------------------------

export interface VersionInput {
  language: unknown;
  text: unknown;
  /** The "remove this version" box. */
  remove?: unknown;
}

export interface VersionRules {
  maxLength: number;
  /** Pitch and description: the team writes the original here. Answers and materials: it lives elsewhere. */
  originalHere: boolean;
  /** Where the original lives elsewhere: its language (null if not given) and whether there is one. */
  originalLanguage?: string | null;
  hasOriginal?: boolean;
}

export interface SavedVersions {
  original: { language: string; text: string } | null;
  translations: Array<{ language: string; text: string }>;
}

/** Problems by form field: `original.language`, `translations.2.text`... each an errors: code. */
export type VersionProblems = Record<string, string>;

const TICKED = new Set(["on", "true", "1"]);
const ticked = (raw: unknown) => typeof raw === "string" && TICKED.has(raw.trim().toLowerCase());
const textOf = (raw: unknown) => (typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : "");
const languageOf = (raw: unknown) => (typeof raw === "string" ? raw.trim() : "");

/**
 * Checks what the team sent for one text: the original (pitch and description only) and its
 * translations. A row with neither language nor text is an unused "add a version" row; a row marked
 * "remove" is dropped. Everything else needs a listed language, not yet used, and some text within
 * the limit. The pitch or description may be cleared only as a whole: no translations without an original.
 */
export function checkVersions(
  input: { original?: VersionInput; translations: readonly VersionInput[] },
  rules: VersionRules,
): { ok: true; value: SavedVersions } | { ok: false; problems: VersionProblems } {
  const problems: VersionProblems = {};
  const used = new Set<string>();
  if (!rules.originalHere && rules.originalLanguage) used.add(rules.originalLanguage);
  const read = (row: VersionInput, name: string): { language: string; text: string } | null => {
    const language = languageOf(row.language);
    const text = textOf(row.text);
    if (ticked(row.remove) || (!language && !text)) return null;
    if (!isMaterialLanguage(language)) problems[`${name}.language`] = "entryTexts.language_invalid";
    else if (used.has(language))
      problems[`${name}.language`] =
        !rules.originalHere && language === rules.originalLanguage ? "entryTexts.same_as_original" : "entryTexts.language_twice";
    else used.add(language);
    if (!text) problems[`${name}.text`] = "entryTexts.empty";
    else if (Array.from(text).length > rules.maxLength) problems[`${name}.text`] = `entryTexts.too_long?max=${rules.maxLength}`;
    return { language, text };
  };
  const original = rules.originalHere && input.original ? read(input.original, "original") : null;
  const translations: Array<{ language: string; text: string }> = [];
  input.translations.forEach((row, i) => {
    const version = read(row, `translations.${i}`);
    if (version) translations.push(version);
  });
  if (translations.length > MATERIAL_LANGUAGES.length - 1) problems.form = "entryTexts.version_limit";
  if (translations.length > 0 && !problems.form) {
    if (rules.originalHere && !original) problems["original.text"] = "entryTexts.original_needed";
    if (!rules.originalHere && !rules.hasOriginal) problems.form = "entryTexts.no_original";
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { original, translations } };
}
