// Real documents for tests, made here: PDFs with a given number of pages (optionally encrypted),
// DOCX files (a ZIP with the parts of a Word document) and a PNG.
import yazl from "yazl";
import { buildPdf } from "#db/demo-pdf";

/** A valid PDF with `pages` pages ("Page 1", "Page 2"... or the label given). */
export function makePdf(pages: number, options: { encrypted?: boolean; label?: string } = {}): Buffer {
  return buildPdf(
    Array.from({ length: pages }, (_, i) => `${options.label ?? "Page"} ${i + 1}`),
    options,
  );
}

function zip(entries: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const file = new yazl.ZipFile();
    for (const [name, content] of Object.entries(entries)) file.addBuffer(Buffer.from(content), name);
    file.end();
    const chunks: Buffer[] = [];
    file.outputStream.on("data", (c: Buffer) => chunks.push(c));
    file.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    file.outputStream.on("error", reject);
  });
}

export function makeDocx(): Promise<Buffer> {
  return zip({
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    "word/document.xml":
      '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Business plan</w:t></w:r></w:p></w:body></w:document>',
  });
}

/** A ZIP that is not a Word document (a renamed archive). */
export function makeNotDocx(): Promise<Buffer> {
  return zip({ "notes.txt": "not a document" });
}

/** The 8-byte PNG signature and an IHDR chunk: a real PNG header, to be renamed .pdf by tests. */
export const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
