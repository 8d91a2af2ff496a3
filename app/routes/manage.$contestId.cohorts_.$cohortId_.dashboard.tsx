// Organisers: the M&E dashboard of one incubation cohort — KPIs over time in the reporting currency,
// breakdowns by country, track and founders' gender, milestone completion, teams at risk and overdue
// check-ins, with CSV and XLSX downloads. Read-only; the charts are SVG rendered on the server.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breakdowns } from "#app/components/impact/Breakdowns";
import { KpiCharts } from "#app/components/impact/KpiCharts";
import { AtRiskTable, DashboardExportLinks, MilestoneTable, OverdueTable } from "#app/components/impact/Watchlists";
import { ContestHeading } from "#app/components/manage/ContestHeading";
import type { Language } from "#app/domain/locale";
import { pickedLanguage, pickLocalized } from "#app/domain/localized";
import { formatDateOnly, periodLabel } from "#app/domain/periods";
import { cohortDashboard } from "#app/services/impact.server";
import { parseId, requireManagedContest } from "#app/utils/manage.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { ctx, contest } = await requireManagedContest(request, context, params);
  const result = await cohortDashboard(ctx, contest.id, parseId(params.cohortId));
  if (!result.ok) throw new Response(result.error.code, { status: result.error.code === "not_found" ? 404 : 403 });
  return { contest, dashboard: result.value };
}

export default function CohortDashboardPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { contest, dashboard } = useLoaderData<typeof loader>();
  const { cohort } = dashboard;
  const cohortName = pickLocalized(cohort.name, language);
  const base = `/manage/${contest.id}/cohorts/${cohort.id}`;
  return (
    <section className="stack" aria-labelledby="page-title">
      <ContestHeading contest={contest} page={t("impact.dashboard.title", { cohort: cohortName })} />
      <p>
        <Link to={base}>{t("impact.dashboard.back")}</Link>
        {dashboard.otherCohorts.length ? (
          <>
            {" · "}
            {t("impact.dashboard.otherCohorts")}{" "}
            {dashboard.otherCohorts.map((other, i) => (
              <span key={other.id}>
                {i ? ", " : null}
                <Link to={`/manage/${contest.id}/cohorts/${other.id}/dashboard`} lang={pickedLanguage(other.name, language)}>
                  {pickLocalized(other.name, language)}
                </Link>
              </span>
            ))}
          </>
        ) : null}
      </p>

      <div className="card">
        <dl className="facts">
          <dt>{t("impact.dashboard.dates")}</dt>
          <dd>
            {formatDateOnly(cohort.startsOn, language)} – {formatDateOnly(cohort.endsOn, language)}
          </dd>
          <dt>{t("impact.dashboard.cadence")}</dt>
          <dd>{t(`impact.cadence.${cohort.cadence}`)}</dd>
          <dt>{t("impact.dashboard.teams")}</dt>
          <dd>{t("impact.dashboard.teamsValue", { count: dashboard.teamCount, active: dashboard.activeTeamCount })}</dd>
          <dt>{t("impact.dashboard.currency")}</dt>
          <dd>{cohort.reportingCurrency}</dd>
          <dt>{t("impact.dashboard.missingRate")}</dt>
          <dd>
            {dashboard.missingRateCount} · <Link to={`${base}/rates`}>{t("impact.dashboard.setRates")}</Link>
          </dd>
        </dl>
        {dashboard.missingRateCount ? (
          <div className="alert alert-info" role="note">
            <p>{t("impact.dashboard.missingRates", { count: dashboard.missingRateCount, currency: cohort.reportingCurrency })}</p>
            <ul>
              {dashboard.missingRates.map((m) => (
                <li key={`${m.period}-${m.currency ?? ""}`}>
                  {t("impact.dashboard.missingRateItem", {
                    period: periodLabel(m.period, language),
                    currency: m.currency ?? t("impact.dashboard.noCurrency"),
                    count: m.figures,
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <DashboardExportLinks contestId={contest.id} cohortId={cohort.id} />

      <section className="stack" aria-labelledby="over-time-title">
        <h2 id="over-time-title">{t("impact.dashboard.overTime")}</h2>
        {dashboard.kpis.length ? (
          <KpiCharts kpis={dashboard.kpis} currency={cohort.reportingCurrency} />
        ) : (
          <p className="muted">{t("impact.dashboard.noPeriods")}</p>
        )}
      </section>

      <section className="stack" aria-labelledby="breakdowns-title">
        <h2 id="breakdowns-title">{t("impact.dashboard.breakdowns")}</h2>
        <Breakdowns
          currency={cohort.reportingCurrency}
          total={dashboard.total}
          byCountry={dashboard.byCountry}
          byTrack={dashboard.byTrack}
          byGender={dashboard.byGender}
        />
      </section>

      <section className="stack" aria-labelledby="milestones-title">
        <h2 id="milestones-title">{t("impact.dashboard.milestones")}</h2>
        <p className="field-hint">{t("impact.dashboard.milestonesIntro")}</p>
        <MilestoneTable byKey={dashboard.milestones.byKey} overall={dashboard.milestones.overall} />
      </section>

      <div className="grid-2">
        <section className="card stack" aria-labelledby="at-risk-title">
          <h2 id="at-risk-title">{t("impact.dashboard.atRisk")}</h2>
          <p className="field-hint">{t("impact.dashboard.atRiskIntro")}</p>
          <AtRiskTable teams={dashboard.atRisk} />
        </section>
        <section className="card stack" aria-labelledby="overdue-title">
          <h2 id="overdue-title">{t("impact.dashboard.overdue")}</h2>
          <OverdueTable rows={dashboard.overdue} />
        </section>
      </div>
    </section>
  );
}
