// A team's incubation home: its cohort and dates, its mentors, and its milestones, which the team
// keeps up to date (mentors and organisers read them); links to its check-ins and support requests.
// To anyone who is not the team, one of its mentors or an organiser, it does not exist.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "#app/utils/form";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Day } from "#app/components/cohorts/Day";
import { AddMilestone, MilestoneEditor, MilestoneTable } from "#app/components/cohorts/Milestones";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { milestoneAddSchema, milestoneUpdateSchema } from "#app/forms/cohorts";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { redirectWithToast } from "#app/infra/toast.server";
import { addMilestone, incubationHome, updateMilestone } from "#app/services/milestones.server";
import { parseId } from "#app/utils/manage.server";
import { replyInvalid, replyWithError } from "#app/utils/route.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const home = await incubationHome(serviceContext(request, context, auth), parseId(params.cohortTeamId));
  if (!home.ok) throw new Response("Not found", { status: 404 });
  return home.value;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const ctx = serviceContext(request, context, auth);
  const cohortTeamId = parseId(params.cohortTeamId);
  const back = `/incubation/${cohortTeamId}`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  /** Someone who may not see the team gets the same answer as for a team that does not exist. */
  const refused = (code: string) => (code === "not_found" ? new Response("Not found", { status: 404 }) : null);
  switch (intent) {
    case "update-milestone": {
      const milestoneId = String(formData.get("milestoneId") ?? "");
      const submission = parseWithZod(formData, { schema: milestoneUpdateSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent, milestoneId } });
      const result = await updateMilestone(ctx, cohortTeamId, submission.value);
      if (!result.ok) {
        const notFound = refused(result.error.code);
        if (notFound) throw notFound;
        const status = result.error.code === "forbidden" ? 403 : 400;
        const reply = replyWithError(submission, result.error, { extra: { intent, milestoneId } });
        return data(reply.data, { status });
      }
      return redirectWithToast(back, { kind: "success", key: "cohorts.milestoneSaved" });
    }
    case "add-milestone": {
      const submission = parseWithZod(formData, { schema: milestoneAddSchema });
      if (submission.status !== "success") return replyInvalid(submission, { extra: { intent, milestoneId: "" } });
      const result = await addMilestone(ctx, cohortTeamId, submission.value);
      if (!result.ok) {
        const notFound = refused(result.error.code);
        if (notFound) throw notFound;
        const status = result.error.code === "forbidden" ? 403 : 400;
        const reply = replyWithError(submission, result.error, { extra: { intent, milestoneId: "" } });
        return data(reply.data, { status });
      }
      return redirectWithToast(back, { kind: "success", key: "cohorts.milestoneAdded" });
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function IncubationHome() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const home = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { team, mentors, milestones, template, completion, canEdit, roles } = home;
  const resultFor = (intent: string, milestoneId = "") =>
    actionData && actionData.intent === intent && actionData.milestoneId === milestoneId
      ? (actionData.result as SubmissionResult<string[]>)
      : undefined;
  const base = `/incubation/${team.id}`;
  return (
    <section className="stack" aria-labelledby="incubation-title">
      <header className="stack">
        <p className="eyebrow" lang={pickedLanguage(team.cohortName, language)}>
          {pickLocalized(team.cohortName, language)}
        </p>
        <h1 id="incubation-title">
          {team.teamName} <span className="entry-code">{team.code}</span>
        </h1>
        <p className="muted">
          {countryName(team.country, language)} · <Day value={team.startsOn} /> – <Day value={team.endsOn} /> ·{" "}
          {t(`cohorts.cadenceName.${team.cadence}`)}
        </p>
        <nav aria-label={t("cohorts.incubationNav")}>
          <p className="actions">
            <Link to={`${base}/checkins`}>{t("cohorts.checkinsLink")}</Link>
            <Link to={`${base}/support`}>{t("cohorts.supportRequestsLink")}</Link>
            {roles.includes("organiser") ? (
              <Link to={`/manage/${team.contestId}/cohorts/${team.cohortId}`}>{t("cohorts.cohortPageLink")}</Link>
            ) : null}
          </p>
        </nav>
      </header>
      {team.status === "left" ? <p className="alert alert-info">{t("cohorts.teamLeftNotice")}</p> : null}

      <div className="card">
        <h2>{t("cohorts.mentors")}</h2>
        {mentors.length === 0 ? (
          <p className="muted">{t("cohorts.noMentorYet")}</p>
        ) : (
          <ul className="plain-list">
            {mentors.map((m) => (
              <li key={m.id} className="row">
                <span>
                  {m.name}
                  {m.organisation ? <span className="muted"> — {m.organisation}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="card stack">
        <h2>{t("cohorts.milestonesTitle")}</h2>
        <div className="progress-line">
          <label htmlFor="milestone-progress">
            {t("cohorts.milestonesDone", { done: completion.done, total: completion.total })}
          </label>
          <progress id="milestone-progress" value={completion.done} max={Math.max(completion.total, 1)}>
            {completion.done}/{completion.total}
          </progress>
        </div>
        {milestones.length === 0 ? <p className="muted">{t("cohorts.noMilestones")}</p> : null}
        {canEdit ? (
          <>
            <p className="field-hint">
              {t("cohorts.milestonesTeamHint")} {t("cohorts.doneOnHint")}
            </p>
            <ul className="plain-list">
              {milestones.map((m) => (
                <MilestoneEditor
                  key={`${m.id}-${m.updatedAt}`}
                  milestone={m}
                  template={template}
                  lastResult={resultFor("update-milestone", String(m.id))}
                />
              ))}
            </ul>
            <AddMilestone lastResult={resultFor("add-milestone")} />
          </>
        ) : milestones.length ? (
          <>
            <p className="field-hint">{t("cohorts.milestonesReadOnly")}</p>
            <MilestoneTable milestones={milestones} template={template} />
          </>
        ) : null}
      </div>
    </section>
  );
}
