// Checks of a check-in attachment by its content: a PDF or DOCX through the document checks, a PNG
// or JPEG by the structure at its start. The file's name and the browser's claimed type never count.
import { sniffFileType } from "#app/domain/files";
import { checkDocument } from "./file-checks.server";

export type AttachmentKind = "pdf" | "docx" | "png" | "jpeg";

export const ATTACHMENT_CONTENT_TYPES: Record<AttachmentKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png",
  jpeg: "image/jpeg",
};

export type AttachmentVerdict =
  { ok: true; kind: AttachmentKind; contentType: string } | { ok: false; code: string; params?: Record<string, number> };

/** A PNG starts with its signature and then the IHDR chunk of a non-empty image. */
function isPng(data: Uint8Array): boolean {
  if (data.byteLength < 24) return false;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ihdr = String.fromCharCode(...data.subarray(12, 16));
  return view.getUint32(8) === 13 && ihdr === "IHDR" && view.getUint32(16) > 0 && view.getUint32(20) > 0;
}

/** A JPEG starts with SOI and a marker segment, and ends with EOI. */
function isJpeg(data: Uint8Array): boolean {
  const n = data.byteLength;
  return n >= 8 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff && data[n - 2] === 0xff && data[n - 1] === 0xd9;
}

export async function checkAttachment(data: Uint8Array): Promise<AttachmentVerdict> {
  if (data.byteLength === 0) return { ok: false, code: "file_empty" };
  const type = sniffFileType(data.subarray(0, 8));
  if (type === "png" || type === "jpeg") {
    if (!(type === "png" ? isPng(data) : isJpeg(data))) return { ok: false, code: "checkin_image_broken" };
    return { ok: true, kind: type, contentType: ATTACHMENT_CONTENT_TYPES[type] };
  }
  if (type !== "pdf" && type !== "zip") return { ok: false, code: "checkin_attachment_type" };
  const verdict = await checkDocument(data, { accept: "pdf_or_docx", maxPages: null });
  if (!verdict.ok) return verdict;
  return { ok: true, kind: verdict.kind, contentType: ATTACHMENT_CONTENT_TYPES[verdict.kind] };
}
