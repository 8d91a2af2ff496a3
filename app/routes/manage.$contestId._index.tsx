// An organiser's overview of one contest: where it stands, what comes next, and its parts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Time } from "#app/components/Time";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import { Button } from "#app/components/ui/Button";
import { isContestState } from "#app/domain/contest-state";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { redirectWithToast } from "#app/infra/toast.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { changeContestState } from "#app/services/contests.server";
import { errorText } from "#app/utils/errors";
import { requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, ctx, contest } = await requireManagedContest(request, context, params);
  const structure = await loadStructure(ctx, contest.id);
  return { contest, structure, viewerTimeZone: auth.user.time_zone };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const to = String((await request.formData()).get("to") ?? "");
  if (!isContestState(to)) return data({ error: "invalid_choice" }, { status: 400 });
  const result = await changeContestState(ctx, contest.id, to);
  if (!result.ok) return data({ error: result.error.code }, { status: 400 });
  return redirectWithToast(`/manage/${contest.id}`, { kind: "success", key: "manage.stateChanged", params: { state: to } });
}

export default function ManageOverview() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, structure, viewerTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const when = (iso: string | null) => (iso ? <Time iso={iso} timeZone={viewerTimeZone} /> : t("manage.notSet"));
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("manage.overview")} />
      {actionData?.error ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, actionData.error)}
        </p>
      ) : null}
      <div className="card">
        <h2>{t("manage.stateTitle")}</h2>
        <p>{t(`contestStateHelp.${contest.state}`)}</p>
        {contest.nextStates.length ? (
          <div className="actions">
            {contest.nextStates.map((to) => (
              <Form method="post" key={to}>
                <input type="hidden" name="to" value={to} />
                <Button type="submit" variant={to === "registration_open" || to === "running" ? "primary" : "secondary"}>
                  {t(`contestTransition.${to}`)}
                </Button>
              </Form>
            ))}
          </div>
        ) : null}
        <p>
          <Link to={`/contests/${contest.slug}`}>{t("manage.publicPage")}</Link>
        </p>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>{t("manage.registrationTitle")}</h2>
          <dl className="facts">
            <dt>{t("manage.registrationOpens")}</dt>
            <dd>{when(contest.registrationOpensAt)}</dd>
            <dt>{t("manage.registrationCloses")}</dt>
            <dd>{when(contest.registrationClosesAt)}</dd>
            <dt>{t("manage.teamSize")}</dt>
            <dd>{t("manage.teamSizeRange", { min: contest.teamMin, max: contest.teamMax })}</dd>
            <dt>{t("manage.entries")}</dt>
            <dd>{contest.entryCount}</dd>
          </dl>
        </div>
        <div className="card">
          <h2>{t("manage.tracks")}</h2>
          <ul>
            {structure.tracks.map((track) => (
              <li key={track.id}>{pickLocalized(track.name, language)}</li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>{t("manage.rounds")}</h2>
          {structure.rounds.length === 0 ? <p>{t("manage.noRounds")}</p> : null}
          <ol>
            {structure.rounds.map((round) => (
              <li key={round.id}>
                <Link to={`/manage/${contest.id}/rounds/${round.id}`}>{pickLocalized(round.name, language)}</Link>
                {round.submissionClosesAt ? (
                  <span className="muted">
                    {" "}
                    — {t("manage.deadlineLabel")} {when(round.submissionClosesAt)}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
