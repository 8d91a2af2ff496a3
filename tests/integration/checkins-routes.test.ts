// The check-in pages called as Remix calls them, on today's date: who gets a page and who gets "not
// found" or the sign-in page; the team's form posted with bad values re-renders with field errors
// and changes nothing; a good one redirects; a file goes up as multipart and comes down only for
// those allowed; the organisers' rates page saves rates and sends due reminders.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dateIn } from "#app/domain/periods";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import { action as loginAction } from "#app/routes/login";
import { loader as listLoader } from "#app/routes/incubation.$cohortTeamId_.checkins._index";
import { action as periodAction, loader as periodLoader } from "#app/routes/incubation.$cohortTeamId_.checkins.$period";
import { loader as downloadLoader } from "#app/routes/incubation.$cohortTeamId_.checkins.attachments.$attachmentId";
import { action as ratesAction, loader as ratesLoader } from "#app/routes/manage.$contestId.cohorts.$cohortId_.rates";
import { JPEG, setupCohort } from "#tests/support/checkins";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makePdf } from "#tests/support/documents";
import { TEST_PASSWORD } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let f: Awaited<ReturnType<typeof setupCohort>>;
/** This month in the contest's zone: its period is open today. */
let current: string;
let future: string;

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3999";
const cookies = new Map<number, string>();

function post(url: string, fields: Record<string, string>, cookie: string) {
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
  });
}

async function cookieOf(user: User | null): Promise<string> {
  if (!user) return "";
  const known = cookies.get(user.id);
  if (known) return known;
  const response = (await loginAction({
    request: post("/login", { email: user.email, password: TEST_PASSWORD }, ""),
    context,
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))!
    .split(";")[0]!;
  cookies.set(user.id, cookie);
  return cookie;
}

/** What a loader or action threw (a Response) or returned, with its status. */
async function outcome(run: () => Promise<unknown>): Promise<{ status: number; value: unknown }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, value };
    const reply = value as { init?: { status?: number }; data?: unknown } | null;
    if (reply && typeof reply === "object" && "init" in reply && "data" in reply)
      return { status: reply.init?.status ?? 200, value: reply.data };
    return { status: 200, value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, value: thrown };
    throw thrown;
  }
}

const get = async (url: string, user: User | null) => new Request(`${BASE}${url}`, { headers: { Cookie: await cookieOf(user) } });
const pageUrl = (period = current) => `/incubation/${f.ctA}/checkins/${period}`;
const periodParams = (period = current) => ({ cohortTeamId: String(f.ctA), period });

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  cookies.clear();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-checkin-routes-"));
  setStorage(createLocalStorage(dir));
  const today = dateIn("Asia/Shanghai", new Date());
  const year = Number(today.slice(0, 4));
  f = await setupCohort(t.db, { startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31` });
  current = today.slice(0, 7);
  const month = Number(today.slice(5, 7));
  future = month <= 10 ? `${year}-${String(month + 2).padStart(2, "0")}` : `${year + 1}-0${month - 10}`;
});
afterEach(async () => {
  setStorage(undefined);
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the check-in pages", () => {
  it("are shown to the team, its mentor and organisers; not found for others; sign-in for anonymous", async () => {
    for (const user of [f.lead, f.mentor, f.organiser]) {
      const list = await outcome(async () =>
        listLoader({
          request: await get(`/incubation/${f.ctA}/checkins`, user),
          context,
          params: { cohortTeamId: String(f.ctA) },
        }),
      );
      expect(list.status).toBe(200);
      const page = await outcome(async () =>
        periodLoader({ request: await get(pageUrl(), user), context, params: periodParams() }),
      );
      expect(page.status).toBe(200);
      expect(page.value).toMatchObject({ page: { period: { key: current, state: "open" } } });
    }
    for (const user of [f.stranger, f.otherMentor, f.judge]) {
      const list = await outcome(async () =>
        listLoader({
          request: await get(`/incubation/${f.ctA}/checkins`, user),
          context,
          params: { cohortTeamId: String(f.ctA) },
        }),
      );
      expect(list.status).toBe(404);
      const page = await outcome(async () =>
        periodLoader({ request: await get(pageUrl(), user), context, params: periodParams() }),
      );
      expect(page.status).toBe(404);
    }
    const anonymous = await outcome(async () =>
      periodLoader({ request: await get(pageUrl(), null), context, params: periodParams() }),
    );
    expect(anonymous.status).toBe(302);
    expect((anonymous.value as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const unknownPeriod = await outcome(async () =>
      periodLoader({ request: await get(pageUrl("1999-01"), f.lead), context, params: periodParams("1999-01") }),
    );
    expect(unknownPeriod.status).toBe(404);
  });

  it("re-renders the team's form with field errors and changes nothing, then saves a good one", async () => {
    const cookie = await cookieOf(f.lead);
    const send = (fields: Record<string, string>, period = current) =>
      outcome(() => periodAction({ request: post(pageUrl(period), fields, cookie), context, params: periodParams(period) }));
    const good = {
      intent: "submit",
      version: "0",
      revenue: "1250.50",
      revenueCurrency: "SGD",
      funding: "0",
      fundingCurrency: "SGD",
      employees: "4",
      womenEmployees: "2",
      customers: "9",
      jobsCreated: "1",
      ipFiled: "0",
      wentWell: "First enterprise customer.",
      blockers: "",
      "milestones[0].id": String(f.m1),
      "milestones[0].status": "in_progress",
      "milestones[0].note": "Beta with 3 users",
    };
    const before = await snapshot(t.db);
    const bad = await send({ ...good, employees: "-1", womenEmployees: "7", revenueCurrency: "XYZ", customers: "many" });
    expect(bad.status).toBe(400);
    expect(bad.value).toMatchObject({
      intent: "checkin",
      result: {
        error: {
          employees: ["number_too_small?min=0"],
          revenueCurrency: ["checkin_currency_unknown"],
          customers: ["not_a_number"],
        },
      },
    });
    const noCurrency = await send({ ...good, revenueCurrency: "" });
    expect(noCurrency.value).toMatchObject({ result: { error: { revenueCurrency: ["checkin_currency_required"] } } });
    const women = await send({ ...good, womenEmployees: "5" });
    expect(women.value).toMatchObject({ result: { error: { womenEmployees: ["checkin_women_above_employees"] } } });
    const notOpen = await send(good, future);
    expect(notOpen.status).toBe(400);
    expect(notOpen.value).toMatchObject({ result: { error: { "": ["checkin_period_not_open"] } } });
    expect(await snapshot(t.db)).toEqual(before);

    const saved = await send(good);
    expect(saved.status).toBe(302);
    expect((saved.value as Response).headers.get("Location")).toBe(pageUrl());
    const row = await t.db.selectFrom("checkins").selectAll().where("cohort_team_id", "=", f.ctA).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "submitted", revenue: 1250.5, revenue_currency: "SGD", employees: 4, blockers: null });

    // The same version again is stale now.
    const stale = await send(good);
    expect(stale.status).toBe(409);
    expect(stale.value).toMatchObject({ result: { error: { "": ["changed_by_someone_else"] } } });

    // A mentor cannot post the team's form; their own assessment works.
    const mentorCookie = await cookieOf(f.mentor);
    const asMentor = await outcome(() =>
      periodAction({ request: post(pageUrl(), { ...good, version: "1" }, mentorCookie), context, params: periodParams() }),
    );
    expect(asMentor.value).toMatchObject({ result: { error: { "": ["forbidden"] } } });
    const assessed = await outcome(() =>
      periodAction({
        request: post(
          pageUrl(),
          { intent: "review", mentorStatus: "at_risk", mentorNote: "Runway under 3 months" },
          mentorCookie,
        ),
        context,
        params: periodParams(),
      }),
    );
    expect(assessed.status).toBe(302);
    const noStatus = await outcome(() =>
      periodAction({
        request: post(pageUrl(), { intent: "review", mentorStatus: "" }, mentorCookie),
        context,
        params: periodParams(),
      }),
    );
    expect(noStatus.value).toMatchObject({ intent: "review", result: { error: { mentorStatus: ["required"] } } });
    expect(await t.db.selectFrom("checkins").select(["mentor_status", "mentor_id"]).executeTakeFirstOrThrow()).toEqual({
      mentor_status: "at_risk",
      mentor_id: f.mentor.id,
    });
    // Another team posting to this team's page: not found.
    const strangerCookie = await cookieOf(f.stranger);
    const foreign = await outcome(() =>
      periodAction({ request: post(pageUrl(), { ...good, version: "1" }, strangerCookie), context, params: periodParams() }),
    );
    expect(foreign.status).toBe(404);
  });

  it("takes a file as multipart, refuses a fake one, and lets only those allowed download it", async () => {
    const cookie = await cookieOf(f.lead);
    const upload = (name: string, data: Uint8Array, type: string) => {
      const form = new FormData();
      form.set("intent", "upload");
      form.set("file", new File([new Uint8Array(data)], name, { type }));
      return outcome(() =>
        periodAction({
          request: new Request(`${BASE}${pageUrl()}`, { method: "POST", body: form, headers: { Origin: BASE, Cookie: cookie } }),
          context,
          params: periodParams(),
        }),
      );
    };
    const before = await snapshot(t.db);
    const fake = await upload("photo.jpg", Buffer.from("<html>not a photo</html>"), "image/jpeg");
    expect(fake).toMatchObject({ status: 400, value: { intent: "upload", message: "checkin_attachment_type" } });
    expect(await snapshot(t.db)).toEqual(before);

    expect((await upload("site.jpg", JPEG, "image/jpeg")).status).toBe(302);
    const pdf = makePdf(1);
    expect((await upload("traction.pdf", pdf, "application/pdf")).status).toBe(302);
    const rows = await t.db.selectFrom("checkin_attachments").select(["id", "file_name"]).orderBy("id").execute();
    expect(rows.map((r) => r.file_name)).toEqual(["site.jpg", "traction.pdf"]);

    const download = async (user: User | null, id = rows[1]!.id, cohortTeamId = f.ctA) =>
      outcome(async () =>
        downloadLoader({
          request: await get(`/incubation/${cohortTeamId}/checkins/attachments/${id}`, user),
          context,
          params: { cohortTeamId: String(cohortTeamId), attachmentId: String(id) },
        }),
      );
    const mine = await download(f.member);
    expect(mine.status).toBe(200);
    const response = mine.value as Response;
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="traction.pdf"; filename*=UTF-8''traction.pdf`,
    );
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
    // A draft's files are the team's own.
    for (const user of [f.mentor, f.organiser, f.stranger, f.judge, f.otherMentor])
      expect((await download(user)).status, user.name).toBe(404);
    expect((await download(f.stranger, rows[1]!.id, f.ctB)).status).toBe(404);
    expect((await download(null)).status).toBe(302);
  });
});

describe("the rates page", () => {
  const ratesUrl = () => `/manage/${f.contest.id}/cohorts/${f.cohortId}/rates`;
  const ratesParams = () => ({ contestId: String(f.contest.id), cohortId: String(f.cohortId) });

  it("is for organisers only, saves a period's rates with field errors for bad ones, and sends due reminders", async () => {
    for (const user of [f.mentor, f.lead, f.judge]) {
      const denied = await outcome(async () =>
        ratesLoader({ request: await get(ratesUrl(), user), context, params: ratesParams() }),
      );
      expect(denied.status, user.name).toBe(403);
    }
    const page = await outcome(async () =>
      ratesLoader({ request: await get(ratesUrl(), f.organiser), context, params: ratesParams() }),
    );
    expect(page.status).toBe(200);
    expect(page.value).toMatchObject({ page: { cohort: { reportingCurrency: "USD" }, missing: [] } });

    const cookie = await cookieOf(f.organiser);
    const send = (fields: Record<string, string>) =>
      outcome(() => ratesAction({ request: post(ratesUrl(), fields, cookie), context, params: ratesParams() }));
    const before = await snapshot(t.db);
    const bad = await send({ intent: "rates", period: current, newCurrency: "THB", newRate: "0" });
    expect(bad).toMatchObject({
      status: 400,
      value: { intent: "rates", period: current, result: { error: { newRate: ["checkin_rate_not_positive"] } } },
    });
    const reporting = await send({ intent: "rates", period: current, newCurrency: "USD", newRate: "1" });
    expect(reporting.value).toMatchObject({ result: { error: { newCurrency: ["checkin_rate_reporting"] } } });
    expect(await snapshot(t.db)).toEqual(before);

    const saved = await send({ intent: "rates", period: current, newCurrency: "THB", newRate: "0.0285" });
    expect(saved.status).toBe(302);
    expect(await t.db.selectFrom("exchange_rates").select(["period", "currency", "rate", "set_by"]).execute()).toEqual([
      { period: current, currency: "THB", rate: 0.0285, set_by: f.organiser.id },
    ]);
    const updated = await send({ intent: "rates", period: current, "rates[0].currency": "THB", "rates[0].rate": "0.029" });
    expect(updated.status).toBe(302);
    expect((await t.db.selectFrom("exchange_rates").select("rate").executeTakeFirstOrThrow()).rate).toBe(0.029);

    const reminded = await send({ intent: "remind" });
    expect(reminded.status).toBe(302);
    // Whatever today is, the reminders sent are exactly the steps recorded, to every member of each team.
    const steps = await t.db.selectFrom("checkin_reminders").select("cohort_team_id").execute();
    const mails = await t.db.selectFrom("outbox_messages").select("id").where("kind", "=", "checkin_reminder").execute();
    const perTeam = { [f.ctA]: 2, [f.ctB]: 1 } as Record<number, number>;
    expect(mails).toHaveLength(steps.reduce((n, s) => n + perTeam[s.cohort_team_id]!, 0));
    expect(steps.length).toBeGreaterThan(0);

    // A mentor posting to the organisers' page is turned away before anything happens.
    const mentorCookie = await cookieOf(f.mentor);
    const forbidden = await outcome(() =>
      ratesAction({ request: post(ratesUrl(), { intent: "remind" }, mentorCookie), context, params: ratesParams() }),
    );
    expect(forbidden.status).toBe(403);
  });
});
