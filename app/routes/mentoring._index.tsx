// The mentor's home: the teams they follow across contests and cohorts, with the latest check-in's
// period and the status they gave it, and how many check-ins are overdue. Only for mentors.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { requireUser, serviceContext } from "#app/infra/auth.server";
import { mentorHome } from "#app/services/mentoring.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  const result = await mentorHome(serviceContext(request, context, auth));
  if (!result.ok) throw new Response("Not found", { status: 404 });
  return result.value;
}

type Team = Awaited<ReturnType<typeof loader>>["teams"][number];

/** Teams grouped by cohort (each cohort once, in the service's order: contest, cohort start). */
function byCohort(teams: readonly Team[]) {
  const groups: Array<{ cohortId: number; cohortName: Team["cohortName"]; contestName: Team["contestName"]; teams: Team[] }> = [];
  for (const team of teams) {
    let group = groups.find((g) => g.cohortId === team.cohortId);
    if (!group)
      groups.push((group = { cohortId: team.cohortId, cohortName: team.cohortName, contestName: team.contestName, teams: [] }));
    group.teams.push(team);
  }
  return groups;
}

export default function MentoringHome() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { teams } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="mentoring-title">
      <h1 id="mentoring-title">{t("mentoring.title")}</h1>
      <p>
        <Link to="/mentoring/support">{t("mentoring.supportLink")}</Link>
      </p>
      {teams.length === 0 ? <p className="muted">{t("mentoring.noTeams")}</p> : null}
      {byCohort(teams).map((group) => (
        <section key={group.cohortId} className="card stack" aria-labelledby={`cohort-${group.cohortId}`}>
          <div>
            <p className="eyebrow" lang={pickedLanguage(group.contestName, language)}>
              {pickLocalized(group.contestName, language)}
            </p>
            <h2 id={`cohort-${group.cohortId}`} lang={pickedLanguage(group.cohortName, language)}>
              {pickLocalized(group.cohortName, language)}
            </h2>
          </div>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                {t("mentoring.tableCaption", { cohort: pickLocalized(group.cohortName, language) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("mentoring.team")}</th>
                  <th scope="col">{t("mentoring.latest")}</th>
                  <th scope="col">{t("mentoring.overdue")}</th>
                </tr>
              </thead>
              <tbody>
                {group.teams.map((team) => (
                  <tr key={team.cohortTeamId}>
                    <th scope="row">
                      <Link to={`/incubation/${team.cohortTeamId}`}>{team.teamName}</Link>
                      <span className="muted small">
                        <br />
                        <span className="entry-code">{team.code}</span> · {countryName(team.country, language)}
                      </span>
                    </th>
                    <td>
                      {team.latest ? (
                        <>
                          {team.latest.period}{" "}
                          {team.latest.mentorStatus ? (
                            <span className={`status mentor-${team.latest.mentorStatus}`}>
                              {t(`mentoring.status.${team.latest.mentorStatus}`)}
                            </span>
                          ) : (
                            <span className="muted">{t("mentoring.noStatus")}</span>
                          )}
                        </>
                      ) : (
                        <span className="muted">{t("mentoring.noCheckin")}</span>
                      )}
                    </td>
                    <td>
                      {team.overdue ? (
                        <span className="status status-missing">{t("mentoring.overdueCount", { count: team.overdue })}</span>
                      ) : (
                        <span className="muted">{t("mentoring.noneOverdue")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
