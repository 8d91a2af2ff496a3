// Numbers of the M&E pages in the reader's language: counts, money in the reporting currency (whole
// units on screen; the downloads keep the cents), shares as percentages, and short axis labels.
import type { Language } from "#app/domain/locale";

export interface ImpactFormat {
  count: (value: number) => string;
  money: (value: number, currency: string) => string;
  percent: (share: number) => string;
  compact: (value: number) => string;
}

export function impactFormat(language: Language): ImpactFormat {
  const count = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(language, { notation: "compact", maximumFractionDigits: 1 });
  const money = new Map<string, Intl.NumberFormat>();
  return {
    count: (value) => count.format(value),
    money: (value, currency) => {
      let format = money.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(language, {
          style: "currency",
          currency,
          maximumFractionDigits: 0,
          minimumFractionDigits: 0,
        });
        money.set(currency, format);
      }
      return format.format(value);
    },
    percent: (share) => percent.format(share),
    compact: (value) => compact.format(value),
  };
}
