// The fields a cohort is made of, shared by the create and edit forms: its name in every language,
// its dates, the check-in cadence, the reporting currency and how long after a period a check-in is
// due. Once a check-in exists the cadence and currency are shown, not offered (they would change
// what was filed).
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField, type FieldRef } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import type { LocalizedText } from "#app/domain/localized";
import { DUE_DAYS_MAX, DUE_DAYS_MIN } from "#app/forms/cohorts";

/** Currency options as the server labelled them (app/utils/currency-options.server.ts). */
export type CurrencyOption = { value: string; label: string };

export function currencyLabel(code: string, currencies: readonly CurrencyOption[]): string {
  return currencies.find((c) => c.value === code)?.label ?? code;
}

type Fields = {
  name: FieldMetadata<Partial<LocalizedText> | null | undefined>;
  startsOn: FieldRef;
  endsOn: FieldRef;
  cadence: FieldMetadata<string | undefined>;
  reportingCurrency: FieldMetadata<string | undefined>;
  dueDays: FieldRef;
};

export function CohortFields({
  fields,
  currencies,
  locked,
}: {
  fields: Fields;
  currencies: readonly CurrencyOption[];
  /** The current cadence and currency when check-ins exist, else null (both can be chosen). */
  locked: { cadence: string; reportingCurrency: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <LocalizedFields meta={fields.name} label={t("cohorts.name")} />
      <div className="grid-4">
        <TextField meta={fields.startsOn} type="date" label={t("cohorts.startsOn")} />
        <TextField meta={fields.endsOn} type="date" label={t("cohorts.endsOn")} />
      </div>
      <p className="field-hint">{t("cohorts.datesHint")}</p>
      {locked ? (
        <div className="stack">
          <input type="hidden" name={fields.cadence.name} value={locked.cadence} />
          <input type="hidden" name={fields.reportingCurrency.name} value={locked.reportingCurrency} />
          <dl className="facts">
            <dt>{t("cohorts.cadence")}</dt>
            <dd>{t(`cohorts.cadenceName.${locked.cadence}`)}</dd>
            <dt>{t("cohorts.reportingCurrency")}</dt>
            <dd>{currencyLabel(locked.reportingCurrency, currencies)}</dd>
          </dl>
          <p className="field-hint">{t("cohorts.scheduleLocked")}</p>
        </div>
      ) : (
        <div className="grid-2">
          <SelectField
            meta={fields.cadence}
            label={t("cohorts.cadence")}
            options={[
              { value: "monthly", label: t("cohorts.cadenceName.monthly") },
              { value: "quarterly", label: t("cohorts.cadenceName.quarterly") },
            ]}
          />
          <SelectField
            meta={fields.reportingCurrency}
            label={t("cohorts.reportingCurrency")}
            hint={t("cohorts.reportingCurrencyHint")}
            options={currencies}
          />
        </div>
      )}
      <div className="narrow-form">
        <TextField
          meta={fields.dueDays}
          type="number"
          label={t("cohorts.dueDays")}
          hint={t("cohorts.dueDaysHint", { min: DUE_DAYS_MIN, max: DUE_DAYS_MAX })}
        />
      </div>
    </>
  );
}
