// The one way downloads are written as spreadsheets: CSV (UTF-8 with a BOM, RFC 4180 quoting, no live
// formulas) or XLSX (ExcelJS's streaming writer, held to the client's pace), from rows given a page at a time.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";

/** One cell: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

export type SpreadsheetFormat = "csv" | "xlsx";

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** How rows become a sheet: the heading row, column widths (in characters) and each row's cells. */
export interface SheetPlan<Row> {
  headings: string[];
  widths: number[];
  cells: (row: Row) => Cell[];
}

// A spreadsheet runs a cell that starts like a formula; a leading apostrophe makes it plain text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return "";
  // A number is read as a number, never as a formula, even when negative: no apostrophe.
  if (typeof value === "number") return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;

export function csvStream<Row>(pages: AsyncIterable<Row[]>, plan: SheetPlan<Row>): Readable {
  async function* lines() {
    // The byte-order mark makes Excel read the file as UTF-8 (Chinese, Thai and Vietnamese names).
    yield Buffer.from(`\uFEFF${csvLine(plan.headings)}`, "utf8");
    for await (const rows of pages) yield Buffer.from(rows.map((r) => csvLine(plan.cells(r))).join(""), "utf8");
  }
  return Readable.from(lines(), { objectMode: false });
}

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** Excel forbids [ ] : * ? / \ in a sheet's name and allows at most 31 characters. */
export const sheetName = (name: string) => name.replace(SHEET_NAME_FORBIDDEN, " ").trim().slice(0, 31) || "Sheet1";

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

export function xlsxStream<Row>(pages: AsyncIterable<Row[]>, plan: SheetPlan<Row>, name: string): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(name), { views: [{ state: "frozen", ySplit: 1 }] });
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

/** The sheet in the format asked for, with its content type. */
export function spreadsheet<Row>(
  format: SpreadsheetFormat,
  pages: AsyncIterable<Row[]>,
  plan: SheetPlan<Row>,
  name: string,
): { body: Readable; contentType: string } {
  const body = format === "csv" ? csvStream(pages, plan) : xlsxStream(pages, plan, name);
  return { body, contentType: CONTENT_TYPES[format] };
}

/** Rows already in memory, as the single page the writers take. */
export async function* onePage<Row>(rows: Row[]): AsyncGenerator<Row[]> {
  if (rows.length) yield rows;
}
