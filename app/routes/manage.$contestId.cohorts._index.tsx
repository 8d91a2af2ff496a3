// Organisers: the contest's incubation cohorts, and a form to start one from the registered entries
// (the awarded ones already ticked) with a milestone template every team begins with.
import { FormProvider, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CohortFields } from "#app/components/cohorts/CohortFields";
import { Day } from "#app/components/cohorts/Day";
import { EntryChecklist } from "#app/components/cohorts/EntryChecklist";
import { MilestoneTemplateEditor } from "#app/components/cohorts/MilestoneTemplateEditor";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { cohortCreateSchema, DEFAULT_DUE_DAYS, type CohortCreateInput } from "#app/forms/cohorts";
import { redirectWithToast } from "#app/infra/toast.server";
import { cohortsOverview, createCohort } from "#app/services/cohorts.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { currencySelectOptions } from "#app/utils/currency-options.server";
import { requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const overview = await cohortsOverview(ctx, contest.id);
  if (!overview.ok) throw new Response(overview.error.code, { status: 403 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return { contest, ...overview.value, currencies: currencySelectOptions(language, overview.value.currencies) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const submission = parseWithZod(await request.formData(), { schema: cohortCreateSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  const result = await createCohort(ctx, contest.id, submission.value);
  if (!result.ok) return replyWithError(submission, result.error);
  return redirectWithToast(`/manage/${contest.id}/cohorts/${result.value.id}`, { kind: "success", key: "cohorts.created" });
}

/** What the create form holds, as text (the schema turns it into a CohortCreateInput). */
type CreateFormValues = {
  name: Partial<LocalizedText>;
  startsOn: string;
  endsOn: string;
  cadence: string;
  reportingCurrency: string;
  dueDays: number;
  milestones: Array<{ key?: string; name: LocalizedText }>;
  entryIds: string[];
};

export default function Cohorts() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, cohorts, entries, awardedEntryIds, defaultTemplate, currencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<CreateFormValues, CohortCreateInput>({
    id: "create-cohort",
    lastResult: actionData?.result,
    constraint: getZodConstraint(cohortCreateSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      cadence: "quarterly",
      reportingCurrency: "USD",
      dueDays: DEFAULT_DUE_DAYS,
      milestones: defaultTemplate,
      entryIds: awardedEntryIds.map(String),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortCreateSchema }),
  });
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("cohorts.title")} />
      <p className="lead">{t("cohorts.intro")}</p>
      <div className="card">
        <h2>{t("cohorts.listTitle")}</h2>
        {cohorts.length === 0 ? (
          <p>{t("cohorts.none")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("cohorts.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cohorts.name")}</th>
                  <th scope="col">{t("cohorts.dates")}</th>
                  <th scope="col">{t("cohorts.cadence")}</th>
                  <th scope="col">{t("cohorts.reportingCurrencyShort")}</th>
                  <th scope="col">{t("cohorts.teamCount")}</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/manage/${contest.id}/cohorts/${c.id}`} lang={pickedLanguage(c.name, language)}>
                        {pickLocalized(c.name, language)}
                      </Link>
                    </th>
                    <td>
                      <Day value={c.startsOn} /> – <Day value={c.endsOn} />
                    </td>
                    <td>{t(`cohorts.cadenceName.${c.cadence}`)}</td>
                    <td>{c.reportingCurrency}</td>
                    <td>{c.teamCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="card">
        <h2 id="create-title">{t("cohorts.createTitle")}</h2>
        <FormProvider context={form.context}>
          <Form method="post" {...getFormProps(form)} aria-labelledby="create-title" className="stack">
            {/* Enter in a text field presses the form's first button: make that "create", not "remove row 1". */}
            <button type="submit" className="visually-hidden" tabIndex={-1} aria-hidden="true">
              {t("cohorts.create")}
            </button>
            <FormErrors id={form.errorId} errors={form.errors} />
            <CohortFields fields={fields} currencies={currencies} locked={null} />
            <MilestoneTemplateEditor form={form} milestones={fields.milestones} />
            <EntryChecklist
              meta={fields.entryIds}
              legend={t("cohorts.teamsLegend")}
              hint={t("cohorts.teamsHint")}
              entries={entries}
            />
            <p>
              <Button type="submit" busy={navigation.state === "submitting"}>
                {t("cohorts.create")}
              </Button>
            </p>
          </Form>
        </FormProvider>
      </div>
    </section>
  );
}
