// The fields describing a team, shared by "create" and "edit".
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField, type FieldRef } from "#app/components/ui/Field";
import { TEAM_STAGES } from "#app/forms/team";

type TeamFieldSet = Record<
  | "name"
  | "country"
  | "city"
  | "organisation"
  | "stage"
  | "foundingYear"
  | "website"
  | "pitch"
  | "foundersWomen"
  | "foundersMen"
  | "foundersOther"
  | "womenLed",
  FieldRef
>;

export function TeamFields({ fields, countries }: { fields: TeamFieldSet; countries: Array<{ code: string; name: string }> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField meta={fields.name} label={t("teams.name")} autoComplete="organization" />
      <SelectField
        meta={fields.country}
        label={t("teams.country")}
        options={[
          { value: "", label: t("auth:fields.chooseCountry") },
          ...countries.map((c) => ({ value: c.code, label: c.name })),
        ]}
      />
      <TextField meta={fields.city} label={t("teams.city")} autoComplete="address-level2" />
      <TextField meta={fields.organisation} label={t("teams.organisation")} hint={t("teams.organisationHint")} />
      <SelectField
        meta={fields.stage}
        label={t("teams.stage")}
        options={TEAM_STAGES.map((s) => ({ value: s, label: t(`teamStage.${s}`) }))}
      />
      <TextField meta={fields.foundingYear} type="number" label={t("teams.foundingYear")} />
      <TextField meta={fields.website} type="url" label={t("teams.website")} autoComplete="url" />
      <TextField meta={fields.pitch} label={t("teams.pitch")} hint={t("teams.pitchHint")} />
      <fieldset>
        <legend>{t("teams.founders")}</legend>
        <p className="field-hint">{t("teams.foundersHint")}</p>
        <div className="grid-4">
          <TextField meta={fields.foundersWomen} type="number" label={t("teams.foundersWomen")} />
          <TextField meta={fields.foundersMen} type="number" label={t("teams.foundersMen")} />
          <TextField meta={fields.foundersOther} type="number" label={t("teams.foundersOther")} />
        </div>
        <CheckboxField meta={fields.womenLed} label={t("teams.womenLed")} hint={t("teams.womenLedHint")} />
      </fieldset>
    </>
  );
}
