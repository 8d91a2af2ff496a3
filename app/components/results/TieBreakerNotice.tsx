// Above a round's results: the contest's tie-breakers as this round applies them, and a notice for
// each one skipped because the round's rubric has no criterion with its key.
import { useTranslation } from "react-i18next";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import type { TieBreaker } from "#app/domain/ranking";

export function TieBreakerNotice({
  tieBreakers,
  skippedKeys,
  criteria,
}: {
  tieBreakers: readonly TieBreaker[];
  skippedKeys: readonly string[];
  criteria: ReadonlyArray<{ key: string; name: LocalizedText | null }>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = (tb: TieBreaker) => {
    if (tb.kind === "reviews") return t("tieBreakers.by.reviews");
    const name = criteria.find((c) => c.key === tb.key)?.name;
    return t("tieBreakers.by.criterion", { name: name ? pickLocalized(name, language) : tb.key });
  };
  return (
    <>
      <p className="field-hint">
        {tieBreakers.length
          ? t("tieBreakers.resultsOrder", { list: tieBreakers.map(label).join(t("tieBreakers.then")) })
          : t("tieBreakers.resultsNone")}
      </p>
      {skippedKeys.map((key) => (
        <p key={key} className="alert alert-info" role="note">
          {t("tieBreakers.skipped", { key })}
        </p>
      ))}
    </>
  );
}
