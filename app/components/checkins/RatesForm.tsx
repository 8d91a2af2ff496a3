// One period's exchange rates: a rate into the reporting currency for each currency its check-ins
// use (or that the organiser added), and a row to add one more. A blank rate removes it.
import { FormProvider, getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { ratesSchema } from "#app/forms/checkins";

export function RatesForm({
  period,
  periodName,
  currencies,
  reportingCurrency,
  options,
  lastResult,
}: {
  period: string;
  periodName: string;
  currencies: ReadonlyArray<{ currency: string; used: boolean; rate: number | null }>;
  reportingCurrency: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `rates-${period}`,
    lastResult,
    constraint: getZodConstraint(ratesSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      period,
      rates: currencies.map((c) => ({ currency: c.currency, rate: c.rate === null ? "" : String(c.rate) })),
      newCurrency: "",
      newRate: "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ratesSchema }),
  });
  const busy =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "rates" &&
    navigation.formData?.get("period") === period;
  const rows = fields.rates.getFieldList();
  return (
    <FormProvider context={form.context}>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="rates" />
        <input type="hidden" name={fields.period.name} value={period} />
        {currencies.length === 0 ? <p className="muted">{t("checkins.rates.noCurrencies")}</p> : null}
        <div className="grid-2">
          {rows.map((row, i) => {
            const c = currencies[i];
            if (!c) return null;
            const f = row.getFieldset();
            return (
              <div key={row.key}>
                <input type="hidden" name={f.currency.name} value={c.currency} />
                <TextField
                  meta={f.rate}
                  type="number"
                  step="any"
                  label={t("checkins.rates.rateLabel", {
                    currency: c.currency,
                    reporting: reportingCurrency,
                    period: periodName,
                  })}
                  hint={c.used ? t("checkins.rates.used") : t("checkins.rates.added")}
                />
              </div>
            );
          })}
        </div>
        <div className="grid-2">
          <SelectField
            meta={fields.newCurrency}
            label={t("checkins.rates.addCurrency")}
            options={[
              { value: "", label: t("checkins.form.chooseCurrency") },
              ...options.filter((o) => o.value !== reportingCurrency),
            ]}
          />
          <TextField
            meta={fields.newRate}
            type="number"
            step="any"
            label={t("checkins.rates.addRate", { reporting: reportingCurrency })}
          />
        </div>
        <div>
          <Button type="submit" variant="secondary" busy={busy}>
            {t("checkins.rates.save", { period: periodName })}
          </Button>
        </div>
      </Form>
    </FormProvider>
  );
}
