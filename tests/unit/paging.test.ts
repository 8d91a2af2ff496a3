import { describe, expect, it } from "vitest";
import { pageOf } from "#app/domain/paging";

const items = Array.from({ length: 120 }, (_, i) => i + 1);

describe("pageOf", () => {
  it("cuts pages of the given size", () => {
    expect(pageOf(items, 1, 50)).toEqual({ rows: items.slice(0, 50), page: 1, pages: 3, total: 120 });
    expect(pageOf(items, 3, 50).rows).toEqual(items.slice(100));
  });

  it("pulls a page out of range back in", () => {
    expect(pageOf(items, 9, 50).page).toBe(3);
    expect(pageOf(items, 0, 50).page).toBe(1);
    expect(pageOf(items, -4, 50).page).toBe(1);
    expect(pageOf(items, Number.NaN, 50).page).toBe(1);
    expect(pageOf(items, 2.7, 50).page).toBe(2);
  });

  it("has one empty page for an empty list", () => {
    expect(pageOf([], 1, 50)).toEqual({ rows: [], page: 1, pages: 1, total: 0 });
  });

  it("refuses a page size that is not a positive whole number", () => {
    expect(() => pageOf(items, 1, 0)).toThrow(RangeError);
    expect(() => pageOf(items, 1, 1.5)).toThrow(RangeError);
  });
});
