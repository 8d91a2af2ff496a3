// Monitoring and evaluation of an incubation cohort: KPIs per period from the teams' submitted
// check-ins (money converted to the cohort's reporting currency at the organiser's rate for the
// period; a figure without a rate is left out and counted as missing, never guessed), totals per
// team, breakdowns by country, track and founders' gender, milestone completion, the teams to watch,
// and the small-group suppression rule of the public summary. Pure.
import type { MentorStatus, MilestoneStatus } from "#db/schema";
import { toReporting } from "./currency";
import { isOverdue, type Period } from "./periods";

/** The public summary never shows a figure computed over fewer teams than this. */
export const MIN_PUBLIC_TEAMS = 5;

export interface KpiTeam {
  cohortTeamId: number;
  /** The team itself: a team counts once however many cohorts it is in. */
  teamId: number;
  country: string;
  trackId: number;
  womenLed: boolean;
  foundersWomen: number;
  foundersMen: number;
  foundersOther: number;
  /** Only a team still in the cohort owes check-ins (graduated and departed teams do not). */
  active: boolean;
}

/** One submitted check-in. Revenue, funding, jobs created and IP filed are "in the period"; employees,
 * women employees and customers are counts at the time of the check-in. */
export interface KpiCheckin {
  cohortTeamId: number;
  period: string;
  revenue: number | null;
  revenueCurrency: string | null;
  funding: number | null;
  fundingCurrency: string | null;
  employees: number | null;
  womenEmployees: number | null;
  customers: number | null;
  jobsCreated: number | null;
  ipFiled: number | null;
  mentorStatus: MentorStatus | null;
}

/** period → currency → reporting-currency units per one unit of that currency. */
export type Rates = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface CohortFacts {
  /** The cohort's period keys, in order; check-ins of other periods are ignored. */
  periods: readonly string[];
  reportingCurrency: string;
  rates: Rates;
  teams: readonly KpiTeam[];
  checkins: readonly KpiCheckin[];
}

// ---- Money -------------------------------------------------------------------------------------

/** Money is summed in cents, so a total does not drift with the order of the figures. */
const cents = (value: number) => Math.round(value * 100);
const fromCents = (value: number) => value / 100;

export type Converted =
  { kind: "none" } | { kind: "converted"; value: number } | { kind: "missing_rate"; currency: string | null };

/** One money figure of a check-in in the reporting currency, to the cent; or why it cannot be. */
export function convertFigure(
  amount: number | null,
  currency: string | null,
  period: string,
  reportingCurrency: string,
  rates: Rates,
): Converted {
  if (amount === null) return { kind: "none" };
  if (currency === null) return { kind: "missing_rate", currency: null };
  const value = toReporting(amount, currency, reportingCurrency, rates.get(period) ?? new Map());
  return value === null ? { kind: "missing_rate", currency } : { kind: "converted", value: fromCents(cents(value)) };
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : fromCents(Math.round((cents(sorted[mid - 1]!) + cents(sorted[mid]!)) / 2));
}

export interface MoneySummary {
  total: number;
  median: number | null;
  /** Teams whose figure is in the total. */
  teams: number;
  /** Figures left out because their currency had no rate for the period. */
  missingRate: number;
}

function summariseMoney(figures: readonly Converted[]): MoneySummary {
  const values = figures.flatMap((f) => (f.kind === "converted" ? [f.value] : []));
  return {
    total: fromCents(values.reduce((sum, v) => sum + cents(v), 0)),
    median: median(values),
    teams: values.length,
    missingRate: figures.filter((f) => f.kind === "missing_rate").length,
  };
}

// ---- Per period -------------------------------------------------------------------------------

export interface PeriodKpis {
  period: string;
  teamsReporting: number;
  revenue: MoneySummary;
  funding: MoneySummary;
  /** Funding of this and every earlier period (the converted figures only). */
  cumulativeFunding: number;
  employees: number;
  womenEmployees: number;
  /** Women among employees, over the check-ins that report both; null when that headcount is 0. */
  womenShare: number | null;
  customers: number;
  jobsCreated: number;
  ipFiled: number;
}

const sum = (values: ReadonlyArray<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

function share(rows: ReadonlyArray<{ employees: number | null; womenEmployees: number | null }>) {
  const both = rows.filter((r) => r.employees !== null && r.womenEmployees !== null);
  const employees = sum(both.map((r) => r.employees));
  return employees > 0 ? sum(both.map((r) => r.womenEmployees)) / employees : null;
}

/** Check-ins of the cohort's own periods and teams, one per team and period (the last one given wins). */
function usable(facts: CohortFacts): KpiCheckin[] {
  const periods = new Set(facts.periods);
  const teams = new Set(facts.teams.map((t) => t.cohortTeamId));
  const byKey = new Map<string, KpiCheckin>();
  for (const c of facts.checkins) {
    if (periods.has(c.period) && teams.has(c.cohortTeamId)) byKey.set(`${c.cohortTeamId}|${c.period}`, c);
  }
  return [...byKey.values()];
}

export function periodKpis(facts: CohortFacts): PeriodKpis[] {
  const checkins = usable(facts);
  let cumulative = 0;
  return facts.periods.map((period) => {
    const rows = checkins.filter((c) => c.period === period);
    const money = (pick: (c: KpiCheckin) => [number | null, string | null]) =>
      summariseMoney(rows.map((c) => convertFigure(...pick(c), period, facts.reportingCurrency, facts.rates)));
    const revenue = money((c) => [c.revenue, c.revenueCurrency]);
    const funding = money((c) => [c.funding, c.fundingCurrency]);
    cumulative += cents(funding.total);
    return {
      period,
      teamsReporting: rows.length,
      revenue,
      funding,
      cumulativeFunding: fromCents(cumulative),
      employees: sum(rows.map((c) => c.employees)),
      womenEmployees: sum(rows.map((c) => c.womenEmployees)),
      womenShare: share(rows),
      customers: sum(rows.map((c) => c.customers)),
      jobsCreated: sum(rows.map((c) => c.jobsCreated)),
      ipFiled: sum(rows.map((c) => c.ipFiled)),
    };
  });
}

/** Every figure without a rate: which period and currency, so the organiser knows what to set. */
export function missingRates(facts: CohortFacts): Array<{ period: string; currency: string | null; figures: number }> {
  const out = new Map<string, { period: string; currency: string | null; figures: number }>();
  for (const c of usable(facts)) {
    for (const [amount, currency] of [
      [c.revenue, c.revenueCurrency],
      [c.funding, c.fundingCurrency],
    ] as const) {
      const converted = convertFigure(amount, currency, c.period, facts.reportingCurrency, facts.rates);
      if (converted.kind !== "missing_rate") continue;
      const key = `${c.period}|${converted.currency ?? ""}`;
      const row = out.get(key) ?? { period: c.period, currency: converted.currency, figures: 0 };
      row.figures++;
      out.set(key, row);
    }
  }
  const order = new Map(facts.periods.map((p, i) => [p, i]));
  return [...out.values()].sort(
    (a, b) => order.get(a.period)! - order.get(b.period)! || (a.currency ?? "").localeCompare(b.currency ?? ""),
  );
}

// ---- Per team ------------------------------------------------------------------------------------

export interface TeamTotals {
  cohortTeamId: number;
  periodsReported: number;
  /** Sums over the periods, converted figures only; null when the team has none. */
  revenue: number | null;
  revenueMissingRate: number;
  funding: number | null;
  fundingMissingRate: number;
  jobsCreated: number | null;
  ipFiled: number | null;
  /** From the team's latest check-in that reports each count. */
  employees: number | null;
  womenEmployees: number | null;
  customers: number | null;
}

/** Every team of the cohort (those without a check-in too), summed over the cohort's periods. */
export function teamTotals(facts: CohortFacts): TeamTotals[] {
  const order = new Map(facts.periods.map((p, i) => [p, i]));
  const checkins = usable(facts).sort((a, b) => order.get(a.period)! - order.get(b.period)!);
  return facts.teams.map((team) => {
    const rows = checkins.filter((c) => c.cohortTeamId === team.cohortTeamId);
    const money = (pick: (c: KpiCheckin) => [number | null, string | null]) => {
      const figures = rows.map((c) => convertFigure(...pick(c), c.period, facts.reportingCurrency, facts.rates));
      const summary = summariseMoney(figures);
      return { value: summary.teams ? summary.total : null, missing: summary.missingRate };
    };
    const revenue = money((c) => [c.revenue, c.revenueCurrency]);
    const funding = money((c) => [c.funding, c.fundingCurrency]);
    const flow = (pick: (c: KpiCheckin) => number | null) => {
      const values = rows.map(pick).filter((v): v is number => v !== null);
      return values.length ? sum(values) : null;
    };
    const latest = (pick: (c: KpiCheckin) => number | null) => {
      for (let i = rows.length - 1; i >= 0; i--) {
        const value = pick(rows[i]!);
        if (value !== null) return value;
      }
      return null;
    };
    // Women are taken from the same check-in as the headcount, so the share never passes 100%.
    const headcount = [...rows].reverse().find((c) => c.employees !== null);
    return {
      cohortTeamId: team.cohortTeamId,
      periodsReported: rows.length,
      revenue: revenue.value,
      revenueMissingRate: revenue.missing,
      funding: funding.value,
      fundingMissingRate: funding.missing,
      jobsCreated: flow((c) => c.jobsCreated),
      ipFiled: flow((c) => c.ipFiled),
      employees: headcount?.employees ?? null,
      womenEmployees: headcount ? headcount.womenEmployees : null,
      customers: latest((c) => c.customers),
    };
  });
}

// ---- Breakdowns ------------------------------------------------------------------------------

/** A figure with the number of (distinct) teams it is computed over. */
export interface Aggregate {
  value: number;
  teams: number;
}

export interface GroupKpis {
  key: string;
  /** Teams of the cohort in the group, reporting or not. */
  teams: number;
  teamsReporting: number;
  revenue: Aggregate & { missingRate: number };
  funding: Aggregate & { missingRate: number };
  jobsCreated: Aggregate;
  ipFiled: Aggregate;
  employees: Aggregate;
  womenEmployees: Aggregate;
  womenShare: number | null;
  customers: Aggregate;
  foundersWomen: number;
  foundersMen: number;
  foundersOther: number;
}

function aggregate(values: ReadonlyArray<number | null>, money = false): Aggregate {
  const present = values.filter((v): v is number => v !== null);
  const total = money ? fromCents(present.reduce((s, v) => s + cents(v), 0)) : sum(present);
  return { value: total, teams: present.length };
}

function groupOf(key: string, teams: readonly KpiTeam[], totals: ReadonlyMap<number, TeamTotals>): GroupKpis {
  const rows = teams.map((t) => totals.get(t.cohortTeamId)!);
  const withHeadcount = rows.filter((r) => r.employees !== null);
  return {
    key,
    teams: teams.length,
    teamsReporting: rows.filter((r) => r.periodsReported > 0).length,
    revenue: {
      ...aggregate(
        rows.map((r) => r.revenue),
        true,
      ),
      missingRate: sum(rows.map((r) => r.revenueMissingRate)),
    },
    funding: {
      ...aggregate(
        rows.map((r) => r.funding),
        true,
      ),
      missingRate: sum(rows.map((r) => r.fundingMissingRate)),
    },
    jobsCreated: aggregate(rows.map((r) => r.jobsCreated)),
    ipFiled: aggregate(rows.map((r) => r.ipFiled)),
    employees: aggregate(withHeadcount.map((r) => r.employees)),
    womenEmployees: aggregate(withHeadcount.map((r) => r.womenEmployees)),
    womenShare: share(withHeadcount),
    customers: aggregate(rows.map((r) => r.customers)),
    foundersWomen: sum(teams.map((t) => t.foundersWomen)),
    foundersMen: sum(teams.map((t) => t.foundersMen)),
    foundersOther: sum(teams.map((t) => t.foundersOther)),
  };
}

/** The cohort's teams grouped by `keyOf`, groups in order of their keys; and the whole cohort. */
export function breakdown(
  teams: readonly KpiTeam[],
  totals: readonly TeamTotals[],
  keyOf: (team: KpiTeam) => string,
): { groups: GroupKpis[]; total: GroupKpis } {
  const byTeam = new Map(totals.map((t) => [t.cohortTeamId, t]));
  const groups = new Map<string, KpiTeam[]>();
  for (const team of teams) groups.set(keyOf(team), [...(groups.get(keyOf(team)) ?? []), team]);
  return {
    groups: [...groups.keys()].sort().map((key) => groupOf(key, groups.get(key)!, byTeam)),
    total: groupOf("all", teams, byTeam),
  };
}

export const byCountry = (team: KpiTeam) => team.country;
export const byTrack = (team: KpiTeam) => String(team.trackId);
export const byWomenLed = (team: KpiTeam) => (team.womenLed ? "women_led" : "not_women_led");

// ---- Milestones --------------------------------------------------------------------------------

export interface KpiMilestone {
  cohortTeamId: number;
  templateKey: string | null;
  status: MilestoneStatus;
}

export interface Completion {
  /** The template key; null for the milestones teams added themselves. */
  key: string | null;
  done: number;
  /** Milestones that still count: all but the dropped ones. */
  counted: number;
  rate: number | null;
  /** Teams with at least one counted milestone here. */
  teams: number;
}

function completion(key: string | null, rows: readonly KpiMilestone[]): Completion {
  const counted = rows.filter((m) => m.status !== "dropped");
  const done = counted.filter((m) => m.status === "done").length;
  return {
    key,
    done,
    counted: counted.length,
    rate: counted.length ? done / counted.length : null,
    teams: new Set(counted.map((m) => m.cohortTeamId)).size,
  };
}

/**
 * Done / (all − dropped) per template key (in the template's order, then keys no longer in the
 * template, then the teams' own milestones) and over all milestones.
 */
export function milestoneCompletionRates(
  milestones: readonly KpiMilestone[],
  templateKeys: readonly string[],
): { byKey: Completion[]; overall: Completion } {
  const extra = [
    ...new Set(milestones.flatMap((m) => (m.templateKey && !templateKeys.includes(m.templateKey) ? [m.templateKey] : []))),
  ];
  const keys: Array<string | null> = [...templateKeys, ...extra.sort()];
  if (milestones.some((m) => m.templateKey === null)) keys.push(null);
  return {
    byKey: keys.map((key) =>
      completion(
        key,
        milestones.filter((m) => m.templateKey === key),
      ),
    ),
    overall: completion(null, milestones),
  };
}

// ---- Teams to watch ----------------------------------------------------------------------------

export type RiskReason = "mentor_status" | "overdue";

export interface TeamRisk {
  cohortTeamId: number;
  /** The status a mentor gave most recently (by period), with its period. */
  latest: { period: string; status: MentorStatus } | null;
  overdue: string[];
  reasons: RiskReason[];
}

/** Two missed check-ins make a team one to watch, whatever its mentor said last. */
export const OVERDUE_RISK = 2;

const SEVERITY: Record<MentorStatus, number> = { at_risk: 2, needs_attention: 1, on_track: 0 };

/**
 * The active teams' overdue check-ins (in period order), and the teams at risk: latest mentor status
 * "at risk" or "needs attention", or 2+ overdue check-ins — most worrying first.
 */
export function checkinWatch(
  teams: readonly KpiTeam[],
  checkins: readonly KpiCheckin[],
  periods: readonly Period[],
  today: string,
): { atRisk: TeamRisk[]; overdue: Array<{ cohortTeamId: number; period: Period }> } {
  const overdue: Array<{ cohortTeamId: number; period: Period }> = [];
  const atRisk: TeamRisk[] = [];
  for (const team of teams) {
    if (!team.active) continue;
    const own = new Map(checkins.filter((c) => c.cohortTeamId === team.cohortTeamId).map((c) => [c.period, c]));
    let latest: TeamRisk["latest"] = null;
    const missed: string[] = [];
    for (const period of periods) {
      const checkin = own.get(period.key);
      if (checkin?.mentorStatus) latest = { period: period.key, status: checkin.mentorStatus };
      if (isOverdue(period, today, Boolean(checkin))) {
        missed.push(period.key);
        overdue.push({ cohortTeamId: team.cohortTeamId, period });
      }
    }
    const reasons: RiskReason[] = [];
    if (latest && latest.status !== "on_track") reasons.push("mentor_status");
    if (missed.length >= OVERDUE_RISK) reasons.push("overdue");
    if (reasons.length) atRisk.push({ cohortTeamId: team.cohortTeamId, latest, overdue: missed, reasons });
  }
  const severity = (r: TeamRisk) => (r.latest ? SEVERITY[r.latest.status] : 0);
  atRisk.sort((a, b) => severity(b) - severity(a) || b.overdue.length - a.overdue.length || a.cohortTeamId - b.cohortTeamId);
  const order = new Map(periods.map((p, i) => [p.key, i]));
  overdue.sort((a, b) => order.get(a.period.key)! - order.get(b.period.key)! || a.cohortTeamId - b.cohortTeamId);
  return { atRisk, overdue };
}

// ---- The small-group suppression rule ----------------------------------------------------------

/**
 * A figure as the public may see it: the value, or nothing — because fewer than 5 teams are behind
 * it ("small"), or because showing it would reveal a small group's figure ("complement").
 */
export type Published = { value: number; suppressed: false } | { value: null; suppressed: true; reason: "small" | "complement" };

const SUPPRESSED: Published = { value: null, suppressed: true, reason: "small" };
const COMPLEMENT: Published = { value: null, suppressed: true, reason: "complement" };
const shown = (value: number): Published => ({ value, suppressed: false });

/** One figure on its own: shown only when computed over at least `min` teams. */
export function publishCell(cell: Aggregate, min = MIN_PUBLIC_TEAMS): Published {
  return cell.teams >= min ? shown(cell.value) : SUPPRESSED;
}

/**
 * One column of a breakdown whose groups split the total's teams: every group computed over fewer
 * than `min` teams is suppressed (primary suppression); then, while the suppressed groups together
 * rest on fewer than `min` teams, the published group with the fewest teams is suppressed too
 * (complementary suppression), so subtracting the shown groups from the shown total gives only a sum
 * over at least `min` teams, never one small group's figure. A total under `min` hides everything.
 */
export function publishBreakdown(
  total: Aggregate,
  groups: readonly Aggregate[],
  min = MIN_PUBLIC_TEAMS,
): { total: Published; groups: Published[] } {
  if (total.teams < min) return { total: SUPPRESSED, groups: groups.map(() => SUPPRESSED) };
  const small = groups.map((g) => g.teams < min);
  const hidden = [...small];
  const hiddenTeams = () => groups.reduce((s, g, i) => s + (hidden[i] ? g.teams : 0), 0);
  while (hidden.some(Boolean) && hiddenTeams() < min) {
    let next = -1;
    groups.forEach((g, i) => {
      if (!hidden[i] && (next < 0 || g.teams < groups[next]!.teams)) next = i;
    });
    if (next < 0) break;
    hidden[next] = true;
  }
  return {
    total: shown(total.value),
    groups: groups.map((g, i) => (small[i] ? SUPPRESSED : hidden[i] ? COMPLEMENT : shown(g.value))),
  };
}

// ---- The public summary --------------------------------------------------------------------------

/** One cohort team's figures as the public summary takes them (from `teamTotals` of its cohort). */
export interface PublicTeamFigures {
  teamId: number;
  country: string;
  trackId: number;
  /** The reporting currency of the team's cohort. */
  currency: string;
  /** Cohorts in order: for a team in several cohorts, counts at a time come from its latest one. */
  cohortOrder: number;
  totals: TeamTotals;
  milestonesDone: number;
  milestonesCounted: number;
}

interface MergedTeam {
  teamId: number;
  country: string;
  trackId: number;
  funding: Map<string, number>;
  jobsCreated: number | null;
  ipFiled: number | null;
  employees: number | null;
  womenEmployees: number | null;
  headcountOrder: number;
  milestonesDone: number;
  milestonesCounted: number;
}

const addNullable = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** One row per team: money and flows added up across its cohorts, headcount from its latest cohort. */
export function mergeTeams(rows: readonly PublicTeamFigures[]): MergedTeam[] {
  const out = new Map<number, MergedTeam>();
  for (const row of rows) {
    const team = out.get(row.teamId) ?? {
      teamId: row.teamId,
      country: row.country,
      trackId: row.trackId,
      funding: new Map<string, number>(),
      jobsCreated: null,
      ipFiled: null,
      employees: null,
      womenEmployees: null,
      headcountOrder: -Infinity,
      milestonesDone: 0,
      milestonesCounted: 0,
    };
    if (row.totals.funding !== null)
      team.funding.set(row.currency, fromCents(cents(team.funding.get(row.currency) ?? 0) + cents(row.totals.funding)));
    team.jobsCreated = addNullable(team.jobsCreated, row.totals.jobsCreated);
    team.ipFiled = addNullable(team.ipFiled, row.totals.ipFiled);
    if (row.totals.employees !== null && row.cohortOrder > team.headcountOrder) {
      team.employees = row.totals.employees;
      team.womenEmployees = row.totals.womenEmployees;
      team.headcountOrder = row.cohortOrder;
    }
    team.milestonesDone += row.milestonesDone;
    team.milestonesCounted += row.milestonesCounted;
    out.set(row.teamId, team);
  }
  return [...out.values()];
}

export interface PublicRow {
  teams: Published;
  jobsCreated: Published;
  /** One per currency of `PublicBreakdown.currencies`, in that order. */
  funding: Published[];
}

export interface PublicBreakdown {
  currencies: string[];
  total: PublicRow;
  groups: Array<PublicRow & { key: string }>;
}

export interface PublicSummary {
  teams: Published;
  /** Funding raised, one figure per reporting currency (cohorts may report in different ones). */
  funding: Array<{ currency: string; total: Published }>;
  jobsCreated: Published;
  ipFiled: Published;
  /** Women among the teams' employees (0–1), from each team's latest headcount. */
  womenShare: Published;
  /** Done / (all − dropped) over every milestone of every team (0–1). */
  milestoneCompletion: Published;
  byCountry: PublicBreakdown;
  byTrack: PublicBreakdown;
}

const present = <T>(value: T | null): value is T => value !== null;

function publicBreakdown(
  teams: readonly MergedTeam[],
  currencies: readonly string[],
  keyOf: (t: MergedTeam) => string,
  min: number,
) {
  const keys = [...new Set(teams.map(keyOf))].sort();
  const members = keys.map((key) => teams.filter((t) => keyOf(t) === key));
  const column = (pick: (t: MergedTeam) => number | null) => {
    const agg = (rows: readonly MergedTeam[]) => {
      const values = rows.map(pick).filter(present);
      return { value: fromCents(values.reduce((s, v) => s + cents(v), 0)), teams: values.length };
    };
    return publishBreakdown(agg(teams), members.map(agg), min);
  };
  const teamCounts = column(() => 1);
  const jobs = column((t) => t.jobsCreated);
  const funding = currencies.map((c) => column((t) => t.funding.get(c) ?? null));
  return {
    currencies: [...currencies],
    total: { teams: teamCounts.total, jobsCreated: jobs.total, funding: funding.map((f) => f.total) },
    groups: keys.map((key, i) => ({
      key,
      teams: teamCounts.groups[i]!,
      jobsCreated: jobs.groups[i]!,
      funding: funding.map((f) => f.groups[i]!),
    })),
  };
}

/** The public summary over every cohort of a contest, each figure subject to the suppression rule. */
export function publicSummary(rows: readonly PublicTeamFigures[], min = MIN_PUBLIC_TEAMS): PublicSummary {
  const teams = mergeTeams(rows);
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const total = (pick: (t: MergedTeam) => number | null) => {
    const values = teams.map(pick).filter(present);
    return publishCell({ value: values.reduce((s, v) => s + v, 0), teams: values.length }, min);
  };
  const ratio = (numerator: (t: MergedTeam) => number, denominator: (t: MergedTeam) => number, among: MergedTeam[]) => {
    const below = among.reduce((s, t) => s + denominator(t), 0);
    if (below === 0) return SUPPRESSED;
    return publishCell({ value: among.reduce((s, t) => s + numerator(t), 0) / below, teams: among.length }, min);
  };
  return {
    teams: publishCell({ value: teams.length, teams: teams.length }, min),
    funding: currencies.map((currency) => {
      const values = teams.map((t) => t.funding.get(currency) ?? null).filter(present);
      return {
        currency,
        total: publishCell({ value: fromCents(values.reduce((s, v) => s + cents(v), 0)), teams: values.length }, min),
      };
    }),
    jobsCreated: total((t) => t.jobsCreated),
    ipFiled: total((t) => t.ipFiled),
    womenShare: ratio(
      (t) => t.womenEmployees ?? 0,
      (t) => t.employees ?? 0,
      teams.filter((t) => t.employees !== null && t.womenEmployees !== null),
    ),
    milestoneCompletion: ratio(
      (t) => t.milestonesDone,
      (t) => t.milestonesCounted,
      teams.filter((t) => t.milestonesCounted > 0),
    ),
    byCountry: publicBreakdown(teams, currencies, (t) => t.country, min),
    byTrack: publicBreakdown(teams, currencies, (t) => String(t.trackId), min),
  };
}
