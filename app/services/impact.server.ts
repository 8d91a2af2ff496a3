// Monitoring and evaluation: the organisers' dashboard of one incubation cohort (KPIs over time in
// the reporting currency, breakdowns, milestone completion, teams at risk and overdue check-ins) and
// the public impact summary of a contest (aggregates over all its cohorts, small groups suppressed).
import { parseMilestoneTemplate } from "#app/domain/cohorts";
import { isPubliclyVisible } from "#app/domain/contest-state";
import {
  breakdown,
  byCountry,
  byTrack,
  byWomenLed,
  checkinWatch,
  milestoneCompletionRates,
  missingRates,
  periodKpis,
  publicSummary,
  teamTotals,
  type CohortFacts,
  type Completion,
  type GroupKpis,
  type KpiCheckin,
  type KpiTeam,
  type PeriodKpis,
  type PublicSummary,
  type Rates,
  type RiskReason,
  type TeamTotals,
} from "#app/domain/kpi";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { cohortPeriods, dateIn, type Period } from "#app/domain/periods";
import type { Cadence, ContestState, MentorStatus } from "#db/schema";
import { ratesFor } from "#app/data/checkins.server";
import {
  countContestCohorts,
  findImpactCohort,
  listImpactCohorts,
  listImpactMilestones,
  listImpactTeams,
  listSubmittedCheckins,
} from "#app/data/impact.server";
import { findContestBySlug, listTracks } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

type CohortRow = NonNullable<Awaited<ReturnType<typeof findImpactCohort>>>;
export type ImpactTeamRow = Awaited<ReturnType<typeof listImpactTeams>>[number];
export type ImpactCheckinRow = Awaited<ReturnType<typeof listSubmittedCheckins>>[number];
type MilestoneRow = Awaited<ReturnType<typeof listImpactMilestones>>[number];

/** Still in the cohort and not withdrawn from the contest: the teams that owe check-ins. */
const isActive = (t: ImpactTeamRow) => t.status === "active" && t.entryStatus !== "withdrawn";

const kpiTeam = (t: ImpactTeamRow): KpiTeam => ({
  cohortTeamId: t.id,
  teamId: t.teamId,
  country: t.country,
  trackId: t.trackId,
  womenLed: t.womenLed === 1,
  foundersWomen: t.foundersWomen,
  foundersMen: t.foundersMen,
  foundersOther: t.foundersOther,
  active: isActive(t),
});

const kpiCheckin = (c: ImpactCheckinRow): KpiCheckin => ({
  cohortTeamId: c.cohortTeamId,
  period: c.period,
  revenue: c.revenue,
  revenueCurrency: c.revenueCurrency,
  funding: c.funding,
  fundingCurrency: c.fundingCurrency,
  employees: c.employees,
  womenEmployees: c.womenEmployees,
  customers: c.customers,
  jobsCreated: c.jobsCreated,
  ipFiled: c.ipFiled,
  mentorStatus: c.mentorStatus,
});

/** One cohort's rows, with its periods that have begun by today (in the contest's time zone). */
export interface CohortData {
  cohort: CohortRow;
  today: string;
  /** Every period of the cohort; the KPIs use only those that have begun. */
  allPeriods: Period[];
  periods: Period[];
  teams: ImpactTeamRow[];
  checkins: ImpactCheckinRow[];
  milestones: MilestoneRow[];
  facts: CohortFacts;
}

function cohortData(
  ctx: ServiceContext,
  cohort: CohortRow,
  rows: { teams: ImpactTeamRow[]; checkins: ImpactCheckinRow[]; milestones: MilestoneRow[]; rates: Rates },
): CohortData {
  const today = dateIn(cohort.timeZone, ctx.now);
  const allPeriods = cohortPeriods({
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    cadence: cohort.cadence,
    dueDays: cohort.dueDays,
  });
  const periods = allPeriods.filter((p) => p.start <= today);
  const teams = rows.teams.filter((t) => t.cohortId === cohort.id);
  const ids = new Set(teams.map((t) => t.id));
  const checkins = rows.checkins.filter((c) => ids.has(c.cohortTeamId));
  return {
    cohort,
    today,
    allPeriods,
    periods,
    teams,
    checkins,
    milestones: rows.milestones.filter((m) => ids.has(m.cohortTeamId)),
    facts: {
      periods: periods.map((p) => p.key),
      reportingCurrency: cohort.reportingCurrency,
      rates: rows.rates,
      teams: teams.map(kpiTeam),
      checkins: checkins.map(kpiCheckin),
    },
  };
}

/** One cohort of the contest with all its rows, for organisers only. */
export async function loadCohortData(ctx: ServiceContext, contestId: number, cohortId: number): Promise<Result<CohortData>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const cohort = await findImpactCohort(ctx.db, contestId, cohortId);
  if (!cohort) return fail("not_found");
  const [teams, checkins, milestones, rates] = await Promise.all([
    listImpactTeams(ctx.db, [cohort.id]),
    listSubmittedCheckins(ctx.db, [cohort.id]),
    listImpactMilestones(ctx.db, [cohort.id]),
    ratesFor(ctx.db, cohort.id),
  ]);
  return ok(cohortData(ctx, cohort, { teams, checkins, milestones, rates }));
}

export interface DashboardTeamRef {
  cohortTeamId: number;
  teamName: string;
  code: string;
}

export interface CohortDashboard {
  cohort: {
    id: number;
    name: LocalizedText;
    startsOn: string;
    endsOn: string;
    cadence: Cadence;
    reportingCurrency: string;
  };
  otherCohorts: Array<{ id: number; name: LocalizedText }>;
  today: string;
  teamCount: number;
  activeTeamCount: number;
  kpis: PeriodKpis[];
  missingRates: ReturnType<typeof missingRates>;
  missingRateCount: number;
  total: GroupKpis;
  byCountry: GroupKpis[];
  byTrack: Array<GroupKpis & { name: LocalizedText | null }>;
  byGender: GroupKpis[];
  milestones: { byKey: Array<Completion & { name: LocalizedText | null }>; overall: Completion };
  atRisk: Array<
    DashboardTeamRef & {
      latest: { period: string; status: MentorStatus } | null;
      overdue: string[];
      reasons: RiskReason[];
    }
  >;
  overdue: Array<DashboardTeamRef & { period: string; dueOn: string }>;
}

/** The organisers' M&E dashboard of one cohort. */
export async function cohortDashboard(
  ctx: ServiceContext,
  contestId: number,
  cohortId: number,
): Promise<Result<CohortDashboard>> {
  const loaded = await loadCohortData(ctx, contestId, cohortId);
  if (!loaded.ok) return loaded;
  const data = loaded.value;
  const { cohort, facts } = data;
  const [tracks, cohorts] = await Promise.all([listTracks(ctx.db, contestId), listImpactCohorts(ctx.db, contestId)]);
  const trackNames = new Map(tracks.map((t) => [String(t.id), parseLocalizedJson(t.name_i18n)]));
  const totals = teamTotals(facts);
  const countries = breakdown(facts.teams, totals, byCountry);
  const template = parseMilestoneTemplate(cohort.templateJson);
  const completion = milestoneCompletionRates(
    data.milestones,
    template.map((m) => m.key),
  );
  const templateNames = new Map(template.map((m) => [m.key, m.name]));
  const watch = checkinWatch(facts.teams, facts.checkins, data.allPeriods, data.today);
  const ref = new Map(data.teams.map((t) => [t.id, { cohortTeamId: t.id, teamName: t.teamName, code: t.code }]));
  const missing = missingRates(facts);
  return ok({
    cohort: {
      id: cohort.id,
      name: parseLocalizedJson(cohort.nameJson) ?? { en: `#${cohort.id}` },
      startsOn: cohort.startsOn,
      endsOn: cohort.endsOn,
      cadence: cohort.cadence,
      reportingCurrency: cohort.reportingCurrency,
    },
    otherCohorts: cohorts
      .filter((c) => c.id !== cohort.id)
      .map((c) => ({ id: c.id, name: parseLocalizedJson(c.nameJson) ?? { en: `#${c.id}` } })),
    today: data.today,
    teamCount: data.teams.length,
    activeTeamCount: data.teams.filter(isActive).length,
    kpis: periodKpis(facts),
    missingRates: missing,
    missingRateCount: missing.reduce((s, m) => s + m.figures, 0),
    total: countries.total,
    byCountry: countries.groups,
    byTrack: breakdown(facts.teams, totals, byTrack).groups.map((g) => ({ ...g, name: trackNames.get(g.key) ?? null })),
    byGender: breakdown(facts.teams, totals, byWomenLed).groups,
    milestones: {
      byKey: completion.byKey.map((c) => ({ ...c, name: c.key ? (templateNames.get(c.key) ?? null) : null })),
      overall: completion.overall,
    },
    atRisk: watch.atRisk.map((r) => ({ ...ref.get(r.cohortTeamId)!, latest: r.latest, overdue: r.overdue, reasons: r.reasons })),
    overdue: watch.overdue.map((o) => ({ ...ref.get(o.cohortTeamId)!, period: o.period.key, dueOn: o.period.dueOn })),
  });
}

// ---- Public summary --------------------------------------------------------------------------

export interface PublicImpact {
  contest: { id: number; slug: string; name: LocalizedText; state: ContestState };
  cohorts: number;
  summary: PublicSummary;
  tracks: Array<{ id: number; name: LocalizedText }>;
}

/** Whether the contest's public page links to a public impact summary. */
export async function hasPublicImpact(ctx: ServiceContext, contest: { id: number; state: ContestState }): Promise<boolean> {
  return isPubliclyVisible(contest.state) && (await countContestCohorts(ctx.db, contest.id)) > 0;
}

/**
 * Aggregates over every cohort of a publicly visible contest, each figure shown only when at least
 * five teams are behind it (app/domain/kpi.ts). Never a team's name or its own figures.
 */
export async function publicImpact(ctx: ServiceContext, slug: string): Promise<Result<PublicImpact>> {
  const contest = await findContestBySlug(ctx.db, slug);
  if (!contest || !isPubliclyVisible(contest.state)) return fail("not_found");
  const cohorts = await listImpactCohorts(ctx.db, contest.id);
  if (!cohorts.length) return fail("not_found");
  const ids = cohorts.map((c) => c.id);
  const [teams, checkins, milestones, tracks, rates] = await Promise.all([
    listImpactTeams(ctx.db, ids),
    listSubmittedCheckins(ctx.db, ids),
    listImpactMilestones(ctx.db, ids),
    listTracks(ctx.db, contest.id),
    Promise.all(ids.map((id) => ratesFor(ctx.db, id))),
  ]);
  const rows = cohorts.flatMap((cohort, order) => {
    const data = cohortData(ctx, cohort, { teams, checkins, milestones, rates: rates[order]! });
    const totals = new Map<number, TeamTotals>(teamTotals(data.facts).map((t) => [t.cohortTeamId, t]));
    return data.teams.map((team) => {
      const own = milestoneCompletionRates(
        data.milestones.filter((m) => m.cohortTeamId === team.id),
        [],
      ).overall;
      return {
        teamId: team.teamId,
        country: team.country,
        trackId: team.trackId,
        currency: cohort.reportingCurrency,
        cohortOrder: order,
        totals: totals.get(team.id)!,
        milestonesDone: own.done,
        milestonesCounted: own.counted,
      };
    });
  });
  return ok({
    contest: {
      id: contest.id,
      slug: contest.slug,
      name: parseLocalizedJson(contest.name_i18n) ?? { en: contest.name },
      state: contest.state,
    },
    cohorts: cohorts.length,
    summary: publicSummary(rows),
    tracks: tracks.map((t) => ({ id: t.id, name: parseLocalizedJson(t.name_i18n) ?? { en: String(t.id) } })),
  });
}
