// A small but complete contest for tests that call every action of the app: built once through the
// services and tests/support factories into a template file, signed in through the real login
// action, then copied for each action so that one action's successes never touch another's world.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { action as loginAction } from "#app/routes/login";
import { openDatabase, setDb, type DB } from "#app/infra/db.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import { requestPasswordReset, issueVerificationEmail } from "#app/services/account.server";
import { createAward, grantAward } from "#app/services/awards.server";
import { inviteMember } from "#app/services/invitations.server";
import { inviteJudges } from "#app/services/judges.server";
import { inviteMentor } from "#app/services/mentoring.server";
import { addHeatOrganiser } from "#app/services/heat-organisers.server";
import { createHeat } from "#app/services/heats.server";
import { controlRoadshow, createRoadshow } from "#app/services/roadshow.server";
import { createSupportRequest, routeToMentor } from "#app/services/support.server";
import { saveReview } from "#app/services/reviews.server";
import type { User } from "#db/schema";
import { setupCohort } from "./checkins";
import { createTestDb } from "./db";
import { insertEntry, insertMember, insertQuestion, insertTeam } from "./entries";
import { makeContest, makeCtx, makeUser, TEST_PASSWORD } from "./factories";
import { insertTestRubric, makeSignedJudge, submitReview } from "./judging";

export const BASE = "http://localhost:3999";
export const CONTEXT = { cspNonce: "test", clientIp: "127.0.0.1" };

/** Everyone who visits: the keys a case names to act as. */
export const VISITORS = [
  "admin",
  "organiser",
  "lead",
  "member",
  "judge",
  "newJudge",
  "mentor",
  "invitee",
  "judgeInvitee",
  "mentorInvitee",
  "heatInvitee",
  "unverified",
  "plain",
] as const;
export type Visitor = (typeof VISITORS)[number];

export interface World {
  users: Record<Visitor, User>;
  contestId: number;
  slug: string;
  trackId: number;
  otherTrackId: number;
  /** Round 1: submissions open now, with a file, a text and a video-link material. */
  round1: number;
  materials: { deck: number; text: number; video: number };
  /** Round 2: reviewed now, a two-criterion rubric; the judge has a draft of entry A, judge2 submitted it. */
  round2: number;
  criteria: [number, number];
  /** Round 3: the live final, its session in the scoring phase of its first finalist. */
  round3: number;
  sessionId: number;
  roadshowAssignment: number;
  roadshowCriteria: [number, number];
  entryA: number;
  entryB: number;
  /** A withdrawn entry. */
  entryW: number;
  teamA: number;
  /** A team of the lead's that has not registered yet. */
  teamC: number;
  questionIds: number[];
  reviewAssignment: number;
  submittedAssignment: number;
  judge2: number;
  awardId: number;
  grantId: number;
  cohortId: number;
  ctA: number;
  ctB: number;
  milestones: [number, number];
  period: string;
  supportRequest: number;
  mentorInvitationId: number;
  /** A final organised by the organiser (not the contest), its one heat, and a pending invitation to organise it. */
  finalId: number;
  heatId: number;
  heatInvitationId: number;
  teamInvitationId: number;
  judgeInvitationId: number;
  tokens: { team: string; judge: string; mentor: string; heat: string; verify: string; reset: string };
  cookies: Record<Visitor, string>;
}

/** The link's token from the newest mail of a kind, as the recipient would click it. */
export async function tokenFromMail(db: DB, kind: string, to: string): Promise<string> {
  const mail = await db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("kind", "=", kind)
    .where("to_address", "=", to)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const match =
    /\/(?:invitations|judge-invitations|mentor-invitations|heat-invitations|reset-password|verify-email)\/([A-Za-z0-9_-]+)/.exec(
      mail.text_body,
    );
  if (!match) throw new Error(`no link in the ${kind} mail`);
  return match[1]!;
}

/** Signs in through the real login action and returns the session cookie ("name=value"). */
export async function signIn(user: Pick<User, "email">, password = TEST_PASSWORD): Promise<string> {
  const response = (await loginAction({
    request: new Request(`${BASE}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: user.email, password }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    }),
    context: CONTEXT,
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))!
    .split(";")[0]!;
}

const iso = (d: Date) => d.toISOString();

async function insertRound(db: DB, contestId: number, position: number, name: string, rubricId: number | null) {
  const at = iso(new Date());
  return (
    await db
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position,
        name_i18n: JSON.stringify({ en: name }),
        // The first round takes hand-ins now; the later ones are being reviewed now.
        submission_opens_at: "2020-01-01T00:00:00.000Z",
        submission_closes_at: position === 1 ? "2099-01-01T00:00:00.000Z" : "2020-02-01T00:00:00.000Z",
        review_opens_at: position === 1 ? null : "2020-02-02T00:00:00.000Z",
        review_closes_at: position === 1 ? null : "2099-01-01T00:00:00.000Z",
        judges_per_entry: 3,
        rubric_id: rubricId,
        aggregation_method: "trimmed_mean",
        pitch_minutes: 8,
        qa_minutes: 7,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

async function insertMaterial(db: DB, roundId: number, position: number, kind: string, label: string) {
  return (
    await db
      .insertInto("material_requirements")
      .values({
        round_id: roundId,
        position,
        kind: kind as "pitch_deck",
        label_i18n: JSON.stringify({ en: label }),
        help_i18n: null,
        required: 1,
        max_size_mb: 5,
        max_pages: 20,
        max_chars: kind === "text_answer" ? 500 : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
};

/** Builds the world into a fresh database file; returns the file (closed, ready to copy) and the world. */
export async function buildWorld(): Promise<{ template: string; world: World; cleanup: () => void }> {
  const t = createTestDb({ shareWithApp: true });
  const db = t.db;
  const now = new Date();
  // Check-in periods run monthly from a year ago, so this month's period is open.
  const start = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1));
  const base = await setupCohort(db, { startsOn: start.toISOString().slice(0, 10), endsOn: `${now.getUTCFullYear() + 1}-12-31` });
  const { contest, organiser, mentor, lead, member, cohortId, ctA, ctB, entryA, m1, m2 } = base;
  const contestId = contest.id;
  await db
    .updateTable("contests")
    .set({
      state: "registration_open",
      eligible_countries: JSON.stringify(["SG", "VN", "CN", "TH", "ID", "MY"]),
      team_min: 1,
      team_max: 10,
      registration_opens_at: "2020-01-01T00:00:00.000Z",
      registration_closes_at: "2099-01-01T00:00:00.000Z",
      // People's choice voting open, so the vote page's action gets past its door.
      peoples_choice_enabled: 1,
      voting_opens_at: "2020-01-01T00:00:00.000Z",
      voting_closes_at: "2099-01-01T00:00:00.000Z",
    })
    .where("id", "=", contestId)
    .execute();
  const entryB = (await db.selectFrom("entries").select("id").where("code", "=", "T-0428").executeTakeFirstOrThrow()).id;
  const tracks = await db.selectFrom("tracks").select("id").where("contest_id", "=", contestId).execute();
  const trackId = tracks[0]!.id;
  const otherTrackId = (
    await db
      .insertInto("tracks")
      .values({
        contest_id: contestId,
        position: 2,
        name_i18n: JSON.stringify({ en: "Second track" }),
        description_i18n: null,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  const admin = await makeUser(db, { isAdmin: true, name: "Ada Admin" });
  const plain = await makeUser(db, { name: "Pat Plain" });
  const unverified = await makeUser(db, { name: "Uma Unverified", verified: false });
  const invitee = await makeUser(db, { name: "Ivy Invitee" });
  const judgeInvitee = await makeUser(db, { name: "Jack Judgeinvitee" });
  const mentorInvitee = await makeUser(db, { name: "Mo Mentorinvitee" });
  const judge = await makeSignedJudge(db, contestId, "Jude Judge");
  const judge2 = await makeSignedJudge(db, contestId, "Jo Judgetwo");
  const judge3 = await makeSignedJudge(db, contestId, "Jin Judgethree");
  // A judge who has not signed the agreement yet: the onboarding page's first step.
  const newJudge = await makeUser(db, { name: "Nia Newjudge" });
  await db
    .insertInto("contest_roles")
    .values({ contest_id: contestId, user_id: newJudge.id, role: "judge", created_at: iso(now) })
    .execute();
  await db
    .insertInto("judge_profiles")
    .values({
      contest_id: contestId,
      user_id: newJudge.id,
      organisation: null,
      country: "SG",
      created_at: iso(now),
      updated_at: iso(now),
    })
    .execute();

  // The lead's second team, not registered anywhere yet.
  const teamC = await insertTeam(db, { name: "Lotus Labs" });
  await insertMember(db, teamC.id, lead.id, "lead");
  // A team that withdrew its entry, for the organisers' "restore".
  const teamW = await insertTeam(db, { name: "Withdrawn Works" });
  await insertMember(db, teamW.id, plain.id, "lead");
  const entryW = (await insertEntry(db, { contestId, teamId: teamW.id, trackId, status: "withdrawn" })).id;
  await insertQuestion(db, contestId, {
    key: "pitch_line",
    kind: "short_text",
    label: { en: "Your pitch in a line" },
    required: false,
    maxLength: 200,
  });
  await insertQuestion(db, contestId, {
    key: "employees",
    kind: "number",
    label: { en: "Employees" },
    required: false,
    min: 0,
    max: 1000,
  });
  const questionIds = (
    await db.selectFrom("registration_questions").select("id").where("contest_id", "=", contestId).execute()
  ).map((q) => q.id);

  const round1 = await insertRound(db, contestId, 1, "Preliminary", null);
  const materials = {
    deck: await insertMaterial(db, round1, 1, "pitch_deck", "Pitch deck"),
    text: await insertMaterial(db, round1, 2, "text_answer", "Summary"),
    video: await insertMaterial(db, round1, 3, "video_link", "Video"),
  };
  const rubric2 = await insertTestRubric(db, contestId, [
    { key: "pitch", weight: 50, step: 1 },
    { key: "market", weight: 50, step: 1 },
  ]);
  const round2 = await insertRound(db, contestId, 2, "Semi-final", rubric2.rubricId);
  const criteria = rubric2.criterionIds as [number, number];
  const rubric3 = await insertTestRubric(db, contestId, [
    { key: "pitch", weight: 50, step: 1 },
    { key: "market", weight: 50, step: 1 },
  ]);
  const round3 = await insertRound(db, contestId, 3, "Final roadshow", rubric3.rubricId);

  const orgCtx = await makeCtx(db, organiser);
  // The judge's assignment with a saved draft; judge2's submitted review (so it can be reopened).
  const reviewAssignment = (
    await db
      .insertInto("assignments")
      .values({
        round_id: round2,
        entry_id: entryA.id,
        judge_id: judge.id,
        source: "manual",
        assigned_by: organiser.id,
        created_at: iso(now),
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  ok(
    await saveReview(
      await makeCtx(db, judge),
      reviewAssignment,
      { version: 0, scores: { [criteria[0]]: { value: 5, comment: "" } }, feedback: "Draft", note: "", confidence: null },
      { submit: false },
    ),
    "draft review",
  );
  const submittedAssignment = await submitReview(db, {
    roundId: round2,
    entryId: entryA.id,
    judge: judge2,
    criteria,
    scores: [7, 8],
  });
  await submitReview(db, { roundId: round2, entryId: entryB, judge: judge3, criteria, scores: [3, 4] });

  const awardId = ok(await createAward(orgCtx, contestId, round2, { name: { en: "Gold" }, description: null }), "award").id;
  const grantId = ok(await grantAward(orgCtx, contestId, awardId, { entryId: entryB, citation: "For grit" }), "grant").id;

  // The live final: both finalists, the judge on the panel, the first finalist being scored.
  const sessionId = ok(
    await createRoadshow(orgCtx, contestId, round3, { entryIds: [entryA.id, entryB], judgeIds: [judge.id, judge2.id] }),
    "roadshow",
  ).sessionId;
  for (const step of ["start", "pitch", "qa", "scoring"] as const)
    ok(await controlRoadshow(orgCtx, contestId, sessionId, step), step);
  const slot = await db
    .selectFrom("roadshow_slots")
    .select("entry_id")
    .where("session_id", "=", sessionId)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  const roadshowAssignment = (
    await db
      .selectFrom("assignments")
      .select("id")
      .where("round_id", "=", round3)
      .where("judge_id", "=", judge.id)
      .where("entry_id", "=", slot.entry_id)
      .executeTakeFirstOrThrow()
  ).id;

  // Incubation: a support request of team A, routed to its mentor.
  const leadCtx = await makeCtx(db, lead);
  const supportRequest = ok(
    await createSupportRequest(leadCtx, ctA, {
      kind: "investor_intro",
      country: undefined,
      details: "We would like an introduction to seed investors.",
    }),
    "support request",
  ).id;
  ok(await routeToMentor(orgCtx, supportRequest, { version: 1, mentorId: mentor.id }), "route to mentor");
  const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;

  // Invitations, each with the token its mail carries.
  ok(await inviteMember(leadCtx, teamC.id, invitee.email), "team invitation");
  ok(
    await inviteJudges(orgCtx, contestId, [
      { email: judgeInvitee.email, name: null, organisation: null, country: null, trackIds: [], languages: [] },
    ]),
    "judge invitation",
  );
  ok(
    await inviteMentor(orgCtx, contestId, cohortId, {
      email: mentorInvitee.email,
      name: undefined,
      organisation: undefined,
      cohortTeamIds: [],
    }),
    "mentor invitation",
  );
  // A final of its own (the contest stays a plain contest) with one heat, organised by the organiser;
  // the heat's invitee signs up after the invitation went out, with the invited address.
  const finalId = (await makeContest(db, "island-final")).id;
  await db
    .insertInto("contest_roles")
    .values({ contest_id: finalId, user_id: organiser.id, role: "organiser", created_at: iso(now) })
    .execute();
  const finalCtx = await makeCtx(db, organiser);
  const heatId = ok(
    await createHeat(finalCtx, finalId, {
      name: { en: "Island heat" },
      slug: "island-heat",
      timeZone: "Asia/Singapore",
      countries: [],
    }),
    "heat",
  ).id;
  const heatInvitationId = ok(
    await addHeatOrganiser(finalCtx, finalId, heatId, "heat-invitee@example.net"),
    "heat organiser invitation",
  );
  if (heatInvitationId.kind !== "invited") throw new Error("the heat invitee has an account already");
  const heatInvitee = await makeUser(db, { name: "Hana Heatinvitee", email: "heat-invitee@example.net" });
  await db.transaction().execute((trx) => issueVerificationEmail(trx, orgCtx, unverified));
  ok(await requestPasswordReset(await makeCtx(db, null), plain.email), "reset");
  const tokens = {
    team: await tokenFromMail(db, "team_invitation", invitee.email),
    judge: await tokenFromMail(db, "judge_invitation", judgeInvitee.email),
    mentor: await tokenFromMail(db, "mentor_invitation", mentorInvitee.email),
    heat: await tokenFromMail(db, "heat_organiser.invitation", heatInvitee.email),
    verify: await tokenFromMail(db, "verify_email", unverified.email),
    reset: await tokenFromMail(db, "reset_password", plain.email),
  };
  const idOf = async (table: "team_invitations" | "judge_invitations" | "mentor_invitations") =>
    (await db.selectFrom(table).select("id").orderBy("id", "desc").executeTakeFirstOrThrow()).id;

  const users: Record<Visitor, User> = {
    admin,
    organiser,
    lead,
    member,
    judge,
    newJudge,
    mentor,
    invitee,
    judgeInvitee,
    mentorInvitee,
    heatInvitee,
    unverified,
    plain,
  };
  const cookies = {} as Record<Visitor, string>;
  for (const visitor of VISITORS) cookies[visitor] = await signIn(users[visitor]);

  const world: World = {
    users,
    contestId,
    slug: contest.slug,
    trackId,
    otherTrackId,
    round1,
    materials,
    round2,
    criteria,
    round3,
    sessionId,
    roadshowAssignment,
    roadshowCriteria: rubric3.criterionIds as [number, number],
    entryA: entryA.id,
    entryB,
    entryW,
    teamA: entryA.team_id,
    teamC: teamC.id,
    questionIds,
    reviewAssignment,
    submittedAssignment,
    judge2: judge2.id,
    awardId,
    grantId,
    cohortId,
    ctA,
    ctB,
    milestones: [m1, m2],
    period,
    supportRequest,
    mentorInvitationId: await idOf("mentor_invitations"),
    finalId,
    heatId,
    heatInvitationId: heatInvitationId.invitationId,
    teamInvitationId: await idOf("team_invitations"),
    judgeInvitationId: await idOf("judge_invitations"),
    tokens,
    cookies,
  };
  // Closing checkpoints the write-ahead log into the file, so a plain copy holds everything.
  setDb(undefined);
  await db.destroy();
  const template = t.file;
  return { template, world, cleanup: () => fs.rmSync(path.dirname(template), { recursive: true, force: true }) };
}

/** A private copy of the world's database, shared with the app, and a private uploads folder. */
export function openCopy(template: string): { db: DB; close: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-bad-input-"));
  const file = path.join(dir, "world.db");
  fs.copyFileSync(template, file);
  const db = openDatabase(file);
  setDb(db);
  setStorage(createLocalStorage(path.join(dir, "uploads")));
  return {
    db,
    close: async () => {
      setDb(undefined);
      setStorage(undefined);
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
