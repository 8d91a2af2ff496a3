// The currency select's options in a language: "THB — Thai Baht", the contest's region first.
import { currencyOptions } from "#app/domain/currency";

export function currencySelectOptions(locale: string): Array<{ value: string; label: string }> {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "currency" });
  } catch {
    names = null;
  }
  return currencyOptions().map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
}
