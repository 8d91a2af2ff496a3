import { describe, expect, it } from "vitest";
import { checkVideoLink, effectiveDeadline, sanitiseFileName, sniffFileType, submissionWindow } from "#app/domain/files";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("sniffFileType", () => {
  it("knows a file by its first bytes, not its name", () => {
    expect(sniffFileType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("pdf");
    expect(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toBe("zip");
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toBe("png");
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniffFileType(new TextEncoder().encode("hello"))).toBe("unknown");
    expect(sniffFileType(bytes())).toBe("unknown");
  });
});

describe("sanitiseFileName", () => {
  it.each([
    ["Pitch Deck 2027.pdf", "pdf", "Pitch Deck 2027.pdf"],
    ["../../etc/passwd", "pdf", "passwd.pdf"],
    ["C:\\Users\\a\\deck.exe", "pdf", "deck.pdf"],
    ['bad<>:"|?*name.pdf', "pdf", "bad name.pdf"],
    ["...hidden.pdf", "pdf", "hidden.pdf"],
    ["", "docx", "file.docx"],
    ["路演材料.PDF", "pdf", "路演材料.pdf"],
    ["line\nbreak\u0000.pdf", "pdf", "line break.pdf"],
  ])("turns %j into %j", (input, ext, expected) => {
    expect(sanitiseFileName(input, ext)).toBe(expected);
  });

  it("keeps at most 120 characters with the extension", () => {
    const name = sanitiseFileName(`${"a".repeat(300)}.pdf`, "pdf");
    expect(name).toHaveLength(120);
    expect(name.endsWith(".pdf")).toBe(true);
  });
});

describe("checkVideoLink", () => {
  it("accepts https links and names the well-known hosts", () => {
    expect(checkVideoLink("https://www.youtube.com/watch?v=abc")).toMatchObject({ ok: true, host: "youtube" });
    expect(checkVideoLink("https://youtu.be/abc")).toMatchObject({ ok: true, host: "youtube" });
    expect(checkVideoLink("https://www.bilibili.com/video/BV1xx")).toMatchObject({ ok: true, host: "bilibili" });
    expect(checkVideoLink("https://vimeo.com/123")).toMatchObject({ ok: true, host: "vimeo" });
    expect(checkVideoLink("https://v.youku.com/v_show/id_x.html")).toMatchObject({ ok: true, host: "youku" });
    expect(checkVideoLink(" https://cdn.example.org/pitch.mp4 ")).toMatchObject({
      ok: true,
      host: "other",
      url: "https://cdn.example.org/pitch.mp4",
    });
  });

  it("refuses anything that is not https, and odd URLs", () => {
    expect(checkVideoLink("http://youtube.com/watch?v=abc")).toEqual({ ok: false, code: "video_link_https" });
    expect(checkVideoLink("javascript:alert(1)")).toEqual({ ok: false, code: "video_link_https" });
    expect(checkVideoLink("ftp://example.org/x")).toEqual({ ok: false, code: "video_link_https" });
    expect(checkVideoLink("https://user:pass@example.org/x")).toEqual({ ok: false, code: "video_link_invalid" });
    expect(checkVideoLink("https://localhost/x")).toEqual({ ok: false, code: "video_link_invalid" });
    expect(checkVideoLink("not a url")).toEqual({ ok: false, code: "video_link_invalid" });
    expect(checkVideoLink("")).toEqual({ ok: false, code: "video_link_invalid" });
  });
});

describe("submission windows and extensions", () => {
  const round = { opensAt: "2027-03-01T00:00:00.000Z", closesAt: "2027-03-31T16:00:00.000Z" };
  it("is open from the opening to just before the deadline", () => {
    expect(submissionWindow(round, null, new Date("2027-02-28T23:59:59.999Z"))).toBe("not_yet_open");
    expect(submissionWindow(round, null, new Date("2027-03-01T00:00:00.000Z"))).toBe("open");
    expect(submissionWindow(round, null, new Date("2027-03-31T15:59:59.999Z"))).toBe("open");
    expect(submissionWindow(round, null, new Date("2027-03-31T16:00:00.000Z"))).toBe("closed");
  });
  it("lets an extension push the deadline later, never earlier", () => {
    expect(effectiveDeadline(round.closesAt, "2027-04-02T16:00:00.000Z")).toBe("2027-04-02T16:00:00.000Z");
    expect(effectiveDeadline(round.closesAt, "2027-03-20T00:00:00.000Z")).toBe(round.closesAt);
    expect(submissionWindow(round, "2027-04-02T16:00:00.000Z", new Date("2027-04-01T00:00:00.000Z"))).toBe("open");
    expect(submissionWindow(round, "2027-04-02T16:00:00.000Z", new Date("2027-04-02T16:00:00.000Z"))).toBe("closed");
  });
  it("has no deadline when none is set", () => {
    expect(effectiveDeadline(null, "2027-04-02T16:00:00.000Z")).toBeNull();
    expect(submissionWindow({ opensAt: null, closesAt: null }, null, new Date())).toBe("open");
  });
});
