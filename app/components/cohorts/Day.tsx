// A calendar date ("2027-03-31", no time and no zone), written out in the viewer's language.
import { useTranslation } from "react-i18next";

export function Day({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const date = new Date(`${value}T00:00:00.000Z`);
  const text = Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(date);
  return (
    <time dateTime={value} suppressHydrationWarning>
      {text}
    </time>
  );
}
