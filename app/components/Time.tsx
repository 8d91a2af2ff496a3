// An instant in a time zone. The server and the browser format dates with different ICU data
// (spaces, abbreviations), so the browser keeps the server's text instead of calling it a mismatch.
import { useTranslation } from "react-i18next";
import { formatInstant } from "#app/domain/time";

export function Time({ iso, timeZone }: { iso: string; timeZone: string }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatInstant(iso, { locale: i18n.language, timeZone })}
    </time>
  );
}
