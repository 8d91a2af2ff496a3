// Founders form teams and register them: invitations by email, the registration rules, the
// confirmation mail, editing and withdrawing — on a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { teamSchema } from "#app/forms/team";
import { changeContestState, createContest } from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { registerTeam, withdrawEntry } from "#app/services/registration.server";
import { inspectInvitation, inviteMember, respondToInvitation, revokeInvitation } from "#app/services/invitations.server";
import { createTeam, getTeamPage, handOverLead, removeMember } from "#app/services/teams.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let admin: User;
let contestId: number;
let trackId: number;
let womenTrackId: number;

beforeEach(async () => {
  t = createTestDb();
  admin = await makeUser(t.db, { isAdmin: true });
  const ctx = await makeCtx(t.db, admin);
  const created = await createContest(
    ctx,
    createContestSchema.parse({ name: { en: "Borneo Cup" }, slug: "borneo-cup", timeZone: "Asia/Kuching" }),
  );
  if (!created.ok) throw new Error(created.error.code);
  contestId = created.value.id;
  await changeContestState(ctx, contestId, "registration_open");
  const { tracks } = await loadStructure(ctx, contestId);
  trackId = tracks[0]!.id;
  womenTrackId = tracks.find((tr) => tr.womenLedOnly)!.id;
});
afterEach(async () => {
  await t.cleanup();
});

const team = (over: Record<string, unknown> = {}) =>
  teamSchema.parse({
    name: "Rainforest Labs",
    country: "MY",
    stage: "prototype",
    foundersWomen: 1,
    foundersMen: 1,
    foundersOther: 0,
    ...over,
  });

async function newTeam(lead: User, over: Record<string, unknown> = {}) {
  const result = await createTeam(await makeCtx(t.db, lead), team(over));
  if (!result.ok) throw new Error(result.error.code);
  return result.value.id;
}

async function tokenFor(email: string) {
  const mail = await t.db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("to_address", "=", email)
    .where("kind", "=", "team_invitation")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return mail.text_body.match(/\/invitations\/([a-z0-9]+)/)![1]!;
}

describe("teams and invitations", () => {
  it("makes the creator the lead; an invitee accepts from the mail and becomes a member", async () => {
    const lead = await makeUser(t.db, { email: "lead@example.org" });
    const invitee = await makeUser(t.db, { email: "friend@example.org" });
    const teamId = await newTeam(lead);
    expect(await inviteMember(await makeCtx(t.db, lead), teamId, "friend@example.org")).toEqual({
      ok: true,
      value: { email: "friend@example.org" },
    });
    const token = await tokenFor("friend@example.org");
    expect(await respondToInvitation(await makeCtx(t.db, invitee), token, true)).toEqual({ ok: true, value: { teamId } });
    const page = await getTeamPage(await makeCtx(t.db, invitee), teamId);
    expect(page.ok && page.value.members.map((m) => m.role)).toEqual(["lead", "member"]);
    // Single use.
    expect(await respondToInvitation(await makeCtx(t.db, invitee), token, true)).toEqual({
      ok: false,
      error: { code: "token_used" },
    });
  });

  it("refuses an invitation answered by another account, a revoked one, and an expired one", async () => {
    const lead = await makeUser(t.db);
    const other = await makeUser(t.db);
    const teamId = await newTeam(lead);
    const leadCtx = await makeCtx(t.db, lead);
    await inviteMember(leadCtx, teamId, "someone@example.org");
    const token = await tokenFor("someone@example.org");
    expect(await respondToInvitation(await makeCtx(t.db, other), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_for_other_email" },
    });
    const later = await makeCtx(t.db, other, { now: new Date(Date.now() + 8 * 86_400_000) });
    expect(await respondToInvitation(later, token, true)).toEqual({ ok: false, error: { code: "token_expired" } });
    const invitation = await t.db.selectFrom("team_invitations").select("id").executeTakeFirstOrThrow();
    expect((await revokeInvitation(leadCtx, teamId, invitation.id)).ok).toBe(true);
    expect(await respondToInvitation(await makeCtx(t.db, other), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_revoked" },
    });
  });

  it("keeps a team private to its members, and its changes to its lead", async () => {
    const lead = await makeUser(t.db);
    const member = await makeUser(t.db, { email: "m@example.org" });
    const stranger = await makeUser(t.db);
    const teamId = await newTeam(lead);
    await inviteMember(await makeCtx(t.db, lead), teamId, "m@example.org");
    await respondToInvitation(await makeCtx(t.db, member), await tokenFor("m@example.org"), true);
    expect(await getTeamPage(await makeCtx(t.db, stranger), teamId)).toEqual({ ok: false, error: { code: "not_found" } });
    const before = await snapshot(t.db);
    expect(await inviteMember(await makeCtx(t.db, member), teamId, "x@example.org")).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await removeMember(await makeCtx(t.db, member), teamId, lead.id)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await handOverLead(await makeCtx(t.db, stranger), teamId, member.id)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await removeMember(await makeCtx(t.db, lead), teamId, lead.id)).toEqual({
      ok: false,
      error: { code: "lead_cannot_leave" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect((await handOverLead(await makeCtx(t.db, lead), teamId, member.id)).ok).toBe(true);
    expect((await removeMember(await makeCtx(t.db, member), teamId, lead.id)).ok).toBe(true);
  });

  it("asks for a confirmed email before creating a team", async () => {
    const unverified = await makeUser(t.db, { verified: false });
    expect(await createTeam(await makeCtx(t.db, unverified), team())).toEqual({
      ok: false,
      error: { code: "email_not_verified" },
    });
  });
});

describe("registration", () => {
  it("registers a team with a code, emails every member in their language, and audits", async () => {
    const lead = await makeUser(t.db, { email: "lead@example.org", language: "ms" });
    const teamId = await newTeam(lead);
    const result = await registerTeam(await makeCtx(t.db, lead), contestId, { teamId, trackId, answers: new FormData() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.code).toMatch(/^T-\d{4}$/);
    const entry = await t.db.selectFrom("entries").selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      contest_id: contestId,
      team_id: teamId,
      track_id: trackId,
      status: "registered",
      terms_version: 1,
    });
    const mails = await t.db.selectFrom("outbox_messages").selectAll().where("kind", "=", "registration_confirmed").execute();
    expect(mails.map((m) => [m.to_address, m.language])).toEqual([["lead@example.org", "ms"]]);
    expect(mails[0]!.text_body).toContain(result.value.code);
    expect(
      await t.db.selectFrom("audit_events").select("action").where("action", "=", "entry.registered").execute(),
    ).toHaveLength(1);
  });

  it("refuses each broken rule with its code and changes nothing", async () => {
    const lead = await makeUser(t.db);
    const member = await makeUser(t.db, { email: "member@example.org" });
    const teamId = await newTeam(lead, { country: "FR" });
    const ctx = await makeCtx(t.db, lead);
    const before = await snapshot(t.db);
    expect(await registerTeam(ctx, contestId, { teamId, trackId, answers: new FormData() })).toMatchObject({
      ok: false,
      error: { code: "country_not_eligible" },
    });
    const okTeam = await newTeam(lead, { name: "Eligible Team" });
    const snapshot2 = await snapshot(t.db);
    expect(await registerTeam(ctx, contestId, { teamId: okTeam, trackId: womenTrackId, answers: new FormData() })).toMatchObject({
      ok: false,
      error: { code: "track_women_led_only", field: "trackId" },
    });
    expect(
      await registerTeam(await makeCtx(t.db, member), contestId, { teamId: okTeam, trackId, answers: new FormData() }),
    ).toMatchObject({ ok: false, error: { code: "not_team_lead" } });
    expect(await snapshot(t.db)).toEqual(snapshot2);
    expect(before.entries).toEqual([]);
  });

  it("keeps a person in one team per contest and a name unique per contest", async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db, { email: "b@example.org" });
    const first = await newTeam(a, { name: "Same Name" });
    expect((await registerTeam(await makeCtx(t.db, a), contestId, { teamId: first, trackId, answers: new FormData() })).ok).toBe(
      true,
    );
    const second = await newTeam(b, { name: "  SAME   name " });
    expect(
      await registerTeam(await makeCtx(t.db, b), contestId, { teamId: second, trackId, answers: new FormData() }),
    ).toMatchObject({ ok: false, error: { code: "team_name_taken" } });
    const third = await newTeam(a, { name: "Another" });
    expect(
      await registerTeam(await makeCtx(t.db, a), contestId, { teamId: third, trackId, answers: new FormData() }),
    ).toMatchObject({ ok: false, error: { code: "member_in_other_team" } });
    // Joining a registered team from another registered team of the same contest is refused too.
    await registerTeam(await makeCtx(t.db, b), contestId, { teamId: second, trackId, answers: new FormData() }).then(async () => {
      await t.db.updateTable("teams").set({ name: "Unique", name_key: "unique" }).where("id", "=", second).execute();
      expect(
        (await registerTeam(await makeCtx(t.db, b), contestId, { teamId: second, trackId, answers: new FormData() })).ok,
      ).toBe(true);
    });
    await inviteMember(await makeCtx(t.db, a), first, "b@example.org");
    expect(await respondToInvitation(await makeCtx(t.db, b), await tokenFor("b@example.org"), true)).toMatchObject({
      ok: false,
      error: { code: "member_in_other_team" },
    });
  });

  it("refuses a closed registration, edits a live one, and withdraws until results", async () => {
    const lead = await makeUser(t.db);
    const teamId = await newTeam(lead);
    const ctx = await makeCtx(t.db, lead);
    const registered = await registerTeam(ctx, contestId, { teamId, trackId, answers: new FormData() });
    if (!registered.ok) throw new Error("not registered");
    const { tracks } = await loadStructure(ctx, contestId);
    const edited = await registerTeam(ctx, contestId, { teamId, trackId: tracks[1]!.id, answers: new FormData() });
    expect(edited).toMatchObject({ ok: true, value: { code: registered.value.code, edited: true } });
    expect((await t.db.selectFrom("entries").select("track_id").executeTakeFirstOrThrow()).track_id).toBe(tracks[1]!.id);
    expect((await withdrawEntry(ctx, registered.value.entryId)).ok).toBe(true);
    expect(await withdrawEntry(ctx, registered.value.entryId)).toEqual({ ok: false, error: { code: "already_withdrawn" } });
    await changeContestState(await makeCtx(t.db, admin), contestId, "running");
    expect(await registerTeam(ctx, contestId, { teamId, trackId, answers: new FormData() })).toMatchObject({
      ok: false,
      error: { code: "registration_closed" },
    });
    const stranger = await makeUser(t.db);
    expect(await withdrawEntry(await makeCtx(t.db, stranger), registered.value.entryId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("checks the contest's own questions and keeps the answers", async () => {
    await t.db
      .insertInto("registration_questions")
      .values({
        contest_id: contestId,
        position: 1,
        key: "university",
        definition_json: JSON.stringify({
          key: "university",
          kind: "short_text",
          label: { en: "University" },
          help: null,
          required: true,
          maxLength: 20,
        }),
      })
      .execute();
    const lead = await makeUser(t.db);
    const teamId = await newTeam(lead);
    const ctx = await makeCtx(t.db, lead);
    const before = await snapshot(t.db);
    const missing = await registerTeam(ctx, contestId, { teamId, trackId, answers: new FormData() });
    expect(missing).toEqual({ ok: false, error: { code: "answers_invalid", answerErrors: { q_university: ["required"] } } });
    const tooLong = new FormData();
    tooLong.set("q_university", "x".repeat(21));
    expect(await registerTeam(ctx, contestId, { teamId, trackId, answers: tooLong })).toEqual({
      ok: false,
      error: { code: "answers_invalid", answerErrors: { q_university: ["too_long?max=20"] } },
    });
    expect(await snapshot(t.db)).toEqual(before);
    const good = new FormData();
    good.set("q_university", "  Universiti Malaya ");
    expect((await registerTeam(ctx, contestId, { teamId, trackId, answers: good })).ok).toBe(true);
    const entry = await t.db.selectFrom("entries").select("answers_json").executeTakeFirstOrThrow();
    expect(JSON.parse(entry.answers_json)).toEqual({ university: "Universiti Malaya" });
  });
});

describe("rate limits on invitations", () => {
  it("lets one account send 30 team invitations an hour, then asks it to wait; another account is not held up", async () => {
    const lead = await makeUser(t.db, { email: "busy-lead@example.org" });
    const teamId = await newTeam(lead);
    const ctx = await makeCtx(t.db, lead);
    for (let i = 0; i < 30; i++) expect((await inviteMember(ctx, teamId, `person${i}@example.org`)).ok).toBe(true);
    const before = await snapshot(t.db);
    const refused = await inviteMember(ctx, teamId, "one-more@example.org");
    expect(refused).toEqual({ ok: false, error: { code: "rate_limited", params: { minutes: 60 } } });
    expect(await snapshot(t.db)).toEqual(before);
    // An hour later the window has moved on.
    const later = await makeCtx(t.db, lead, { now: new Date(Date.now() + 61 * 60_000) });
    expect((await inviteMember(later, teamId, "one-more@example.org")).ok).toBe(true);
    const other = await makeUser(t.db, { email: "calm-lead@example.org" });
    const otherTeam = await newTeam(other, { name: "Calm Co" });
    expect((await inviteMember(await makeCtx(t.db, other), otherTeam, "x@example.org")).ok).toBe(true);
  });

  it("stops a network address that tries 20 unknown tokens, for real tokens too, while others go on", async () => {
    const lead = await makeUser(t.db, { email: "lead@example.org" });
    const invitee = await makeUser(t.db, { email: "friend@example.org" });
    const teamId = await newTeam(lead);
    await inviteMember(await makeCtx(t.db, lead), teamId, invitee.email);
    const token = await tokenFor(invitee.email);
    const guesser = await makeCtx(t.db, null, { ip: "203.0.113.9" });
    for (let i = 0; i < 20; i++)
      expect(await inspectInvitation(guesser, `guess${i}`.padEnd(43, "x"))).toEqual({
        ok: false,
        error: { code: "token_invalid" },
      });
    expect(await inspectInvitation(guesser, token)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    const inviteeCtx = await makeCtx(t.db, invitee, { ip: "198.51.100.4" });
    expect((await inspectInvitation(inviteeCtx, token)).ok).toBe(true);
    expect((await respondToInvitation(inviteeCtx, token, true)).ok).toBe(true);
    // A used token is not a guess: it does not count against the address.
    const again = await makeCtx(t.db, invitee, { ip: "198.51.100.4" });
    for (let i = 0; i < 25; i++)
      expect(await inspectInvitation(again, token)).toEqual({ ok: false, error: { code: "token_used" } });
  });
});
