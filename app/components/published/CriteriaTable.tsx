// Each criterion: the entry's average against its track's, with the difference in words under the
// entry's own number (so the meaning never rests on colour, and three columns fit a 360 px phone).
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import type { TeamResultView } from "#app/domain/publication";
import { oneDecimal, shownDifference } from "./format";

export function CriteriaTable({ criteria, trackName }: { criteria: TeamResultView["criteria"]; trackName: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const value = (v: number | null) => (v === null ? t("published.notScored") : oneDecimal(v, language));
  const difference = (own: number, track: number) => {
    const diff = shownDifference(own, track);
    if (diff === 0) return t("published.diffSame");
    const amount = oneDecimal(Math.abs(diff), language);
    return diff > 0 ? t("published.diffAbove", { diff: amount }) : t("published.diffBelow", { diff: amount });
  };
  return (
    <div className="table-scroll">
      <table>
        <caption>{t("published.criteriaCaption", { track: trackName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("published.colCriterion")}</th>
            <th scope="col">{t("published.colYours")}</th>
            <th scope="col">{t("published.colTrack")}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row" lang={c.name ? pickedLanguage(c.name, language) : undefined}>
                {c.name ? pickLocalized(c.name, language) : c.key}
              </th>
              <td>
                {value(c.own)}
                {c.own !== null && c.track !== null ? (
                  <>
                    <br />
                    <span className="muted small">{difference(c.own, c.track)}</span>
                  </>
                ) : null}
              </td>
              <td>{value(c.track)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
