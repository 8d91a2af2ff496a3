// Splits a line of text into runs that one font each can draw, so that a Thai team name inside an
// English sentence, or Chinese inside Vietnamese, is set in fonts that have its glyphs. Pure: the
// caller says which fonts cover which code points.

export interface TextRun<F extends string> {
  font: F;
  text: string;
}

// Marks, joiners and variation selectors belong to the character before them: they are drawn by the
// same font or not at all.
const ATTACHED = /^[\p{M}\u200C\u200D\uFE00-\uFE0F]$/u;
// Spaces, punctuation, symbols and digits read the same in any of our fonts, so they stay in the
// current run when its font has them, instead of breaking it up.
const NEUTRAL = /^[\p{Z}\p{P}\p{S}\p{N}]$/u;

/**
 * The text (NFC-normalised) as consecutive runs. Each character goes to the first font in `fonts`
 * that covers it; neutral characters stay with the run before them when its font covers them;
 * a character no font covers stays in the current run (or the first font), where it shows as a box.
 */
export function splitRuns<F extends string>(
  text: string,
  fonts: readonly F[],
  covers: (font: F, codePoint: number) => boolean,
): TextRun<F>[] {
  const first = fonts[0];
  if (first === undefined) throw new Error("splitRuns needs at least one font");
  const runs: TextRun<F>[] = [];
  let current: TextRun<F> | undefined;
  for (const char of text.normalize("NFC")) {
    const codePoint = char.codePointAt(0)!;
    let font: F;
    if (current && ATTACHED.test(char)) font = current.font;
    else if (current && NEUTRAL.test(char) && covers(current.font, codePoint)) font = current.font;
    else font = fonts.find((f) => covers(f, codePoint)) ?? current?.font ?? first;
    if (current && current.font === font) current.text += char;
    else {
      current = { font, text: char };
      runs.push(current);
    }
  }
  return runs;
}
