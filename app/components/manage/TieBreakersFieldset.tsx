// The contest settings' tie-breakers: up to three ordered selects, each "— none —", "more completed
// reviews" or "higher score on criterion X" for every criterion key of the contest's rubrics.
import { useTranslation } from "react-i18next";
import { SelectField } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { MAX_TIE_BREAKERS } from "#app/forms/contest";

const SLOTS = ["first", "second", "third"] as const;

export function TieBreakersFieldset({
  name,
  criteria,
}: {
  /** The form field holding the list; each select is one item of it. */
  name: string;
  criteria: ReadonlyArray<{ key: string; name: LocalizedText | null }>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const options = [
    { value: "", label: t("tieBreakers.none") },
    { value: "reviews", label: t("tieBreakers.reviews") },
    ...criteria.map((c) => ({
      value: `criterion:${c.key}`,
      label: t("tieBreakers.criterion", { name: c.name ? pickLocalized(c.name, language) : c.key }),
    })),
  ];
  return (
    <fieldset>
      <legend>{t("tieBreakers.legend")}</legend>
      <p className="field-hint">{t("tieBreakers.hint")}</p>
      {SLOTS.slice(0, MAX_TIE_BREAKERS).map((slot, i) => (
        <SelectField key={slot} meta={{ name: `${name}[${i}]` }} label={t(`tieBreakers.slot.${slot}`)} options={options} />
      ))}
    </fieldset>
  );
}
