// The teams of a cohort on its organisers' page: each with its mentors (assign one the contest has,
// or take one off), milestone completion, a link to the team's incubation home, and "leaves the
// cohort" behind a confirmation. A list of blocks, not a wide table, so it reads on a phone.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/Button";
import { countryName } from "#app/domain/countries";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized, type LocalizedText } from "#app/domain/localized";

export interface CohortTeamItem {
  id: number;
  status: "active" | "graduated" | "left";
  code: string;
  teamName: string;
  country: string;
  trackName: LocalizedText;
  mentors: Array<{ assignmentId: number; mentorId: number; name: string; email: string }>;
  milestones: { done: number; total: number };
}

export interface ContestMentor {
  id: number;
  name: string;
  email: string;
  organisation: string | null;
}

export function CohortTeamList({ teams, mentors }: { teams: readonly CohortTeamItem[]; mentors: readonly ContestMentor[] }) {
  const { t } = useTranslation();
  if (teams.length === 0) return <p>{t("cohorts.noTeams")}</p>;
  return (
    <ul className="plain-list cohort-teams">
      {teams.map((team) => (
        <TeamItem key={team.id} team={team} mentors={mentors} />
      ))}
    </ul>
  );
}

function TeamItem({ team, mentors }: { team: CohortTeamItem; mentors: readonly ContestMentor[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const assignable = mentors.filter((m) => !team.mentors.some((a) => a.mentorId === m.id));
  const selectId = `assign-${team.id}`;
  const headingId = `team-${team.id}`;
  return (
    <li className="stack cohort-team" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="entry-code">{team.code}</span> {team.teamName}
      </h3>
      <p className="muted small">
        <span lang={pickedLanguage(team.trackName, language)}>{pickLocalized(team.trackName, language)}</span> —{" "}
        {countryName(team.country, language)} —{" "}
        {t("cohorts.milestonesDone", { done: team.milestones.done, total: team.milestones.total })}
      </p>
      <div>
        <h4>{t("cohorts.mentors")}</h4>
        {team.mentors.length === 0 ? (
          <p className="muted">{t("cohorts.noMentorYet")}</p>
        ) : (
          <ul className="plain-list">
            {team.mentors.map((m) => (
              <li key={m.assignmentId} className="row">
                <span>
                  {m.name} <span className="muted small">({m.email})</span>
                </span>
                <Form method="post" className="push-right">
                  <input type="hidden" name="intent" value="unassign" />
                  <input type="hidden" name="assignmentId" value={m.assignmentId} />
                  <Button
                    type="submit"
                    variant="link"
                    aria-label={t("cohorts.unassignNamed", { name: m.name, team: team.teamName })}
                  >
                    {t("cohorts.unassign")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </div>
      {assignable.length ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="cohortTeamId" value={team.id} />
          <label htmlFor={selectId}>{t("cohorts.assignLabel", { team: team.teamName })}</label>
          <select id={selectId} name="mentorId" required defaultValue="">
            <option value="" disabled>
              {t("cohorts.chooseMentor")}
            </option>
            {assignable.map((m) => (
              <option key={m.id} value={m.id}>
                {m.organisation ? `${m.name} (${m.organisation})` : m.name}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary">
            {t("cohorts.assign")}
          </Button>
        </Form>
      ) : null}
      <p className="actions">
        <Link to={`/incubation/${team.id}`}>{t("cohorts.openIncubation", { team: team.teamName })}</Link>
      </p>
      <details className="confirm">
        <summary>{t("cohorts.removeTeam", { team: team.teamName })}</summary>
        <Form method="post">
          <p className="small">{t("cohorts.removeTeamWarning", { team: team.teamName })}</p>
          <input type="hidden" name="intent" value="remove-team" />
          <input type="hidden" name="cohortTeamId" value={team.id} />
          <Button type="submit" variant="danger">
            {t("cohorts.removeTeamConfirm", { team: team.teamName })}
          </Button>
        </Form>
      </details>
    </li>
  );
}

/** Teams that left the cohort: their records stay, readable from their incubation home. */
export function LeftTeams({ teams }: { teams: readonly CohortTeamItem[] }) {
  const { t } = useTranslation();
  if (teams.length === 0) return null;
  return (
    <div className="card">
      <h2>{t("cohorts.leftTitle")}</h2>
      <p className="field-hint">{t("cohorts.leftHint")}</p>
      <ul className="plain-list">
        {teams.map((team) => (
          <li key={team.id} className="row">
            <span>
              <span className="entry-code">{team.code}</span> {team.teamName}
            </span>
            <Link className="push-right" to={`/incubation/${team.id}`}>
              {t("cohorts.openIncubation", { team: team.teamName })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
