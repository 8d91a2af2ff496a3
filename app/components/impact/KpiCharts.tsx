// The dashboard's KPIs over time: revenue, funding (with the running total), headcount, customers,
// and jobs and IP, one chart each with its own table of figures.
import { useTranslation } from "react-i18next";
import type { PeriodKpis } from "#app/domain/kpi";
import type { Language } from "#app/domain/locale";
import { periodLabel } from "#app/domain/periods";
import { impactFormat } from "./format";
import { PeriodChart } from "./PeriodChart";

export function KpiCharts({ kpis, currency }: { kpis: readonly PeriodKpis[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const f = impactFormat(language);
  const categories = kpis.map((k) => ({ key: k.period, short: k.period, label: periodLabel(k.period, language) }));
  const c = (key: string) => t(`impact.col.${key}`);
  // A period nobody reported has no figures: a gap, not a zero.
  const when = (k: PeriodKpis, value: number) => (k.teamsReporting ? value : null);
  const money = (value: number) => f.money(value, currency);
  const teamsReporting = { label: c("teamsReporting"), cells: kpis.map((k) => f.count(k.teamsReporting)) };
  return (
    <div className="stack">
      <PeriodChart
        id="chart-revenue"
        title={t("impact.chart.revenue", { currency })}
        categories={categories}
        series={[
          {
            key: "total",
            label: c("revenueTotal"),
            kind: "bar",
            values: kpis.map((k) => (k.revenue.teams ? k.revenue.total : null)),
          },
          { key: "median", label: c("revenueMedian"), kind: "line", values: kpis.map((k) => k.revenue.median) },
        ]}
        format={money}
        axisFormat={f.compact}
        columns={[teamsReporting, { label: c("missingRate"), cells: kpis.map((k) => f.count(k.revenue.missingRate)) }]}
      />
      <PeriodChart
        id="chart-funding"
        title={t("impact.chart.funding", { currency })}
        categories={categories}
        series={[
          {
            key: "total",
            label: c("fundingTotal"),
            kind: "bar",
            values: kpis.map((k) => (k.funding.teams ? k.funding.total : null)),
          },
          { key: "cumulative", label: c("fundingCumulative"), kind: "line", values: kpis.map((k) => k.cumulativeFunding) },
        ]}
        format={money}
        axisFormat={f.compact}
        columns={[
          { label: c("fundingMedian"), cells: kpis.map((k) => (k.funding.median === null ? "—" : money(k.funding.median))) },
          { label: c("missingRate"), cells: kpis.map((k) => f.count(k.funding.missingRate)) },
        ]}
      />
      <PeriodChart
        id="chart-people"
        title={t("impact.chart.people")}
        categories={categories}
        series={[
          { key: "employees", label: c("employees"), kind: "bar", values: kpis.map((k) => when(k, k.employees)) },
          { key: "women", label: c("womenEmployees"), kind: "bar", values: kpis.map((k) => when(k, k.womenEmployees)) },
        ]}
        format={f.count}
        axisFormat={f.compact}
        columns={[{ label: c("womenShare"), cells: kpis.map((k) => (k.womenShare === null ? "—" : f.percent(k.womenShare))) }]}
      />
      <PeriodChart
        id="chart-customers"
        title={t("impact.chart.customers")}
        categories={categories}
        series={[{ key: "customers", label: c("customers"), kind: "line", values: kpis.map((k) => when(k, k.customers)) }]}
        format={f.count}
        axisFormat={f.compact}
        columns={[teamsReporting]}
      />
      <PeriodChart
        id="chart-jobs"
        title={t("impact.chart.jobsIp")}
        categories={categories}
        series={[
          { key: "jobs", label: c("jobsCreated"), kind: "bar", values: kpis.map((k) => when(k, k.jobsCreated)) },
          { key: "ip", label: c("ipFiled"), kind: "bar", values: kpis.map((k) => when(k, k.ipFiled)) },
        ]}
        format={f.count}
        axisFormat={f.compact}
      />
    </div>
  );
}
