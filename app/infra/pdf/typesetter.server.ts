// Measures, shrinks, wraps and draws lines of text in any mix of our scripts: each line is split into
// runs by font coverage; fontkit shapes each run (kerning, Thai mark positioning) the same way for
// measuring here and for drawing in pdfkit.
import { type Font } from "fontkit";
import { fontFace, type FontFamily, type FontWeight } from "./fonts.server";
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
 * Shaping features we turn off. A PDF maps each glyph back to text (ToUnicode) once per font, and
 * glyph composition (ccmp) draws "ị" with the plain "i" glyph plus a dot, and Thai sara am with the
 * glyph of sara aa plus a nikhahit: those glyphs would then copy out as the wrong letters. Ligatures
 * are fine (the "ffi" glyph copies out as three letters). A fresh object each time: fontkit writes
 * the features it applies into the one it is given.
 */
function features(): Record<string, boolean> {
  return { ccmp: false };
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
      if (!faces.has(key)) faces.set(key, await fontFace(family, weight));
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

  private faceKey(family: FontFamily, weight: FontWeight): string {
    // A face not loaded for this weight falls back to the regular one (never happens after `for`).
    const key = fontKey(family, weight);
    return this.faces.has(key) ? key : fontKey(family, "regular");
  }

  private face(family: FontFamily, weight: FontWeight): Font {
    return this.faces.get(this.faceKey(family, weight))!;
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

  /**
   * Makes the loaded faces known to a document by their keys. pdfkit embeds a face only when text is
   * drawn in it, and then only the glyphs drawn (a subset), so registering them all costs nothing.
   */
  register(doc: PDFKit.PDFDocument): void {
    // pdfkit 0.20 takes a parsed fontkit font as well as a path or bytes (so the 10 MB Chinese faces
    // are not parsed again for every document); @types/pdfkit 0.17 does not list that form yet.
    for (const [key, face] of this.faces) doc.registerFont(key, face as unknown as PDFKit.Mixins.PDFFontSource);
  }

  /**
   * Draws a line in a document that `register` has prepared, from x on the baseline y (pdfkit's
   * coordinates: y grows downwards); returns its width. Each run is set in its own font at the pen
   * position that measuring gives, so drawing and measuring agree.
   */
  draw(doc: PDFKit.PDFDocument, text: string, x: number, y: number, style: TextStyle, color: string): number {
    let cursor = x;
    for (const run of this.runs(text, style.han)) {
      doc
        .font(this.faceKey(run.font, style.weight))
        .fontSize(style.size)
        .fillColor(color)
        .text(run.text, cursor, y, {
          lineBreak: false,
          baseline: "alphabetic",
          // An object turns features off; @types/pdfkit 0.17 only knows the list form that turns them on.
          features: features() as unknown as PDFKit.Mixins.TextOptions["features"],
        });
      cursor += this.runWidth(run, style);
    }
    return cursor - x;
  }
}
