// Money in check-ins: which ISO 4217 codes count, the order of the currency select, and conversion
// into the cohort's reporting currency at the organiser's rate for the period.
import { describe, expect, it } from "vitest";
import { currencyOptions, isCurrency, REGION_CURRENCIES, toReporting } from "#app/domain/currency";

describe("currency codes", () => {
  it("accepts ISO 4217 codes the runtime knows, in capitals only", () => {
    for (const code of ["USD", "CNY", "THB", "VND", "IDR", "MYR", "SGD", "EUR"]) expect(isCurrency(code)).toBe(true);
    for (const code of ["usd", "US", "USDT", "XYZ", "", "U$D"]) expect(isCurrency(code)).toBe(false);
  });

  it("lists the region's currencies first, then every other one once, in order", () => {
    const options = currencyOptions();
    expect(options.slice(0, REGION_CURRENCIES.length)).toEqual(REGION_CURRENCIES);
    expect(new Set(options).size).toBe(options.length);
    const rest = options.slice(REGION_CURRENCIES.length);
    expect(rest).toEqual([...rest].sort());
    expect(rest).toContain("JPY");
    expect(options.every(isCurrency)).toBe(true);
  });
});

describe("conversion into the reporting currency", () => {
  const rates = new Map([
    ["THB", 0.028],
    ["CNY", 0.14],
  ]);

  it("keeps an amount already in the reporting currency as it is, with or without rates", () => {
    expect(toReporting(1250.5, "USD", "USD", rates)).toBe(1250.5);
    expect(toReporting(0, "USD", "USD", new Map())).toBe(0);
  });

  it("multiplies by the period's rate", () => {
    expect(toReporting(1000, "THB", "USD", rates)).toBeCloseTo(28, 10);
    expect(toReporting(250_000, "CNY", "USD", rates)).toBeCloseTo(35_000, 6);
    expect(toReporting(0, "CNY", "USD", rates)).toBe(0);
  });

  it("gives null when the period has no rate for the currency, so the figure is reported as missing", () => {
    expect(toReporting(1000, "VND", "USD", rates)).toBeNull();
    expect(toReporting(1000, "THB", "USD", new Map())).toBeNull();
  });
});
