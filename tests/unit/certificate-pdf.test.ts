// The certificate PDF: text runs by font coverage, and real renders in several scripts read back with
// pdfjs (as a reader or a copy-paste would see them) and object by object (fonts, subsets).
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { create, type Font } from "fontkit";
import type * as PdfJs from "pdfjs-dist/legacy/build/pdf.mjs";
import { renderCertificatePdf, type CertificateFacts } from "#app/infra/pdf/certificate.server";
import { fontFace, type FontFamily, type FontWeight } from "#app/infra/pdf/fonts.server";
import { splitRuns } from "#app/infra/pdf/text-runs";
import { Typesetter } from "#app/infra/pdf/typesetter.server";

const A4_LANDSCAPE = [841.89, 595.28];

// A toy coverage table: "latin" has ASCII, Latin-1 and Vietnamese, "thai" has Thai plus space and
// digits, "tc"/"sc" have Han and full-width punctuation (and space).
function toyCovers(font: string, codePoint: number): boolean {
  const latin = codePoint < 0x250 || (codePoint >= 0x1ea0 && codePoint <= 0x1ef9) || codePoint === 0x00b7;
  const thai = (codePoint >= 0x0e00 && codePoint <= 0x0e7f) || codePoint === 0x20 || (codePoint >= 0x30 && codePoint <= 0x39);
  const han = (codePoint >= 0x4e00 && codePoint <= 0x9fff) || (codePoint >= 0xff00 && codePoint <= 0xffef) || codePoint === 0x20;
  if (font === "latin") return latin;
  if (font === "thai") return thai;
  return han;
}

describe("splitRuns", () => {
  const fonts = ["latin", "thai", "sc", "tc"] as const;

  it("keeps a text one font covers in one run", () => {
    expect(splitRuns("Gold Award 2026", fonts, toyCovers)).toEqual([{ font: "latin", text: "Gold Award 2026" }]);
  });

  it("splits a Thai name inside an English sentence, spaces staying with the run before them", () => {
    expect(splitRuns("member of team ทีมน้ำใจ 42 Solar", fonts, toyCovers)).toEqual([
      { font: "latin", text: "member of team " },
      { font: "thai", text: "ทีมน้ำใจ 42 " },
      { font: "latin", text: "Solar" },
    ]);
  });

  it("gives Han characters to the first Chinese font in the order", () => {
    expect(splitRuns("Đội 红河队", fonts, toyCovers)).toEqual([
      { font: "latin", text: "Đội " },
      { font: "sc", text: "红河队" },
    ]);
    expect(splitRuns("臺灣隊", ["latin", "thai", "tc", "sc"], toyCovers)).toEqual([{ font: "tc", text: "臺灣隊" }]);
  });

  it("keeps a combining mark with its base even when an earlier font has the mark", () => {
    // U+0301 is inside the toy "latin" range, but it follows a Thai consonant here.
    expect(splitRuns("ก\u0301a", fonts, toyCovers)).toEqual([
      { font: "thai", text: "ก\u0301" },
      { font: "latin", text: "a" },
    ]);
  });

  it("normalises to NFC first, so decomposed Vietnamese becomes one run of precomposed letters", () => {
    const runs = splitRuns("Nguye\u0302\u0303n Thi\u0323", fonts, toyCovers);
    expect(runs).toEqual([{ font: "latin", text: "Nguyễn Thị" }]);
  });

  it("leaves a character no font has in the current run, or with the first font at the start", () => {
    expect(splitRuns("ทีม🚀", fonts, toyCovers)).toEqual([{ font: "thai", text: "ทีม🚀" }]);
    expect(splitRuns("🚀ok", fonts, toyCovers)).toEqual([{ font: "latin", text: "🚀ok" }]);
  });

  it("returns nothing for empty text and refuses an empty font list", () => {
    expect(splitRuns("", fonts, toyCovers)).toEqual([]);
    expect(() => splitRuns("a", [], toyCovers)).toThrow();
  });
});

describe("the typesetter with the real fonts", () => {
  it("splits by what Noto Sans, Noto Sans Thai and Noto Sans SC/TC really cover", async () => {
    const text = "ทีม Mekong 红河队, Đội 臺灣";
    const ts = await Typesetter.for([
      { text, weight: "regular", han: "sc" },
      { text, weight: "regular", han: "tc" },
    ]);
    expect(ts.runs(text, "sc")).toEqual([
      { font: "thai", text: "ทีม " },
      { font: "latin", text: "Mekong " },
      // Punctuation and spaces stay with the run before them when its font has them.
      { font: "sc", text: "红河队, " },
      { font: "latin", text: "Đội " },
      { font: "sc", text: "臺灣" },
    ]);
    // Noto Sans TC has no Simplified-only characters (红, 队): those come from the SC font.
    expect(ts.runs("臺灣红河队", "tc")).toEqual([
      { font: "tc", text: "臺灣" },
      { font: "sc", text: "红" },
      { font: "tc", text: "河" },
      { font: "sc", text: "队" },
    ]);
  });

  it("shrinks, then wraps, then cuts a long text so that every line fits", async () => {
    const long = "The Extraordinarily Long Named Collective For Sustainable Agricultural Innovation Across Southeast Asia";
    const style = { size: 30, weight: "bold" as const, han: "sc" as const };
    const ts = await Typesetter.for([{ text: long, weight: "bold", han: "sc" }]);
    const box = { maxWidth: 400, minSize: 12, maxLines: 2, locale: "en" };
    const two = ts.fit(long, style, box);
    expect(two.lines.length).toBe(2);
    expect(two.size).toBeGreaterThanOrEqual(12);
    for (const line of two.lines) expect(ts.width(line, { ...style, size: two.size })).toBeLessThanOrEqual(400);
    expect(two.lines.join(" ")).toBe(long);

    const cut = ts.fit(long, style, { ...box, maxWidth: 150 });
    expect(cut.size).toBe(12);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1]).toMatch(/…$/);
    for (const line of cut.lines) expect(ts.width(line, { ...style, size: 12 })).toBeLessThanOrEqual(150);

    const short = ts.fit("Gold", style, box);
    expect(short).toEqual({ lines: ["Gold"], size: 30 });
  });
});

let pdfjs: typeof PdfJs;
beforeAll(async () => {
  pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
});

interface ReadBack {
  size: [number, number];
  text: string;
  items: { str: string; x: number; y: number; width: number; height: number }[];
  info: Record<string, unknown>;
  links: string[];
}

async function readBack(bytes: Uint8Array): Promise<ReadBack> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items: ReadBack["items"] = [];
    let text = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
      if (item.str.trim())
        items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height });
    }
    const links = (await page.getAnnotations()).filter((a) => a.subtype === "Link").map((a) => String(a.url));
    const { info } = await doc.getMetadata();
    return { size: [width!, height!], text, items, info: info as Record<string, unknown>, links };
  } finally {
    await doc.destroy();
  }
}

interface PdfObject {
  dict: string;
  stream: Uint8Array | null;
}

/**
 * The numbered objects of a PDF as pdfkit writes them (no object streams, direct stream lengths): a
 * reader just strong enough for these tests, independent of the library that wrote the file.
 */
function pdfObjects(bytes: Uint8Array): Map<number, PdfObject> {
  const text = Buffer.from(bytes).toString("latin1");
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = header.lastIndex;
    const end = text.indexOf("endobj", start);
    const streamAt = text.indexOf("stream\n", start);
    if (streamAt !== -1 && streamAt < end) {
      const dict = text.slice(start, streamAt);
      const from = streamAt + "stream\n".length;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      objects.set(Number(match[1]), { dict, stream: bytes.subarray(from, from + length) });
      header.lastIndex = from + length;
    } else {
      objects.set(Number(match[1]), { dict: text.slice(start, end), stream: null });
      header.lastIndex = end;
    }
  }
  return objects;
}

function follow(objects: Map<number, PdfObject>, dict: string, key: string): PdfObject {
  const id = new RegExp(`/${key} \\[?(\\d+) 0 R`).exec(dict)?.[1];
  const object = id === undefined ? undefined : objects.get(Number(id));
  if (!object) throw new Error(`No /${key} in ${dict}`);
  return object;
}

/** Which text each glyph copies out as, from a ToUnicode map as pdfkit writes it (bfrange arrays). */
function toUnicode(cmap: string): Map<number, string> {
  const texts = new Map<number, string>();
  for (const [, first, entries] of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
    [...entries!.matchAll(/<([0-9a-f ]*)>/gi)].forEach(([, units], index) => {
      const codeUnits = units!
        .split(" ")
        .filter(Boolean)
        .map((unit) => parseInt(unit, 16));
      texts.set(parseInt(first!, 16) + index, String.fromCharCode(...codeUnits));
    });
  }
  return texts;
}

interface EmbeddedFont {
  name: string;
  fileBytes: number;
  hasToUnicode: boolean;
  /** The embedded (subset) face, and which text each of its glyphs copies out as. */
  face: Font;
  texts: Map<number, string>;
}

function embeddedFonts(bytes: Uint8Array): EmbeddedFont[] {
  const objects = pdfObjects(bytes);
  const fonts: EmbeddedFont[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Subtype \/Type0\b/.test(dict)) continue;
    const cid = follow(objects, dict, "DescendantFonts");
    const descriptor = follow(objects, cid.dict, "FontDescriptor");
    const file = follow(objects, descriptor.dict, "FontFile2").stream;
    if (!file) throw new Error("A font without an embedded TrueType file");
    const program = inflateSync(file);
    const face = create(program);
    if ("fonts" in face) throw new Error("A font collection embedded as one font");
    const cmap = /\/ToUnicode /.test(dict) ? follow(objects, dict, "ToUnicode").stream : null;
    fonts.push({
      name: /\/FontName \/(\S+)/.exec(descriptor.dict)?.[1] ?? "",
      fileBytes: program.byteLength,
      hasToUnicode: cmap !== null,
      face,
      texts: cmap ? toUnicode(inflateSync(cmap).toString("latin1")) : new Map(),
    });
  }
  return fonts;
}

const facts: CertificateFacts = {
  languages: ["en"],
  contestName: {
    en: "China–ASEAN Innovation and Entrepreneurship Contest",
    "zh-CN": "中国—东盟创新创业大赛",
    "zh-TW": "中國—東盟創新創業競賽",
    th: "การแข่งขันนวัตกรรมจีน–อาเซียน",
    vi: "Cuộc thi Đổi mới Sáng tạo Trung Quốc – ASEAN",
  },
  awardName: { en: "Gold Award", "zh-CN": "金奖", "zh-TW": "金獎", th: "รางวัลเหรียญทอง", vi: "Giải Vàng" },
  roundName: { en: "Grand Final", "zh-CN": "总决赛", "zh-TW": "總決賽", th: "รอบชิงชนะเลิศ", vi: "Chung kết" },
  teamName: "Mekong Solar",
  personName: "Ana Lim",
  // 20:00 UTC on the 24th is already the 25th in Bangkok, the contest's zone.
  issuedAt: new Date("2026-11-24T20:00:00.000Z"),
  timeZone: "Asia/Bangkok",
  code: "TR-7K3M-Q9XD",
  verifyUrl: "https://trellis.example.org/certificates/TR-7K3M-Q9XD",
};

describe("renderCertificatePdf", () => {
  it.each([
    {
      name: "Simplified Chinese with English",
      facts: { ...facts, languages: ["zh-CN", "en"], teamName: "红河创新队", personName: "张伟" },
      expected: [
        "获奖证书",
        "金奖",
        "红河创新队 团队成员",
        "中国—东盟创新创业大赛 · 总决赛",
        "2026年11月25日",
        "证书验证码",
        "Gold Award",
        "November 25, 2026",
      ],
      han: "SC",
    },
    {
      name: "Traditional Chinese, a team's certificate",
      facts: { ...facts, languages: ["zh-TW"], teamName: "臺灣綠能科技團隊", personName: null },
      expected: ["獲獎證書", "金獎", "授予團隊", "中國—東盟創新創業競賽 · 總決賽", "頒發日期：2026年11月25日"],
      han: "TC",
    },
    {
      name: "Thai with a mixed Thai and Latin team name",
      facts: { ...facts, languages: ["th", "en", "vi"], teamName: "ทีมน้ำใจ Mekong Solar", personName: "สมชาย ใจดี" },
      expected: ["เกียรติบัตร", "รางวัลเหรียญทอง", "มอบให้แก่", "25 พฤศจิกายน 2569", "member of team", "Giải Vàng"],
      han: null,
    },
    {
      name: "Vietnamese",
      facts: { ...facts, languages: ["vi", "id", "ms"], teamName: "Đội Sông Hồng", personName: "Nguyễn Thị Minh Khai" },
      expected: [
        "GIẤY CHỨNG NHẬN GIẢI THƯỞNG",
        "Giải Vàng",
        "thành viên đội thi Đội Sông Hồng",
        "Cấp ngày 25 tháng 11, 2026",
        "Mã xác minh",
      ],
      han: null,
    },
  ] satisfies { name: string; facts: CertificateFacts; expected: string[]; han: "SC" | "TC" | null }[])(
    "renders $name so that a reader extracts every name and the code exactly",
    async ({ facts: given, expected, han }) => {
      const bytes = await renderCertificatePdf(given);
      expect(bytes.byteLength).toBeLessThan(1.5 * 1024 * 1024);
      const pdf = await readBack(bytes);

      expect(pdf.size).toEqual(A4_LANDSCAPE);
      for (const text of [given.teamName, given.personName ?? given.teamName, given.code, given.verifyUrl, ...expected]) {
        expect(pdf.text).toContain(text);
      }
      expect(pdf.links).toEqual([given.verifyUrl]);
      expect(pdf.info).toMatchObject({ Creator: "Trellis", Language: given.languages[0], Keywords: given.code });
      expect(String(pdf.info.Title)).toContain(given.personName ?? given.teamName);

      const fonts = embeddedFonts(bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name).toMatch(/^[A-Z]{6}\+NotoSans/);
        expect(font.hasToUnicode).toBe(true);
        // Whole faces are 0.6 MB (Latin) to 10 MB (Chinese): these are subsets.
        expect(font.fileBytes).toBeLessThan(200_000);
      }
      const names = fonts.map((f) => f.name).join(" ");
      if (han === "SC") expect(names).toMatch(/NotoSansSC/);
      if (han === "TC") expect(names).toMatch(/NotoSansTC/);
      if (han !== "SC") expect(names).not.toMatch(/NotoSansSC/);
      if (han !== "TC") expect(names).not.toMatch(/NotoSansTC/);
    },
  );

  it("embeds subsets in which every glyph keeps its outline and copies out as the letter drawn", async () => {
    const bytes = await renderCertificatePdf({
      ...facts,
      languages: ["vi", "th", "zh-TW"],
      teamName: "ทีมน้ำใจ 红河队 Office",
      personName: "Nguyễn Thị Minh Khai",
    });
    // "ffi" in "Office" is drawn as one ligature glyph and still copies out as three letters.
    const { text } = await readBack(bytes);
    expect(text).toContain("ทีมน้ำใจ 红河队 Office");
    expect(text).toContain("Nguyễn Thị Minh Khai");

    const families: Record<string, FontFamily> = { "": "latin", Thai: "thai", SC: "sc", TC: "tc" };
    let compared = 0;
    for (const font of embeddedFonts(bytes)) {
      const [, family, weight] = /^[A-Z]{6}\+NotoSans(|Thai|SC|TC)-(Regular|Bold)$/.exec(font.name) ?? [];
      const original = await fontFace(families[family!]!, weight!.toLowerCase() as FontWeight);
      for (const [glyphId, letters] of font.texts) {
        // Ligatures copy out as several letters and have no glyph of their own in the character map.
        if (glyphId === 0 || [...letters].length !== 1) continue;
        const expected = original.glyphForCodePoint(letters.codePointAt(0)!);
        expect(font.face.getGlyph(glyphId).path.toSVG(), `${font.name} "${letters}"`).toBe(expected.path.toSVG());
        compared += 1;
      }
    }
    // Every script of the certificate took part: Latin, Vietnamese, Thai, Traditional and Simplified Han.
    expect(compared).toBeGreaterThan(150);
  });

  it("keeps very long names inside the frame", async () => {
    const bytes = await renderCertificatePdf({
      ...facts,
      languages: ["ms", "zh-TW", "th"],
      teamName:
        "The Extraordinarily Long Named Collective For Sustainable Agricultural Innovation Across Southeast Asia And Beyond",
      personName: "Wolfeschlegelsteinhausenbergerdorff Maximilian Alexander Christopher Jonathan Bartholomew Fitzgerald",
      awardName: {
        en: "Special Jury Prize for the Most Promising Social Impact Venture in Renewable Energy and the Circular Economy",
      },
    });
    const pdf = await readBack(bytes);
    expect(pdf.items.length).toBeGreaterThan(10);
    for (const item of pdf.items) {
      expect(item.x, item.str).toBeGreaterThanOrEqual(30);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(A4_LANDSCAPE[0]! - 30);
      expect(item.y, item.str).toBeGreaterThanOrEqual(30);
      expect(item.y + item.height, item.str).toBeLessThanOrEqual(A4_LANDSCAPE[1]! - 30);
    }
    // The main block shows the person's whole name, wrapped if need be.
    expect(pdf.text.replace(/\s+/g, " ")).toContain("Wolfeschlegelsteinhausenbergerdorff Maximilian");
  });

  it("renders the same facts to the same bytes", async () => {
    const one = await renderCertificatePdf(facts);
    const two = await renderCertificatePdf(facts);
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it("refuses a certificate without a language", async () => {
    await expect(renderCertificatePdf({ ...facts, languages: [] })).rejects.toThrow();
  });
});
