// Preferred language, country and time zone: asked at sign-up and changed in the profile.
import { useTranslation } from "react-i18next";
import { SelectField, type FieldRef } from "#app/components/ui/Field";
import { LANGUAGES, LANGUAGE_NAMES } from "#app/domain/locale";

export function PlaceFields({
  fields,
  countries,
  timeZones,
  chooseCountry = false,
}: {
  fields: { preferredLanguage: FieldRef; country: FieldRef; timeZone: FieldRef };
  countries: Array<{ code: string; name: string }>;
  timeZones: string[];
  /** Start the country list with an empty "Choose…" option (a new account has none yet). */
  chooseCountry?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        meta={fields.preferredLanguage}
        label={t("auth:fields.preferredLanguage")}
        options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
      />
      <SelectField
        meta={fields.country}
        label={t("auth:fields.country")}
        autoComplete="country"
        options={[
          ...(chooseCountry ? [{ value: "", label: t("auth:fields.chooseCountry") }] : []),
          ...countries.map((c) => ({ value: c.code, label: c.name })),
        ]}
      />
      <SelectField
        meta={fields.timeZone}
        label={t("auth:fields.timeZone")}
        hint={t("auth:fields.timeZoneHint")}
        options={timeZones.map((z) => ({ value: z, label: z }))}
      />
    </>
  );
}
