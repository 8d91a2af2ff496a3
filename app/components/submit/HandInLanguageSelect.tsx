// The "language of this version" select in a hand-in form: preset to the language of the version
// handed in last, else the entry's materials language; the server tags the version with it.
import { useTranslation } from "react-i18next";

export function HandInLanguageSelect({
  requirementId,
  value,
  options,
}: {
  requirementId: number;
  value: string | null;
  /** Every materials language, named on the server. */
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { t } = useTranslation();
  const id = `language-${requirementId}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t("entryTexts.handInLanguage")}</label>
      <select id={id} name="language" defaultValue={value ?? ""}>
        <option value="">{t("entryTexts.chooseLanguage")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
