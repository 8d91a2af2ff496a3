// The local storage driver and the content checks, on real files in a temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { checkDocument } from "#app/infra/file-checks.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { FileTooLargeError, type FileStorage } from "#app/infra/storage/types";
import { makeDocx, makeNotDocx, makePdf, PNG } from "#tests/support/documents";

let dir: string;
let storage: FileStorage;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-storage-"));
  storage = createLocalStorage(dir);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const opts = { maxBytes: 1_000_000, contentType: "application/pdf", fileName: "deck.pdf" };

describe("local storage", () => {
  it("stores by SHA-256, reads back the same bytes, and keeps one copy of equal content", async () => {
    const pdf = makePdf(3);
    const stored = await storage.put(pdf, opts);
    expect(stored).toEqual({ key: sha(pdf), sha256: sha(pdf), size: pdf.length });
    expect(fs.existsSync(path.join(dir, stored.key.slice(0, 2), stored.key.slice(2, 4), stored.key))).toBe(true);
    expect(await readAll(await storage.open(stored.key))).toEqual(pdf);
    const again = await storage.put(Readable.from([pdf.subarray(0, 10), pdf.subarray(10)]), opts);
    expect(again.key).toBe(stored.key);
    const keys: string[] = [];
    for await (const k of storage.keys()) keys.push(k.key);
    expect(keys).toEqual([stored.key]);
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
  });

  it("stops a file over the limit while it streams, leaving nothing behind", async () => {
    const big = Buffer.alloc(2048, 1);
    await expect(
      storage.put(Readable.from([big.subarray(0, 1024), big.subarray(1024)]), { ...opts, maxBytes: 1500 }),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
    const keys: string[] = [];
    for await (const k of storage.keys()) keys.push(k.key);
    expect(keys).toEqual([]);
  });

  it("refuses keys that are not a SHA-256, and removes files", async () => {
    await expect(storage.open("../../etc/passwd")).rejects.toThrow(/Invalid storage key/);
    const stored = await storage.put(Buffer.from("x"), opts);
    await storage.remove(stored.key);
    expect(await storage.exists(stored.key)).toBe(false);
  });
});

describe("content checks", () => {
  it("accepts a real PDF and counts its pages", async () => {
    expect(await checkDocument(makePdf(4), { accept: "pdf", maxPages: 10 })).toEqual({ ok: true, kind: "pdf", pages: 4 });
  });
  it("refuses a PDF over the page limit, naming both numbers", async () => {
    expect(await checkDocument(makePdf(12), { accept: "pdf", maxPages: 10 })).toEqual({
      ok: false,
      code: "pdf_too_many_pages",
      params: { pages: 12, max: 10 },
    });
  });
  it("refuses a PNG renamed .pdf, a broken PDF and an encrypted one", async () => {
    expect(await checkDocument(PNG, { accept: "pdf", maxPages: null })).toEqual({ ok: false, code: "file_not_pdf" });
    const broken = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(200, 0x41)]);
    expect(await checkDocument(broken, { accept: "pdf", maxPages: null })).toEqual({ ok: false, code: "pdf_broken" });
    expect(await checkDocument(makePdf(1, { encrypted: true }), { accept: "pdf", maxPages: null })).toEqual({
      ok: false,
      code: "pdf_encrypted",
    });
    expect(await checkDocument(Buffer.alloc(0), { accept: "pdf", maxPages: null })).toEqual({ ok: false, code: "file_empty" });
  });
  it("accepts a DOCX where allowed and refuses a ZIP that is not one", async () => {
    expect(await checkDocument(await makeDocx(), { accept: "pdf_or_docx", maxPages: null })).toEqual({
      ok: true,
      kind: "docx",
      pages: null,
    });
    expect(await checkDocument(await makeDocx(), { accept: "pdf", maxPages: null })).toEqual({ ok: false, code: "file_not_pdf" });
    expect(await checkDocument(await makeNotDocx(), { accept: "pdf_or_docx", maxPages: null })).toEqual({
      ok: false,
      code: "docx_broken",
    });
    expect(await checkDocument(Buffer.from("PK\u0003\u0004garbage"), { accept: "pdf_or_docx", maxPages: null })).toEqual({
      ok: false,
      code: "docx_broken",
    });
    expect(await checkDocument(PNG, { accept: "pdf_or_docx", maxPages: null })).toEqual({
      ok: false,
      code: "file_not_pdf_or_docx",
    });
  });
});
