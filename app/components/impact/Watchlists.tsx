// The dashboard's lists for action: milestone completion per template milestone, the teams at risk
// (each linking to its incubation page) and the overdue check-ins.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Completion } from "#app/domain/kpi";
import type { Language } from "#app/domain/locale";
import { pickLocalized, type LocalizedText } from "#app/domain/localized";
import { formatDateOnly, periodLabel } from "#app/domain/periods";
import type { CohortDashboard } from "#app/services/impact.server";
import { impactFormat } from "./format";

export function MilestoneTable({
  byKey,
  overall,
}: {
  byKey: ReadonlyArray<Completion & { name: LocalizedText | null }>;
  overall: Completion;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = impactFormat(language);
  if (!overall.counted && !byKey.some((m) => m.counted)) return <p className="muted">{t("impact.dashboard.noMilestones")}</p>;
  const name = (m: Completion & { name: LocalizedText | null }) =>
    m.name ? pickLocalized(m.name, language) : m.key === null ? t("impact.dashboard.ownMilestones") : m.key;
  const cells = (m: Completion) => [
    f.count(m.done),
    f.count(m.counted),
    m.rate === null ? "—" : f.percent(m.rate),
    f.count(m.teams),
  ];
  const headings = [t("impact.col.done"), t("impact.col.counted"), t("impact.col.rate"), t("impact.col.teams")];
  return (
    <div className="table-scroll">
      <table>
        <caption>{t("impact.dashboard.milestonesCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("impact.col.milestone")}</th>
            {headings.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {byKey.map((m) => (
            <tr key={m.key ?? "own"}>
              <th scope="row">{name(m)}</th>
              {cells(m).map((cell, i) => (
                <td key={headings[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("impact.dashboard.allMilestones")}</th>
            {cells(overall).map((cell, i) => (
              <td key={headings[i]}>{cell}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function AtRiskTable({ teams }: { teams: CohortDashboard["atRisk"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!teams.length) return <p className="muted">{t("impact.dashboard.noneAtRisk")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t("impact.dashboard.atRisk")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("impact.col.team")}</th>
            <th scope="col">{t("impact.col.latestStatus")}</th>
            <th scope="col">{t("impact.col.overdueCount")}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.cohortTeamId}>
              <th scope="row">
                <Link to={`/incubation/${team.cohortTeamId}`}>{team.teamName}</Link> <span className="muted">{team.code}</span>
              </th>
              <td>
                {team.latest ? (
                  <>
                    <span className="badge">{t(`impact.mentorStatus.${team.latest.status}`)}</span>{" "}
                    <span className="muted">{periodLabel(team.latest.period, language)}</span>
                  </>
                ) : (
                  <span className="muted">{t("impact.dashboard.noStatus")}</span>
                )}
              </td>
              <td>{team.overdue.length ? team.overdue.map((p) => periodLabel(p, language)).join(", ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverdueTable({ rows }: { rows: CohortDashboard["overdue"] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!rows.length) return <p className="muted">{t("impact.dashboard.noneOverdue")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t("impact.dashboard.overdue")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("impact.col.team")}</th>
            <th scope="col">{t("impact.col.period")}</th>
            <th scope="col">{t("impact.col.dueOn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.cohortTeamId}-${row.period}`}>
              <th scope="row">
                <Link to={`/incubation/${row.cohortTeamId}`}>{row.teamName}</Link> <span className="muted">{row.code}</span>
              </th>
              <td>{periodLabel(row.period, language)}</td>
              <td>{formatDateOnly(row.dueOn, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DashboardExportLinks({ contestId, cohortId }: { contestId: number; cohortId: number }) {
  const { t } = useTranslation();
  const base = `/manage/${contestId}/cohorts/${cohortId}/dashboard/export`;
  const link = (what: "kpis" | "teams", format: "csv" | "xlsx") => (
    <a href={`${base}?what=${what}&format=${format}`} className="btn btn-secondary" download>
      {t(`impact.export.links.${what}_${format}`)}
    </a>
  );
  return (
    <p className="actions">
      <span>{t("impact.export.links.label")}</span>
      {link("kpis", "csv")}
      {link("kpis", "xlsx")}
      {link("teams", "csv")}
      {link("teams", "xlsx")}
    </p>
  );
}
