// Numbers on the published pages: scores and averages with one decimal, in the reader's language.
export function oneDecimal(value: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A difference rounded as it is shown, so "+0.0" never appears next to "same as the track". */
export function shownDifference(own: number, track: number): number {
  const rounded = Math.round((own - track) * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}
