// The judges' pages as Remix calls them: the organisers' judges page (guards, one invitation, a CSV
// that is all or nothing), the invitation link, the judge's onboarding (agreement before teams,
// conflicts), and a round's assignments page.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as loginAction } from "#app/routes/login";
import { action as judgesAction, loader as judgesLoader } from "#app/routes/manage.$contestId.judges";
import { action as invitationAction, loader as invitationLoader } from "#app/routes/judge-invitations.$token";
import { action as onboardingAction, loader as onboardingLoader } from "#app/routes/judging.$contestId._index";
import {
  action as assignmentsAction,
  loader as assignmentsLoader,
} from "#app/routes/manage.$contestId.rounds.$roundId_.assignments";
import { JUDGE_CSV_MAX_KB } from "#app/forms/judges";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let healthTrack: number;

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const BASE = "http://localhost:3999";

function post(path: string, fields: Record<string, string | string[]>, cookie: string) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
  });
}

function postCsv(path: string, csv: string, cookie: string) {
  const form = new FormData();
  form.set("intent", "csv");
  form.set("csv", new File([csv], "judges.csv", { type: "text/csv" }));
  return new Request(`${BASE}${path}`, { method: "POST", body: form, headers: { Origin: BASE, Cookie: cookie } });
}

const get = (path: string, cookie?: string) => new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

async function signIn(user: User): Promise<string> {
  const response = (await loginAction({
    request: new Request(`${BASE}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    }),
    context,
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))!
    .split(";")[0]!;
}

/** What a guard threw (a Response), or a failure when nothing was thrown. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the route to throw a Response");
}

type Reply<T> = { data: T; init: { status: number } | null };

const judgesPath = () => `/manage/${contestId}/judges`;
const judgesParams = () => ({ contestId: String(contestId) });

async function invitationMails() {
  return t.db.selectFrom("outbox_messages").selectAll().where("kind", "=", "judge_invitation").orderBy("id").execute();
}

async function tokenFor(email: string): Promise<string> {
  const mail = (await invitationMails()).filter((m) => m.to_address === email).at(-1)!;
  return /\/judge-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
}

/** A judge through the real pages: invited by the organiser, then accepting the emailed link. */
async function acceptedJudge(email = "lan.judge@gmail.com") {
  const organiserCookie = await signIn(organiser);
  const invited = (await judgesAction({
    request: post(
      judgesPath(),
      { intent: "invite", email, name: "Lan", country: "VN", trackIds: String(healthTrack) },
      organiserCookie,
    ),
    context,
    params: judgesParams(),
  })) as Response;
  expect(invited.status).toBe(302);
  const judge = await makeUser(t.db, { email });
  const cookie = await signIn(judge);
  const token = await tokenFor(email);
  const accepted = (await invitationAction({
    request: post(`/judge-invitations/${token}`, { answer: "accept" }, cookie),
    context,
    params: { token },
  })) as Response;
  expect(accepted.status).toBe(302);
  expect(accepted.headers.get("Location")).toBe(`/judging/${contestId}`);
  // Accepting starts a new session (a new role): the answer carries its cookie.
  const fresh = accepted.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))!
    .split(";")[0]!;
  expect(fresh).not.toBe(cookie);
  return { judge, cookie: fresh };
}

async function registeredTeam(name: string, organisation: string | null = null) {
  const lead = await makeUser(t.db);
  const team = await insertTeam(t.db, { name, organisation, country: "TH" });
  await insertMember(t.db, team.id, lead.id, "lead");
  const entry = await insertEntry(t.db, { contestId, teamId: team.id, trackId: healthTrack });
  return { lead, team, entry };
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { email: "organiser@contest.example" });
  const contest = await makeContest(t.db);
  contestId = contest.id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  healthTrack = (await insertTrack(t.db, contestId, { en: "Health", "zh-CN": "健康" })).id;
  await insertTrack(t.db, contestId, { en: "Agritech" });
  const at = new Date().toISOString();
  roundId = (
    await t.db
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: 1,
        name_i18n: JSON.stringify({ en: "Preliminary" }),
        submission_opens_at: null,
        submission_closes_at: null,
        review_opens_at: null,
        review_closes_at: null,
        blind_review: 1,
        judges_per_entry: 2,
        rubric_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

afterEach(async () => {
  await t.cleanup();
});

describe("the organisers' judges page", () => {
  it("is refused to a founder and to a judge of the contest, and sends strangers to sign in", async () => {
    const { lead } = await registeredTeam("Padi Sense");
    const founderCookie = await signIn(lead);
    expect(
      (await thrown(judgesLoader({ request: get(judgesPath(), founderCookie), context, params: judgesParams() }))).status,
    ).toBe(403);
    const { cookie: judgeCookie } = await acceptedJudge();
    expect(
      (await thrown(judgesLoader({ request: get(judgesPath(), judgeCookie), context, params: judgesParams() }))).status,
    ).toBe(403);
    const refused = await thrown(
      judgesAction({
        request: post(judgesPath(), { intent: "invite", email: "sneaky@gmail.com" }, judgeCookie),
        context,
        params: judgesParams(),
      }),
    );
    expect(refused.status).toBe(403);
    expect((await invitationMails()).map((m) => m.to_address)).toEqual(["lan.judge@gmail.com"]);
    const anonymous = await thrown(judgesLoader({ request: get(judgesPath()), context, params: judgesParams() }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(judgesPath())}`);
  });

  it("lists judges with agreement, conflicts and load, and the pending invitations", async () => {
    await acceptedJudge();
    const cookie = await signIn(organiser);
    await judgesAction({
      request: post(judgesPath(), { intent: "invite", email: "pending@gmail.com", organisation: "Acme" }, cookie),
      context,
      params: judgesParams(),
    });
    const page = await judgesLoader({ request: get(judgesPath(), cookie), context, params: judgesParams() });
    expect(page.judges).toEqual([
      expect.objectContaining({
        email: "lan.judge@gmail.com",
        country: "VN",
        trackIds: [healthTrack],
        signed: false,
        status: "active",
        conflicts: { declared: 0, detected: 0 },
        assigned: 0,
      }),
    ]);
    expect(page.invitations.map((i) => [i.email, i.organisation])).toEqual([["pending@gmail.com", "Acme"]]);
  });

  it("re-renders a bad single invitation with the field's error and sends nothing", async () => {
    const cookie = await signIn(organiser);
    const reply = (await judgesAction({
      request: post(judgesPath(), { intent: "invite", email: "not an email", country: "ZZ", languages: "xx" }, cookie),
      context,
      params: judgesParams(),
    })) as unknown as Reply<{ result: { error: Record<string, string[]> } }>;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.result.error.email).toEqual(["email_invalid"]);
    expect(reply.data.result.error.country).toEqual(["invalid_choice"]);
    expect(await invitationMails()).toHaveLength(0);
  });

  it("invites nobody from a CSV with a bad line, and names every bad line", async () => {
    const cookie = await signIn(organiser);
    const csv = [
      "email,name,organisation,country,tracks,languages",
      "good@gmail.com,Good,,SG,Health,en",
      "not-an-email,Bad,,SG,,",
      "other@gmail.com,Other,,SG,Space,",
    ].join("\n");
    const reply = (await judgesAction({
      request: postCsv(judgesPath(), csv, cookie),
      context,
      params: judgesParams(),
    })) as unknown as Reply<{
      intent: string;
      lines: Array<{ line: number; message: string }>;
      result: { error: Record<string, string[]> };
    }>;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.intent).toBe("csv");
    expect(reply.data.lines).toEqual([
      { line: 3, message: "csv_bad_email" },
      { line: 4, message: "csv_bad_track?value=Space" },
    ]);
    expect(reply.data.result.error[""]).toEqual(["csv_invalid"]);
    expect(await invitationMails()).toHaveLength(0);
    expect(await t.db.selectFrom("judge_invitations").selectAll().execute()).toHaveLength(0);
  });

  it("refuses a CSV file over the size limit and one that is not UTF-8", async () => {
    const cookie = await signIn(organiser);
    const big = `email\n${"x".repeat(JUDGE_CSV_MAX_KB * 1024)}@gmail.com\n`;
    const tooBig = (await judgesAction({
      request: postCsv(judgesPath(), big, cookie),
      context,
      params: judgesParams(),
    })) as unknown as Reply<{ result: { error: Record<string, string[]> } }>;
    expect(tooBig.init?.status).toBe(413);
    expect(tooBig.data.result.error.csv).toEqual([`csv_too_large?max=${JUDGE_CSV_MAX_KB}`]);
    const form = new FormData();
    form.set("intent", "csv");
    // "email\nlí@…" in Latin-1: the byte 0xED alone is not UTF-8.
    form.set("csv", new File([new Uint8Array([...Buffer.from("email\nl"), 0xed, ...Buffer.from("@gmail.com\n")])], "j.csv"));
    const latin1 = (await judgesAction({
      request: new Request(`${BASE}${judgesPath()}`, { method: "POST", body: form, headers: { Origin: BASE, Cookie: cookie } }),
      context,
      params: judgesParams(),
    })) as unknown as Reply<{ result: { error: Record<string, string[]> } }>;
    expect(latin1.init?.status).toBe(400);
    expect(latin1.data.result.error.csv).toEqual(["csv_not_utf8"]);
    expect(await invitationMails()).toHaveLength(0);
  });

  it("sends an invitation mail to everyone in a good CSV, with tracks by name or number", async () => {
    const cookie = await signIn(organiser);
    const csv = [
      "\uFEFFEmail,Name,Organisation,Country,Tracks,Languages",
      "somchai@gmail.com,Somchai,Chao Phraya Angels,TH,健康;2,th;en",
      '"siti@gmail.com","Siti, PhD",,ID,,',
    ].join("\r\n");
    const response = (await judgesAction({
      request: postCsv(judgesPath(), csv, cookie),
      context,
      params: judgesParams(),
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(judgesPath());
    const mails = await invitationMails();
    expect(mails.map((m) => m.to_address).sort()).toEqual(["siti@gmail.com", "somchai@gmail.com"]);
    expect(mails.every((m) => m.text_body.includes("/judge-invitations/"))).toBe(true);
    const invitations = await t.db.selectFrom("judge_invitations").selectAll().orderBy("email").execute();
    expect(invitations.map((i) => [i.email, i.name, JSON.parse(i.track_ids_json), JSON.parse(i.languages_json)])).toEqual([
      ["siti@gmail.com", "Siti, PhD", [], []],
      ["somchai@gmail.com", "Somchai", [healthTrack, healthTrack + 1], ["th", "en"]],
    ]);
  });

  it("revokes a pending invitation so its link stops working", async () => {
    const cookie = await signIn(organiser);
    await judgesAction({
      request: post(judgesPath(), { intent: "invite", email: "late@gmail.com" }, cookie),
      context,
      params: judgesParams(),
    });
    const token = await tokenFor("late@gmail.com");
    const [invitation] = await t.db.selectFrom("judge_invitations").select("id").execute();
    const revoked = (await judgesAction({
      request: post(judgesPath(), { intent: "revoke", invitationId: String(invitation!.id) }, cookie),
      context,
      params: judgesParams(),
    })) as Response;
    expect(revoked.status).toBe(302);
    const page = (await invitationLoader({
      request: get(`/judge-invitations/${token}`),
      context,
      params: { token },
    })) as unknown as Reply<{
      problem: string;
    }>;
    expect(page.init?.status).toBe(400);
    expect(page.data.problem).toBe("invitation_revoked");
  });
});

describe("the invitation link", () => {
  it("shows the invitation to a visitor, and refuses an answer from another account", async () => {
    const cookie = await signIn(organiser);
    await judgesAction({
      request: post(judgesPath(), { intent: "invite", email: "wanted@gmail.com" }, cookie),
      context,
      params: judgesParams(),
    });
    const token = await tokenFor("wanted@gmail.com");
    const page = (await invitationLoader({ request: get(`/judge-invitations/${token}`), context, params: { token } })) as {
      invitation: { email: string; contestId: number };
      signedInAs: string | null;
    };
    expect(page.invitation).toMatchObject({ email: "wanted@gmail.com", contestId });
    expect(page.signedInAs).toBeNull();
    const other = await makeUser(t.db, { email: "someone.else@gmail.com" });
    const reply = (await invitationAction({
      request: post(`/judge-invitations/${token}`, { answer: "accept" }, await signIn(other)),
      context,
      params: { token },
    })) as unknown as Reply<{ message: string }>;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.message).toBe("invitation_for_other_email");
    expect(await t.db.selectFrom("contest_roles").selectAll().where("user_id", "=", other.id).execute()).toHaveLength(0);
  });
});

describe("the judge's onboarding page", () => {
  it("shows no team before the agreement is signed, the teams after, and saves a declared conflict", async () => {
    const padi = await registeredTeam("Padi Sense", "Universiti Utara Malaysia");
    const medi = await registeredTeam("MediBridge");
    const { judge, cookie } = await acceptedJudge();
    const path = `/judging/${contestId}`;
    const params = { contestId: String(contestId) };

    const before = await onboardingLoader({ request: get(path, cookie), context, params });
    expect(before.signed).toBe(false);
    expect(before.teams).toEqual([]);
    expect(before.agreement).toEqual({ version: 1, text: expect.stringContaining("confidential") });

    const early = (await onboardingAction({
      request: post(path, { intent: "conflicts", entryIds: String(padi.entry.id) }, cookie),
      context,
      params,
    })) as unknown as Reply<{ message: string }>;
    expect(early.init?.status).toBe(400);
    expect(early.data.message).toBe("agreement_required");

    const unticked = (await onboardingAction({
      request: post(path, { intent: "sign", version: "1" }, cookie),
      context,
      params,
    })) as unknown as Reply<{ result: { error: Record<string, string[]> } }>;
    expect(unticked.init?.status).toBe(400);
    expect(unticked.data.result.error.accept).toEqual(["must_accept"]);
    expect(await t.db.selectFrom("agreement_acceptances").selectAll().execute()).toHaveLength(0);

    const signed = (await onboardingAction({
      request: post(path, { intent: "sign", version: "1", accept: "on" }, cookie),
      context,
      params,
    })) as Response;
    expect(signed.status).toBe(302);
    expect(signed.headers.get("Location")).toBe(path);

    const after = await onboardingLoader({ request: get(path, cookie), context, params });
    expect(after.signed).toBe(true);
    expect(after.teams.map((team) => team.name).sort()).toEqual(["MediBridge", "Padi Sense"]);
    // Only what a judge may know before assignment: no members, no answers, no entry code.
    expect(Object.keys(after.teams[0]!).sort()).toEqual(["country", "declared", "detected", "entryId", "name", "organisation"]);

    const declared = (await onboardingAction({
      request: post(path, { intent: "conflicts", entryIds: String(medi.entry.id) }, cookie),
      context,
      params,
    })) as Response;
    expect(declared.status).toBe(302);
    const conflicts = await t.db.selectFrom("conflicts").selectAll().where("user_id", "=", judge.id).execute();
    expect(conflicts.map((c) => [c.entry_id, c.source])).toEqual([[medi.entry.id, "declared"]]);
    const shown = await onboardingLoader({ request: get(path, cookie), context, params });
    expect(shown.teams.find((team) => team.entryId === medi.entry.id)?.declared).toBe(true);
    expect(shown.teams.find((team) => team.entryId === padi.entry.id)?.declared).toBe(false);
  });

  it("is not found for someone who does not judge the contest", async () => {
    const { lead } = await registeredTeam("Padi Sense");
    const response = await thrown(
      onboardingLoader({
        request: get(`/judging/${contestId}`, await signIn(lead)),
        context,
        params: { contestId: String(contestId) },
      }),
    );
    expect(response.status).toBe(404);
  });
});

describe("a round's assignments page", () => {
  const path = () => `/manage/${contestId}/rounds/${roundId}/assignments`;
  const params = () => ({ contestId: String(contestId), roundId: String(roundId) });

  it("is refused to a judge, and says plainly when there is nobody to assign", async () => {
    await registeredTeam("Padi Sense");
    const { cookie: judgeCookie } = await acceptedJudge();
    expect((await thrown(assignmentsLoader({ request: get(path(), judgeCookie), context, params: params() }))).status).toBe(403);
    await t.db.updateTable("judge_profiles").set({ status: "withdrawn" }).execute();
    const cookie = await signIn(organiser);
    const reply = (await assignmentsAction({
      request: post(path(), { intent: "assign", mode: "fill", seed: "7" }, cookie),
      context,
      params: params(),
    })) as { outcome: { added: number; problems: Array<{ code: string }> } };
    expect(reply.outcome.added).toBe(0);
    expect(reply.outcome.problems).toEqual([{ code: "no_judges" }]);
  });

  it("assigns automatically, reports a short track, and lets an organiser remove and add a judge by hand", async () => {
    const { entry } = await registeredTeam("Padi Sense");
    const { judge } = await acceptedJudge("first@gmail.com");
    const cookie = await signIn(organiser);
    const reply = (await assignmentsAction({
      request: post(path(), { intent: "assign", mode: "fill", seed: "1" }, cookie),
      context,
      params: params(),
    })) as { outcome: { added: number; problems: Array<{ code: string; trackId?: number; eligible?: number }> } };
    expect(reply.outcome.added).toBe(1);
    expect(reply.outcome.problems).toContainEqual(
      expect.objectContaining({ code: "too_few_eligible", trackId: healthTrack, eligible: 1 }),
    );

    const page = await assignmentsLoader({ request: get(`${path()}?track=${healthTrack}`, cookie), context, params: params() });
    expect(page.page.rows).toHaveLength(1);
    const [row] = page.page.rows;
    expect(row!.judges).toEqual([expect.objectContaining({ judgeId: judge.id, reviewStatus: "not_started" })]);
    expect(row!.candidates).toEqual([]);

    const removed = (await assignmentsAction({
      request: post(
        `${path()}?track=${healthTrack}`,
        { intent: "remove", assignmentId: String(row!.judges[0]!.assignmentId) },
        cookie,
      ),
      context,
      params: params(),
    })) as Response;
    expect(removed.status).toBe(302);
    expect(removed.headers.get("Location")).toBe(`${path()}?track=${healthTrack}`);
    expect(await t.db.selectFrom("assignments").selectAll().execute()).toHaveLength(0);

    const added = (await assignmentsAction({
      request: post(path(), { intent: "add", entryId: String(entry.id), judgeId: String(judge.id) }, cookie),
      context,
      params: params(),
    })) as Response;
    expect(added.status).toBe(302);
    const twice = (await assignmentsAction({
      request: post(path(), { intent: "add", entryId: String(entry.id), judgeId: String(judge.id) }, cookie),
      context,
      params: params(),
    })) as unknown as Reply<{ entryId: number; message: string }>;
    expect(twice.init?.status).toBe(400);
    expect(twice.data).toMatchObject({ entryId: entry.id, message: "already_assigned" });
    const rows = await t.db.selectFrom("assignments").select(["entry_id", "judge_id", "source"]).execute();
    expect(rows).toEqual([{ entry_id: entry.id, judge_id: judge.id, source: "manual" }]);
  });

  it("keeps its filters in the URL, replaces a judge in one step, and reminds judges by email", async () => {
    const { entry } = await registeredTeam("Padi Sense");
    const { entry: other } = await registeredTeam("Mekong Water Labs");
    const { judge: first } = await acceptedJudge("first@gmail.com");
    const { judge: second } = await acceptedJudge("second@gmail.com");
    const cookie = await signIn(organiser);
    for (const target of [entry, other]) {
      const added = (await assignmentsAction({
        request: post(path(), { intent: "add", entryId: String(target.id), judgeId: String(first.id) }, cookie),
        context,
        params: params(),
      })) as Response;
      expect(added.status).toBe(302);
    }

    const query = `?track=${healthTrack}&judge=${first.id}&status=not_started&code=${encodeURIComponent(entry.code)}`;
    const { page } = await assignmentsLoader({ request: get(`${path()}${query}`, cookie), context, params: params() });
    expect(page).toMatchObject({ trackId: healthTrack, judgeId: first.id, status: "not_started", code: entry.code, total: 1 });
    expect(page.rows.map((r) => r.code)).toEqual([entry.code]);
    const [row] = page.rows;
    expect(row).toMatchObject({ assigned: 1, submitted: 0 });
    expect(row!.candidates.map((c) => c.id)).toEqual([second.id]);
    const lenient = await assignmentsLoader({
      request: get(`${path()}?status=everything&judge=abc`, cookie),
      context,
      params: params(),
    });
    expect(lenient.page).toMatchObject({ status: null, judgeId: null, total: 2 });

    const assignmentId = String(row!.judges[0]!.assignmentId);
    const refused = (await assignmentsAction({
      request: post(`${path()}${query}`, { intent: "replace", assignmentId, judgeId: String(organiser.id) }, cookie),
      context,
      params: params(),
    })) as unknown as Reply<{ intent: string; assignmentId: number; message: string }>;
    expect(refused.init?.status).toBe(400);
    expect(refused.data).toEqual({ intent: "replace", assignmentId: Number(assignmentId), message: "judge_not_active" });
    const replaced = (await assignmentsAction({
      request: post(`${path()}${query}`, { intent: "replace", assignmentId, judgeId: String(second.id) }, cookie),
      context,
      params: params(),
    })) as Response;
    expect(replaced.status).toBe(302);
    expect(replaced.headers.get("Location")).toBe(`${path()}${query}`);
    const rows = await t.db.selectFrom("assignments").select(["entry_id", "judge_id"]).orderBy("entry_id").execute();
    expect(rows).toEqual([
      { entry_id: entry.id, judge_id: second.id },
      { entry_id: other.id, judge_id: first.id },
    ]);

    const reminded = (await assignmentsAction({
      request: post(path(), { intent: "remind" }, cookie),
      context,
      params: params(),
    })) as Response;
    expect(reminded.status).toBe(302);
    const mails = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("kind", "=", "review_reminder")
      .orderBy("to_address")
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(["first@gmail.com", "second@gmail.com"]);
    expect(mails[0]!.text_body).toContain(other.code);
    expect(mails[1]!.text_body).toContain(entry.code);
    for (const mail of mails) expect(mail.subject + mail.text_body + mail.html_body).not.toMatch(/Padi Sense|Mekong Water/);

    const one = (await assignmentsAction({
      request: post(path(), { intent: "remind", judgeId: String(second.id) }, cookie),
      context,
      params: params(),
    })) as Response;
    expect(one.status).toBe(302);
    const events = await t.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("action", "=", "round.reminders_sent")
      .execute();
    expect(events.map((e) => JSON.parse(e.after_json!).judgeIds)).toEqual([
      [first.id, second.id].sort((a, b) => a - b),
      [second.id],
    ]);

    await t.db.updateTable("rounds").set({ review_closes_at: "2020-01-01T00:00:00.000Z" }).execute();
    const closed = (await assignmentsAction({
      request: post(path(), { intent: "remind" }, cookie),
      context,
      params: params(),
    })) as unknown as Reply<{ message: string }>;
    expect(closed.init?.status).toBe(400);
    expect(closed.data.message).toBe("review_closed");
  });
});
