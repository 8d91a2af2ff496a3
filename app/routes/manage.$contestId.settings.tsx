// A contest's settings: texts in every language, time zone, eligibility, team size, registration window,
// and the tie-breakers its rankings use.
import { FormProvider, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { TieBreakersFieldset } from "#app/components/manage/TieBreakersFieldset";
import { Button } from "#app/components/ui/Button";
import { ErrorList, FormErrors, SelectField, TextField } from "#app/components/ui/Field";
import { LocalizedFields } from "#app/components/ui/LocalizedFields";
import { countryOptions } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { listTimeZones } from "#app/domain/time";
import { contestSettingsSchema } from "#app/forms/contest";
import { redirectWithToast } from "#app/infra/toast.server";
import { settingsFormValues, tieBreakerCriteria, updateContestSettings } from "#app/services/contests.server";
import { requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const criteria = await tieBreakerCriteria(ctx, contest.id);
  return {
    contest,
    values: settingsFormValues(contest),
    criteria: criteria.ok ? criteria.value : [],
    timeZones: listTimeZones(),
    countries: countryOptions(auth.user.preferred_language),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const submission = parseWithZod(await request.formData(), { schema: contestSettingsSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await updateContestSettings(ctx, contest.id, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  return redirectWithToast(`/manage/${contest.id}/settings`, { kind: "success", key: "manage.saved" });
}

export default function ContestSettings() {
  const { t, i18n } = useTranslation();
  const { contest, values, timeZones, countries, criteria } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `contest-settings-${values.version}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(contestSettingsSchema),
    shouldValidate: "onBlur",
    // Once a field shows an error, clear it as soon as it is fixed: waiting for blur would let the
    // vanishing message move the Save button from under the pointer that is about to click it.
    shouldRevalidate: "onInput",
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contestSettingsSchema }),
  });
  const countriesProps = getSelectProps(fields.eligibleCountries);
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.settings")} />
      <FormProvider context={form.context}>
        <Form method="post" className="card" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
          <LocalizedFields meta={fields.name} label={t("manage.contestName")} />
          <LocalizedFields meta={fields.description} label={t("manage.description")} multiline />
          <SelectField
            meta={fields.timeZone}
            label={t("manage.timeZone")}
            hint={t("manage.timeZoneHint")}
            options={timeZones.map((z) => ({ value: z, label: z }))}
          />
          <fieldset>
            <legend>{t("manage.registrationTitle")}</legend>
            <p className="field-hint">{t("manage.windowHint", { zone: values.timeZone })}</p>
            <TextField meta={fields.registrationOpensAt} type="datetime-local" label={t("manage.registrationOpens")} />
            <TextField meta={fields.registrationClosesAt} type="datetime-local" label={t("manage.registrationCloses")} />
            <TextField meta={fields.teamMin} type="number" label={t("manage.teamMin")} />
            <TextField meta={fields.teamMax} type="number" label={t("manage.teamMax")} />
            <div className="field">
              <label htmlFor={fields.eligibleCountries.id}>{t("manage.eligibleCountries")}</label>
              <p className="field-hint" id={`${fields.eligibleCountries.id}-hint`}>
                {t("manage.eligibleCountriesHint")}
              </p>
              <select
                {...countriesProps}
                key={countriesProps.key}
                multiple
                size={12}
                aria-describedby={`${fields.eligibleCountries.id}-hint`}
              >
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              <ErrorList id={fields.eligibleCountries.errorId} errors={fields.eligibleCountries.errors} />
            </div>
          </fieldset>
          <LocalizedFields meta={fields.terms} label={t("manage.terms")} multiline hint={t("manage.termsHint")} />
          <LocalizedFields meta={fields.declaration} label={t("manage.declaration")} multiline />
          <LocalizedFields meta={fields.prizes} label={t("manage.prizes")} multiline />
          <LocalizedFields meta={fields.faq} label={t("manage.faq")} multiline />
          <TextField meta={fields.contactEmail} type="email" label={t("manage.contactEmail")} autoComplete="email" />
          <TieBreakersFieldset name={fields.tieBreakers.name} criteria={criteria} />
          <p className="muted">{t("manage.termsVersion", { version: contest.termsVersion, lng: i18n.language as Language })}</p>
          <Button type="submit" busy={navigation.state === "submitting"}>
            {t("manage.save")}
          </Button>
        </Form>
      </FormProvider>
    </section>
  );
}
