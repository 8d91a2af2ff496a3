// A new session whenever the signed-in user's rights grow: joining a team from an invitation,
// accepting a judge invitation, creating a team. The answer sets a new session cookie, and the
// session the request came with no longer signs anyone in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAuth } from "#app/infra/auth.server";
import { action as invitationAction } from "#app/routes/invitations.$token";
import { action as judgeInvitationAction } from "#app/routes/judge-invitations.$token";
import { action as newTeamAction } from "#app/routes/teams.new";
import { inviteMember } from "#app/services/invitations.server";
import { inviteJudges } from "#app/services/judges.server";
import { createTeam } from "#app/services/teams.server";
import { teamSchema } from "#app/forms/team";
import { createTestDb, type TestDb } from "#tests/support/db";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";
import type { User } from "#db/schema";
import type { JudgeInviteRow } from "#app/domain/judging";

let t: TestDb;
beforeEach(() => {
  t = createTestDb({ shareWithApp: true });
});
afterEach(() => t.cleanup());

const ROW = (email: string): JudgeInviteRow => ({
  email,
  name: "Judge",
  organisation: null,
  country: null,
  trackIds: [],
  languages: [],
});

const team = {
  name: "Mekong Analytics",
  country: "VN",
  stage: "prototype",
  foundersWomen: "1",
  foundersMen: "1",
  foundersOther: "0",
};

async function tokenIn(kind: string, email: string, path: string) {
  const mail = await t.db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("to_address", "=", email)
    .where("kind", "=", kind)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return mail.text_body.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))![1]!;
}

/** The new session cookie an answer set, after checking the old one is dead and the new one lives. */
async function expectRotated(response: Response, oldCookie: string, user: User) {
  expect(response.status).toBe(302);
  const fresh = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))
    ?.split(";")[0];
  expect(fresh, "a new session cookie").toBeDefined();
  expect(fresh).not.toBe(oldCookie);
  expect(await getAuth(get("/", oldCookie))).toBeNull();
  expect((await getAuth(get("/", fresh!)))?.user.id).toBe(user.id);
}

describe("session rotation on a change of rights", () => {
  it("happens when an invitee joins a team", async () => {
    const lead = await makeUser(t.db, { email: "lead@example.org" });
    const invitee = await makeUser(t.db, { email: "joiner@example.org" });
    const created = await createTeam(await makeCtx(t.db, lead), teamSchema.parse(team));
    if (!created.ok) throw new Error(created.error.code);
    await inviteMember(await makeCtx(t.db, lead), created.value.id, invitee.email);
    const token = await tokenIn("team_invitation", invitee.email, "invitations");
    const cookie = await signInCookie(invitee);
    const answer = await outcome(() =>
      invitationAction({
        request: post(`/invitations/${token}`, { answer: "accept" }, cookie),
        context: loadContext(),
        params: { token },
      }),
    );
    await expectRotated(answer.value as Response, cookie, invitee);
  });

  it("happens when a judge accepts the invitation, and not when they decline", async () => {
    const organiser = await makeUser(t.db);
    const contestId = (await makeContest(t.db)).id;
    await grantRole(t.db, contestId, organiser.id, "organiser");
    const judge = await makeUser(t.db, { email: "judge@example.org" });
    const organiserCtx = await makeCtx(t.db, organiser);
    const invite = () => inviteJudges(organiserCtx, contestId, [ROW(judge.email)]);
    expect((await invite()).ok).toBe(true);
    const token = await tokenIn("judge_invitation", judge.email, "judge-invitations");
    const cookie = await signInCookie(judge);
    const declined = await outcome(() =>
      judgeInvitationAction({
        request: post(`/judge-invitations/${token}`, { answer: "decline" }, cookie),
        context: loadContext(),
        params: { token },
      }),
    );
    expect((declined.value as Response).headers.getSetCookie().some((c) => c.startsWith("trellis_session="))).toBe(false);
    expect(await getAuth(get("/", cookie))).not.toBeNull();

    expect((await invite()).ok).toBe(true);
    const second = await tokenIn("judge_invitation", judge.email, "judge-invitations");
    const accepted = await outcome(() =>
      judgeInvitationAction({
        request: post(`/judge-invitations/${second}`, { answer: "accept" }, cookie),
        context: loadContext(),
        params: { token: second },
      }),
    );
    await expectRotated(accepted.value as Response, cookie, judge);
  });

  it("happens when a founder creates a team and becomes its lead", async () => {
    const founder = await makeUser(t.db);
    const cookie = await signInCookie(founder);
    const answer = await outcome(() =>
      newTeamAction({ request: post("/teams/new", team, cookie), context: loadContext(), params: {} }),
    );
    await expectRotated(answer.value as Response, cookie, founder);
  });
});
