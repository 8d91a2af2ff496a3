// Support requests: who sees and changes them (the team, its mentors, the mentor a request is routed
// to, the organisers; nobody else), each bad input refused with nothing changed, the emails to the
// routed mentor and to the team in their own languages, the whole life of a request, and the three
// pages called as Remix calls them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as teamAction, loader as teamLoader } from "#app/routes/incubation.$cohortTeamId_.support";
import { action as queueAction, loader as queueLoader } from "#app/routes/manage.$contestId.cohorts_.$cohortId_.support";
import { action as mentorAction, loader as mentorLoader } from "#app/routes/mentoring_.support";
import {
  addUpdate,
  closeRequest,
  createSupportRequest,
  markInProgress,
  mentorSupport,
  reopenRequest,
  routeToMentor,
  routeToPartner,
  supportQueue,
  teamSupport,
} from "#app/services/support.server";
import type { ServiceContext } from "#app/services/context.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertMember, insertTeamWithEntry, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import type { Language, User } from "#db/schema";
import { outcome, signInCookie as cookieOf } from "#tests/support/routes";

let t: TestDb;
let contestId: number;
let cohortId: number;
/** Cohort teams: GreenLoop (A) and Coral Watch (B). */
let teamA: number;
let teamB: number;
let organiser: User;
let leadA: User;
let memberA: User;
let leadB: User;
let mentorA: User;
let mentorOther: User;
let judge: User;
let stranger: User;

const DETAILS = "We need an introduction to seed investors in Singapore for our pilot.";
const as = (user: User | null, at = new Date()) => makeCtx(t.db, user, { now: at });

async function user(name: string, language: Language = "en") {
  return makeUser(t.db, { name, language, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.org` });
}

async function cohortTeam(entryId: number) {
  const row = await t.db
    .insertInto("cohort_teams")
    .values({ cohort_id: cohortId, entry_id: entryId, joined_at: new Date().toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ask(ctx: ServiceContext, cohortTeamId = teamA, input: Record<string, unknown> = {}) {
  const result = await createSupportRequest(ctx, cohortTeamId, { kind: "investor_intro", details: DETAILS, ...input } as never);
  if (!result.ok) throw new Error(`could not ask: ${result.error.code}`);
  return result.value.id;
}

const row = (id: number) => t.db.selectFrom("support_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const outbox = () => t.db.selectFrom("outbox_messages").selectAll().orderBy("id").execute();
const auditActions = () =>
  t.db
    .selectFrom("audit_events")
    .select(["action", "actor_user_id as actor"])
    .where("action", "like", "support.%")
    .orderBy("id")
    .execute();

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  contestId = (await makeContest(t.db)).id;
  const trackId = (await insertTrack(t.db, contestId)).id;
  organiser = await user("Olivia Organiser");
  leadA = await user("Ana Lead");
  memberA = await user("Wei Member", "zh-CN");
  leadB = await user("Budi Lead", "id");
  mentorA = await user("Somchai Mentor", "th");
  mentorOther = await user("Lan Mentor", "vi");
  judge = await user("Jules Judge");
  stranger = await user("Sam Stranger");
  await grantRole(t.db, contestId, organiser.id, "organiser");
  await grantRole(t.db, contestId, mentorA.id, "mentor");
  await grantRole(t.db, contestId, mentorOther.id, "mentor");
  await grantRole(t.db, contestId, judge.id, "judge");

  const a = await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0427", team: { name: "GreenLoop Energy" } });
  const b = await insertTeamWithEntry(t.db, { contestId, trackId, code: "T-0500", team: { name: "Coral Watch" } });
  await insertMember(t.db, a.team.id, leadA.id, "lead");
  await insertMember(t.db, a.team.id, memberA.id, "member");
  await insertMember(t.db, b.team.id, leadB.id, "lead");

  const at = new Date().toISOString();
  cohortId = (
    await t.db
      .insertInto("cohorts")
      .values({
        contest_id: contestId,
        name_i18n: JSON.stringify({ en: "Cohort 2027", "zh-CN": "2027 孵化批次" }),
        starts_on: "2027-01-01",
        ends_on: "2027-06-30",
        cadence: "monthly",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  teamA = await cohortTeam(a.entry.id);
  teamB = await cohortTeam(b.entry.id);
  await t.db
    .insertInto("mentor_assignments")
    .values({ cohort_team_id: teamA, mentor_id: mentorA.id, assigned_by: organiser.id, created_at: at })
    .execute();
});
afterEach(async () => {
  await t.cleanup();
});

describe("who sees and changes support requests", () => {
  it("lets the team ask and read; its mentor and the organisers read; another team, a judge, a stranger and nobody see nothing", async () => {
    const id = await ask(await as(leadA), teamA, { kind: "market_entry", country: "VN" });
    expect(await row(id)).toMatchObject({
      cohort_team_id: teamA,
      kind: "market_entry",
      country: "VN",
      details: DETAILS,
      status: "open",
      created_by: leadA.id,
      version: 1,
    });

    for (const reader of [leadA, memberA, mentorA, organiser]) {
      const seen = await teamSupport(await as(reader), teamA);
      expect(seen.ok && seen.value.requests.map((r) => r.id)).toEqual([id]);
    }
    const asMember = await teamSupport(await as(memberA), teamA);
    expect(asMember.ok && asMember.value).toMatchObject({ canRequest: true, organiser: false });
    const asMentor = await teamSupport(await as(mentorA), teamA);
    expect(asMentor.ok && asMentor.value).toMatchObject({ canRequest: false, organiser: false });

    for (const outsider of [leadB, judge, stranger, mentorOther, null]) {
      expect(await teamSupport(await as(outsider), teamA)).toEqual({ ok: false, error: { code: "not_found" } });
    }
    // Team B's own page shows none of A's requests.
    const own = await teamSupport(await as(leadB), teamB);
    expect(own.ok && own.value.requests).toEqual([]);
  });

  it("refuses a request for another team (not found), and from a mentor or an organiser (forbidden), changing nothing", async () => {
    const before = await snapshot(t.db);
    const input = { kind: "legal_ip" as const, details: DETAILS };
    expect(await createSupportRequest(await as(leadB), teamA, input)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await createSupportRequest(await as(judge), teamA, input)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await createSupportRequest(await as(null), teamA, input)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await createSupportRequest(await as(mentorA), teamA, input)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await createSupportRequest(await as(organiser), teamA, input)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await createSupportRequest(await as(leadA), 999_999, input)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("shows an unassigned mentor only the requests routed to them, never the team's others", async () => {
    const routed = await ask(await as(leadA));
    const other = await ask(await as(leadA), teamA, { kind: "legal_ip" });
    const foreign = await ask(await as(leadB), teamB, { kind: "tech_transfer" });
    const org = await as(organiser);
    expect((await routeToMentor(org, routed, { version: 1, mentorId: mentorOther.id })).ok).toBe(true);
    expect((await routeToMentor(org, foreign, { version: 1, mentorId: mentorA.id })).ok).toBe(true);

    const mine = await mentorSupport(await as(mentorOther));
    expect(mine.ok && mine.value.map((r) => r.id)).toEqual([routed]);
    expect(mine.ok && mine.value[0]).toMatchObject({
      code: "T-0427",
      teamName: "GreenLoop Energy",
      details: DETAILS,
      cohortName: { en: "Cohort 2027" },
      contacts: [
        { name: "Ana Lead", email: "ana.lead@example.org", lead: true },
        { name: "Wei Member", email: "wei.member@example.org", lead: false },
      ],
    });
    // The team itself still does not exist for them, and neither does its other request.
    expect(await teamSupport(await as(mentorOther), teamA)).toEqual({ ok: false, error: { code: "not_found" } });
    const before = await snapshot(t.db);
    expect(await addUpdate(await as(mentorOther), other, { note: "Can I help?" })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await closeRequest(await as(mentorOther), other, { version: 1, resolution: "Done" })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(t.db)).toEqual(before);

    // Team A's assigned mentor sees the request routed to them from team B, and A's own on A's page.
    const mentorA_ = await mentorSupport(await as(mentorA));
    expect(mentorA_.ok && mentorA_.value.map((r) => r.id)).toEqual([foreign]);
    // A judge has nothing routed to them.
    const judged = await mentorSupport(await as(judge));
    expect(judged.ok && judged.value).toEqual([]);
  });

  it("keeps routing and reopening with organisers; the team's mentor may read but not act on a request routed elsewhere", async () => {
    const id = await ask(await as(leadA));
    const before = await snapshot(t.db);
    expect(await routeToMentor(await as(mentorA), id, { version: 1, mentorId: mentorA.id })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await routeToPartner(await as(leadA), id, { version: 1, partner: "Mekong Legal LLP" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await markInProgress(await as(mentorA), id, { version: 1 })).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await closeRequest(await as(leadA), id, { version: 1, resolution: "Solved" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await addUpdate(await as(judge), id, { note: "Hello" })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await addUpdate(await as(null), id, { note: "Hello" })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);

    // Routed to them, the mentor may act, but still not reopen.
    expect((await routeToMentor(await as(organiser), id, { version: 1, mentorId: mentorA.id })).ok).toBe(true);
    expect((await closeRequest(await as(mentorA), id, { version: 2, resolution: "Introduced to two funds." })).ok).toBe(true);
    expect(await reopenRequest(await as(mentorA), id, { version: 3 })).toEqual({ ok: false, error: { code: "forbidden" } });
  });

  it("shows the queue to the contest's organisers only, and not a cohort of another contest", async () => {
    expect(await supportQueue(await as(judge), contestId, cohortId, {})).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await supportQueue(await as(mentorA), contestId, cohortId, {})).toEqual({ ok: false, error: { code: "forbidden" } });
    const other = await makeContest(t.db);
    await grantRole(t.db, other.id, organiser.id, "organiser");
    expect(await supportQueue(await as(organiser), other.id, cohortId, {})).toEqual({ ok: false, error: { code: "not_found" } });
  });
});

describe("bad input", () => {
  it("refuses a market entry without a country, short details, an unknown country or kind, each with nothing changed", async () => {
    const ctx = await as(leadA);
    const before = await snapshot(t.db);
    const tries: Array<[Record<string, unknown>, unknown]> = [
      [
        { kind: "market_entry", details: DETAILS },
        { code: "support_country_required", field: "country" },
      ],
      [
        { kind: "investor_intro", details: "Need money soon." },
        { code: "too_short", field: "details", params: { min: 20 } },
      ],
      [
        { kind: "investor_intro", details: "   " + "x".repeat(15) + "   " },
        { code: "too_short", field: "details", params: { min: 20 } },
      ],
      [
        { kind: "investor_intro", details: "x".repeat(2001) },
        { code: "too_long", field: "details", params: { max: 2000 } },
      ],
      [
        { kind: "market_entry", country: "XX", details: DETAILS },
        { code: "invalid_choice", field: "country" },
      ],
      [
        { kind: "pizza", details: DETAILS },
        { code: "invalid_choice", field: "kind" },
      ],
      [{ details: DETAILS }, { code: "required", field: "kind" }],
    ];
    for (const [input, error] of tries) {
      expect(await createSupportRequest(ctx, teamA, input as never), JSON.stringify(input)).toEqual({ ok: false, error });
    }
    expect(await snapshot(t.db)).toEqual(before);

    // A country is optional for the other kinds; details are stored trimmed.
    const id = await ask(ctx, teamA, { kind: "legal_ip", details: `  ${DETAILS}  ` });
    expect(await row(id)).toMatchObject({ kind: "legal_ip", country: null, details: DETAILS });
  });

  it("refuses closing without a resolution, a stale version, a non-mentor, a partner without a name, and steps out of order", async () => {
    const id = await ask(await as(leadA));
    const org = await as(organiser);
    const before = await snapshot(t.db);
    expect(await closeRequest(org, id, { version: 1, resolution: "   " })).toEqual({
      ok: false,
      error: { code: "required", field: "resolution" },
    });
    expect(await closeRequest(org, id, { version: 1 } as never)).toEqual({
      ok: false,
      error: { code: "required", field: "resolution" },
    });
    expect(await routeToMentor(org, id, { version: 1, mentorId: judge.id })).toEqual({
      ok: false,
      error: { code: "support_not_a_mentor", field: "mentorId" },
    });
    expect(await routeToPartner(org, id, { version: 1, partner: " " })).toEqual({
      ok: false,
      error: { code: "required", field: "partner" },
    });
    expect(await reopenRequest(org, id, { version: 1 })).toEqual({ ok: false, error: { code: "support_not_closed" } });
    expect(await snapshot(t.db)).toEqual(before);

    expect((await routeToPartner(org, id, { version: 1, partner: "Mekong Legal LLP" })).ok).toBe(true);
    const moved = await snapshot(t.db);
    // A form still showing version 1 is stale now, whatever it asks.
    expect(await routeToMentor(org, id, { version: 1, mentorId: mentorA.id })).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect(await closeRequest(org, id, { version: 1, resolution: "Done" })).toEqual({
      ok: false,
      error: { code: "changed_by_someone_else" },
    });
    expect(await markInProgress(org, id, { version: 1 })).toEqual({ ok: false, error: { code: "changed_by_someone_else" } });
    expect(await snapshot(t.db)).toEqual(moved);

    expect((await markInProgress(org, id, { version: 2 })).ok).toBe(true);
    expect(await markInProgress(org, id, { version: 3 })).toEqual({ ok: false, error: { code: "support_already_in_progress" } });
    expect((await closeRequest(org, id, { version: 3, resolution: "Mekong Legal reviewed the licence." })).ok).toBe(true);
    const closed = await snapshot(t.db);
    expect(await closeRequest(org, id, { version: 4, resolution: "Again" })).toEqual({
      ok: false,
      error: { code: "support_closed" },
    });
    expect(await routeToMentor(org, id, { version: 4, mentorId: mentorA.id })).toEqual({
      ok: false,
      error: { code: "support_closed" },
    });
    expect(await addUpdate(org, id, { note: "One more thing" })).toEqual({ ok: false, error: { code: "support_closed" } });
    expect(await addUpdate(org, id + 1000, { note: "Nowhere" })).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await snapshot(t.db)).toEqual(closed);
  });
});

describe("emails", () => {
  it("tells the routed mentor in their language, with the link to their page; a partner gets nothing", async () => {
    const id = await ask(await as(leadA), teamA, { kind: "market_entry", country: "TH" });
    await routeToPartner(await as(organiser), id, { version: 1, partner: "Mekong Legal LLP" });
    expect(await outbox()).toEqual([]);

    await routeToMentor(await as(organiser), id, { version: 2, mentorId: mentorA.id });
    const [mail, ...rest] = await outbox();
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({ kind: "support_routed", to_address: mentorA.email, to_name: "Somchai Mentor", language: "th" });
    expect(mail!.subject).toBe("คำขอความช่วยเหลือสำหรับคุณ: การเข้าสู่ตลาดในประเทศอื่น ของ GreenLoop Energy");
    expect(mail!.text_body).toContain("http://localhost:3999/mentoring/support");
    expect(mail!.text_body).toContain("GreenLoop Energy (T-0427)");
  });

  it("tells every team member when the request is closed, each in their language, with the resolution", async () => {
    const id = await ask(await as(memberA), teamA, { kind: "tech_transfer" });
    await closeRequest(await as(organiser), id, { version: 1, resolution: "Matched with the NTU licensing office <TTO>." });
    const mails = await outbox();
    expect(mails.map((m) => [m.kind, m.to_address, m.language])).toEqual([
      ["support_closed", leadA.email, "en"],
      ["support_closed", memberA.email, "zh-CN"],
    ]);
    expect(mails[0]!.subject).toBe("Your support request is closed: Technology transfer");
    expect(mails[1]!.subject).toBe("您的支持请求已关闭：技术转移");
    for (const m of mails) {
      expect(m.text_body).toContain("Matched with the NTU licensing office <TTO>.");
      expect(m.html_body).toContain("&lt;TTO&gt;");
      expect(m.text_body).toContain(`http://localhost:3999/incubation/${teamA}/support`);
    }
  });
});

describe("the life of a request", () => {
  it("goes open → routed → in progress → closed → reopened → closed, with updates, versions and an audit trail", async () => {
    const t0 = new Date("2027-02-01T03:00:00.000Z");
    const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const id = await ask(await as(leadA, t0), teamA, { kind: "market_entry", country: "VN" });

    const org = await as(organiser, later(10));
    expect(await routeToPartner(org, id, { version: 1, partner: "Mekong Legal LLP" })).toEqual({
      ok: true,
      value: { version: 2 },
    });
    expect(await row(id)).toMatchObject({ status: "routed", routed_to_partner: "Mekong Legal LLP", routed_to_mentor_id: null });
    // Rerouted to a mentor of the contest who does not follow this team.
    expect(await routeToMentor(org, id, { version: 2, mentorId: mentorOther.id })).toEqual({ ok: true, value: { version: 3 } });
    expect(await row(id)).toMatchObject({ status: "routed", routed_to_partner: null, routed_to_mentor_id: mentorOther.id });

    const mentor = await as(mentorOther, later(20));
    expect(await markInProgress(mentor, id, { version: 3 })).toEqual({ ok: true, value: { version: 4 } });
    expect((await addUpdate(mentor, id, { note: "Call booked with a distributor in Hanoi." })).ok).toBe(true);
    expect((await addUpdate(await as(organiser, later(25)), id, { note: "Trade office contact shared." })).ok).toBe(true);
    expect(
      await closeRequest(await as(mentorOther, later(30)), id, { version: 4, resolution: "Distributor agreement signed." }),
    ).toEqual({ ok: true, value: { version: 5 } });
    expect(await row(id)).toMatchObject({
      status: "closed",
      resolution: "Distributor agreement signed.",
      closed_at: later(30).toISOString(),
    });

    const seen = await teamSupport(await as(leadA), teamA);
    expect(seen.ok && seen.value.requests[0]).toMatchObject({
      status: "closed",
      routedTo: { type: "mentor", id: mentorOther.id, name: "Lan Mentor" },
      resolution: "Distributor agreement signed.",
      updates: [
        { role: "mentor", authorName: "Lan Mentor", note: "Call booked with a distributor in Hanoi." },
        { role: "organiser", authorName: "Olivia Organiser", note: "Trade office contact shared." },
      ],
    });

    expect(await reopenRequest(await as(organiser, later(40)), id, { version: 5 })).toEqual({ ok: true, value: { version: 6 } });
    expect(await row(id)).toMatchObject({
      status: "routed",
      resolution: null,
      closed_at: null,
      routed_to_mentor_id: mentorOther.id,
    });
    expect(
      (await closeRequest(await as(organiser, later(50)), id, { version: 6, resolution: "Signed; follow-up in Q3." })).ok,
    ).toBe(true);

    expect(await auditActions()).toEqual([
      { action: "support.created", actor: leadA.id },
      { action: "support.routed", actor: organiser.id },
      { action: "support.routed", actor: organiser.id },
      { action: "support.in_progress", actor: mentorOther.id },
      { action: "support.update_added", actor: mentorOther.id },
      { action: "support.update_added", actor: organiser.id },
      { action: "support.closed", actor: mentorOther.id },
      { action: "support.reopened", actor: organiser.id },
      { action: "support.closed", actor: organiser.id },
    ]);
    const reopened = await t.db
      .selectFrom("audit_events")
      .select(["before_json", "after_json"])
      .where("action", "=", "support.reopened")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(reopened.before_json!)).toMatchObject({ status: "closed", resolution: "Distributor agreement signed." });
    expect(JSON.parse(reopened.after_json!)).toMatchObject({ status: "routed", resolution: null });
    // Emails: the mentor once, then the two members at each of the two closings.
    expect((await outbox()).map((m) => m.kind)).toEqual([
      "support_routed",
      "support_closed",
      "support_closed",
      "support_closed",
      "support_closed",
    ]);
  });

  it("lists the cohort's queue with counts, open requests first, filtered by status and kind, with the mentors to route to", async () => {
    const first = await ask(await as(leadA, new Date("2027-02-01T00:00:00Z")));
    const second = await ask(await as(leadB, new Date("2027-02-02T00:00:00Z")), teamB, { kind: "legal_ip" });
    const third = await ask(await as(leadA, new Date("2027-02-03T00:00:00Z")), teamA, { kind: "legal_ip" });
    const org = await as(organiser);
    await closeRequest(org, first, { version: 1, resolution: "Introduced." });
    await routeToPartner(org, third, { version: 1, partner: "Mekong Legal LLP" });

    const all = await supportQueue(org, contestId, cohortId, {});
    expect(all.ok).toBe(true);
    if (!all.ok) return;
    expect(all.value.counts).toEqual({ open: 1, routed: 1, in_progress: 0, closed: 1 });
    expect(all.value.items.map((i) => i.id)).toEqual([second, third, first]);
    const forA = all.value.items.find((i) => i.id === third)!;
    expect(forA.teamMentors).toEqual([{ id: mentorA.id, name: "Somchai Mentor" }]);
    expect(forA.otherMentors).toEqual([{ id: mentorOther.id, name: "Lan Mentor" }]);
    const forB = all.value.items.find((i) => i.id === second)!;
    expect(forB.teamMentors).toEqual([]);
    expect(forB.otherMentors.map((m) => m.id).sort()).toEqual([mentorA.id, mentorOther.id].sort());

    const legal = await supportQueue(org, contestId, cohortId, { kind: "legal_ip" });
    expect(legal.ok && legal.value.items.map((i) => i.id)).toEqual([second, third]);
    const closed = await supportQueue(org, contestId, cohortId, { status: "closed" });
    expect(closed.ok && closed.value.items.map((i) => i.id)).toEqual([first]);
    const none = await supportQueue(org, contestId, cohortId, { status: "in_progress", kind: "legal_ip" });
    expect(none.ok && none.value).toMatchObject({ items: [], total: 3 });
  });
});

// ---- The pages ------------------------------------------------------------------------------------

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3999";

function post(url: string, fields: Record<string, string>, cookie: string) {
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
  });
}
const get = (url: string, cookie: string) => new Request(`${BASE}${url}`, { headers: { Cookie: cookie } });
const teamPage = (id = teamA) => `/incubation/${id}/support`;
const queuePage = () => `/manage/${contestId}/cohorts/${cohortId}/support`;
const queueParams = () => ({ contestId: String(contestId), cohortId: String(cohortId) });
const location = (o: { value: unknown }) => (o.value as Response).headers.get("Location");

describe("the team's support page", () => {
  it("lets a member ask, re-renders bad input with field errors, and hides the team from everyone else", async () => {
    const cookie = await cookieOf(leadA);
    const loaded = await outcome(() =>
      teamLoader({ request: get(teamPage(), cookie), context, params: { cohortTeamId: String(teamA) } }),
    );
    expect(loaded.status).toBe(200);
    expect(loaded.value).toMatchObject({
      support: { canRequest: true, requests: [] },
      title: "Support requests: GreenLoop Energy",
    });
    expect((loaded.value as { countries: unknown[] }).countries.length).toBeGreaterThan(200);

    const before = await snapshot(t.db);
    const bad = await outcome(() =>
      teamAction({
        request: post(teamPage(), { intent: "create", kind: "market_entry", country: "", details: "Too short." }, cookie),
        context,
        params: { cohortTeamId: String(teamA) },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.value).toMatchObject({ result: { error: { details: ["too_short?min=20"] } } });
    // The country rule is checked once the fields themselves are valid.
    const noCountry = await outcome(() =>
      teamAction({
        request: post(teamPage(), { intent: "create", kind: "market_entry", country: "", details: DETAILS }, cookie),
        context,
        params: { cohortTeamId: String(teamA) },
      }),
    );
    expect(noCountry.status).toBe(400);
    expect(noCountry.value).toMatchObject({ result: { error: { country: ["support_country_required"] } } });
    expect(await snapshot(t.db)).toEqual(before);

    const sent = await outcome(() =>
      teamAction({
        request: post(teamPage(), { intent: "create", kind: "market_entry", country: "VN", details: DETAILS }, cookie),
        context,
        params: { cohortTeamId: String(teamA) },
      }),
    );
    expect(sent.status).toBe(302);
    expect(location(sent)).toBe(teamPage());
    expect(await t.db.selectFrom("support_requests").select(["kind", "country"]).execute()).toEqual([
      { kind: "market_entry", country: "VN" },
    ]);

    // Another team's member and an unassigned mentor: no such page, and no way to post to it.
    for (const outsider of [leadB, mentorOther, judge]) {
      const theirs = await cookieOf(outsider);
      const seen = await outcome(() =>
        teamLoader({ request: get(teamPage(), theirs), context, params: { cohortTeamId: String(teamA) } }),
      );
      expect(seen.status).toBe(404);
      const snap = await snapshot(t.db);
      const posted = await outcome(() =>
        teamAction({
          request: post(teamPage(), { intent: "create", kind: "other", details: DETAILS }, theirs),
          context,
          params: { cohortTeamId: String(teamA) },
        }),
      );
      expect(posted.status).toBe(404);
      expect(await snapshot(t.db)).toEqual(snap);
    }
    // Signed out: to the sign-in page.
    const anonymous = await outcome(() =>
      teamLoader({ request: get(teamPage(), ""), context, params: { cohortTeamId: String(teamA) } }),
    );
    expect(anonymous.status).toBe(302);
    expect(location(anonymous)).toBe(`/login?redirectTo=${encodeURIComponent(teamPage())}`);
    // The assigned mentor reads it, without the form.
    const mentorCookie = await cookieOf(mentorA);
    const mentorView = await outcome(() =>
      teamLoader({ request: get(teamPage(), mentorCookie), context, params: { cohortTeamId: String(teamA) } }),
    );
    expect(mentorView.value).toMatchObject({
      support: { canRequest: false, requests: [{ kind: "market_entry" }] },
      countries: [],
    });
  });
});

describe("the organisers' queue page", () => {
  it("routes, closes and reopens through the action, keeps the filter, and refuses bad or stale forms unchanged", async () => {
    const id = await ask(await as(leadA), teamA, { kind: "legal_ip" });
    const cookie = await cookieOf(organiser);
    const judgeCookie = await cookieOf(judge);
    const act = (fields: Record<string, string>, url = queuePage(), as = cookie) =>
      outcome(() =>
        queueAction({ request: post(url, { requestId: String(id), ...fields }, as), context, params: queueParams() }),
      );

    const loaded = await outcome(() =>
      queueLoader({ request: get(`${queuePage()}?status=open&kind=bogus`, cookie), context, params: queueParams() }),
    );
    expect(loaded.status).toBe(200);
    expect(loaded.value).toMatchObject({
      queue: {
        filter: { status: "open" },
        items: [{ id, teamMentors: [{ id: mentorA.id }], otherMentors: [{ id: mentorOther.id }] }],
      },
    });

    const routed = await act(
      { intent: "route-mentor", version: "1", mentorId: String(mentorA.id) },
      `${queuePage()}?kind=legal_ip`,
    );
    expect(routed.status).toBe(302);
    expect(location(routed)).toBe(`${queuePage()}?kind=legal_ip`);
    expect((await outbox()).map((m) => [m.kind, m.to_address])).toEqual([["support_routed", mentorA.email]]);

    const before = await snapshot(t.db);
    const noResolution = await act({ intent: "close", version: "2", resolution: "" });
    expect(noResolution.status).toBe(400);
    expect(noResolution.value).toMatchObject({ intent: "close", requestId: id, result: { error: { resolution: ["required"] } } });
    const stale = await act({ intent: "close", version: "1", resolution: "Done" });
    expect(stale.status).toBe(409);
    expect(stale.value).toMatchObject({ intent: "close", requestId: id, result: { error: { "": ["changed_by_someone_else"] } } });
    const staleStep = await act({ intent: "in-progress", version: "1" });
    expect(staleStep).toEqual({
      status: 409,
      value: { intent: "in-progress", requestId: id, message: "changed_by_someone_else" },
    });
    const notMentor = await act({ intent: "route-mentor", version: "2", mentorId: String(judge.id) });
    expect(notMentor.status).toBe(400);
    expect(notMentor.value).toMatchObject({ result: { error: { mentorId: ["support_not_a_mentor"] } } });
    expect((await act({ intent: "explode" })).status).toBe(400);
    expect((await act({ intent: "close", version: "2", resolution: "Done" }, queuePage(), judgeCookie)).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);

    expect(await act({ intent: "close", version: "2", resolution: "Two IP firms introduced." })).toMatchObject({ status: 302 });
    expect(await act({ intent: "reopen", version: "3" })).toMatchObject({ status: 302 });
    expect(await act({ intent: "note", note: "Waiting for the second firm." })).toMatchObject({ status: 302 });
    expect(await row(id)).toMatchObject({ status: "routed", resolution: null, version: 4 });
    expect(await t.db.selectFrom("support_updates").select(["author_role", "note"]).execute()).toEqual([
      { author_role: "organiser", note: "Waiting for the second firm." },
    ]);
  });

  it("turns away a judge and a mentor of the contest", async () => {
    for (const who of [judge, mentorA]) {
      const whoCookie = await cookieOf(who);
      const seen = await outcome(() => queueLoader({ request: get(queuePage(), whoCookie), context, params: queueParams() }));
      expect(seen.status).toBe(403);
    }
  });
});

describe("the mentor's support page", () => {
  it("lists what is routed to the mentor and lets them mark progress, add an update and close", async () => {
    const id = await ask(await as(leadB), teamB, { kind: "investor_intro" });
    await ask(await as(leadA), teamA, { kind: "legal_ip" });
    await routeToMentor(await as(organiser), id, { version: 1, mentorId: mentorA.id });
    const cookie = await cookieOf(mentorA);
    const otherCookie = await cookieOf(mentorOther);

    const loaded = await outcome(() => mentorLoader({ request: get("/mentoring/support", cookie), context, params: {} }));
    expect(loaded.status).toBe(200);
    expect((loaded.value as { items: Array<{ id: number; teamName: string }> }).items.map((i) => [i.id, i.teamName])).toEqual([
      [id, "Coral Watch"],
    ]);

    const act = (fields: Record<string, string>, as = cookie) =>
      outcome(() =>
        mentorAction({ request: post("/mentoring/support", { requestId: String(id), ...fields }, as), context, params: {} }),
      );
    expect(await act({ intent: "in-progress", version: "2" })).toMatchObject({ status: 302 });
    expect(await act({ intent: "note", note: "" })).toMatchObject({
      status: 400,
      value: { result: { error: { note: ["required"] } } },
    });
    expect(await act({ intent: "note", note: "Met two angels." })).toMatchObject({ status: 302 });
    expect(await act({ intent: "close", version: "3", resolution: "" })).toMatchObject({
      status: 400,
      value: { result: { error: { resolution: ["required"] } } },
    });
    const closed = await act({ intent: "close", version: "3", resolution: "Term sheet from one angel." });
    expect(closed.status).toBe(302);
    expect(location(closed)).toBe("/mentoring/support");
    expect(await row(id)).toMatchObject({ status: "closed", resolution: "Term sheet from one angel." });
    expect((await outbox()).map((m) => [m.kind, m.to_address, m.language])).toEqual([
      ["support_routed", mentorA.email, "th"],
      ["support_closed", leadB.email, "id"],
    ]);

    // Another mentor posting to this request: there is no such request for them.
    const snap = await snapshot(t.db);
    const other = await act({ intent: "note", note: "Me too" }, otherCookie);
    expect(other.status).toBe(404);
    expect(await snapshot(t.db)).toEqual(snap);
  });
});
