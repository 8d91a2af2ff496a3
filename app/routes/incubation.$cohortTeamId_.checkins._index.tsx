// A cohort team's check-ins: every period of the cohort with where it stands today (in the
// contest's time zone), the check-in's status and the mentor's, overdue ones marked. For the team,
// its mentors and the organisers; to anyone else the team does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckinStatusText, MentorStatusBadge, OverdueBadge, PeriodStateText } from "#app/components/checkins/Badges";
import type { Language } from "#app/domain/locale";
import { pickLocalized } from "#app/domain/localized";
import { periodLabel } from "#app/domain/periods";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { getRequestLanguage } from "#app/infra/i18n.server";
import { checkinList } from "#app/services/checkins.server";
import { parseId } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await checkinList(serviceContext(request, context, auth), parseId(params.cohortTeamId));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  const language = await getRequestLanguage(request, auth.user.preferred_language);
  return {
    ...result.value,
    periods: result.value.periods.map((p) => ({ ...p, name: periodLabel(p.key, language) })),
    timeZone: auth.user.time_zone,
  };
}

export default function CheckinsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { team, periods, timeZone } = useLoaderData<typeof loader>();
  const isTeam = team.roles.includes("team");
  return (
    <section className="stack" aria-labelledby="page-title">
      <header className="stack">
        <p className="eyebrow">
          <Link to={`/incubation/${team.id}`}>{t("checkins.backToTeam")}</Link> · {pickLocalized(team.cohortName, language)}
        </p>
        <h1 id="page-title">{t("checkins.title", { team: team.name })}</h1>
        <p className="lead">{isTeam ? t("checkins.introTeam") : t("checkins.introMentor")}</p>
      </header>
      {periods.length === 0 ? (
        <p>{t("checkins.noPeriods")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("checkins.tableCaption", { team: team.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("checkins.period")}</th>
                <th scope="col">{t("checkins.stateLabel")}</th>
                <th scope="col">{t("checkins.statusLabel")}</th>
                <th scope="col">{t("checkins.mentor.status")}</th>
              </tr>
            </thead>
            <tbody>
              {periods.map((p) => (
                <tr key={p.key}>
                  <th scope="row">
                    <Link to={`/incubation/${team.id}/checkins/${p.key}`}>{p.name}</Link>
                  </th>
                  <td>
                    <PeriodStateText state={p.state} period={p} />
                  </td>
                  <td>
                    <CheckinStatusText
                      status={p.status}
                      submittedAt={p.submittedAt}
                      timeZone={timeZone}
                      quiet={p.state === "not_open"}
                    />
                    {p.overdue ? <OverdueBadge /> : null}
                  </td>
                  <td>
                    <MentorStatusBadge status={p.mentorStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
