// The open fonts our PDFs are set in (Noto Sans for Latin and Vietnamese, Noto Sans Thai, Noto Sans SC
// and TC), read from node_modules on first use and kept in memory, never from the system's fonts.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit, { type Font, type Subset } from "@pdf-lib/fontkit";

export type FontFamily = "latin" | "thai" | "sc" | "tc";
export type FontWeight = "regular" | "bold";

// Paths inside the packages, resolved against this module so that the same code finds them from the
// sources (vitest, tsx) and from build/server/index.js.
const FILES: Record<FontFamily, Record<FontWeight, string>> = {
  latin: {
    regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  },
  thai: {
    regular: "@expo-google-fonts/noto-sans-thai/400Regular/NotoSansThai_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-thai/700Bold/NotoSansThai_700Bold.ttf",
  },
  sc: {
    regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
  },
  tc: {
    regular: "@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf",
  },
};

const require = createRequire(import.meta.url);
const bytesCache = new Map<string, Promise<Uint8Array>>();
const parsedCache = new Map<string, Promise<Font>>();

export function fontPath(family: FontFamily, weight: FontWeight): string {
  return require.resolve(FILES[family][weight]);
}

/** The font file's bytes, read once per process (the CJK files are about 10 MB each). */
export function fontBytes(family: FontFamily, weight: FontWeight): Promise<Uint8Array> {
  const key = `${family}/${weight}`;
  let bytes = bytesCache.get(key);
  if (!bytes) {
    bytes = readFile(fontPath(family, weight)).then((buffer) => new Uint8Array(buffer));
    // A failed read is not remembered, so a later render can try again.
    bytes.catch(() => bytesCache.delete(key));
    bytesCache.set(key, bytes);
  }
  return bytes;
}

/** The face parsed by fontkit, to ask which characters it covers and how wide a text is. */
export function parsedFont(family: FontFamily, weight: FontWeight): Promise<Font> {
  const key = `${family}/${weight}`;
  let font = parsedCache.get(key);
  if (!font) {
    font = fontBytes(family, weight).then((bytes) => fontkit.create(bytes));
    font.catch(() => parsedCache.delete(key));
    parsedCache.set(key, font);
  }
  return font;
}

// What a TrueType subset of @pdf-lib/fontkit keeps while it encodes (not in its type declarations).
interface TrueTypeSubsetInternals {
  _addGlyph(glyphId: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a subset's `loca` table in the short format (offsets halved) without
 * padding glyph records to an even length, so after the first odd-length glyph every later glyph
 * points one byte off and draws as nothing (upstream fontkit fixed this in 1.8). Padding each glyph
 * record to an even length, as the TrueType format expects, makes the halved offsets exact.
 */
function padGlyphRecords(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = (): Subset => {
    const subset = createSubset();
    const internals = subset as unknown as Partial<TrueTypeSubsetInternals>;
    const addGlyph = internals._addGlyph?.bind(subset);
    if (!addGlyph) return subset; // a CFF font: its subsets have no glyf table
    internals._addGlyph = (glyphId: number) => {
      const index = addGlyph(glyphId);
      const record = internals.glyf![index]!;
      if (record.length % 2 === 1) {
        // The same Buffer class as the record (fontkit bundles its own and checks for it).
        const padded = (record.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(record.length + 1);
        padded.set(record);
        internals.glyf![index] = padded;
        internals.offset! += 1;
      }
      return index;
    };
    return subset;
  };
  return font;
}

/** The fontkit that pdf-lib embeds our fonts with (see `padGlyphRecords`). */
export const pdfFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    return padGlyphRecords(fontkit.create(bytes, postscriptName));
  },
};
