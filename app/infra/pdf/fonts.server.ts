// The open fonts our PDFs are set in (Noto Sans for Latin and Vietnamese, Noto Sans Thai, Noto Sans SC
// and TC), read from node_modules on first use and kept in memory, never from the system's fonts.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { create, type Font } from "fontkit";

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
const faces = new Map<string, Promise<Font>>();

export function fontPath(family: FontFamily, weight: FontWeight): string {
  return require.resolve(FILES[family][weight]);
}

async function load(family: FontFamily, weight: FontWeight): Promise<Font> {
  const parsed = create(await readFile(fontPath(family, weight)));
  if ("fonts" in parsed) throw new Error(`${FILES[family][weight]} is a font collection, not one face`);
  return parsed;
}

/**
 * The face parsed by fontkit, read once per process (the CJK files are about 10 MB each). The same
 * object measures text, tells which characters a face covers, and is handed to pdfkit to embed.
 */
export function fontFace(family: FontFamily, weight: FontWeight): Promise<Font> {
  const key = `${family}/${weight}`;
  let face = faces.get(key);
  if (!face) {
    face = load(family, weight);
    // A failed read is not remembered, so a later render can try again.
    face.catch(() => faces.delete(key));
    faces.set(key, face);
  }
  return face;
}
