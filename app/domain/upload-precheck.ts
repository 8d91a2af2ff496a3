// What the browser can tell about a chosen file before sending it: the types a material accepts
// and its size limit. Only a courtesy: the server checks the content and the size again.
export type FileMaterialKind = "pitch_deck" | "business_plan";

/** A file material without its own limit allows this many megabytes (as the server does). */
export const DEFAULT_MAX_FILE_MB = 20;
const MB = 1024 * 1024;

const PDF = { extensions: [".pdf"], types: ["application/pdf"] };
const DOCX = {
  extensions: [".docx"],
  types: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
};

function accepted(kind: FileMaterialKind) {
  return kind === "pitch_deck" ? [PDF] : [PDF, DOCX];
}

export function isFileMaterial(kind: string): kind is FileMaterialKind {
  return kind === "pitch_deck" || kind === "business_plan";
}

/** The file input's `accept` attribute: MIME types and extensions, so every picker understands it. */
export function acceptAttribute(kind: FileMaterialKind): string {
  return accepted(kind)
    .flatMap((a) => [...a.types, ...a.extensions])
    .join(",");
}

export function maxFileBytes(maxSizeMb: number | null): number {
  return (maxSizeMb ?? DEFAULT_MAX_FILE_MB) * MB;
}

export interface PrecheckError {
  code: "file_empty" | "file_too_large" | "file_not_pdf" | "file_not_pdf_or_docx";
  params?: Record<string, number>;
}

/**
 * Null when the file may be sent; otherwise the same error code the server would give. A file is
 * of an accepted type when either its name's extension or the browser's type says so (some
 * systems report no type); the server then reads its content.
 */
export function precheckFile(
  file: { name: string; size: number; type: string },
  material: { kind: FileMaterialKind; maxSizeMb: number | null },
): PrecheckError | null {
  if (file.size === 0) return { code: "file_empty" };
  if (file.size > maxFileBytes(material.maxSizeMb))
    return { code: "file_too_large", params: { max: material.maxSizeMb ?? DEFAULT_MAX_FILE_MB } };
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  const ok = accepted(material.kind).some((a) => a.extensions.some((e) => name.endsWith(e)) || a.types.includes(type));
  if (!ok) return { code: material.kind === "pitch_deck" ? "file_not_pdf" : "file_not_pdf_or_docx" };
  return null;
}

/** A byte count as a number and the largest unit that keeps it at 1 or more (for Intl's unit format). */
export function sizeInUnits(bytes: number): { value: number; unit: "byte" | "kilobyte" | "megabyte" | "gigabyte" } {
  if (bytes < 1024) return { value: bytes, unit: "byte" };
  if (bytes < MB) return { value: Math.round((bytes / 1024) * 10) / 10, unit: "kilobyte" };
  if (bytes < 1024 * MB) return { value: Math.round((bytes / MB) * 10) / 10, unit: "megabyte" };
  return { value: Math.round((bytes / (1024 * MB)) * 10) / 10, unit: "gigabyte" };
}
