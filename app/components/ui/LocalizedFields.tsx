// One text in every language: English first (required where the form says so), the other six
// folded away until an organiser opens them.
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, LANGUAGE_NAMES, type Language } from "#app/domain/locale";
import type { LocalizedText } from "#app/domain/localized";
import { TextAreaField, TextField, type FieldRef } from "./Field";

function LanguageControl({
  meta,
  label,
  language,
  multiline,
}: {
  meta: FieldRef;
  label: string;
  language: Language;
  multiline: boolean;
}) {
  const text = `${label} (${LANGUAGE_NAMES[language]})`;
  return multiline ? (
    <TextAreaField meta={meta} label={text} lang={language} />
  ) : (
    <TextField meta={meta} label={text} lang={language} />
  );
}

export function LocalizedFields({
  meta,
  label,
  multiline = false,
  hint,
}: {
  meta: FieldMetadata<Partial<LocalizedText> | null | undefined>;
  label: string;
  multiline?: boolean;
  hint?: string;
}) {
  const { t } = useTranslation();
  const fields = meta.getFieldset();
  const control = (language: Language) => (
    <LanguageControl key={language} meta={fields[language]} label={label} language={language} multiline={multiline} />
  );
  return (
    <fieldset className="localized">
      <legend>{label}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {control("en")}
      <details>
        <summary>{t("manage.otherLanguages")}</summary>
        {LANGUAGES.filter((l) => l !== "en").map(control)}
      </details>
    </fieldset>
  );
}
