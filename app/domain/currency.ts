// Money in check-ins: ISO 4217 codes as the runtime knows them, and conversion into a cohort's single
// reporting currency at the rate the organiser set for the period. Pure.

const KNOWN = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN.has(code);
}

/** The currencies of the contest's region first, so the select is short to scan; the rest follow. */
export const REGION_CURRENCIES = [
  "CNY",
  "USD",
  "SGD",
  "MYR",
  "IDR",
  "THB",
  "VND",
  "PHP",
  "BND",
  "KHR",
  "LAK",
  "MMK",
  "HKD",
  "TWD",
  "EUR",
];

export function currencyOptions(): string[] {
  return [...REGION_CURRENCIES.filter((c) => KNOWN.has(c)), ...[...KNOWN].filter((c) => !REGION_CURRENCIES.includes(c)).sort()];
}

/**
 * An amount in the reporting currency: itself when the currency is the reporting one, else amount ×
 * rate for the period; null when no rate was set (the figure is left out and reported as missing).
 */
export function toReporting(
  amount: number,
  currency: string,
  reportingCurrency: string,
  rates: ReadonlyMap<string, number>,
): number | null {
  if (currency === reportingCurrency) return amount;
  const rate = rates.get(currency);
  return rate === undefined ? null : amount * rate;
}
