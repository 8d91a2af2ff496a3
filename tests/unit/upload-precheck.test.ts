// What the hand-in page checks in the browser before sending a file: the same codes the server gives.
import { describe, expect, it } from "vitest";
import { acceptAttribute, isFileMaterial, precheckFile, sizeInUnits } from "#app/domain/upload-precheck";

const MB = 1024 * 1024;
const deck = { kind: "pitch_deck" as const, maxSizeMb: 20 };
const plan = { kind: "business_plan" as const, maxSizeMb: null };
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

describe("precheckFile", () => {
  it("lets a PDF deck up to its limit through", () => {
    expect(precheckFile({ name: "Deck.PDF", size: 20 * MB, type: "application/pdf" }, deck)).toBeNull();
    // Some systems give no type; the name is enough for the browser (the server reads the content).
    expect(precheckFile({ name: "deck.pdf", size: 10, type: "" }, deck)).toBeNull();
    // And some names have no extension while the type is right.
    expect(precheckFile({ name: "deck", size: 10, type: "application/pdf" }, deck)).toBeNull();
  });

  it("refuses a file one byte over the material's limit, with the limit in MB", () => {
    expect(precheckFile({ name: "deck.pdf", size: 20 * MB + 1, type: "application/pdf" }, deck)).toEqual({
      code: "file_too_large",
      params: { max: 20 },
    });
  });

  it("uses the server's default limit of 20 MB when the material sets none", () => {
    expect(precheckFile({ name: "plan.docx", size: 20 * MB, type: DOCX_TYPE }, plan)).toBeNull();
    expect(precheckFile({ name: "plan.docx", size: 20 * MB + 1, type: DOCX_TYPE }, plan)).toEqual({
      code: "file_too_large",
      params: { max: 20 },
    });
  });

  it("refuses an empty file and a type the material does not take", () => {
    expect(precheckFile({ name: "deck.pdf", size: 0, type: "application/pdf" }, deck)).toEqual({ code: "file_empty" });
    expect(precheckFile({ name: "plan.docx", size: 10, type: DOCX_TYPE }, deck)).toEqual({ code: "file_not_pdf" });
    expect(precheckFile({ name: "photo.png", size: 10, type: "image/png" }, plan)).toEqual({ code: "file_not_pdf_or_docx" });
    expect(precheckFile({ name: "plan.docx", size: 10, type: "" }, plan)).toBeNull();
    expect(precheckFile({ name: "plan.pdf", size: 10, type: "application/pdf" }, plan)).toBeNull();
  });
});

describe("acceptAttribute", () => {
  it("names MIME types and extensions", () => {
    expect(acceptAttribute("pitch_deck")).toBe("application/pdf,.pdf");
    expect(acceptAttribute("business_plan")).toBe(`application/pdf,.pdf,${DOCX_TYPE},.docx`);
  });

  it("knows which materials are files", () => {
    expect(isFileMaterial("pitch_deck")).toBe(true);
    expect(isFileMaterial("business_plan")).toBe(true);
    expect(isFileMaterial("video_link")).toBe(false);
    expect(isFileMaterial("text_answer")).toBe(false);
  });
});

describe("sizeInUnits", () => {
  it.each([
    [0, 0, "byte"],
    [1023, 1023, "byte"],
    [1024, 1, "kilobyte"],
    [1536, 1.5, "kilobyte"],
    [MB, 1, "megabyte"],
    [Math.round(2.25 * MB), 2.3, "megabyte"],
    [3 * 1024 * MB, 3, "gigabyte"],
  ])("%i bytes are %d %s", (bytes, value, unit) => {
    expect(sizeInUnits(bytes)).toEqual({ value, unit });
  });
});
