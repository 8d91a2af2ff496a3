// Cutting an already computed list (a ranking, a track's results) into pages for the screen.

export type PageOf<T> = {
  rows: T[];
  /** The page shown, 1-based, pulled into range. */
  page: number;
  pages: number;
  total: number;
};

/** Page `page` (1-based) of `items`, `size` at a time; a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], page: number, size: number): PageOf<T> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, not ${size}`);
  const total = items.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = Number.isFinite(page) ? Math.min(pages, Math.max(1, Math.trunc(page))) : 1;
  const start = (shown - 1) * size;
  return { rows: items.slice(start, start + size), page: shown, pages, total };
}
