// The cohort pages as Remix calls them: creating a cohort (a bad form re-renders with the field's
// error and writes nothing), the cohort page's mentor actions, the invitation link, the mentor's home,
// the team's incubation home (who sees it, who edits milestones), and the header's Mentoring link.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loader as rootLoader } from "#app/root";
import { action as loginAction } from "#app/routes/login";
import { action as cohortsAction, loader as cohortsLoader } from "#app/routes/manage.$contestId.cohorts._index";
import { action as cohortAction, loader as cohortLoader } from "#app/routes/manage.$contestId.cohorts.$cohortId._index";
import { action as homeAction, loader as homeLoader } from "#app/routes/incubation.$cohortTeamId._index";
import { action as invitationAction, loader as invitationLoader } from "#app/routes/mentor-invitations.$token";
import { loader as mentoringLoader } from "#app/routes/mentoring._index";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let founder: User;
let otherFounder: User;
let judge: User;
let contestId: number;
let entryId: number;
let otherEntryId: number;

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
type FormReply = Reply<{ result: { error: Record<string, string[]> } }>;

const cohortsPath = () => `/manage/${contestId}/cohorts`;

const validCohort = (entryIds: string[]) => ({
  "name.en": "Cohort 2027",
  startsOn: "2027-01-01",
  endsOn: "2027-12-31",
  cadence: "quarterly",
  reportingCurrency: "USD",
  dueDays: "10",
  "milestones[0].key": "mvp",
  "milestones[0].name.en": "MVP launched",
  "milestones[1].name.en": "Export licence",
  entryIds,
});

/** Creates a cohort through the page and returns its id and the founder's cohort team id. */
async function createdCohort(cookie: string) {
  const response = (await cohortsAction({
    request: post(cohortsPath(), validCohort([String(entryId), String(otherEntryId)]), cookie),
    context,
    params: { contestId: String(contestId) },
  })) as Response;
  expect(response.status).toBe(302);
  const cohortId = Number(/\/cohorts\/(\d+)$/.exec(response.headers.get("Location")!)![1]);
  const team = await t.db
    .selectFrom("cohort_teams")
    .select("id")
    .where("cohort_id", "=", cohortId)
    .where("entry_id", "=", entryId)
    .executeTakeFirstOrThrow();
  return { cohortId, cohortTeamId: team.id };
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { email: "organiser@contest.example" });
  const contest = await makeContest(t.db);
  contestId = contest.id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  judge = await makeUser(t.db, { email: "judge@judges.example" });
  await grantRole(t.db, contestId, judge.id, "judge");
  const track = await insertTrack(t.db, contestId, { en: "Agritech" });
  founder = await makeUser(t.db, { email: "founder1@teams.example" });
  const team = await insertTeam(t.db, { name: "GreenLoop Energy", country: "VN" });
  await insertMember(t.db, team.id, founder.id, "lead");
  entryId = (await insertEntry(t.db, { contestId, teamId: team.id, trackId: track.id, code: "T-0427" })).id;
  otherFounder = await makeUser(t.db, { email: "founder3@teams.example" });
  const other = await insertTeam(t.db, { name: "Padi Sense", country: "TH" });
  await insertMember(t.db, other.id, otherFounder.id, "lead");
  otherEntryId = (await insertEntry(t.db, { contestId, teamId: other.id, trackId: track.id, code: "T-0430" })).id;
});

afterEach(async () => {
  await t.cleanup();
});

describe("the cohorts page", () => {
  it("is refused to a judge and a founder", async () => {
    for (const user of [judge, founder]) {
      const cookie = await signIn(user);
      const refused = await thrown(
        cohortsLoader({ request: get(cohortsPath(), cookie), context, params: { contestId: String(contestId) } }),
      );
      expect(refused.status).toBe(403);
    }
  });

  it("re-renders a bad cohort with the field's error and writes nothing", async () => {
    const cookie = await signIn(organiser);
    const before = await snapshot(t.db);
    const reply = (await cohortsAction({
      request: post(cohortsPath(), { ...validCohort([String(entryId)]), endsOn: "2026-12-31", reportingCurrency: "ABC" }, cookie),
      context,
      params: { contestId: String(contestId) },
    })) as unknown as FormReply;
    expect(reply.init?.status).toBe(400);
    expect(reply.data.result.error.reportingCurrency).toEqual(["cohort_currency_unknown"]);
    const endOnly = (await cohortsAction({
      request: post(cohortsPath(), { ...validCohort([String(entryId)]), endsOn: "2026-12-31" }, cookie),
      context,
      params: { contestId: String(contestId) },
    })) as unknown as FormReply;
    expect(endOnly.data.result.error.endsOn).toEqual(["cohort_ends_before_start"]);
    const { sessions: _s, ...after } = await snapshot(t.db);
    const { sessions: _b, ...beforeRest } = before;
    expect(after).toEqual(beforeRest);
  });

  it("creates the cohort with its milestone template and goes to its page", async () => {
    const cookie = await signIn(organiser);
    const { cohortId, cohortTeamId } = await createdCohort(cookie);
    const milestones = await t.db
      .selectFrom("milestones")
      .select(["template_key", "title"])
      .where("cohort_team_id", "=", cohortTeamId)
      .orderBy("position")
      .execute();
    expect(milestones).toEqual([
      { template_key: "mvp", title: "MVP launched" },
      { template_key: "custom_1", title: "Export licence" },
    ]);
    const list = await cohortsLoader({ request: get(cohortsPath(), cookie), context, params: { contestId: String(contestId) } });
    expect(list.cohorts.map((c) => [c.id, c.teamCount])).toEqual([[cohortId, 2]]);
  });
});

describe("the cohort page and the invitation link", () => {
  it("invites a mentor, who accepts through the link and finds the team on the mentor's home", async () => {
    const organiserCookie = await signIn(organiser);
    const { cohortId, cohortTeamId } = await createdCohort(organiserCookie);
    const params = { contestId: String(contestId), cohortId: String(cohortId) };
    const path = `${cohortsPath()}/${cohortId}`;
    const invited = (await cohortAction({
      request: post(
        path,
        { intent: "invite", email: "Lan.Mentor@Gmail.com", name: "Lan", cohortTeamIds: String(cohortTeamId) },
        organiserCookie,
      ),
      context,
      params,
    })) as Response;
    expect(invited.status).toBe(302);
    const page = await cohortLoader({ request: get(path, organiserCookie), context, params });
    expect(page.invitations.map((i) => [i.email, i.teamCodes])).toEqual([["lan.mentor@gmail.com", ["T-0427"]]]);

    const mail = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("kind", "=", "mentor_invitation")
      .executeTakeFirstOrThrow();
    const token = /\/mentor-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
    const anonymous = await invitationLoader({ request: get(`/mentor-invitations/${token}`), context, params: { token } });
    expect(anonymous).toMatchObject({ invitation: { email: "lan.mentor@gmail.com", teams: 1 }, signedInAs: null });

    const lan = await makeUser(t.db, { email: "lan.mentor@gmail.com" });
    const lanCookie = await signIn(lan);
    const accepted = (await invitationAction({
      request: post(`/mentor-invitations/${token}`, { answer: "accept" }, lanCookie),
      context,
      params: { token },
    })) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/mentoring");
    // Mentoring is a new role: the old session ends and the answer sets a new one.
    const freshCookie = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith("trellis_session="))!
      .split(";")[0]!;
    expect(freshCookie).not.toBe(lanCookie);
    const home = await mentoringLoader({ request: get("/mentoring", freshCookie), context, params: {} });
    expect(home.teams.map((team) => [team.code, team.teamName, team.overdue])).toEqual([["T-0427", "GreenLoop Energy", 0]]);
    const root = (await rootLoader({ request: get("/", freshCookie), context, params: {} })) as unknown as Reply<{
      user: { mentoringHref: string | null };
    }>;
    expect(root.data.user.mentoringHref).toBe("/mentoring");

    const again = (await invitationAction({
      request: post(`/mentor-invitations/${token}`, { answer: "accept" }, freshCookie),
      context,
      params: { token },
    })) as unknown as Reply<{ message: string }>;
    expect(again.init?.status).toBe(400);
    expect(again.data.message).toBe("token_used");
  });

  it("assigns and unassigns an existing mentor, and reports a missing choice", async () => {
    const mentor = await makeUser(t.db, { email: "mentor1@mentors.example" });
    await grantRole(t.db, contestId, mentor.id, "mentor");
    const cookie = await signIn(organiser);
    const { cohortId, cohortTeamId } = await createdCohort(cookie);
    const params = { contestId: String(contestId), cohortId: String(cohortId) };
    const path = `${cohortsPath()}/${cohortId}`;
    const missing = (await cohortAction({
      request: post(path, { intent: "assign", cohortTeamId: String(cohortTeamId), mentorId: "" }, cookie),
      context,
      params,
    })) as unknown as Reply<{ message: string }>;
    expect(missing.init?.status).toBe(400);
    expect(missing.data.message).toBe("cohort_choose_mentor");
    const assigned = (await cohortAction({
      request: post(path, { intent: "assign", cohortTeamId: String(cohortTeamId), mentorId: String(mentor.id) }, cookie),
      context,
      params,
    })) as Response;
    expect(assigned.status).toBe(302);
    const page = await cohortLoader({ request: get(path, cookie), context, params });
    const team = page.teams.find((row) => row.id === cohortTeamId)!;
    expect(team.mentors.map((m) => m.mentorId)).toEqual([mentor.id]);
    const unassigned = (await cohortAction({
      request: post(path, { intent: "unassign", assignmentId: String(team.mentors[0]!.assignmentId) }, cookie),
      context,
      params,
    })) as Response;
    expect(unassigned.status).toBe(302);
    expect(await t.db.selectFrom("mentor_assignments").selectAll().execute()).toEqual([]);
  });

  it("answers not found for a cohort of another contest", async () => {
    const cookie = await signIn(organiser);
    const { cohortId } = await createdCohort(cookie);
    const other = await makeContest(t.db);
    await grantRole(t.db, other.id, organiser.id, "organiser");
    const refused = await thrown(
      cohortLoader({
        request: get(`/manage/${other.id}/cohorts/${cohortId}`, cookie),
        context,
        params: { contestId: String(other.id), cohortId: String(cohortId) },
      }),
    );
    expect(refused.status).toBe(404);
  });
});

describe("the team's incubation home", () => {
  it("is not found for another team, a judge and an unassigned mentor; the team edits its milestones", async () => {
    const { cohortTeamId } = await createdCohort(await signIn(organiser));
    const params = { cohortTeamId: String(cohortTeamId) };
    const path = `/incubation/${cohortTeamId}`;
    const unassigned = await makeUser(t.db, { email: "mentor9@mentors.example" });
    await grantRole(t.db, contestId, unassigned.id, "mentor");
    for (const user of [otherFounder, judge, unassigned]) {
      const cookie = await signIn(user);
      expect((await thrown(homeLoader({ request: get(path, cookie), context, params }))).status).toBe(404);
      const before = await snapshot(t.db);
      const refused = await thrown(
        homeAction({ request: post(path, { intent: "add-milestone", title: "Sneaky" }, cookie), context, params }),
      );
      expect(refused.status).toBe(404);
      const { sessions: _a, ...after } = await snapshot(t.db);
      const { sessions: _b, ...beforeRest } = before;
      expect(after).toEqual(beforeRest);
    }
    const anonymous = await thrown(homeLoader({ request: get(path), context, params }));
    expect(anonymous.status).toBe(302);

    const cookie = await signIn(founder);
    const home = await homeLoader({ request: get(path, cookie), context, params });
    expect(home.canEdit).toBe(true);
    const milestoneId = String(home.milestones[0]!.id);
    const bad = (await homeAction({
      request: post(path, { intent: "update-milestone", milestoneId, status: "done" }, cookie),
      context,
      params,
    })) as unknown as Reply<{ milestoneId: string; result: { error: Record<string, string[]> } }>;
    expect(bad.init?.status).toBe(400);
    expect(bad.data.milestoneId).toBe(milestoneId);
    expect(bad.data.result.error.doneOn).toEqual(["milestone_done_on_required"]);
    const saved = (await homeAction({
      request: post(path, { intent: "update-milestone", milestoneId, status: "in_progress", dueOn: "2027-10-31" }, cookie),
      context,
      params,
    })) as Response;
    expect(saved.status).toBe(302);
    const row = await t.db.selectFrom("milestones").selectAll().where("id", "=", Number(milestoneId)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "in_progress", due_on: "2027-10-31", done_on: null });
  });

  it("refuses a mentor's milestone edit with 403 and changes nothing", async () => {
    const organiserCookie = await signIn(organiser);
    const { cohortId, cohortTeamId } = await createdCohort(organiserCookie);
    const mentor = await makeUser(t.db, { email: "mentor1@mentors.example" });
    await grantRole(t.db, contestId, mentor.id, "mentor");
    await cohortAction({
      request: post(
        `${cohortsPath()}/${cohortId}`,
        { intent: "assign", cohortTeamId: String(cohortTeamId), mentorId: String(mentor.id) },
        organiserCookie,
      ),
      context,
      params: { contestId: String(contestId), cohortId: String(cohortId) },
    });
    const cookie = await signIn(mentor);
    const params = { cohortTeamId: String(cohortTeamId) };
    const home = await homeLoader({ request: get(`/incubation/${cohortTeamId}`, cookie), context, params });
    expect(home.canEdit).toBe(false);
    const before = await t.db.selectFrom("milestones").selectAll().execute();
    const reply = (await homeAction({
      request: post(
        `/incubation/${cohortTeamId}`,
        { intent: "update-milestone", milestoneId: String(home.milestones[0]!.id), status: "dropped" },
        cookie,
      ),
      context,
      params,
    })) as unknown as FormReply;
    expect(reply.init?.status).toBe(403);
    expect(reply.data.result.error[""]).toEqual(["forbidden"]);
    expect(await t.db.selectFrom("milestones").selectAll().execute()).toEqual(before);
  });
});
