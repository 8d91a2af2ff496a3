// Judge facts that do not depend on storage: the languages materials come in, the CSV of a bulk
// invitation, and the text of the confidentiality agreement a judge signs.
import { z } from "zod";
import { isCountryCode } from "./countries";

/** Languages materials may be written in (ISO 639-1, "zh" for Chinese in either script). */
export const MATERIAL_LANGUAGES = ["en", "zh", "id", "ms", "th", "vi", "km", "lo", "my", "fil"] as const;
export type MaterialLanguage = (typeof MATERIAL_LANGUAGES)[number];
export const isMaterialLanguage = (v: string): v is MaterialLanguage => (MATERIAL_LANGUAGES as readonly string[]).includes(v);

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export interface JudgeInviteRow {
  email: string;
  name: string | null;
  organisation: string | null;
  country: string | null;
  trackIds: number[];
  languages: MaterialLanguage[];
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

export type CsvProblem = { line: number; code: string; params?: Record<string, string | number> };

const emailSchema = z.string().trim().toLowerCase().email();

/**
 * A bulk invitation: a header row naming at least `email`, and optionally `name`, `organisation`,
 * `country` (ISO code), `tracks` and `languages` (both separated by ";"; tracks by name or
 * number). Every bad line is reported; the caller invites nobody unless there are none.
 */
export function parseJudgeCsv(
  text: string,
  tracks: ReadonlyArray<{ id: number; position: number; names: readonly string[] }>,
): { rows: JudgeInviteRow[]; problems: CsvProblem[] } {
  const [header, ...lines] = parseCsv(text);
  const problems: CsvProblem[] = [];
  if (!header) return { rows: [], problems: [{ line: 1, code: "csv_empty" }] };
  const columns = header.map((h) => h.trim().toLowerCase());
  if (!columns.includes("email")) return { rows: [], problems: [{ line: 1, code: "csv_no_email_column" }] };
  const cell = (line: string[], name: string) => {
    const index = columns.indexOf(name);
    const value = index < 0 ? "" : (line[index] ?? "").trim();
    return value === "" ? null : value;
  };
  const rows: JudgeInviteRow[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const number = i + 2;
    const email = emailSchema.safeParse(cell(line, "email") ?? "");
    if (!email.success) return problems.push({ line: number, code: "csv_bad_email" });
    if (seen.has(email.data)) return problems.push({ line: number, code: "csv_duplicate_email" });
    seen.add(email.data);
    const country = cell(line, "country")?.toUpperCase() ?? null;
    if (country && !isCountryCode(country))
      return problems.push({ line: number, code: "csv_bad_country", params: { value: country } });
    const trackIds: number[] = [];
    for (const item of (cell(line, "tracks") ?? "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const key = item.toLowerCase();
      const track = tracks.find((t) => String(t.position) === key || t.names.some((n) => n.toLowerCase() === key));
      if (!track) return problems.push({ line: number, code: "csv_bad_track", params: { value: item } });
      trackIds.push(track.id);
    }
    const languages: MaterialLanguage[] = [];
    for (const item of (cell(line, "languages") ?? "")
      .split(";")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)) {
      const code = item.startsWith("zh") ? "zh" : item;
      if (!isMaterialLanguage(code)) return problems.push({ line: number, code: "csv_bad_language", params: { value: item } });
      if (!languages.includes(code)) languages.push(code);
    }
    rows.push({
      email: email.data,
      name: cell(line, "name")?.slice(0, 120) ?? null,
      organisation: cell(line, "organisation")?.slice(0, 200) ?? null,
      country,
      trackIds: [...new Set(trackIds)],
      languages,
    });
  });
  if (!rows.length && !problems.length) problems.push({ line: 1, code: "csv_empty" });
  return { rows, problems };
}
