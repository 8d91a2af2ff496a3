// The M&E dashboard, its downloads and the public impact summary against a real database: two cohorts
// (quarterly in USD, monthly in SGD), check-ins in three currencies with and without a rate, a draft
// that must not count, a team in both cohorts, milestones, overdue check-ins and mentor statuses.
// Organisers only for the dashboard and the files (a mentor, a team member and a judge are refused);
// the public page shows no figure over fewer than 5 teams and no team's name.
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCsv } from "#app/domain/judging";
import { periodLabel } from "#app/domain/periods";
import { createRenderI18n, getFixedT } from "#app/infra/i18n.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import * as contestRoute from "#app/routes/contests.$slug";
import * as impactRoute from "#app/routes/contests.$slug_.impact";
import * as dashboardRoute from "#app/routes/manage.$contestId.cohorts_.$cohortId_.dashboard";
import { loader as exportLoader } from "#app/routes/manage.$contestId.cohorts_.$cohortId_.dashboard.export";
import { exportDashboard, type DashboardExportRequest } from "#app/services/impact-export.server";
import { cohortDashboard, publicImpact } from "#app/services/impact.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { Cadence, CohortTeamStatus, MentorStatus, TeamsTable, User } from "#db/schema";
import type { Insertable } from "kysely";

const BASE = "http://localhost:3999";
const SLUG = "mekong-impact";
// Every period of both cohorts has ended and is past its due day: the figures do not move with the clock.
const NOW = new Date("2026-11-24T04:00:00.000Z");
const loadContext = { cspNonce: "test", clientIp: "127.0.0.1" };

let t: TestDb;
let organiser: User;
let mentor: User;
let founder: User;
let judge: User;
let contestId: number;
let cohortA: number;
let cohortB: number;
let ct: Record<string, number>;

const TEAM_NAMES = [
  "Alpha Solar",
  "Bamboo Health",
  "Coral Grid",
  "Delta Care",
  "Echo Farms",
  "Fern Labs",
  "Granite Works",
  "Gecko Robotics",
  "Harbor AI",
  "Island Foods",
  "Jade Textiles",
];

async function insertCohort(name: string, cadence: Cadence, startsOn: string, endsOn: string, currency: string) {
  const at = NOW.toISOString();
  const row = await t.db
    .insertInto("cohorts")
    .values({
      contest_id: contestId,
      name_i18n: JSON.stringify({ en: name }),
      starts_on: startsOn,
      ends_on: endsOn,
      cadence,
      reporting_currency: currency,
      due_days: 10,
      milestone_template_json: JSON.stringify([
        { key: "mvp", name: { en: "MVP launched" } },
        { key: "first_customer", name: { en: "First paying customer" } },
      ]),
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function join(cohortId: number, entryId: number, status: CohortTeamStatus = "active") {
  const row = await t.db
    .insertInto("cohort_teams")
    .values({ cohort_id: cohortId, entry_id: entryId, status, joined_at: NOW.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Figures {
  revenue: [number, string];
  funding: [number, string];
  counts: [employees: number, women: number, customers: number, jobs: number, ip: number];
  mentor?: MentorStatus;
  draft?: boolean;
}

async function checkin(cohortTeamId: number, period: string, f: Figures) {
  const at = NOW.toISOString();
  const [employees, women, customers, jobs, ip] = f.counts;
  await t.db
    .insertInto("checkins")
    .values({
      cohort_team_id: cohortTeamId,
      period,
      status: f.draft ? "draft" : "submitted",
      revenue: f.revenue[0],
      revenue_currency: f.revenue[1],
      funding: f.funding[0],
      funding_currency: f.funding[1],
      employees,
      women_employees: women,
      customers,
      jobs_created: jobs,
      ip_filed: ip,
      went_well: null,
      blockers: null,
      mentor_status: f.mentor ?? null,
      submitted_at: f.draft ? null : `${period.slice(0, 4)}-10-01T00:00:00.000Z`,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

async function rate(cohortId: number, period: string, currency: string, value: number) {
  await t.db
    .insertInto("exchange_rates")
    .values({ cohort_id: cohortId, period, currency, rate: value, set_by: organiser.id, set_at: NOW.toISOString() })
    .execute();
}

async function milestone(
  cohortTeamId: number,
  templateKey: string | null,
  status: "planned" | "in_progress" | "done" | "dropped",
) {
  const at = NOW.toISOString();
  await t.db
    .insertInto("milestones")
    .values({
      cohort_team_id: cohortTeamId,
      template_key: templateKey,
      title: templateKey ?? "Pilot with a hospital",
      due_on: null,
      status,
      done_on: null,
      position: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { name: "Olive Organiser" });
  mentor = await makeUser(t.db, { name: "Mina Mentor" });
  founder = await makeUser(t.db, { name: "Fay Founder" });
  judge = await makeUser(t.db, { name: "Jo Judge" });
  contestId = (await makeContest(t.db, SLUG)).id;
  await t.db
    .updateTable("contests")
    .set({ state: "finished", name_i18n: JSON.stringify({ en: "Mekong Impact Cup" }) })
    .where("id", "=", contestId)
    .execute();
  await grantRole(t.db, contestId, organiser.id, "organiser");
  await grantRole(t.db, contestId, mentor.id, "mentor");
  await grantRole(t.db, contestId, judge.id, "judge");
  const energy = (await insertTrack(t.db, contestId, { en: "Clean energy" })).id;
  const health = (await insertTrack(t.db, contestId, { en: "Health" })).id;

  const teams: Array<[string, string, string, number, Partial<Insertable<TeamsTable>>]> = [
    ["A1", "Alpha Solar", "SG", energy, { women_led: 1, founders_women: 2, founders_men: 1 }],
    ["A2", "Bamboo Health", "TH", health, { founders_men: 2 }],
    ["A3", "Coral Grid", "SG", energy, { founders_women: 1, founders_men: 1 }],
    ["A4", "Delta Care", "VN", health, { women_led: 1, founders_women: 1, founders_other: 1 }],
    ["A5", "Echo Farms", "SG", energy, { founders_men: 3 }],
    ["A6", "Fern Labs", "SG", energy, { founders_women: 1, founders_men: 1 }],
    ["A7", "Granite Works", "TH", health, { founders_men: 1 }],
    ["B1", "Gecko Robotics", "MY", health, {}],
    ["B2", "Harbor AI", "SG", energy, {}],
    ["B4", "Island Foods", "SG", health, {}],
    ["B5", "Jade Textiles", "VN", health, {}],
  ];
  const entries: Record<string, number> = {};
  for (const [key, name, country, trackId, facts] of teams) {
    const team = await insertTeam(t.db, { name, country, ...facts });
    entries[key] = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code: `T-${key}` })).id;
    if (key === "A1") await insertMember(t.db, team.id, founder.id, "lead");
  }

  cohortA = await insertCohort("Cohort 2026", "quarterly", "2026-01-01", "2026-09-30", "USD");
  cohortB = await insertCohort("Autumn sprint", "monthly", "2026-08-01", "2026-10-31", "SGD");
  ct = {};
  for (const key of ["A1", "A2", "A3", "A4", "A5", "A6", "A7"])
    ct[key] = await join(cohortA, entries[key]!, key === "A7" ? "left" : "active");
  for (const key of ["B1", "B2"]) ct[key] = await join(cohortB, entries[key]!);
  ct.B3 = await join(cohortB, entries.A1!); // Alpha Solar is in both cohorts.
  for (const key of ["B4", "B5"]) ct[key] = await join(cohortB, entries[key]!);
  await t.db
    .insertInto("mentor_assignments")
    .values({ cohort_team_id: ct.A1!, mentor_id: mentor.id, assigned_by: organiser.id, created_at: NOW.toISOString() })
    .execute();

  // Cohort A, quarterly in USD. Only Q2 has a THB rate.
  await rate(cohortA, "2026-Q2", "THB", 0.03);
  // prettier-ignore
  {
    await checkin(ct.A1!, "2026-Q1", { revenue: [1000, "USD"], funding: [2000, "THB"], counts: [4, 2, 10, 2, 0], mentor: "on_track" });
    await checkin(ct.A2!, "2026-Q1", { revenue: [30000, "THB"], funding: [0, "USD"], counts: [3, 1, 5, 1, 1] });
    await checkin(ct.A3!, "2026-Q1", { revenue: [500, "USD"], funding: [1000, "USD"], counts: [2, 0, 1, 0, 0], mentor: "needs_attention" });
    await checkin(ct.A4!, "2026-Q1", { revenue: [200, "USD"], funding: [300, "USD"], counts: [5, 4, 2, 1, 0] });
    await checkin(ct.A5!, "2026-Q1", { revenue: [0, "USD"], funding: [0, "USD"], counts: [1, 0, 0, 0, 0] });
    await checkin(ct.A1!, "2026-Q2", { revenue: [1500, "USD"], funding: [500, "USD"], counts: [5, 3, 12, 1, 1], mentor: "at_risk" });
    await checkin(ct.A2!, "2026-Q2", { revenue: [20000, "THB"], funding: [1000, "THB"], counts: [3, 2, 6, 0, 0], mentor: "on_track" });
    await checkin(ct.A4!, "2026-Q2", { revenue: [400, "USD"], funding: [0, "USD"], counts: [6, 4, 3, 1, 0] });
    await checkin(ct.A5!, "2026-Q2", { revenue: [100, "USD"], funding: [5000, "USD"], counts: [2, 1, 1, 1, 1] });
    await checkin(ct.A3!, "2026-Q3", { revenue: [700, "USD"], funding: [100, "USD"], counts: [3, 1, 2, 1, 1] });
    await checkin(ct.A4!, "2026-Q3", { revenue: [600, "USD"], funding: [200, "USD"], counts: [6, 5, 4, 0, 0] });
    // A draft is not a report: never in a figure, and the period stays overdue.
    await checkin(ct.A5!, "2026-Q3", { revenue: [99999, "USD"], funding: [99999, "USD"], counts: [99, 9, 99, 99, 99], draft: true });

    // Cohort B, monthly in SGD. Only August has a USD rate.
    await rate(cohortB, "2026-08", "USD", 1.35);
    await checkin(ct.B1!, "2026-08", { revenue: [1000, "SGD"], funding: [0, "SGD"], counts: [2, 1, 1, 1, 0] });
    await checkin(ct.B2!, "2026-08", { revenue: [100, "USD"], funding: [200, "USD"], counts: [3, 1, 2, 2, 1], mentor: "on_track" });
    await checkin(ct.B3!, "2026-08", { revenue: [0, "SGD"], funding: [10000, "SGD"], counts: [7, 4, 15, 2, 0] });
    await checkin(ct.B1!, "2026-09", { revenue: [50, "USD"], funding: [0, "SGD"], counts: [2, 1, 1, 0, 0], mentor: "at_risk" });
  }

  await milestone(ct.A1!, "mvp", "done");
  await milestone(ct.A1!, "first_customer", "done");
  await milestone(ct.A2!, "mvp", "in_progress");
  await milestone(ct.A2!, "first_customer", "dropped");
  await milestone(ct.A3!, "mvp", "done");
  await milestone(ct.A3!, null, "planned");
  await milestone(ct.A4!, "mvp", "done");
  await milestone(ct.A5!, "mvp", "planned");
});

afterEach(() => t.cleanup());

const ctxOf = (user: User | null) => makeCtx(t.db, user, { now: NOW });

async function dashboardOf(cohortId: number, user: User = organiser) {
  const result = await cohortDashboard(await ctxOf(user), contestId, cohortId);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe("the dashboard", () => {
  it("computes the KPIs per period from submitted check-ins, leaving out figures without a rate", async () => {
    const d = await dashboardOf(cohortA);
    expect(d.cohort).toMatchObject({ name: { en: "Cohort 2026" }, reportingCurrency: "USD", cadence: "quarterly" });
    expect(d.otherCohorts).toEqual([{ id: cohortB, name: { en: "Autumn sprint" } }]);
    expect([d.teamCount, d.activeTeamCount]).toEqual([7, 6]);
    expect(d.kpis).toEqual([
      // Q1: Bamboo's THB revenue and Alpha's THB funding have no Q1 rate.
      {
        period: "2026-Q1",
        teamsReporting: 5,
        revenue: { total: 1700, median: 350, teams: 4, missingRate: 1 },
        funding: { total: 1300, median: 150, teams: 4, missingRate: 1 },
        cumulativeFunding: 1300,
        employees: 15,
        womenEmployees: 7,
        womenShare: 7 / 15,
        customers: 18,
        jobsCreated: 4,
        ipFiled: 1,
      },
      // Q2: 20000 THB × 0.03 = 600 revenue, 1000 THB × 0.03 = 30 funding.
      {
        period: "2026-Q2",
        teamsReporting: 4,
        revenue: { total: 2600, median: 500, teams: 4, missingRate: 0 },
        funding: { total: 5530, median: 265, teams: 4, missingRate: 0 },
        cumulativeFunding: 6830,
        employees: 16,
        womenEmployees: 10,
        womenShare: 10 / 16,
        customers: 22,
        jobsCreated: 3,
        ipFiled: 2,
      },
      // Q3: Echo Farms' draft does not count.
      {
        period: "2026-Q3",
        teamsReporting: 2,
        revenue: { total: 1300, median: 650, teams: 2, missingRate: 0 },
        funding: { total: 300, median: 150, teams: 2, missingRate: 0 },
        cumulativeFunding: 7130,
        employees: 9,
        womenEmployees: 6,
        womenShare: 6 / 9,
        customers: 6,
        jobsCreated: 1,
        ipFiled: 1,
      },
    ]);
    expect(d.missingRates).toEqual([{ period: "2026-Q1", currency: "THB", figures: 2 }]);
    expect(d.missingRateCount).toBe(2);
  });

  it("breaks the cohort down by country, track and founders' gender", async () => {
    const d = await dashboardOf(cohortA);
    expect(d.byCountry.map((g) => g.key)).toEqual(["SG", "TH", "VN"]);
    expect(d.byCountry[0]).toEqual({
      key: "SG",
      teams: 4,
      teamsReporting: 3,
      revenue: { value: 3800, teams: 3, missingRate: 0 },
      funding: { value: 6600, teams: 3, missingRate: 1 },
      jobsCreated: { value: 5, teams: 3 },
      ipFiled: { value: 3, teams: 3 },
      employees: { value: 10, teams: 3 },
      womenEmployees: { value: 5, teams: 3 },
      womenShare: 0.5,
      customers: { value: 15, teams: 3 },
      foundersWomen: 4,
      foundersMen: 6,
      foundersOther: 0,
    });
    expect(d.byCountry[1]).toMatchObject({ key: "TH", teams: 2, teamsReporting: 1, revenue: { value: 600, missingRate: 1 } });
    expect(d.total).toMatchObject({
      teams: 7,
      teamsReporting: 5,
      revenue: { value: 5600, teams: 5, missingRate: 1 },
      funding: { value: 7130, teams: 5, missingRate: 1 },
      jobsCreated: { value: 8, teams: 5 },
      ipFiled: { value: 4, teams: 5 },
      employees: { value: 19, teams: 5 },
      womenEmployees: { value: 12, teams: 5 },
    });
    expect(d.byTrack.map((g) => [g.name, g.teams, g.revenue.value])).toEqual([
      [{ en: "Clean energy" }, 4, 3800],
      [{ en: "Health" }, 3, 1800],
    ]);
    expect(d.byGender.map((g) => [g.key, g.teams, g.funding.value, g.foundersWomen, g.foundersMen, g.foundersOther])).toEqual([
      ["not_women_led", 5, 6130, 2, 8, 0],
      ["women_led", 2, 1000, 3, 1, 1],
    ]);
  });

  it("rates milestone completion and lists the teams at risk and the overdue check-ins", async () => {
    const d = await dashboardOf(cohortA);
    expect(d.milestones.byKey).toEqual([
      { key: "mvp", name: { en: "MVP launched" }, done: 3, counted: 5, rate: 0.6, teams: 5 },
      { key: "first_customer", name: { en: "First paying customer" }, done: 1, counted: 1, rate: 1, teams: 1 },
      { key: null, name: null, done: 0, counted: 1, rate: 0, teams: 1 },
    ]);
    expect(d.milestones.overall).toEqual({ key: null, done: 4, counted: 7, rate: 4 / 7, teams: 5 });
    // Alpha: at risk in Q2. Coral: needs attention in Q1. Fern: three check-ins missing.
    // Granite Works left the cohort and owes nothing.
    expect(d.atRisk).toEqual([
      {
        cohortTeamId: ct.A1,
        teamName: "Alpha Solar",
        code: "T-A1",
        latest: { period: "2026-Q2", status: "at_risk" },
        overdue: ["2026-Q3"],
        reasons: ["mentor_status"],
      },
      {
        cohortTeamId: ct.A3,
        teamName: "Coral Grid",
        code: "T-A3",
        latest: { period: "2026-Q1", status: "needs_attention" },
        overdue: ["2026-Q2"],
        reasons: ["mentor_status"],
      },
      {
        cohortTeamId: ct.A6,
        teamName: "Fern Labs",
        code: "T-A6",
        latest: null,
        overdue: ["2026-Q1", "2026-Q2", "2026-Q3"],
        reasons: ["overdue"],
      },
    ]);
    expect(d.overdue.map((o) => [o.teamName, o.period, o.dueOn])).toEqual([
      ["Fern Labs", "2026-Q1", "2026-04-10"],
      ["Coral Grid", "2026-Q2", "2026-07-10"],
      ["Fern Labs", "2026-Q2", "2026-07-10"],
      ["Alpha Solar", "2026-Q3", "2026-10-10"],
      ["Bamboo Health", "2026-Q3", "2026-10-10"],
      ["Echo Farms", "2026-Q3", "2026-10-10"],
      ["Fern Labs", "2026-Q3", "2026-10-10"],
    ]);
  });

  it("keeps each cohort to its own teams, currency and rates", async () => {
    const d = await dashboardOf(cohortB);
    expect(d.cohort.reportingCurrency).toBe("SGD");
    expect(d.teamCount).toBe(5);
    // August: 1000 SGD + 100 USD × 1.35 + 0 SGD; September's USD revenue has no rate.
    expect(d.kpis.map((k) => [k.period, k.teamsReporting, k.revenue, k.funding.total, k.cumulativeFunding])).toEqual([
      ["2026-08", 3, { total: 1135, median: 135, teams: 3, missingRate: 0 }, 10270, 10270],
      ["2026-09", 1, { total: 0, median: null, teams: 0, missingRate: 1 }, 0, 10270],
      ["2026-10", 0, { total: 0, median: null, teams: 0, missingRate: 0 }, 0, 10270],
    ]);
    expect(d.missingRates).toEqual([{ period: "2026-09", currency: "USD", figures: 1 }]);
    expect(d.atRisk.map((r) => [r.teamName, r.reasons])).toEqual([
      ["Gecko Robotics", ["mentor_status"]],
      ["Island Foods", ["overdue"]],
      ["Jade Textiles", ["overdue"]],
      ["Harbor AI", ["overdue"]],
      ["Alpha Solar", ["overdue"]],
    ]);
  });

  it("is for the contest's organisers only; a cohort of another contest does not exist here", async () => {
    const elsewhere = await makeUser(t.db);
    const other = await makeContest(t.db);
    await grantRole(t.db, other.id, elsewhere.id, "organiser");
    for (const user of [mentor, founder, judge, elsewhere, null]) {
      expect(await cohortDashboard(await ctxOf(user), contestId, cohortA)).toEqual({ ok: false, error: { code: "forbidden" } });
    }
    const otherOrganiser = await makeCtx(t.db, elsewhere, { now: NOW });
    expect(await cohortDashboard(otherOrganiser, other.id, cohortA)).toEqual({ ok: false, error: { code: "not_found" } });
  });
});

async function readAll(body: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const viewer = { language: "en" as const, t: getFixedT("en", "common") };

async function download(request: DashboardExportRequest, cohortId = cohortA) {
  const result = await exportDashboard(await ctxOf(organiser), contestId, cohortId, request, viewer);
  if (!result.ok) throw new Error(result.error.code);
  return { ...result.value, bytes: await readAll(result.value.body) };
}

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString("utf8").slice(1));
}

async function sheetCells(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: true });
  let xml = "";
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName === "xl/worksheets/sheet1.xml")
      xml = (await readAll(await zip.openReadStreamPromise(entry))).toString("utf8");
  }
  expect(xml).not.toBe("");
  const cells = new Map<string, string>();
  for (const [, ref, inner = ""] of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
    const value = /<v>(.*?)<\/v>/.exec(inner) ?? /<t[^>]*>(.*?)<\/t>/.exec(inner);
    if (value) cells.set(ref!, value[1]!.replace(/&amp;/g, "&"));
  }
  return cells;
}

describe("the downloads", () => {
  it("writes the KPIs per period as CSV, blanks where nobody reported", async () => {
    const file = await download({ what: "kpis", format: "csv" });
    expect(file.filename).toBe(`${SLUG}-cohort-${cohortA}-kpis-2026-11-24.csv`);
    expect(file.rows).toBe(3);
    const [heading, ...rows] = csvRows(file.bytes);
    expect(heading).toEqual([
      "Period",
      "Period name",
      "Teams reporting",
      "Total revenue (USD)",
      "Median revenue (USD)",
      "Revenue figures without a rate",
      "Funding raised (USD)",
      "Median funding (USD)",
      "Funding figures without a rate",
      "Funding raised to date (USD)",
      "Employees",
      "Women employees",
      "Women among employees (%)",
      "Customers",
      "Jobs created",
      "IP filed",
    ]);
    expect(rows).toEqual([
      // prettier-ignore
      ["2026-Q1", periodLabel("2026-Q1", "en"), "5", "1700", "350", "1", "1300", "150", "1", "1300", "15", "7", "46.7", "18", "4", "1"],
      // prettier-ignore
      ["2026-Q2", periodLabel("2026-Q2", "en"), "4", "2600", "500", "0", "5530", "265", "0", "6830", "16", "10", "62.5", "22", "3", "2"],
      // prettier-ignore
      ["2026-Q3", periodLabel("2026-Q3", "en"), "2", "1300", "650", "0", "300", "150", "0", "7130", "9", "6", "66.7", "6", "1", "1"],
    ]);
    const monthly = csvRows((await download({ what: "kpis", format: "csv" }, cohortB)).bytes);
    // October: nobody reported — no figure, not a zero; the running total carries on.
    expect(monthly[3]).toEqual(["2026-10", "October 2026", "0", "", "", "0", "", "", "0", "10270", "", "", "", "", "", ""]);
  });

  it("writes one row per team and period: as reported, converted when a rate exists, and the check-in's state", async () => {
    const file = await download({ what: "teams", format: "csv" });
    expect(file.rows).toBe(21);
    const [heading, ...rows] = csvRows(file.bytes);
    expect(heading).toEqual([
      "Team",
      "Entry code",
      "Country or region",
      "Track",
      "Period",
      "Check-in",
      "Submitted at (UTC)",
      "Revenue",
      "Revenue currency",
      "Revenue (USD)",
      "Funding raised",
      "Funding currency",
      "Funding raised (USD)",
      "Employees",
      "Women employees",
      "Customers",
      "Jobs created",
      "IP filed",
      "Mentor's status",
    ]);
    const row = (team: string, period: string) => rows.find((r) => r[0] === team && r[4] === period);
    expect(rows.map((r) => r[0])).toEqual(TEAM_NAMES.slice(0, 7).flatMap((name) => [name, name, name]));
    // prettier-ignore
    expect(row("Alpha Solar", "2026-Q1")).toEqual(["Alpha Solar", "T-A1", "Singapore", "Clean energy", "2026-Q1", "Submitted", "2026-10-01T00:00:00.000Z", "1000", "USD", "1000", "2000", "THB", "", "4", "2", "10", "2", "0", "On track"]);
    // prettier-ignore
    expect(row("Bamboo Health", "2026-Q2")).toEqual(["Bamboo Health", "T-A2", "Thailand", "Health", "2026-Q2", "Submitted", "2026-10-01T00:00:00.000Z", "20000", "THB", "600", "1000", "THB", "30", "3", "2", "6", "0", "0", "On track"]);
    expect(row("Bamboo Health", "2026-Q1")!.slice(7, 13)).toEqual(["30000", "THB", "", "0", "USD", "0"]);
    // The draft is neither shown nor counted as filed.
    expect(row("Echo Farms", "2026-Q3")!.slice(5, 19)).toEqual(["Overdue", ...Array(13).fill("")]);
    expect(row("Fern Labs", "2026-Q1")![5]).toBe("Overdue");
    expect(row("Granite Works", "2026-Q1")![5]).toBe("Not expected");
  });

  it("writes the same values to XLSX, numbers as numbers", async () => {
    const kpis = await download({ what: "kpis", format: "xlsx" });
    expect(kpis.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const cells = await sheetCells(kpis.bytes);
    expect(["A1", "D1", "J1"].map((r) => cells.get(r))).toEqual([
      "Period",
      "Total revenue (USD)",
      "Funding raised to date (USD)",
    ]);
    expect(["A2", "C2", "D2", "E2", "F2", "J2", "M2"].map((r) => cells.get(r))).toEqual([
      "2026-Q1",
      "5",
      "1700",
      "350",
      "1",
      "1300",
      "46.7",
    ]);
    expect(["A4", "J4"].map((r) => cells.get(r))).toEqual(["2026-Q3", "7130"]);
    expect(cells.has("A5")).toBe(false);
    const teams = await sheetCells((await download({ what: "teams", format: "xlsx" })).bytes);
    expect(["A2", "E2", "F2", "H2", "J2", "L2", "S2"].map((r) => teams.get(r))).toEqual([
      "Alpha Solar",
      "2026-Q1",
      "Submitted",
      "1000",
      "1000",
      "THB",
      "On track",
    ]);
    expect(teams.has("A22")).toBe(true);
    expect(teams.has("A23")).toBe(false);
  });

  it("audits each download, and refuses a mentor, a team member and a judge without a trace", async () => {
    await download({ what: "kpis", format: "xlsx" });
    await download({ what: "teams", format: "csv" });
    for (const user of [mentor, founder, judge, null]) {
      const result = await exportDashboard(await ctxOf(user), contestId, cohortA, { what: "kpis", format: "csv" }, viewer);
      expect(result).toEqual({ ok: false, error: { code: "forbidden" } });
    }
    const events = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "cohort.dashboard_exported")
      .orderBy("id")
      .execute();
    expect(events.map((e) => [e.actor_user_id, e.subject_type, e.subject_id, e.contest_id, JSON.parse(e.after_json!)])).toEqual([
      [organiser.id, "cohort", String(cohortA), contestId, { what: "kpis", format: "xlsx", rows: 3 }],
      [organiser.id, "cohort", String(cohortA), contestId, { what: "teams", format: "csv", rows: 21 }],
    ]);
  });
});

async function cookieFor(user: User): Promise<string> {
  const session = await createSession(t.db, user.id, new Date());
  return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
}

interface RouteModule {
  loader: (args: never) => Promise<unknown>;
  default: ComponentType;
}

/** GET `url` through one route module: its loader, then (unless it threw) its page. */
async function visit(route: RouteModule, pattern: string, url: string, as: User | null = null) {
  const headers = new Headers();
  if (as) headers.set("Cookie", await cookieFor(as));
  const handler = createStaticHandler([{ id: "page", path: pattern, loader: route.loader as never, Component: route.default }]);
  const context = await handler.query(new Request(`${BASE}${url}`, { headers }), { requestContext: loadContext });
  if (context instanceof Response)
    return { status: context.status, location: context.headers.get("Location"), html: "", data: null };
  if (context.errors) return { status: context.statusCode, location: null, html: "", data: null };
  const i18n = await createRenderI18n("en");
  const html = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }),
    ),
  );
  return { status: context.statusCode, location: null, html, data: context.loaderData.page as unknown };
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the pages", () => {
  const dashboardUrl = () => `/manage/${contestId}/cohorts/${cohortA}/dashboard`;
  const dashboardPage = (as: User | null) =>
    visit(dashboardRoute, "/manage/:contestId/cohorts/:cohortId/dashboard", dashboardUrl(), as);

  it("renders the dashboard for organisers: charts as labelled images with their tables, links to the teams", async () => {
    const page = await dashboardPage(organiser);
    expect(page.status).toBe(200);
    const { html } = page;
    // Every chart is one image named by its heading and described by its table.
    const charts = [
      ...html.matchAll(/<svg viewBox="[^"]+" width="100%" role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/g),
    ];
    expect(charts.length).toBe(8);
    for (const [, title, table] of charts) {
      expect(html).toContain(`id="${title}"`);
      expect(html).toContain(`<table id="${table}"`);
    }
    expect(html).not.toMatch(/ style="/);
    const words = text(html);
    expect(words).toContain("Impact dashboard: Cohort 2026");
    expect(words).toContain("2 money figures have no exchange rate to USD");
    expect(html).toContain(`href="/manage/${contestId}/cohorts/${cohortA}/rates"`);
    expect(html).toContain(`href="/incubation/${ct.A1}"`);
    expect(words).toContain("Alpha Solar T-A1 At risk");
    expect(html).toContain(`href="/manage/${contestId}/cohorts/${cohortA}/dashboard/export?what=teams&amp;format=xlsx"`);
    expect(html).toContain(`href="/manage/${contestId}/cohorts/${cohortB}/dashboard"`);
  });

  it("refuses the dashboard and its files to a mentor, a team member and a judge", async () => {
    for (const user of [mentor, founder, judge]) expect((await dashboardPage(user)).status).toBe(403);
    expect((await dashboardPage(null)).status).toBe(302);
    const get = async (user: User, query: string) => {
      const request = new Request(`${BASE}${dashboardUrl()}/export${query}`, { headers: { Cookie: await cookieFor(user) } });
      try {
        return (await exportLoader({
          request,
          context: loadContext,
          params: { contestId: String(contestId), cohortId: String(cohortA) },
        })) as Response;
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    for (const user of [mentor, founder, judge]) expect((await get(user, "?what=kpis&format=csv")).status).toBe(403);
    const good = await get(organiser, "?what=teams&format=csv");
    expect(good.status).toBe(200);
    expect(good.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="mekong-impact-cohort-\d+-teams-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(csvRows(Buffer.from(await good.arrayBuffer()))[1]![0]).toBe("Alpha Solar");
    for (const query of ["", "?what=all&format=csv", "?what=kpis&format=pdf"]) {
      const bad = await get(organiser, query);
      expect(bad.status, query).toBe(400);
      expect(await bad.text()).toBe("This download link is not valid: ask for the KPIs or the teams, as CSV or XLSX.");
    }
  });

  it("shows the public summary with no figure over fewer than 5 teams and no team's name", async () => {
    const page = await visit(impactRoute, "/contests/:slug/impact", `/contests/${SLUG}/impact`);
    expect(page.status).toBe(200);
    const words = text(page.html);
    for (const name of TEAM_NAMES) expect(words).not.toContain(name);
    expect(words).not.toMatch(/T-[AB]\d/);
    // 11 teams (Alpha Solar once, though in both cohorts).
    expect(words).toContain("Teams incubated 11");
    // USD: 5 teams of the quarterly cohort. SGD: 3 teams of the monthly one — hidden.
    expect(words).toContain("Funding raised (USD) $7,130");
    expect(words).toContain("Funding raised (SGD) fewer than 5 teams");
    expect(words).toContain("Jobs created 13");
    // Women 15 of 26 employees, each team's latest headcount (Alpha's from its later cohort).
    expect(words).toContain("Women among employees 57.7%");
    expect(words).toContain("Patents and other IP filed 5");
    expect(words).toContain("Milestones completed 57.1%");
    // Singapore has 6 teams; Malaysia 1, Thailand 2 and Vietnam 2 are hidden (together 5).
    expect(words).toContain("Singapore 6 fewer than 5 teams fewer than 5 teams fewer than 5 teams");
    expect(words).toContain("Malaysia fewer than 5 teams");
    expect(words).toContain("Clean energy 5 fewer than 5 teams");
    expect(words).toContain("Health 6 fewer than 5 teams");
  });

  it("suppresses in the data too, whatever the page makes of it", async () => {
    const result = await publicImpact(await ctxOf(null), SLUG);
    if (!result.ok) throw new Error(result.error.code);
    const { summary } = result.value;
    const small = { value: null, suppressed: true, reason: "small" };
    expect(summary.byCountry.groups.map((g) => [g.key, g.teams])).toEqual([
      ["MY", small],
      ["SG", { value: 6, suppressed: false }],
      ["TH", small],
      ["VN", small],
    ]);
    // Jobs by country rest on 1, 4, 1 and 1 reporting teams: all hidden, the total (7 teams) shown.
    expect(summary.byCountry.groups.every((g) => g.jobsCreated.suppressed)).toBe(true);
    expect(summary.byCountry.total.jobsCreated).toEqual({ value: 13, suppressed: false });
    expect(JSON.stringify(result.value)).not.toMatch(/Alpha|Bamboo|Gecko|T-A1/);
  });

  it("is public only for a visible contest with a cohort, and the contest page links to it", async () => {
    const contestPage = await visit(contestRoute, "/contests/:slug", `/contests/${SLUG}`);
    expect(contestPage.html).toContain(`href="/contests/${SLUG}/impact"`);
    await t.db.updateTable("contests").set({ state: "draft" }).where("id", "=", contestId).execute();
    expect((await visit(impactRoute, "/contests/:slug/impact", `/contests/${SLUG}/impact`, organiser)).status).toBe(404);
    await t.db.updateTable("contests").set({ state: "running" }).where("id", "=", contestId).execute();
    await t.db.deleteFrom("cohorts").where("contest_id", "=", contestId).execute();
    expect((await visit(impactRoute, "/contests/:slug/impact", `/contests/${SLUG}/impact`)).status).toBe(404);
    expect((await visit(contestRoute, "/contests/:slug", `/contests/${SLUG}`)).html).not.toContain("/impact");
  });
});
