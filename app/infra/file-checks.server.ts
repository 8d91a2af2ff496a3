// Checks of uploaded files by their content: a PDF must parse with pdfjs and respect the page
// limit; a DOCX must be a ZIP with the parts of a Word document. Each problem has its own code.
import type * as PdfJs from "pdfjs-dist/legacy/build/pdf.mjs";
import yauzl from "yauzl";
import { sniffFileType } from "#app/domain/files";

export type FileProblem =
  "file_empty" | "file_not_pdf" | "file_not_pdf_or_docx" | "pdf_encrypted" | "pdf_broken" | "pdf_too_many_pages" | "docx_broken";

export type FileVerdict =
  { ok: true; kind: "pdf" | "docx"; pages: number | null } | { ok: false; code: FileProblem; params?: Record<string, number> };

// Loaded on first use: the parser is large and only uploads need it.
let pdfjs: Promise<typeof PdfJs> | undefined;

export async function pdfPageCount(data: Uint8Array): Promise<{ pages: number } | { problem: "pdf_encrypted" | "pdf_broken" }> {
  pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const lib = await pdfjs;
  const task = lib.getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages = doc.numPages;
    await doc.destroy();
    return { pages };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { problem: name === "PasswordException" ? "pdf_encrypted" : "pdf_broken" };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** The entry names of a ZIP, or null when it is not a readable ZIP. */
export function zipEntryNames(data: Uint8Array): Promise<string[] | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(data), { lazyEntries: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return resolve(null);
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (names.length > 5000) {
          zip.close();
          return resolve(null);
        }
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.on("error", () => resolve(null));
      zip.readEntry();
    });
  });
}

export async function checkDocument(
  data: Uint8Array,
  rules: { accept: "pdf" | "pdf_or_docx"; maxPages: number | null },
): Promise<FileVerdict> {
  if (data.byteLength === 0) return { ok: false, code: "file_empty" };
  const type = sniffFileType(data.subarray(0, 8));
  if (type === "pdf") {
    const result = await pdfPageCount(data);
    if ("problem" in result) return { ok: false, code: result.problem };
    if (rules.maxPages && result.pages > rules.maxPages)
      return { ok: false, code: "pdf_too_many_pages", params: { pages: result.pages, max: rules.maxPages } };
    return { ok: true, kind: "pdf", pages: result.pages };
  }
  if (rules.accept === "pdf") return { ok: false, code: "file_not_pdf" };
  if (type !== "zip") return { ok: false, code: "file_not_pdf_or_docx" };
  const names = await zipEntryNames(data);
  if (!names || !names.includes("[Content_Types].xml") || !names.includes("word/document.xml"))
    return { ok: false, code: "docx_broken" };
  return { ok: true, kind: "docx", pages: null };
}
