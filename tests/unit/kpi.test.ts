// The M&E arithmetic with hand-computed expectations: KPIs per period in one reporting currency (a
// figure without a rate left out and counted), totals per team, breakdowns by country, track and
// founders' gender, milestone completion, the teams to watch, and the public summary's small-group
// suppression rule (worked examples and a property: no shown figure rests on fewer than 5 teams and
// no hidden one can be recovered from the shown cells of its breakdown).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  breakdown,
  byCountry,
  byWomenLed,
  checkinWatch,
  convertFigure,
  median,
  mergeTeams,
  milestoneCompletionRates,
  missingRates,
  periodKpis,
  publicSummary,
  publishBreakdown,
  publishCell,
  teamTotals,
  type CohortFacts,
  type KpiCheckin,
  type KpiTeam,
  type PublicTeamFigures,
  type TeamTotals,
} from "#app/domain/kpi";
import { cohortPeriods } from "#app/domain/periods";

const team = (cohortTeamId: number, overrides: Partial<KpiTeam> = {}): KpiTeam => ({
  cohortTeamId,
  teamId: cohortTeamId + 10,
  country: "SG",
  trackId: 1,
  womenLed: false,
  foundersWomen: 0,
  foundersMen: 0,
  foundersOther: 0,
  active: true,
  ...overrides,
});

const checkin = (cohortTeamId: number, period: string, figures: Partial<KpiCheckin> = {}): KpiCheckin => ({
  cohortTeamId,
  period,
  revenue: null,
  revenueCurrency: null,
  funding: null,
  fundingCurrency: null,
  employees: null,
  womenEmployees: null,
  customers: null,
  jobsCreated: null,
  ipFiled: null,
  mentorStatus: null,
  ...figures,
});

const money = (revenue: [number, string], funding: [number, string]) => ({
  revenue: revenue[0],
  revenueCurrency: revenue[1],
  funding: funding[0],
  fundingCurrency: funding[1],
});

// A quarterly cohort reporting in USD. Q1 has a rate for SGD only, Q2 for SGD and THB, Q3 none.
const facts: CohortFacts = {
  periods: ["2027-Q1", "2027-Q2", "2027-Q3"],
  reportingCurrency: "USD",
  rates: new Map([
    ["2027-Q1", new Map([["SGD", 0.75]])],
    [
      "2027-Q2",
      new Map([
        ["SGD", 0.8],
        ["THB", 0.03],
      ]),
    ],
  ]),
  teams: [
    team(1, { country: "SG", trackId: 1, womenLed: true, foundersWomen: 2, foundersMen: 1 }),
    team(2, { country: "TH", trackId: 1, foundersMen: 2, foundersOther: 1 }),
    team(3, { country: "SG", trackId: 2, foundersWomen: 1, foundersMen: 1 }),
    team(4, { country: "VN", trackId: 2, womenLed: true, foundersWomen: 1, active: false }),
  ],
  checkins: [
    // prettier-ignore
    checkin(1, "2027-Q1", { ...money([1000, "USD"], [2000, "SGD"]), employees: 4, womenEmployees: 2, customers: 10, jobsCreated: 2, ipFiled: 0, mentorStatus: "on_track" }),
    // prettier-ignore
    checkin(2, "2027-Q1", { ...money([10000, "THB"], [0, "USD"]), employees: 3, womenEmployees: 1, customers: 5, jobsCreated: 1, ipFiled: 1 }),
    // prettier-ignore
    checkin(3, "2027-Q1", { ...money([400, "SGD"], [1000, "USD"]), employees: 2, womenEmployees: 0, customers: 1, jobsCreated: 0, ipFiled: 0, mentorStatus: "needs_attention" }),
    // prettier-ignore
    checkin(1, "2027-Q2", { ...money([1500, "USD"], [500, "USD"]), employees: 5, womenEmployees: 3, customers: 12, jobsCreated: 1, ipFiled: 1, mentorStatus: "at_risk" }),
    // prettier-ignore
    checkin(2, "2027-Q2", { ...money([20000, "THB"], [1000, "SGD"]), employees: 3, womenEmployees: 2, customers: 6, jobsCreated: 0, ipFiled: 0, mentorStatus: "on_track" }),
    // prettier-ignore
    checkin(3, "2027-Q3", { ...money([100, "SGD"], [100, "USD"]), employees: 4, womenEmployees: 2, customers: 3, jobsCreated: 2, ipFiled: 1 }),
    // A period the cohort no longer has (its dates changed): ignored everywhere.
    checkin(1, "2026-Q4", { ...money([999, "USD"], [999, "USD"]), employees: 99, womenEmployees: 0 }),
  ],
};

describe("converting a figure", () => {
  it("keeps the reporting currency, converts at the period's rate to the cent, and reports a missing rate", () => {
    expect(convertFigure(120.5, "USD", "2027-Q3", "USD", facts.rates)).toEqual({ kind: "converted", value: 120.5 });
    expect(convertFigure(2000, "SGD", "2027-Q1", "USD", facts.rates)).toEqual({ kind: "converted", value: 1500 });
    // 333.33 × 0.03 = 9.9999: to the cent, 10.
    expect(convertFigure(333.33, "THB", "2027-Q2", "USD", facts.rates)).toEqual({ kind: "converted", value: 10 });
    // The Q2 THB rate is not used for Q1, and no rate is guessed.
    expect(convertFigure(10000, "THB", "2027-Q1", "USD", facts.rates)).toEqual({ kind: "missing_rate", currency: "THB" });
    expect(convertFigure(0, "SGD", "2027-Q3", "USD", facts.rates)).toEqual({ kind: "missing_rate", currency: "SGD" });
    expect(convertFigure(5, null, "2027-Q1", "USD", facts.rates)).toEqual({ kind: "missing_rate", currency: null });
    expect(convertFigure(null, "SGD", "2027-Q1", "USD", facts.rates)).toEqual({ kind: "none" });
  });

  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([300, 1000, 0])).toBe(300);
    expect(median([1500, 600])).toBe(1050);
    expect(median([0.1, 0.2])).toBe(0.15);
  });
});

describe("KPIs per period", () => {
  it("totals, medians, headcounts and the cumulative funding, leaving out figures without a rate", () => {
    const [q1, q2, q3] = periodKpis(facts);
    // Q1 revenue: 1000 USD + 400 SGD × 0.75 = 300; THB has no Q1 rate. Funding: 2000 SGD × 0.75, 0, 1000.
    expect(q1).toEqual({
      period: "2027-Q1",
      teamsReporting: 3,
      revenue: { total: 1300, median: 650, teams: 2, missingRate: 1 },
      funding: { total: 2500, median: 1000, teams: 3, missingRate: 0 },
      cumulativeFunding: 2500,
      employees: 9,
      womenEmployees: 3,
      womenShare: 3 / 9,
      customers: 16,
      jobsCreated: 3,
      ipFiled: 1,
    });
    // Q2 revenue: 1500 + 20000 THB × 0.03 = 600. Funding: 500 + 1000 SGD × 0.8 = 800.
    expect(q2).toEqual({
      period: "2027-Q2",
      teamsReporting: 2,
      revenue: { total: 2100, median: 1050, teams: 2, missingRate: 0 },
      funding: { total: 1300, median: 650, teams: 2, missingRate: 0 },
      cumulativeFunding: 3800,
      employees: 8,
      womenEmployees: 5,
      womenShare: 5 / 8,
      customers: 18,
      jobsCreated: 1,
      ipFiled: 1,
    });
    // Q3 has no rates at all: the SGD revenue is missing, not converted at Q2's rate.
    expect(q3).toEqual({
      period: "2027-Q3",
      teamsReporting: 1,
      revenue: { total: 0, median: null, teams: 0, missingRate: 1 },
      funding: { total: 100, median: 100, teams: 1, missingRate: 0 },
      cumulativeFunding: 3900,
      employees: 4,
      womenEmployees: 2,
      womenShare: 0.5,
      customers: 3,
      jobsCreated: 2,
      ipFiled: 1,
    });
  });

  it("shows a period nobody reported as empty, and a share only over check-ins with both counts", () => {
    const [only] = periodKpis({
      ...facts,
      periods: ["2027-Q1"],
      checkins: [
        checkin(1, "2027-Q1", { employees: 4, womenEmployees: 1 }),
        checkin(2, "2027-Q1", { employees: 6 }),
        checkin(3, "2027-Q1", { employees: 0, womenEmployees: 0 }),
      ],
    });
    expect(only!.employees).toBe(10);
    expect(only!.womenEmployees).toBe(1);
    expect(only!.womenShare).toBe(0.25);
    const [empty] = periodKpis({ ...facts, periods: ["2027-Q4"] });
    expect(empty).toMatchObject({
      teamsReporting: 0,
      revenue: { total: 0, median: null, teams: 0, missingRate: 0 },
      womenShare: null,
      cumulativeFunding: 0,
    });
  });

  it("lists every figure without a rate by period and currency", () => {
    expect(missingRates(facts)).toEqual([
      { period: "2027-Q1", currency: "THB", figures: 1 },
      { period: "2027-Q3", currency: "SGD", figures: 1 },
    ]);
    const withRates: CohortFacts = {
      ...facts,
      rates: new Map([
        ["2027-Q1", new Map([["THB", 0.03]])],
        ["2027-Q3", new Map([["SGD", 0.8]])],
      ]),
    };
    // Now Q1's SGD funding and Q2's THB and SGD figures lack theirs.
    expect(missingRates(withRates)).toEqual([
      { period: "2027-Q1", currency: "SGD", figures: 2 },
      { period: "2027-Q2", currency: "SGD", figures: 1 },
      { period: "2027-Q2", currency: "THB", figures: 1 },
    ]);
  });
});

describe("totals per team", () => {
  it("adds money and flows over the periods and takes counts from the latest check-in", () => {
    const totals = teamTotals(facts);
    expect(totals).toEqual([
      // prettier-ignore
      { cohortTeamId: 1, periodsReported: 2, revenue: 2500, revenueMissingRate: 0, funding: 2000, fundingMissingRate: 0, jobsCreated: 3, ipFiled: 1, employees: 5, womenEmployees: 3, customers: 12 },
      // prettier-ignore
      { cohortTeamId: 2, periodsReported: 2, revenue: 600, revenueMissingRate: 1, funding: 800, fundingMissingRate: 0, jobsCreated: 1, ipFiled: 1, employees: 3, womenEmployees: 2, customers: 6 },
      // prettier-ignore
      { cohortTeamId: 3, periodsReported: 2, revenue: 300, revenueMissingRate: 1, funding: 1100, fundingMissingRate: 0, jobsCreated: 2, ipFiled: 1, employees: 4, womenEmployees: 2, customers: 3 },
      // prettier-ignore
      { cohortTeamId: 4, periodsReported: 0, revenue: null, revenueMissingRate: 0, funding: null, fundingMissingRate: 0, jobsCreated: null, ipFiled: null, employees: null, womenEmployees: null, customers: null },
    ]);
  });
});

describe("breakdowns", () => {
  it("by country: teams, reporting teams, money, flows, latest headcounts and founders", () => {
    const { groups, total } = breakdown(facts.teams, teamTotals(facts), byCountry);
    expect(groups.map((g) => g.key)).toEqual(["SG", "TH", "VN"]);
    expect(groups[0]).toEqual({
      key: "SG",
      teams: 2,
      teamsReporting: 2,
      revenue: { value: 2800, teams: 2, missingRate: 1 },
      funding: { value: 3100, teams: 2, missingRate: 0 },
      jobsCreated: { value: 5, teams: 2 },
      ipFiled: { value: 2, teams: 2 },
      employees: { value: 9, teams: 2 },
      womenEmployees: { value: 5, teams: 2 },
      womenShare: 5 / 9,
      customers: { value: 15, teams: 2 },
      foundersWomen: 3,
      foundersMen: 2,
      foundersOther: 0,
    });
    expect(groups[2]).toEqual({
      key: "VN",
      teams: 1,
      teamsReporting: 0,
      revenue: { value: 0, teams: 0, missingRate: 0 },
      funding: { value: 0, teams: 0, missingRate: 0 },
      jobsCreated: { value: 0, teams: 0 },
      ipFiled: { value: 0, teams: 0 },
      employees: { value: 0, teams: 0 },
      womenEmployees: { value: 0, teams: 0 },
      womenShare: null,
      customers: { value: 0, teams: 0 },
      foundersWomen: 1,
      foundersMen: 0,
      foundersOther: 0,
    });
    expect(total).toMatchObject({
      key: "all",
      teams: 4,
      teamsReporting: 3,
      revenue: { value: 3400, teams: 3, missingRate: 2 },
      funding: { value: 3900, teams: 3, missingRate: 0 },
      jobsCreated: { value: 6, teams: 3 },
      employees: { value: 12, teams: 3 },
      womenEmployees: { value: 7, teams: 3 },
      womenShare: 7 / 12,
      foundersWomen: 4,
      foundersMen: 4,
      foundersOther: 1,
    });
  });

  it("by track and by women-led teams", () => {
    const totals = teamTotals(facts);
    const tracks = breakdown(facts.teams, totals, (t) => String(t.trackId));
    expect(tracks.groups.map((g) => [g.key, g.teams, g.funding.value, g.jobsCreated.value])).toEqual([
      ["1", 2, 2800, 4],
      ["2", 2, 1100, 2],
    ]);
    const gender = breakdown(facts.teams, totals, byWomenLed);
    expect(gender.groups.map((g) => [g.key, g.teams, g.funding.value, g.foundersWomen, g.foundersMen, g.foundersOther])).toEqual([
      ["not_women_led", 2, 1900, 1, 3, 1],
      ["women_led", 2, 2000, 3, 1, 0],
    ]);
  });
});

describe("milestone completion", () => {
  it("is done out of all but the dropped, per template key, for keys no longer in it, the teams' own, and overall", () => {
    const rates = milestoneCompletionRates(
      [
        { cohortTeamId: 1, templateKey: "mvp", status: "done" },
        { cohortTeamId: 1, templateKey: "first_customer", status: "in_progress" },
        { cohortTeamId: 2, templateKey: "mvp", status: "done" },
        { cohortTeamId: 2, templateKey: "first_customer", status: "dropped" },
        { cohortTeamId: 3, templateKey: "mvp", status: "planned" },
        { cohortTeamId: 3, templateKey: null, status: "done" },
        { cohortTeamId: 4, templateKey: "pilot", status: "done" },
      ],
      ["mvp", "first_customer", "ip"],
    );
    expect(rates.byKey).toEqual([
      { key: "mvp", done: 2, counted: 3, rate: 2 / 3, teams: 3 },
      { key: "first_customer", done: 0, counted: 1, rate: 0, teams: 1 },
      { key: "ip", done: 0, counted: 0, rate: null, teams: 0 },
      { key: "pilot", done: 1, counted: 1, rate: 1, teams: 1 },
      { key: null, done: 1, counted: 1, rate: 1, teams: 1 },
    ]);
    expect(rates.overall).toEqual({ key: null, done: 4, counted: 6, rate: 4 / 6, teams: 4 });
  });

  it("has no rate when every milestone was dropped", () => {
    const rates = milestoneCompletionRates([{ cohortTeamId: 1, templateKey: "mvp", status: "dropped" }], ["mvp"]);
    expect(rates.overall).toEqual({ key: null, done: 0, counted: 0, rate: null, teams: 0 });
  });
});

describe("teams to watch", () => {
  // Q1 due 10 April, Q2 due 10 July, Q3 due 10 October 2027.
  const periods = cohortPeriods({ startsOn: "2027-01-01", endsOn: "2027-09-30", cadence: "quarterly", dueDays: 10 });

  it("lists overdue check-ins of active teams and the teams whose latest mentor status is worrying", () => {
    const watch = checkinWatch(facts.teams, facts.checkins, periods, "2027-10-20");
    expect(watch.overdue.map((o) => [o.cohortTeamId, o.period.key, o.period.dueOn])).toEqual([
      [3, "2027-Q2", "2027-07-10"],
      [1, "2027-Q3", "2027-10-10"],
      [2, "2027-Q3", "2027-10-10"],
    ]);
    // Team 1: at risk in Q2. Team 3: needs attention in Q1 (its Q3 check-in has no status yet).
    // Team 2 is on track; team 4 left the cohort and owes nothing.
    expect(watch.atRisk).toEqual([
      { cohortTeamId: 1, latest: { period: "2027-Q2", status: "at_risk" }, overdue: ["2027-Q3"], reasons: ["mentor_status"] },
      {
        cohortTeamId: 3,
        latest: { period: "2027-Q1", status: "needs_attention" },
        overdue: ["2027-Q2"],
        reasons: ["mentor_status"],
      },
    ]);
  });

  it("counts a check-in as overdue only after its due day, and two overdue ones put a team at risk", () => {
    const teams = [team(1), team(2)];
    const onTrack = [checkin(2, "2027-Q1", { mentorStatus: "on_track" })];
    expect(checkinWatch(teams, onTrack, periods, "2027-04-10").overdue).toEqual([]);
    expect(checkinWatch(teams, onTrack, periods, "2027-04-11").overdue.map((o) => o.cohortTeamId)).toEqual([1]);
    const later = checkinWatch(teams, onTrack, periods, "2027-07-11");
    expect(later.atRisk).toEqual([{ cohortTeamId: 1, latest: null, overdue: ["2027-Q1", "2027-Q2"], reasons: ["overdue"] }]);
    // Both reasons at once, and the mentor's latest word counts even when it is better than before.
    const both = checkinWatch(
      teams,
      [
        checkin(1, "2027-Q1", { mentorStatus: "at_risk" }),
        checkin(2, "2027-Q1", { mentorStatus: "at_risk" }),
        checkin(2, "2027-Q2", { mentorStatus: "on_track" }),
      ],
      periods,
      "2027-10-11",
    );
    expect(both.atRisk).toEqual([
      {
        cohortTeamId: 1,
        latest: { period: "2027-Q1", status: "at_risk" },
        overdue: ["2027-Q2", "2027-Q3"],
        reasons: ["mentor_status", "overdue"],
      },
    ]);
  });
});

describe("the small-group suppression rule", () => {
  it("shows one figure only when at least 5 teams are behind it", () => {
    expect(publishCell({ value: 1234, teams: 4 })).toEqual({ value: null, suppressed: true, reason: "small" });
    expect(publishCell({ value: 1234, teams: 5 })).toEqual({ value: 1234, suppressed: false });
    expect(publishCell({ value: 0, teams: 0 })).toEqual({ value: null, suppressed: true, reason: "small" });
  });

  it("hides the small groups and, when one alone would be hidden, the next smallest too", () => {
    const result = publishBreakdown({ value: 100, teams: 20 }, [
      { value: 30, teams: 8 },
      { value: 50, teams: 9 },
      { value: 20, teams: 3 },
    ]);
    // 100 − 50 = 50 is the sum over 11 teams (8 + 3), never the small group's 20.
    expect(result).toEqual({
      total: { value: 100, suppressed: false },
      groups: [
        { value: null, suppressed: true, reason: "complement" },
        { value: 50, suppressed: false },
        { value: null, suppressed: true, reason: "small" },
      ],
    });
  });

  it("stops once the hidden groups together rest on 5 teams, and keeps suppressing while they do not", () => {
    const enough = publishBreakdown({ value: 15, teams: 15 }, [
      { value: 2, teams: 2 },
      { value: 3, teams: 3 },
      { value: 10, teams: 10 },
    ]);
    expect(enough.groups.map((g) => g.suppressed)).toEqual([true, true, false]);
    const short = publishBreakdown({ value: 25, teams: 25 }, [
      { value: 1, teams: 1 },
      { value: 2, teams: 2 },
      { value: 10, teams: 10 },
      { value: 12, teams: 12 },
    ]);
    expect(short.groups.map((g) => g.suppressed)).toEqual([true, true, true, false]);
    // On a tie the first group in order is hidden.
    const tie = publishBreakdown({ value: 20, teams: 20 }, [
      { value: 7, teams: 7 },
      { value: 7, teams: 7 },
      { value: 6, teams: 6 },
      { value: 0, teams: 0 },
    ]);
    expect(tie.groups.map((g) => g.suppressed)).toEqual([false, false, true, true]);
    const tieOfBig = publishBreakdown({ value: 18, teams: 18 }, [
      { value: 7, teams: 7 },
      { value: 7, teams: 7 },
      { value: 4, teams: 4 },
    ]);
    expect(tieOfBig.groups.map((g) => g.suppressed)).toEqual([true, false, true]);
  });

  it("shows everything when every group is big enough, and nothing when the total is not", () => {
    const all = publishBreakdown({ value: 11, teams: 11 }, [
      { value: 5, teams: 5 },
      { value: 6, teams: 6 },
    ]);
    expect(all.groups).toEqual([
      { value: 5, suppressed: false },
      { value: 6, suppressed: false },
    ]);
    const none = publishBreakdown({ value: 4, teams: 4 }, [{ value: 4, teams: 4 }]);
    expect(none).toEqual({
      total: { value: null, suppressed: true, reason: "small" },
      groups: [{ value: null, suppressed: true, reason: "small" }],
    });
  });

  it("never shows a figure over fewer than 5 teams, nor leaves a hidden one recoverable from its breakdown", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(1000), { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (groupsOfTeams, min) => {
          const groups = groupsOfTeams.map((values) => ({ value: values.reduce((s, v) => s + v, 0), teams: values.length }));
          const total = { value: groups.reduce((s, g) => s + g.value, 0), teams: groups.reduce((s, g) => s + g.teams, 0) };
          const published = publishBreakdown(total, groups, min);
          // Every shown figure rests on at least `min` teams and is the true one.
          if (!published.total.suppressed) {
            expect(total.teams).toBeGreaterThanOrEqual(min);
            expect(published.total.value).toBe(total.value);
          }
          published.groups.forEach((g, i) => {
            if (!g.suppressed) {
              expect(groups[i]!.teams).toBeGreaterThanOrEqual(min);
              expect(g.value).toBe(groups[i]!.value);
            } else if (g.reason === "small") expect(groups[i]!.teams).toBeLessThan(min);
            else expect(groups[i]!.teams).toBeGreaterThanOrEqual(min);
          });
          const hidden = published.groups.flatMap((g, i) => (g.suppressed ? [i] : []));
          if (published.total.suppressed) {
            // Nothing of the breakdown is shown.
            expect(hidden).toHaveLength(groups.length);
          } else if (hidden.length) {
            // Shown total minus shown groups is the hidden groups' sum: never one group alone, and
            // always a sum over at least `min` teams.
            expect(hidden.length).toBeGreaterThanOrEqual(2);
            expect(hidden.reduce((s, i) => s + groups[i]!.teams, 0)).toBeGreaterThanOrEqual(min);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

const totals = (over: Partial<TeamTotals>): TeamTotals => ({
  cohortTeamId: 0,
  periodsReported: 1,
  revenue: null,
  revenueMissingRate: 0,
  funding: null,
  fundingMissingRate: 0,
  jobsCreated: null,
  ipFiled: null,
  employees: null,
  womenEmployees: null,
  customers: null,
  ...over,
});

// prettier-ignore
const PUBLIC_TEAMS: Array<[number, string, number, number | null, number | null, number | null, number | null, number | null, number, number, number?]> = [
  // teamId, country, track, funding, jobs, ip, employees, women, milestones done, counted, cohort
  [1, "SG", 1, 100, 1, 0, 4, 2, 1, 2, 0],
  [1, "SG", 1, 50, 1, 1, 6, 3, 1, 1, 1],
  [2, "SG", 1, 200, 2, 0, 5, 1, 0, 2],
  [3, "SG", 2, null, 0, 0, 2, 2, 2, 2],
  [4, "SG", 2, 300, 3, 1, 3, 0, 1, 3],
  [5, "TH", 1, 400, 1, 0, 10, 5, 0, 0],
  [6, "TH", 2, 500, 0, 2, 1, 1, 1, 1],
  [7, "VN", 1, 600, 4, 0, null, null, 2, 2],
  [8, "SG", 1, 10, 1, 0, 2, 1, 1, 1],
  [9, "SG", 1, null, null, null, null, null, 0, 0],
  [10, "TH", 2, 70, 0, 0, 4, 2, 0, 1],
  [11, "VN", 2, null, 1, 0, 1, 0, 1, 1],
];

const publicRows = (currency: (teamId: number) => string = () => "USD"): PublicTeamFigures[] =>
  PUBLIC_TEAMS.map(
    ([teamId, country, trackId, funding, jobsCreated, ipFiled, employees, womenEmployees, done, counted, cohort]) => ({
      teamId,
      country,
      trackId,
      currency: currency(teamId),
      cohortOrder: cohort ?? 0,
      totals: totals({ cohortTeamId: teamId * 10 + (cohort ?? 0), funding, jobsCreated, ipFiled, employees, womenEmployees }),
      milestonesDone: done,
      milestonesCounted: counted,
    }),
  );

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true, reason: "small" };
const complement = { value: null, suppressed: true, reason: "complement" };

describe("the public summary", () => {
  it("counts a team in two cohorts once: money and flows added, headcount from its latest cohort", () => {
    const rows = publicRows();
    const [first] = mergeTeams([rows[1]!, rows[0]!]);
    expect(first).toEqual({
      teamId: 1,
      country: "SG",
      trackId: 1,
      funding: new Map([["USD", 150]]),
      jobsCreated: 2,
      ipFiled: 1,
      employees: 6,
      womenEmployees: 3,
      headcountOrder: 1,
      milestonesDone: 2,
      milestonesCounted: 3,
    });
  });

  it("shows the headline figures over at least 5 teams each", () => {
    const summary = publicSummary(publicRows());
    expect(summary.teams).toEqual(shown(11));
    // 150 + 200 + 300 + 400 + 500 + 600 + 10 + 70 over 8 teams.
    expect(summary.funding).toEqual([{ currency: "USD", total: shown(2230) }]);
    expect(summary.jobsCreated).toEqual(shown(14));
    expect(summary.ipFiled).toEqual(shown(4));
    // Women 3+1+2+0+5+1+1+2+0 = 15 of 6+5+2+3+10+1+2+4+1 = 34 employees, over 9 teams.
    expect(summary.womenShare).toEqual(shown(15 / 34));
    // Done 2+0+2+1+1+2+1+0+1 = 10 of 16 counted, over 9 teams.
    expect(summary.milestoneCompletion).toEqual(shown(10 / 16));
  });

  it("suppresses small groups of the country and track breakdowns, with their complements", () => {
    const { byCountry: countries, byTrack: tracks } = publicSummary(publicRows());
    expect(countries.currencies).toEqual(["USD"]);
    expect(countries.total).toEqual({ teams: shown(11), jobsCreated: shown(14), funding: [shown(2230)] });
    // Teams: SG 6, TH 3, VN 2 — TH and VN hidden, together 5. Jobs: SG's 5 teams shown (8).
    // Funding: SG 4, TH 3, VN 1 reporting teams — every group hidden, the total shown.
    expect(countries.groups).toEqual([
      { key: "SG", teams: shown(6), jobsCreated: shown(8), funding: [hidden] },
      { key: "TH", teams: hidden, jobsCreated: hidden, funding: [hidden] },
      { key: "VN", teams: hidden, jobsCreated: hidden, funding: [hidden] },
    ]);
    // Tracks: 6 and 5 teams; jobs over 5 and 5; funding over 5 and 3: the 3 hidden, the 5 to protect them.
    expect(tracks.groups).toEqual([
      { key: "1", teams: shown(6), jobsCreated: shown(10), funding: [complement] },
      { key: "2", teams: shown(5), jobsCreated: shown(4), funding: [hidden] },
    ]);
  });

  it("keeps each reporting currency apart and hides everything below 5 teams", () => {
    const summary = publicSummary(publicRows((teamId) => (teamId <= 4 ? "SGD" : "USD")));
    // SGD: teams 1, 2, 4 (3 has none) — too few. USD: 400 + 500 + 600 + 10 + 70 over 5 teams.
    expect(summary.funding).toEqual([
      { currency: "SGD", total: hidden },
      { currency: "USD", total: shown(1580) },
    ]);
    expect(summary.byTrack.currencies).toEqual(["SGD", "USD"]);
    const few = publicSummary(publicRows().filter((r) => r.teamId <= 4));
    expect(few.teams).toEqual(hidden);
    expect(few.jobsCreated).toEqual(hidden);
    expect(few.womenShare).toEqual(hidden);
    expect(few.byCountry.groups.every((g) => g.teams.suppressed && g.jobsCreated.suppressed)).toBe(true);
    expect(few.byCountry.total.teams).toEqual(hidden);
  });
});
