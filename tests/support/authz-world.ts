// One contest world for the authorisation matrix, built through the services where they exist: a
// running contest with a track, a scored round (rubric, open review window, a deck requirement), an
// "own" and an "other" team with entries, a hand-in, an assigned, an unassigned and a conflicted
// judge, an award published with certificates, a cohort (own check-in with an attachment, a support
// request, a mentor of the other team), a live-final session, pending invitations and email tokens,
// a second contest with its own organiser, and an admin. Each kind of visitor is one user.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkinSchema } from "#app/forms/checkins";
import { cohortCreateSchema, mentorInviteSchema } from "#app/forms/cohorts";
import { supportRequestSchema } from "#app/forms/support";
import { dateIn } from "#app/domain/periods";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import type { FileStorage } from "#app/infra/storage/types";
import { issueVerificationEmail, requestPasswordReset } from "#app/services/account.server";
import { createAward, grantAward } from "#app/services/awards.server";
import { addCheckinAttachment } from "#app/services/checkin-attachments.server";
import { saveCheckin } from "#app/services/checkins.server";
import { createCohort } from "#app/services/cohorts.server";
import { inviteMember } from "#app/services/invitations.server";
import { declareConflicts, inviteJudges } from "#app/services/judges.server";
import { assignMentor, inviteMentor } from "#app/services/mentoring.server";
import { addHeatOrganiser } from "#app/services/heat-organisers.server";
import { createHeat } from "#app/services/heats.server";
import { publishRound } from "#app/services/publication.server";
import type { Result } from "#app/services/result";
import { createRoadshow } from "#app/services/roadshow.server";
import { createSupportRequest } from "#app/services/support.server";
import type { User } from "#db/schema";
import { createTestDb, snapshot, type TestDb } from "./db";
import { makePdf } from "./documents";
import { insertEntry, insertMember, insertTeam, insertTrack } from "./entries";
import { grantRole, makeContest, makeCtx, makeUser } from "./factories";
import { makeScoredRound, makeSignedJudge, submitReview } from "./judging";

export const VISITORS = [
  "anonymous",
  "otherFounder",
  "member",
  "judgeUnassigned",
  "judgeAssigned",
  "judgeConflicted",
  "otherMentor",
  "otherOrganiser",
  "organiser",
  "admin",
] as const;
export type Visitor = (typeof VISITORS)[number];

export interface AuthzWorld {
  t: TestDb;
  storage: FileStorage;
  /** The user behind each kind of visitor (none for the anonymous one). */
  users: Record<Exclude<Visitor, "anonymous">, User>;
  contestId: number;
  slug: string;
  otherContestId: number;
  trackId: number;
  roundId: number;
  /** The round's pitch-deck requirement (its hand-in window closed in 2020). */
  deckId: number;
  /** The rubric's two criteria (0–10 by 1). */
  criteria: readonly [number, number];
  ownTeamId: number;
  ownEntryId: number;
  otherEntryId: number;
  /** The assigned judge's (submitted) review of the own entry. */
  assignmentId: number;
  submissionId: number;
  /** The own team lead's certificate from the published round. */
  certificateCode: string;
  cohortId: number;
  ownCohortTeamId: number;
  /** This month in the contest's zone: its check-in is submitted and has an attachment. */
  period: string;
  attachmentId: number;
  /** The own team's support request (open, routed to nobody). */
  supportRequestId: number;
  roadshowSessionId: number;
  /** The own entry's place in the live final. */
  slotId: number;
  mailId: number;
  /**
   * Pending, for addresses no visitor has: team, judge and mentor invitations, an invitation to
   * organise a heat of the other contest (a final), a password reset.
   */
  tokens: { team: string; judge: string; mentor: string; heat: string; reset: string };
  /** A fresh email-verification token for an account no visitor owns (a POST uses one up). */
  freshVerifyToken: () => Promise<string>;
  cleanup: () => Promise<void>;
}

function must<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
}

async function tokenMailedTo(t: TestDb, address: string, pattern: RegExp): Promise<string> {
  const mail = await t.db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("to_address", "=", address)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = pattern.exec(mail.text_body)?.[1];
  if (!token) throw new Error(`no token in the mail to ${address}`);
  return token;
}

export async function buildAuthzWorld(): Promise<AuthzWorld> {
  const t = createTestDb({ shareWithApp: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-authz-"));
  const storage = createLocalStorage(dir);
  setStorage(storage);
  const db = t.db;
  const as = (user: User | null) => makeCtx(db, user);

  const admin = await makeUser(db, { name: "Ada Admin", isAdmin: true });
  const organiser = await makeUser(db, { name: "Olive Organiser" });
  const otherOrganiser = await makeUser(db, { name: "Oscar Otherorganiser" });
  const member = await makeUser(db, { name: "Mia Member" });
  const otherFounder = await makeUser(db, { name: "Fred Otherfounder" });
  const otherMentor = await makeUser(db, { name: "Max Othermentor" });

  const slug = "authz-cup";
  const contestId = (await makeContest(db, slug)).id;
  await db
    .updateTable("contests")
    .set({ state: "running", name_i18n: JSON.stringify({ en: "Authz Cup" }), eligible_countries: JSON.stringify(["SG"]) })
    .where("id", "=", contestId)
    .execute();
  await grantRole(db, contestId, organiser.id, "organiser");
  await grantRole(db, contestId, otherMentor.id, "mentor");
  const otherContestId = (await makeContest(db, "other-cup")).id;
  await grantRole(db, otherContestId, otherOrganiser.id, "organiser");

  const track = await insertTrack(db, contestId, { en: "Agritech" });
  const { roundId, criteria } = await makeScoredRound(db, contestId, { method: "mean" });
  const deckId = (
    await db
      .insertInto("material_requirements")
      .values({
        round_id: roundId,
        position: 1,
        kind: "pitch_deck",
        label_i18n: JSON.stringify({ en: "Pitch deck" }),
        help_i18n: null,
        max_size_mb: 10,
        max_pages: 20,
        max_chars: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  const ownTeam = await insertTeam(db, { name: "Own Seeds" });
  await insertMember(db, ownTeam.id, member.id, "lead");
  const ownEntryId = (await insertEntry(db, { contestId, teamId: ownTeam.id, trackId: track.id, code: "T-0001" })).id;
  const otherTeam = await insertTeam(db, { name: "Other Grid" });
  await insertMember(db, otherTeam.id, otherFounder.id, "lead");
  const otherEntryId = (await insertEntry(db, { contestId, teamId: otherTeam.id, trackId: track.id, code: "T-0002" })).id;

  const stored = await storage.put(makePdf(2), { maxBytes: 10_000_000, contentType: "application/pdf", fileName: "deck.pdf" });
  const submissionId = (
    await db
      .insertInto("submissions")
      .values({
        entry_id: ownEntryId,
        round_id: roundId,
        requirement_id: deckId,
        version: 1,
        kind: "file",
        storage_key: stored.key,
        sha256: stored.sha256,
        size_bytes: stored.size,
        file_name: "deck.pdf",
        content_type: "application/pdf",
        pages: 2,
        text_value: null,
        url_value: null,
        uploaded_by: member.id,
        // Inside the round's hand-in window (makeScoredRound's January 2020), so it is the version that counts.
        created_at: "2020-01-15T00:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;

  const judgeAssigned = await makeSignedJudge(db, contestId, "Jade Assigned");
  const judgeUnassigned = await makeSignedJudge(db, contestId, "Jules Unassigned");
  const judgeConflicted = await makeSignedJudge(db, contestId, "Jon Conflicted");
  must(await declareConflicts(await as(judgeConflicted), contestId, [ownEntryId]), "declare conflict");
  const assignmentId = await submitReview(db, { roundId, entryId: ownEntryId, judge: judgeAssigned, criteria, scores: [8, 7] });

  const org = await as(organiser);
  const award = must(await createAward(org, contestId, roundId, { name: { en: "Gold" }, description: null }), "award");
  must(await grantAward(org, contestId, award.id, { entryId: ownEntryId, citation: "Best pitch" }), "grant");
  must(await publishRound(org, contestId, roundId, { reason: null }), "publish");
  const certificateCode = (
    await db.selectFrom("certificates").select("code").where("user_id", "=", member.id).executeTakeFirstOrThrow()
  ).code;

  const today = dateIn("Asia/Shanghai", new Date());
  const year = Number(today.slice(0, 4));
  const period = today.slice(0, 7);
  const cohortId = must(
    await createCohort(
      org,
      contestId,
      cohortCreateSchema.parse({
        name: { en: "Cohort" },
        startsOn: `${year - 1}-01-01`,
        endsOn: `${year + 1}-12-31`,
        cadence: "monthly",
        reportingCurrency: "USD",
        dueDays: 10,
        entryIds: [String(ownEntryId), String(otherEntryId)],
      }),
    ),
    "cohort",
  ).id;
  const cohortTeams = await db.selectFrom("cohort_teams").select(["id", "entry_id"]).where("cohort_id", "=", cohortId).execute();
  const ownCohortTeamId = cohortTeams.find((c) => c.entry_id === ownEntryId)!.id;
  const otherCohortTeamId = cohortTeams.find((c) => c.entry_id === otherEntryId)!.id;
  must(await assignMentor(org, contestId, cohortId, { cohortTeamId: otherCohortTeamId, mentorId: otherMentor.id }), "mentor");

  const lead = await as(member);
  const attachmentId = must(
    await addCheckinAttachment(lead, storage, ownCohortTeamId, period, { fileName: "report.pdf", data: makePdf(1) }),
    "attachment",
  ).attachmentId;
  // Submitted, so its mentors and the organisers read it too (a draft is the team's alone).
  const figures = { revenue: "1200", revenueCurrency: "USD", funding: "0", fundingCurrency: "USD", employees: "3" };
  const counts = { womenEmployees: "1", customers: "4", jobsCreated: "1", ipFiled: "0" };
  // The attachment opened the period's check-in as a draft: submit that version.
  const { version } = await db
    .selectFrom("checkins")
    .select("version")
    .where("cohort_team_id", "=", ownCohortTeamId)
    .where("period", "=", period)
    .executeTakeFirstOrThrow();
  const input = checkinSchema.parse({ intent: "submit", version: String(version), ...figures, ...counts });
  must(await saveCheckin(lead, ownCohortTeamId, period, input), "check-in");
  const supportRequestId = must(
    await createSupportRequest(
      lead,
      ownCohortTeamId,
      supportRequestSchema.parse({ kind: "investor_intro", details: "An introduction to seed investors in Jakarta, please." }),
    ),
    "support request",
  ).id;

  const roadshowSessionId = must(
    await createRoadshow(org, contestId, roundId, { entryIds: [ownEntryId, otherEntryId], judgeIds: [judgeAssigned.id] }),
    "roadshow",
  ).sessionId;
  const slotId = (
    await db
      .selectFrom("roadshow_slots")
      .select("id")
      .where("session_id", "=", roadshowSessionId)
      .where("entry_id", "=", ownEntryId)
      .executeTakeFirstOrThrow()
  ).id;

  // Invitations and tokens for addresses that none of the visitors has.
  must(await inviteMember(lead, ownTeam.id, "team-invitee@example.net"), "team invitation");
  const judgeRow = {
    email: "judge-invitee@gmail.com",
    name: null,
    organisation: null,
    country: null,
    trackIds: [],
    languages: [],
  };
  must(await inviteJudges(org, contestId, [judgeRow]), "judge invitation");
  must(
    await inviteMentor(org, contestId, cohortId, mentorInviteSchema.parse({ email: "mentor-invitee@example.net" })),
    "mentor invitation",
  );
  // The other contest is a final with one heat, whose organiser invites an address without an account.
  const otherOrg = await as(otherOrganiser);
  const heat = must(
    await createHeat(otherOrg, otherContestId, {
      name: { en: "Other heat" },
      slug: "other-heat",
      timeZone: "UTC",
      countries: [],
    }),
    "heat",
  );
  must(await addHeatOrganiser(otherOrg, otherContestId, heat.id, "heat-invitee@example.net"), "heat organiser invitation");
  const resetUser = await makeUser(db, { email: "forgetful@example.net" });
  must(await requestPasswordReset(await as(null), resetUser.email), "password reset");
  const unverified = await makeUser(db, { email: "unverified@example.net", verified: false });
  const tokens = {
    team: await tokenMailedTo(t, "team-invitee@example.net", /\/invitations\/([a-z0-9]+)/),
    judge: await tokenMailedTo(t, "judge-invitee@gmail.com", /\/judge-invitations\/([a-z0-9]+)/),
    mentor: await tokenMailedTo(t, "mentor-invitee@example.net", /\/mentor-invitations\/([a-z0-9]+)/),
    heat: await tokenMailedTo(t, "heat-invitee@example.net", /\/heat-invitations\/([a-z0-9]+)/),
    reset: await tokenMailedTo(t, resetUser.email, /\/reset-password\/([a-z0-9]+)/),
  };
  const freshVerifyToken = async () => {
    const ctx = await as(null);
    await db.transaction().execute((trx) => issueVerificationEmail(trx, ctx, unverified));
    return tokenMailedTo(t, unverified.email, /\/verify-email\/([a-z0-9]+)/);
  };
  const mailId = (await db.selectFrom("outbox_messages").select("id").orderBy("id").executeTakeFirstOrThrow()).id;

  return {
    t,
    storage,
    users: {
      otherFounder,
      member,
      judgeUnassigned,
      judgeAssigned,
      judgeConflicted,
      otherMentor,
      otherOrganiser,
      organiser,
      admin,
    },
    contestId,
    slug,
    otherContestId,
    trackId: track.id,
    roundId,
    deckId,
    criteria,
    ownTeamId: ownTeam.id,
    ownEntryId,
    otherEntryId,
    assignmentId,
    submissionId,
    certificateCode,
    cohortId,
    ownCohortTeamId,
    period,
    attachmentId,
    supportRequestId,
    roadshowSessionId,
    slotId,
    mailId,
    tokens,
    freshVerifyToken,
    cleanup: async () => {
      setStorage(undefined);
      await t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Every row of every table, for "a refused action changed nothing" — without what may change on any
 * request by design: rate-limit counters and a session's last-seen time.
 */
export async function worldSnapshot(world: AuthzWorld): Promise<Record<string, unknown[]>> {
  const all = await snapshot(world.t.db);
  delete all.rate_limit_buckets;
  if (all.sessions) all.sessions = all.sessions.map((row) => ({ ...(row as object), last_verified_at: null }));
  return all;
}
