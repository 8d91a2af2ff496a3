// Measures, shrinks, wraps and draws lines of text in any mix of our scripts: each line is split into
// runs by font coverage, shaped by fontkit, and drawn glyph by glyph where the shaping put them.
import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  setTextRise,
  PDFHexString,
  PDFOperator,
  PDFOperatorNames,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import { type Font, type TypeFeatures } from "@pdf-lib/fontkit";
import { fontBytes, parsedFont, type FontFamily, type FontWeight } from "./fonts.server";
import { splitRuns, type TextRun } from "./text-runs";

/** Which Chinese font draws Han characters: Simplified (SC) or Traditional (TC) glyph shapes. */
export type HanStyle = "sc" | "tc";

export interface TextStyle {
  size: number;
  weight: FontWeight;
  han: HanStyle;
}

export interface FitBox {
  maxWidth: number;
  /** Smallest size the text may shrink to before it wraps or is cut. */
  minSize: number;
  maxLines: number;
  /** Where words break (Thai and Chinese have no spaces between words). */
  locale: string;
}

export interface FittedText {
  lines: string[];
  size: number;
}

const ELLIPSIS = "…";

/**
 * Shaping features we turn off. pdf-lib maps each glyph back to text (ToUnicode) by the characters
 * fontkit says it came from; glyph composition (ccmp: "ị" into "i" and a dot, Thai sara am into two
 * marks) and ligatures leave glyphs with no or shared characters, and the copied text comes out wrong.
 * A fresh object each time: fontkit writes its defaults into the one it is given.
 */
function features(): TypeFeatures {
  return { ccmp: false, liga: false, clig: false, dlig: false };
}

function familyOrder(han: HanStyle): FontFamily[] {
  return ["latin", "thai", han, han === "sc" ? "tc" : "sc"];
}

function fontKey(family: FontFamily, weight: FontWeight): string {
  return `${family}/${weight}`;
}

function graphemes(text: string): string[] {
  return [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
}

export class Typesetter {
  private readonly embedded = new Map<string, PDFFont>();
  private readonly unitWidths = new Map<string, number>();

  private constructor(private readonly faces: Map<string, Font>) {}

  /**
   * Loads the faces that the given texts need (and only those: a certificate without Chinese never
   * reads the 10 MB Chinese files), so that measuring and splitting afterwards are synchronous.
   */
  static async for(texts: { text: string; weight: FontWeight; han: HanStyle }[]): Promise<Typesetter> {
    const faces = new Map<string, Font>();
    const load = async (family: FontFamily, weight: FontWeight) => {
      const key = fontKey(family, weight);
      if (!faces.has(key)) faces.set(key, await parsedFont(family, weight));
      return faces.get(key)!;
    };
    for (const { text, weight, han } of texts) {
      for (const char of text.normalize("NFC")) {
        const codePoint = char.codePointAt(0)!;
        // The same walk as splitRuns: every family it may ask about is loaded.
        for (const family of familyOrder(han)) {
          const face = await load(family, "regular");
          if (face.hasGlyphForCodePoint(codePoint)) {
            await load(family, weight);
            break;
          }
        }
      }
    }
    await load("latin", "regular");
    return new Typesetter(faces);
  }

  runs(text: string, han: HanStyle): TextRun<FontFamily>[] {
    return splitRuns(text, familyOrder(han), (family, codePoint) =>
      Boolean(this.faces.get(fontKey(family, "regular"))?.hasGlyphForCodePoint(codePoint)),
    );
  }

  private face(family: FontFamily, weight: FontWeight): Font {
    // A face not loaded for this weight falls back to the regular one (never happens after `for`).
    return this.faces.get(fontKey(family, weight)) ?? this.faces.get(fontKey(family, "regular"))!;
  }

  private runWidth(run: TextRun<FontFamily>, style: TextStyle): number {
    const face = this.face(run.font, style.weight);
    const advance = face.layout(run.text, features()).positions.reduce((sum, position) => sum + position.xAdvance, 0);
    return (advance / face.unitsPerEm) * style.size;
  }

  /** The width at `style.size`; widths grow linearly with the size, so one measure per text serves all sizes. */
  width(text: string, style: TextStyle): number {
    const key = `${style.weight}/${style.han}/${text}`;
    let unit = this.unitWidths.get(key);
    if (unit === undefined) {
      const one = { ...style, size: 1 };
      unit = this.runs(text, style.han).reduce((sum, run) => sum + this.runWidth(run, one), 0);
      this.unitWidths.set(key, unit);
    }
    return unit * style.size;
  }

  /** Greedy word wrap; a word wider than the line is broken between characters. */
  wrap(text: string, style: TextStyle, maxWidth: number, locale: string): string[] {
    const lines: string[] = [];
    let line = "";
    const fits = (candidate: string) => this.width(candidate.trim(), style) <= maxWidth;
    for (const { segment } of new Intl.Segmenter(locale, { granularity: "word" }).segment(text)) {
      if (fits(line + segment)) {
        line += segment;
        continue;
      }
      if (line.trim()) lines.push(line.trim());
      line = segment.trimStart();
      while (!fits(line)) {
        const parts = graphemes(line);
        let take = 1;
        while (take < parts.length && fits(parts.slice(0, take + 1).join(""))) take += 1;
        lines.push(parts.slice(0, take).join("").trim());
        line = parts.slice(take).join("").trimStart();
      }
    }
    if (line.trim()) lines.push(line.trim());
    return lines;
  }

  private truncate(text: string, style: TextStyle, maxWidth: number): string {
    if (this.width(text, style) <= maxWidth) return text;
    const parts = graphemes(text);
    while (parts.length > 0 && this.width(parts.join("").trimEnd() + ELLIPSIS, style) > maxWidth) parts.pop();
    return parts.join("").trimEnd() + ELLIPSIS;
  }

  /**
   * The largest size at which the text fits the box: one line shrunk by up to a fifth, else wrapped
   * onto at most `maxLines` lines, else wrapped at the smallest size and the rest cut with an ellipsis.
   */
  fit(text: string, style: TextStyle, box: FitBox): FittedText {
    const natural = this.width(text, style);
    if (natural <= box.maxWidth) return { lines: [text], size: style.size };
    const shrunk = Math.floor(((style.size * box.maxWidth) / natural) * 100) / 100;
    const floor = box.maxLines > 1 ? Math.max(box.minSize, style.size * 0.8) : box.minSize;
    if (shrunk >= floor) return { lines: [text], size: shrunk };
    if (box.maxLines > 1) {
      const step = Math.max(0.5, (style.size - box.minSize) / 10);
      for (let size = style.size; size >= box.minSize; size -= step) {
        const lines = this.wrap(text, { ...style, size }, box.maxWidth, box.locale);
        if (lines.length <= box.maxLines) return { lines, size };
      }
    }
    const size = box.minSize;
    const lines = this.wrap(text, { ...style, size }, box.maxWidth, box.locale);
    if (lines.length <= box.maxLines) return { lines, size };
    const kept = lines.slice(0, box.maxLines - 1);
    const rest = lines.slice(box.maxLines - 1).join(" ");
    return { lines: [...kept, this.truncate(rest, { ...style, size }, box.maxWidth)], size };
  }

  /** Embeds (subset) the faces that `draw` will use; call once, after the layout is known. */
  async embed(doc: PDFDocument, lines: { text: string; style: TextStyle }[]): Promise<void> {
    const needed = new Set<string>();
    for (const { text, style } of lines)
      for (const run of this.runs(text, style.han)) needed.add(fontKey(run.font, style.weight));
    let index = 0;
    for (const key of [...needed].sort()) {
      const [family, weight] = key.split("/") as [FontFamily, FontWeight];
      const face = this.face(family, weight);
      // A subset's name starts with six capital letters and "+", as PDF readers expect.
      const tag = `TRLS${String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26))}`;
      index += 1;
      const bytes = await fontBytes(family, this.faces.has(key) ? weight : "regular");
      this.embedded.set(
        key,
        await doc.embedFont(bytes, { subset: true, customName: `${tag}+${face.postscriptName}`, features: features() }),
      );
    }
  }

  /**
   * Draws a line starting at x on the baseline y; returns its width. pdf-lib's drawText would put
   * each glyph at the end of the one before, losing kerning and the mark positions that Thai needs
   * (a tone mark above a vowel above a consonant), so the glyphs go out with their shaped offsets:
   * TJ adjustments for horizontal ones, text rise for vertical ones.
   */
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle, color: Color): number {
    let cursor = x;
    for (const run of this.runs(text, style.han)) {
      const font = this.embedded.get(fontKey(run.font, style.weight));
      if (!font) throw new Error(`Font ${run.font}/${style.weight} was not embedded before drawing`);
      const face = this.face(run.font, style.weight);
      const { glyphs, positions } = face.layout(run.text, features());
      // The same shaping in the embedded copy of the font, which records the glyphs for the subset.
      const codes = font.encodeText(run.text).asString();
      if (codes.length !== glyphs.length * 4) throw new Error("Shaping differs between measuring and embedding");
      const toText = 1000 / face.unitsPerEm; // font units to thousandths of the font size
      const key = page.node.newFontDictionary(font.name, font.ref);
      const operators = [pushGraphicsState(), beginText(), setFillingColor(color), setFontAndSize(key, style.size)];
      operators.push(setTextMatrix(1, 0, 0, 1, cursor, y));
      let shown: (PDFHexString | number)[] = [];
      let rise = 0;
      const flush = () => {
        if (shown.length > 0) operators.push(PDFOperator.of(PDFOperatorNames.ShowTextAdjusted, [page.doc.context.obj(shown)]));
        shown = [];
      };
      positions.forEach((position, index) => {
        const previous = index > 0 ? positions[index - 1]! : undefined;
        // Where the pen is after the previous glyph's advance in the PDF, against where shaping wants this glyph.
        const drift = previous
          ? previous.xAdvance - glyphs[index - 1]!.advanceWidth + position.xOffset - previous.xOffset
          : position.xOffset;
        const wantedRise = (position.yOffset / face.unitsPerEm) * style.size;
        if (wantedRise !== rise) {
          flush();
          operators.push(setTextRise(wantedRise));
          rise = wantedRise;
        }
        if (drift !== 0) shown.push(-drift * toText);
        shown.push(PDFHexString.of(codes.slice(index * 4, index * 4 + 4)));
      });
      flush();
      operators.push(endText(), popGraphicsState());
      page.pushOperators(...operators);
      cursor += this.runWidth(run, style);
    }
    return cursor - x;
  }
}
