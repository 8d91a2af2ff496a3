// A deadline in the viewer's time zone and, when different, in the contest's.
import { useTranslation } from "react-i18next";
import { formatInstant } from "#app/domain/time";

export function Deadline({
  iso,
  viewerTimeZone,
  contestTimeZone,
}: {
  iso: string;
  viewerTimeZone: string;
  contestTimeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const mine = formatInstant(iso, { locale: i18n.language, timeZone: viewerTimeZone });
  const theirs = formatInstant(iso, { locale: i18n.language, timeZone: contestTimeZone });
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {mine}
      {theirs !== mine ? (
        <span className="muted" suppressHydrationWarning>
          {" "}
          ({t("contest.contestTime", { when: theirs })})
        </span>
      ) : null}
    </time>
  );
}
