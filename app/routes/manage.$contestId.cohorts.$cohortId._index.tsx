// Organisers: one incubation cohort. Its teams with their mentors and milestone completion, adding
// teams and letting one leave, inviting and assigning mentors, editing the cohort, and links to the
// cohort's exchange rates, support requests and dashboard.
import { FormProvider, getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { parseWithZod } from "#app/utils/form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CohortFields, currencyLabel, type CurrencyOption } from "#app/components/cohorts/CohortFields";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { currencySelectOptions } from "#app/utils/currency-options.server";
import { CohortTeamList, LeftTeams } from "#app/components/cohorts/CohortTeamList";
import { Day } from "#app/components/cohorts/Day";
import { EntryChecklist } from "#app/components/cohorts/EntryChecklist";
import { InviteMentor, PendingMentorInvitations } from "#app/components/cohorts/MentorInvitations";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import { FormErrors } from "#app/components/ui/Field";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { addTeamsSchema, assignMentorSchema, cohortUpdateSchema, mentorInviteSchema } from "#app/forms/cohorts";
import { redirectWithToast } from "#app/infra/toast.server";
import { addCohortTeams, cohortFormValues, cohortPage, removeCohortTeam, updateCohort } from "#app/services/cohorts.server";
import {
  assignMentor,
  inviteMentor,
  resendMentorInvitation,
  revokeMentorInvitation,
  unassignMentor,
} from "#app/services/mentoring.server";
import type { Result } from "#app/services/result";
import { encodeError, errorText } from "#app/utils/errors";
import { parseId, requireManagedContest } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const page = await cohortPage(ctx, contest.id, parseId(params.cohortId));
  if (!page.ok) throw new Response(page.error.code, { status: page.error.code === "not_found" ? 404 : 403 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return {
    contest,
    ...page.value,
    currencies: currencySelectOptions(language, page.value.currencies),
    values: cohortFormValues(page.value.cohort),
    viewerTimeZone: auth.user.time_zone,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const cohortId = parseId(params.cohortId);
  const back = `/manage/${contest.id}/cohorts/${cohortId}`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const idField = (name: string) => parseId(String(formData.get(name) ?? ""));
  /** Buttons without a form of fields: the outcome as a toast, or a message above the page. */
  const simple = <T,>(result: Result<T>, key: string, toastParams?: Record<string, string | number>) =>
    result.ok
      ? redirectWithToast(back, { kind: "success", key, params: toastParams })
      : data({ intent, message: encodeError(result.error) }, { status: result.error.code === "not_found" ? 404 : 400 });
  switch (intent) {
    case "update": {
      const submission = parseWithZod(formData, { schema: cohortUpdateSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await updateCohort(ctx, contest.id, cohortId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "cohorts.saved" });
    }
    case "add-teams": {
      const submission = parseWithZod(formData, { schema: addTeamsSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await addCohortTeams(ctx, contest.id, cohortId, submission.value.entryIds);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "cohorts.teamsAdded", params: { count: result.value.added } });
    }
    case "remove-team":
      return simple(await removeCohortTeam(ctx, contest.id, cohortId, idField("cohortTeamId")), "cohorts.teamRemoved");
    case "invite": {
      const submission = parseWithZod(formData, { schema: mentorInviteSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent } });
      const result = await inviteMentor(ctx, contest.id, cohortId, submission.value);
      if (!result.ok) return replyWithError(submission, result.error, { extra: { intent } });
      return redirectWithToast(back, { kind: "success", key: "cohorts.invited", params: { email: submission.value.email } });
    }
    case "revoke":
      return simple(await revokeMentorInvitation(ctx, contest.id, cohortId, idField("invitationId")), "cohorts.revoked");
    case "resend": {
      const result = await resendMentorInvitation(ctx, contest.id, cohortId, idField("invitationId"));
      return simple(result, "cohorts.resent", result.ok ? { email: result.value.email } : undefined);
    }
    case "assign": {
      const parsed = assignMentorSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ intent, message: "cohort_choose_mentor" }, { status: 400 });
      return simple(await assignMentor(ctx, contest.id, cohortId, parsed.data), "cohorts.assigned");
    }
    case "unassign":
      return simple(await unassignMentor(ctx, contest.id, cohortId, idField("assignmentId")), "cohorts.unassigned");
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function CohortPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { contest, cohort } = page;
  const message = actionData && "message" in actionData ? actionData.message : null;
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent && "result" in actionData
      ? (actionData.result as SubmissionResult<string[]>)
      : undefined;
  const active = page.teams.filter((team) => team.status !== "left");
  const left = page.teams.filter((team) => team.status === "left");
  const base = `/manage/${contest.id}/cohorts/${cohort.id}`;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={pickLocalized(cohort.name, language)} />
      <nav aria-label={t("cohorts.cohortNav")}>
        <p className="actions">
          <Link to={`/manage/${contest.id}/cohorts`}>{t("cohorts.allCohorts")}</Link>
          <Link to={`${base}/dashboard`}>{t("cohorts.dashboardLink")}</Link>
          <Link to={`${base}/rates`}>{t("cohorts.ratesLink")}</Link>
          <Link to={`${base}/support`}>{t("cohorts.supportLink")}</Link>
        </p>
      </nav>
      {message ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, message)}
        </p>
      ) : null}
      <dl className="facts card">
        <dt>{t("cohorts.dates")}</dt>
        <dd>
          <Day value={cohort.startsOn} /> – <Day value={cohort.endsOn} />
        </dd>
        <dt>{t("cohorts.cadence")}</dt>
        <dd>{t(`cohorts.cadenceName.${cohort.cadence}`)}</dd>
        <dt>{t("cohorts.reportingCurrency")}</dt>
        <dd>{currencyLabel(cohort.reportingCurrency, page.currencies)}</dd>
        <dt>{t("cohorts.dueDaysShort")}</dt>
        <dd>{t("cohorts.dueDaysValue", { count: cohort.dueDays })}</dd>
        <dt>{t("cohorts.templateLegend")}</dt>
        <dd>
          {cohort.template.length ? (
            <ol className="role-list">
              {cohort.template.map((m) => (
                <li key={m.key} lang={pickedLanguage(m.name, language)}>
                  {pickLocalized(m.name, language)}
                </li>
              ))}
            </ol>
          ) : (
            "—"
          )}
        </dd>
      </dl>
      <div className="card">
        <h2>{t("cohorts.teamsTitle", { count: active.length })}</h2>
        <CohortTeamList teams={active} mentors={page.mentors} />
        {page.mentors.length === 0 ? <p className="field-hint">{t("cohorts.noContestMentors")}</p> : null}
      </div>
      <AddTeams entries={page.addable} lastResult={resultFor("add-teams")} />
      <LeftTeams teams={left} />
      <InviteMentor teams={active} lastResult={resultFor("invite")} />
      <PendingMentorInvitations invitations={page.invitations} viewerTimeZone={page.viewerTimeZone} />
      <EditCohort
        values={page.values}
        currencies={page.currencies}
        hasCheckins={page.hasCheckins}
        lastResult={resultFor("update")}
      />
    </section>
  );
}

function AddTeams({
  entries,
  lastResult,
}: {
  entries: Parameters<typeof EntryChecklist>[0]["entries"];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "add-teams",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addTeamsSchema }),
  });
  if (entries.length === 0) return null;
  return (
    <details className="card" open={Boolean(lastResult)}>
      <summary>{t("cohorts.addTeamsTitle")}</summary>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="add-teams" />
          <EntryChecklist meta={fields.entryIds} legend={t("cohorts.addTeamsLegend")} entries={entries} />
          <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "add-teams"}>
            {t("cohorts.addTeams")}
          </Button>
        </Form>
      </FormProvider>
    </details>
  );
}

function EditCohort({
  values,
  currencies,
  hasCheckins,
  lastResult,
}: {
  values: ReturnType<typeof cohortFormValues>;
  currencies: CurrencyOption[];
  hasCheckins: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `edit-cohort-${values.version}`,
    lastResult,
    constraint: getZodConstraint(cohortUpdateSchema),
    shouldValidate: "onBlur",
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: cohortUpdateSchema }),
  });
  return (
    <details className="card" open={Boolean(lastResult)}>
      <summary>{t("cohorts.editTitle")}</summary>
      <FormProvider context={form.context}>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
          <CohortFields
            fields={fields}
            currencies={currencies}
            locked={hasCheckins ? { cadence: values.cadence, reportingCurrency: values.reportingCurrency } : null}
          />
          <p>
            <Button type="submit" busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "update"}>
              {t("cohorts.save")}
            </Button>
          </p>
        </Form>
      </FormProvider>
    </details>
  );
}
