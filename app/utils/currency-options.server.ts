// The currency select's options in a language: "THB — Thai Baht", the contest's region first. Made
// on the server only: the browser's ICU names some currencies differently, which would break hydration.
import { currencyOptions } from "#app/domain/currency";

export function currencySelectOptions(
  locale: string,
  codes: readonly string[] = currencyOptions(),
): Array<{ value: string; label: string }> {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "currency" });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
}
