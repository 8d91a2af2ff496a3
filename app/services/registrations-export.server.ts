// The organisers' download of a contest's registrations: the filtered list as CSV (UTF-8 with a BOM)
// or XLSX, streamed page by page.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { TEAM_STAGES } from "#app/forms/team";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatAnswer, type QuestionDefinition } from "#app/domain/questions";
import type { TeamStage } from "#db/schema";
import { findContest, listTracks } from "#app/data/contests.server";
import { listEntries, type EntryRow } from "#app/data/registrations.server";
import type { ServiceContext } from "./context.server";
import {
  canManageRegistrations,
  loadQuestionDefinitions,
  parseAnswers,
  type RegistrationFilters,
} from "./registrations-admin.server";
import { fail, ok, type Result } from "./result";

const EXPORT_PAGE = 1000;

export interface RegistrationExport {
  body: Readable;
  filename: string;
  contentType: string;
}

/** Who reads the export: headings, country, track and choice names come out in their language. */
export interface ExportViewer {
  language: Language;
  t: TFunction;
}

type Cell = string | number;

// A spreadsheet runs a cell that starts like a formula; a leading apostrophe makes it plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;

interface ExportPlan {
  headings: string[];
  widths: number[];
  cells: (row: EntryRow) => Cell[];
}

function exportPlan(viewer: ExportViewer, tracks: Map<number, LocalizedText>, questions: QuestionDefinition[]): ExportPlan {
  const { t, language } = viewer;
  const c = (key: string) => t(`registrations.columns.${key}`);
  const headings = [
    c("code"),
    c("status"),
    c("team"),
    c("country"),
    c("countryCode"),
    c("city"),
    c("organisation"),
    c("stage"),
    c("womenLed"),
    c("foundersWomen"),
    c("foundersMen"),
    c("foundersOther"),
    c("members"),
    c("track"),
    c("registeredAtUtc"),
    ...questions.map((q) => pickLocalized(q.label, language)),
  ];
  const widths = [10, 12, 28, 18, 8, 16, 24, 14, 10, 10, 10, 10, 10, 28, 26, ...questions.map(() => 24)];
  // Each of these is one of a handful of texts: translate once, not once per row.
  const statusText = { registered: t("registrations.status.registered"), withdrawn: t("registrations.status.withdrawn") };
  const stageText = Object.fromEntries(TEAM_STAGES.map((stage) => [stage, t(`teamStage.${stage}`)])) as Record<TeamStage, string>;
  const [yes, no] = [t("registrations.yes"), t("registrations.no")];
  // Intl.DisplayNames is slow to build; a contest has a few dozen countries at most.
  const countries = new Map<string, string>();
  const country = (code: string) => {
    let name = countries.get(code);
    if (name === undefined) countries.set(code, (name = countryName(code, language)));
    return name;
  };
  const cells = (r: EntryRow): Cell[] => {
    const answers = parseAnswers(r.answers_json);
    const track = tracks.get(r.track_id);
    return [
      r.code,
      statusText[r.status],
      r.team_name,
      country(r.country),
      r.country,
      r.city ?? "",
      r.organisation ?? "",
      r.stage ? stageText[r.stage] : "",
      r.women_led === 1 ? yes : no,
      r.founders_women,
      r.founders_men,
      r.founders_other,
      r.member_count,
      track ? pickLocalized(track, language) : String(r.track_id),
      new Date(r.registered_at).toISOString(),
      ...questions.map((q) => formatAnswer(q, answers[q.key], language)),
    ];
  };
  return { headings, widths, cells };
}

/** The filtered entries in keyset pages, so an export of any size holds one page in memory. */
async function* entryPages(ctx: ServiceContext, contestId: number, filters: RegistrationFilters): AsyncGenerator<EntryRow[]> {
  let after: number | undefined;
  for (;;) {
    const rows = await listEntries(ctx.db, { contestId, filters, after, limit: EXPORT_PAGE });
    if (rows.length) yield rows;
    if (rows.length < EXPORT_PAGE) return;
    after = rows.at(-1)!.id;
    // better-sqlite3 answers synchronously: give the event loop a turn so the response can flow.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function csvStream(pages: AsyncGenerator<EntryRow[]>, plan: ExportPlan): Readable {
  async function* lines() {
    // The byte-order mark makes Excel read the file as UTF-8 (Chinese, Thai and Vietnamese names).
    yield Buffer.from(`\uFEFF${csvLine(plan.headings)}`, "utf8");
    for await (const rows of pages) yield Buffer.from(rows.map((r) => csvLine(plan.cells(r))).join(""), "utf8");
  }
  return Readable.from(lines(), { objectMode: false });
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

type Emitter = { on(event: string, fn: () => void): unknown; off(event: string, fn: () => void): unknown };

function untilEither(a: Emitter, aEvent: string, b: Emitter, bEvent: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      a.off(aEvent, done);
      b.off(bEvent, done);
      resolve();
    };
    a.on(aEvent, done);
    b.on(bEvent, done);
  });
}

/**
 * ExcelJS's sheet stream ignores backpressure: it hands its XML to the zipper's input (a
 * readable-stream PassThrough) however full that is, so a fast database would pile the whole sheet
 * up in memory. Its undocumented `pipes` lead to that input; should ExcelJS drop them, the output's
 * own backpressure is all we wait for.
 */
type ZipInput = Emitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };

function zipInputNeedsDrain(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const input = (Array.isArray(pipes) ? pipes[0] : undefined) as ZipInput | undefined;
  if (!input || typeof input.on !== "function" || typeof input.off !== "function") return undefined;
  return (input.writableNeedDrain ?? input._writableState?.needDrain) ? input : undefined;
}

function xlsxStream(pages: AsyncGenerator<EntryRow[]>, plan: ExportPlan, sheetName: string): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.replace(SHEET_NAME_FORBIDDEN, " ").trim().slice(0, 31) || "Sheet1", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = plan.widths.map((width) => ({ width }));
  const heading = sheet.addRow(plan.headings);
  heading.font = { bold: true };
  heading.commit();
  void (async () => {
    try {
      for await (const rows of pages) {
        for (const r of rows) sheet.addRow(plan.cells(r)).commit();
        // Hold the next page back until the zipper has taken this one (and so, the client too).
        for (;;) {
          if (output.destroyed) return;
          const input = zipInputNeedsDrain(sheet);
          if (input) await untilEither(input, "drain", output, "close");
          else if (output.writableNeedDrain) await untilEither(output, "drain", output, "close");
          else break;
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return output;
}

/** The filtered registrations as a file: CSV (UTF-8 with a BOM) or XLSX, streamed page by page. */
export async function exportRegistrations(
  ctx: ServiceContext,
  contestId: number,
  filters: RegistrationFilters,
  format: "csv" | "xlsx",
  viewer: ExportViewer,
): Promise<Result<RegistrationExport>> {
  if (!canManageRegistrations(ctx, contestId)) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const [tracks, questions] = await Promise.all([listTracks(ctx.db, contestId), loadQuestionDefinitions(ctx, contestId)]);
  const trackNames = new Map(tracks.map((t) => [t.id, parseLocalizedJson(t.name_i18n) ?? { en: `#${t.id}` }]));
  const plan = exportPlan(viewer, trackNames, questions);
  const pages = entryPages(ctx, contestId, filters);
  const filename = `${contest.slug}-registrations-${ctx.now.toISOString().slice(0, 10)}.${format}`;
  if (format === "csv") {
    return ok({ body: csvStream(pages, plan), filename, contentType: "text/csv; charset=utf-8" });
  }
  return ok({
    body: xlsxStream(pages, plan, viewer.t("registrations.sheetName")),
    filename,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}
