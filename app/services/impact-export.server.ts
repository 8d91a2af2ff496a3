// The M&E dashboard's downloads for organisers: the cohort's KPIs per period, or one row per team and
// period (the figures as reported and in the reporting currency), as CSV or XLSX in the organiser's
// language. Every download is audited.
import type { Readable } from "node:stream";
import { countryName } from "#app/domain/countries";
import { convertFigure, periodKpis, type PeriodKpis } from "#app/domain/kpi";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { isOverdue, periodLabel, type Period } from "#app/domain/periods";
import { audit } from "#app/infra/audit.server";
import { onePage, spreadsheet, type Cell, type SheetPlan, type SpreadsheetFormat } from "#app/infra/spreadsheet.server";
import { listTracks } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { loadCohortData, type CohortData, type ImpactCheckinRow, type ImpactTeamRow } from "./impact.server";
import type { ExportViewer } from "./registrations-export.server";
import { fail, ok, type Result } from "./result";

export const DASHBOARD_EXPORTS = ["kpis", "teams"] as const;
export type DashboardExportKind = (typeof DASHBOARD_EXPORTS)[number];

export interface DashboardExportRequest {
  what: DashboardExportKind;
  format: SpreadsheetFormat;
}

export interface DashboardExport {
  body: Readable;
  filename: string;
  contentType: string;
  rows: number;
}

const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

interface Built<Row> {
  rows: Row[];
  plan: SheetPlan<Row>;
  sheet: string;
}

function kpiSheet(data: CohortData, viewer: ExportViewer): Built<PeriodKpis> {
  const { t, language } = viewer;
  const currency = data.cohort.reportingCurrency;
  const c = (key: string) => t(`impact.export.col.${key}`, { currency });
  // An empty period has no total to speak of: blank, not 0.
  const money = (m: PeriodKpis["revenue"], value: number | null) => (m.teams ? round2(value) : null);
  return {
    rows: periodKpis(data.facts),
    sheet: t("impact.export.sheet.kpis"),
    plan: {
      headings: [
        c("period"),
        c("periodName"),
        c("teamsReporting"),
        c("revenueTotal"),
        c("revenueMedian"),
        c("revenueMissing"),
        c("fundingTotal"),
        c("fundingMedian"),
        c("fundingMissing"),
        c("fundingCumulative"),
        c("employees"),
        c("womenEmployees"),
        c("womenShare"),
        c("customers"),
        c("jobsCreated"),
        c("ipFiled"),
      ],
      widths: [10, 20, 10, 16, 16, 12, 16, 16, 12, 18, 10, 10, 10, 10, 10, 10],
      cells: (k): Cell[] => [
        k.period,
        periodLabel(k.period, language),
        k.teamsReporting,
        money(k.revenue, k.revenue.total),
        money(k.revenue, k.revenue.median),
        k.revenue.missingRate,
        money(k.funding, k.funding.total),
        money(k.funding, k.funding.median),
        k.funding.missingRate,
        round2(k.cumulativeFunding),
        k.teamsReporting ? k.employees : null,
        k.teamsReporting ? k.womenEmployees : null,
        percent(k.womenShare),
        k.teamsReporting ? k.customers : null,
        k.teamsReporting ? k.jobsCreated : null,
        k.teamsReporting ? k.ipFiled : null,
      ],
    },
  };
}

interface TeamRow {
  team: ImpactTeamRow;
  active: boolean;
  period: Period;
  checkin: ImpactCheckinRow | undefined;
}

async function teamSheet(ctx: ServiceContext, data: CohortData, viewer: ExportViewer): Promise<Built<TeamRow>> {
  const { t, language } = viewer;
  const { reportingCurrency: currency } = data.cohort;
  const tracks = new Map(
    (await listTracks(ctx.db, data.cohort.contestId)).map((tr) => {
      const name = parseLocalizedJson(tr.name_i18n);
      return [tr.id, name ? pickLocalized(name, language) : String(tr.id)];
    }),
  );
  const checkins = new Map(data.checkins.map((ch) => [`${ch.cohortTeamId}|${ch.period}`, ch]));
  const active = new Set(data.facts.teams.filter((tm) => tm.active).map((tm) => tm.cohortTeamId));
  const rows = data.teams.flatMap((team) =>
    data.periods.map((period) => ({
      team,
      active: active.has(team.id),
      period,
      checkin: checkins.get(`${team.id}|${period.key}`),
    })),
  );
  const c = (key: string) => t(`impact.export.col.${key}`, { currency });
  const status = (row: TeamRow) => {
    if (row.checkin) return t("impact.export.status.submitted");
    if (!row.active) return t("impact.export.status.notExpected");
    return isOverdue(row.period, data.today, false) ? t("impact.export.status.overdue") : t("impact.export.status.notDue");
  };
  const converted = (amount: number | null, from: string | null, period: string) => {
    const figure = convertFigure(amount, from, period, currency, data.facts.rates);
    return figure.kind === "converted" ? figure.value : null;
  };
  return {
    rows,
    sheet: t("impact.export.sheet.teams"),
    plan: {
      headings: [
        c("team"),
        c("code"),
        c("country"),
        c("track"),
        c("period"),
        c("checkin"),
        c("submittedAtUtc"),
        c("revenue"),
        c("revenueCurrency"),
        c("revenueConverted"),
        c("funding"),
        c("fundingCurrency"),
        c("fundingConverted"),
        c("employees"),
        c("womenEmployees"),
        c("customers"),
        c("jobsCreated"),
        c("ipFiled"),
        c("mentorStatus"),
      ],
      widths: [28, 10, 18, 20, 10, 14, 26, 14, 10, 16, 14, 10, 16, 10, 10, 10, 10, 10, 16],
      cells: (row): Cell[] => {
        const ch = row.checkin;
        return [
          row.team.teamName,
          row.team.code,
          countryName(row.team.country, language),
          tracks.get(row.team.trackId) ?? null,
          row.period.key,
          status(row),
          ch?.submittedAt ?? null,
          ch?.revenue ?? null,
          ch?.revenueCurrency ?? null,
          ch ? converted(ch.revenue, ch.revenueCurrency, ch.period) : null,
          ch?.funding ?? null,
          ch?.fundingCurrency ?? null,
          ch ? converted(ch.funding, ch.fundingCurrency, ch.period) : null,
          ch?.employees ?? null,
          ch?.womenEmployees ?? null,
          ch?.customers ?? null,
          ch?.jobsCreated ?? null,
          ch?.ipFiled ?? null,
          ch?.mentorStatus ? t(`impact.mentorStatus.${ch.mentorStatus}`) : null,
        ];
      },
    },
  };
}

/** The dashboard as a file. Organisers only; each download writes an audit event first. */
export async function exportDashboard(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
  request: DashboardExportRequest,
  viewer: ExportViewer,
): Promise<Result<DashboardExport>> {
  if (!ctx.actor) return fail("forbidden");
  const actorId = ctx.actor.userId;
  const loaded = await loadCohortData(ctx, contestId, cohortId);
  if (!loaded.ok) return loaded;
  const data = loaded.value;
  const date = ctx.now.toISOString().slice(0, 10);

  async function deliver<Row>(built: Built<Row>): Promise<Result<DashboardExport>> {
    await ctx.db.transaction().execute(async (trx) => {
      await audit(trx, {
        actorUserId: actorId,
        action: "cohort.dashboard_exported",
        subjectType: "cohort",
        subjectId: cohortId,
        contestId,
        after: { what: request.what, format: request.format, rows: built.rows.length },
        ip: ctx.ip,
        now: ctx.now,
      });
    });
    return ok({
      ...spreadsheet(request.format, onePage(built.rows), built.plan, built.sheet),
      filename: `${data.cohort.contestSlug}-cohort-${cohortId}-${request.what}-${date}.${request.format}`,
      rows: built.rows.length,
    });
  }

  return request.what === "kpis" ? deliver(kpiSheet(data, viewer)) : deliver(await teamSheet(ctx, data, viewer));
}
