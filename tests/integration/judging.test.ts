// Judges: invitations, the agreement before anything is visible, conflicts (declared and detected),
// automatic and manual assignment, withdrawal, and who may download a submitted file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseJudgeCsv } from "#app/domain/judging";
import { createLocalStorage } from "#app/infra/storage/local.server";
import type { FileStorage } from "#app/infra/storage/types";
import { assignJudge, assignRound, unassignJudge, withdrawJudge } from "#app/services/assignments.server";
import {
  declareConflicts,
  inviteJudges,
  judgeOnboarding,
  respondToJudgeInvitation,
  signAgreement,
} from "#app/services/judges.server";
import { judgeHome, reopenReview, reviewPage, saveReview, type ReviewInput } from "#app/services/reviews.server";
import { openSubmissionFile } from "#app/services/submissions.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makePdf } from "#tests/support/documents";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { insertTestRubric } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let organiser: User;
let contestId: number;
let roundId: number;
let deckId: number;
const tracks: number[] = [];
let judgeCount = 0;

const ctxOf = (user: User | null, now = new Date("2027-04-10T00:00:00.000Z")) => makeCtx(t.db, user, { now });

async function tokenFor(email: string): Promise<string> {
  const mail = await t.db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("kind", "=", "judge_invitation")
    .where("to_address", "=", email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return /\/judge-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
}

/** Invites, accepts and (unless told otherwise) signs: a judge ready to review. */
async function makeJudge(options: { organisation?: string | null; email?: string; sign?: boolean; trackIds?: number[] } = {}) {
  // A public mail domain by default: test users share example.org, which would be a detected conflict.
  const user = await makeUser(t.db, { email: options.email ?? `judge${++judgeCount}@gmail.com` });
  const invited = await inviteJudges(await ctxOf(organiser), contestId, [
    {
      email: user.email,
      name: user.name,
      organisation: options.organisation ?? null,
      country: "SG",
      trackIds: options.trackIds ?? [],
      languages: ["en"],
    },
  ]);
  if (!invited.ok) throw new Error(invited.error.code);
  const accepted = await respondToJudgeInvitation(await ctxOf(user), await tokenFor(user.email), true);
  if (!accepted.ok) throw new Error(accepted.error.code);
  if (options.sign !== false) {
    const signed = await signAgreement(await ctxOf(user), contestId, { version: 1, language: "en" });
    if (!signed.ok) throw new Error(signed.error.code);
  }
  return user;
}

async function makeEntry(trackId: number, team: { name?: string; organisation?: string | null } = {}) {
  const lead = await makeUser(t.db);
  const row = await insertTeam(t.db, {
    ...(team.name ? { name: team.name } : {}),
    organisation: team.organisation ?? null,
  });
  await insertMember(t.db, row.id, lead.id, "lead");
  const entry = await insertEntry(t.db, { contestId, teamId: row.id, trackId });
  return { lead, team: row, entry };
}

async function handIn(entryId: number, createdAt: string, pages: number, fileName = "Acme secret deck.pdf") {
  const data = makePdf(pages);
  const stored = await storage.put(data, { maxBytes: 10_000_000, contentType: "application/pdf", fileName });
  const version = await t.db
    .selectFrom("submissions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("entry_id", "=", entryId)
    .where("requirement_id", "=", deckId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto("submissions")
    .values({
      entry_id: entryId,
      round_id: roundId,
      requirement_id: deckId,
      version: Number(version.n) + 1,
      kind: "file",
      storage_key: stored.key,
      sha256: stored.sha256,
      size_bytes: stored.size,
      file_name: fileName,
      content_type: "application/pdf",
      pages,
      text_value: null,
      url_value: null,
      uploaded_by: null,
      created_at: createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeEach(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-judging-"));
  storage = createLocalStorage(dir);
  organiser = await makeUser(t.db, { email: "org@contest.example" });
  const contest = await makeContest(t.db);
  contestId = contest.id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  tracks.length = 0;
  tracks.push(
    (await insertTrack(t.db, contestId, { en: "Health" })).id,
    (await insertTrack(t.db, contestId, { en: "Agritech" })).id,
  );
  const at = new Date().toISOString();
  const round = await t.db
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position: 1,
      name_i18n: JSON.stringify({ en: "Preliminary" }),
      submission_opens_at: "2027-03-01T00:00:00.000Z",
      submission_closes_at: "2027-03-31T16:00:00.000Z",
      review_opens_at: "2027-04-01T00:00:00.000Z",
      review_closes_at: "2027-04-30T00:00:00.000Z",
      blind_review: 1,
      judges_per_entry: 2,
      rubric_id: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  roundId = round.id;
  const deck = await t.db
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
    .executeTakeFirstOrThrow();
  deckId = deck.id;
});

afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("judge invitations", () => {
  it("only organisers invite; the invitee with that address accepts and becomes a judge", async () => {
    const someone = await makeUser(t.db);
    const row = {
      email: "li@mekong.example",
      name: "Li",
      organisation: "Mekong VC",
      country: "CN",
      trackIds: [tracks[0]!],
      languages: ["zh" as const],
    };
    expect(await inviteJudges(await ctxOf(someone), contestId, [row])).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await inviteJudges(await ctxOf(organiser), contestId, [row])).toEqual({ ok: true, value: { invited: 1, skipped: 0 } });
    const token = await tokenFor("li@mekong.example");
    // Another account cannot use the link.
    expect(await respondToJudgeInvitation(await ctxOf(someone), token, true)).toEqual({
      ok: false,
      error: { code: "invitation_for_other_email" },
    });
    const li = await makeUser(t.db, { email: "li@mekong.example" });
    expect(await respondToJudgeInvitation(await ctxOf(li), token, true)).toEqual({ ok: true, value: { contestId } });
    const profile = await t.db.selectFrom("judge_profiles").selectAll().where("user_id", "=", li.id).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({
      organisation: "Mekong VC",
      country: "CN",
      status: "active",
      track_ids_json: `[${tracks[0]}]`,
    });
    expect(await respondToJudgeInvitation(await ctxOf(li), token, true)).toEqual({ ok: false, error: { code: "token_used" } });
    // Inviting an active judge again is skipped.
    expect(await inviteJudges(await ctxOf(organiser), contestId, [row])).toEqual({ ok: true, value: { invited: 0, skipped: 1 } });
  });

  it("invites a whole CSV, and refuses a track of another contest without inviting anyone", async () => {
    const csv = "email,name,tracks,languages\na@x.example,A,Health,en\nb@y.example,B,2,th;en\n";
    const parsed = parseJudgeCsv(csv, [
      { id: tracks[0]!, position: 1, names: ["Health"] },
      { id: tracks[1]!, position: 2, names: ["Agritech"] },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(await inviteJudges(await ctxOf(organiser), contestId, parsed.rows)).toEqual({
      ok: true,
      value: { invited: 2, skipped: 0 },
    });
    const before = await snapshot(t.db);
    expect(
      await inviteJudges(await ctxOf(organiser), contestId, [{ ...parsed.rows[0]!, email: "c@z.example", trackIds: [99999] }]),
    ).toEqual({ ok: false, error: { code: "invalid_track", field: "trackIds" } });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("agreement and conflicts", () => {
  it("shows no team before the agreement is signed, then lets the judge declare conflicts", async () => {
    const { entry: a } = await makeEntry(tracks[0]!, { name: "Alpha", organisation: "Alpha Labs" });
    const { entry: b } = await makeEntry(tracks[0]!, { name: "Beta" });
    const judge = await makeJudge({ sign: false });
    const unsigned = await judgeOnboarding(await ctxOf(judge), contestId, "en");
    expect(unsigned.ok && unsigned.value.signed).toBe(false);
    expect(unsigned.ok && unsigned.value.teams).toEqual([]);
    expect(await declareConflicts(await ctxOf(judge), contestId, [a.id])).toEqual({
      ok: false,
      error: { code: "agreement_required" },
    });
    expect(await signAgreement(await ctxOf(judge), contestId, { version: 2, language: "en" })).toEqual({
      ok: false,
      error: { code: "agreement_changed" },
    });
    expect(await signAgreement(await ctxOf(judge), contestId, { version: 1, language: "en" })).toEqual({ ok: true, value: null });
    const acceptance = await t.db.selectFrom("agreement_acceptances").selectAll().executeTakeFirstOrThrow();
    expect(acceptance).toMatchObject({ user_id: judge.id, agreement_version: 1, language: "en" });
    expect(acceptance.text_sha256).toMatch(/^[0-9a-f]{64}$/);
    const signed = await judgeOnboarding(await ctxOf(judge), contestId, "en");
    expect(signed.ok && signed.value.teams.map((x) => [x.name, x.organisation])).toEqual([
      ["Alpha", "Alpha Labs"],
      ["Beta", null],
    ]);
    // Names, organisations and countries only: no entry codes, members or answers.
    expect(signed.ok && Object.keys(signed.value.teams[0]!).sort()).toEqual(
      ["country", "declared", "detected", "entryId", "name", "organisation"].sort(),
    );
    expect(await declareConflicts(await ctxOf(judge), contestId, [b.id])).toEqual({ ok: true, value: { declared: 1 } });
    const after = await judgeOnboarding(await ctxOf(judge), contestId, "en");
    expect(after.ok && after.value.teams.map((x) => x.declared)).toEqual([false, true]);
  });

  it("refuses people who are not judges of the contest", async () => {
    const founder = await makeUser(t.db);
    expect((await judgeOnboarding(await ctxOf(founder), contestId, "en")).ok).toBe(false);
    expect(await signAgreement(await ctxOf(founder), contestId, { version: 1, language: "en" })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("detects the same organisation, a company email domain and a (former) team membership", async () => {
    const judge = await makeJudge({ organisation: "Mekong Ventures Pte Ltd", email: "judge@mekong.vc" });
    const { entry: sameOrg } = await makeEntry(tracks[0]!, { organisation: "Mekong Ventures" });
    const { entry: sameDomain, team } = await makeEntry(tracks[0]!);
    const colleague = await makeUser(t.db, { email: "cto@mekong.vc" });
    await insertMember(t.db, team.id, colleague.id);
    const { entry: clean } = await makeEntry(tracks[0]!);
    const result = await assignRound(await ctxOf(organiser), contestId, roundId, { seed: 1, mode: "redo" });
    expect(result.ok).toBe(true);
    const conflicts = await t.db
      .selectFrom("conflicts")
      .select(["entry_id", "reason", "source"])
      .where("user_id", "=", judge.id)
      .execute();
    expect(conflicts.map((c) => [c.entry_id, c.reason, c.source]).sort()).toEqual(
      [
        [sameOrg.id, "same_organisation", "detected"],
        [sameDomain.id, "same_email_domain", "detected"],
      ].sort(),
    );
    const assigned = await t.db.selectFrom("assignments").select("entry_id").where("judge_id", "=", judge.id).execute();
    expect(assigned.map((a) => a.entry_id)).toEqual([clean.id]);
  });
});

describe("assignment", () => {
  it("gives every entry the round's number of judges, avoids conflicts, and explains what it cannot do", async () => {
    const entries: Array<{ id: number }> = [];
    for (let i = 0; i < 5; i++) entries.push((await makeEntry(tracks[i % 2]!)).entry);
    const judges = [await makeJudge(), await makeJudge(), await makeJudge()];
    await declareConflicts(await ctxOf(judges[0]!), contestId, [entries[0]!.id]);
    const result = await assignRound(await ctxOf(organiser), contestId, roundId, { seed: 7, mode: "redo" });
    expect(result).toMatchObject({ ok: true, value: { added: 10, removed: 0, problems: [] } });
    const rows = await t.db.selectFrom("assignments").selectAll().where("round_id", "=", roundId).execute();
    for (const entry of entries) expect(rows.filter((r) => r.entry_id === entry.id)).toHaveLength(2);
    expect(rows.some((r) => r.judge_id === judges[0]!.id && r.entry_id === entries[0]!.id)).toBe(false);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "round.judges_assigned").execute();
    expect(audit).toHaveLength(1);

    // A conflict with a second judge leaves entry 0 one judge short, and says so.
    await declareConflicts(await ctxOf(judges[1]!), contestId, [entries[0]!.id]);
    const again = await assignRound(await ctxOf(organiser), contestId, roundId, { seed: 7, mode: "fill" });
    expect(again.ok && again.value.problems).toContainEqual({
      code: "too_few_eligible",
      trackId: tracks[0],
      entries: 1,
      eligible: 1,
      needed: 2,
    });
  });

  it("refuses non-organisers, conflicted or unknown judges in manual assignment", async () => {
    const { entry } = await makeEntry(tracks[0]!);
    const judge = await makeJudge();
    const other = await makeJudge();
    expect(await assignRound(await ctxOf(judge), contestId, roundId, { seed: 1, mode: "redo" })).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    await declareConflicts(await ctxOf(judge), contestId, [entry.id]);
    const before = await snapshot(t.db);
    expect(await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: judge.id })).toEqual({
      ok: false,
      error: { code: "judge_conflicted", field: "judgeId" },
    });
    expect(await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: organiser.id })).toEqual({
      ok: false,
      error: { code: "judge_not_active", field: "judgeId" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    const made = await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: other.id });
    expect(made.ok).toBe(true);
    expect(await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: other.id })).toEqual({
      ok: false,
      error: { code: "already_assigned", field: "judgeId" },
    });
    if (!made.ok) return;
    expect(await unassignJudge(await ctxOf(organiser), contestId, made.value.assignmentId)).toEqual({ ok: true, value: null });
  });

  it("keeps a withdrawn judge's submitted reviews and gives the rest to the others", async () => {
    const entries: Array<{ id: number }> = [];
    for (let i = 0; i < 4; i++) entries.push((await makeEntry(tracks[0]!)).entry);
    const judges = [await makeJudge(), await makeJudge(), await makeJudge()];
    await assignRound(await ctxOf(organiser), contestId, roundId, { seed: 3, mode: "redo" });
    const leaving = judges[0]!;
    const theirs = await t.db.selectFrom("assignments").selectAll().where("judge_id", "=", leaving.id).execute();
    expect(theirs.length).toBeGreaterThan(1);
    const now = new Date().toISOString();
    await t.db
      .insertInto("reviews")
      .values({
        assignment_id: theirs[0]!.id,
        status: "submitted",
        feedback: null,
        note: null,
        confidence: null,
        created_at: now,
        updated_at: now,
        submitted_at: now,
      })
      .execute();
    const result = await withdrawJudge(await ctxOf(organiser), contestId, leaving.id);
    expect(result.ok).toBe(true);
    const rows = await t.db.selectFrom("assignments").selectAll().where("round_id", "=", roundId).execute();
    expect(rows.filter((r) => r.judge_id === leaving.id).map((r) => r.id)).toEqual([theirs[0]!.id]);
    for (const entry of entries) expect(rows.filter((r) => r.entry_id === entry.id)).toHaveLength(2);
  });
});

describe("who may download a submitted file", () => {
  it("team, organisers and a cleared judge; never another team, an unassigned or conflicted judge, or a visitor", async () => {
    const { entry, lead } = await makeEntry(tracks[0]!, { name: "Acme" });
    const { lead: otherLead } = await makeEntry(tracks[0]!);
    const v1 = await handIn(entry.id, "2027-03-10T00:00:00.000Z", 3);
    const v2 = await handIn(entry.id, "2027-03-20T00:00:00.000Z", 4);
    const assigned = await makeJudge();
    const unsignedJudge = await makeJudge({ sign: false });
    const unassigned = await makeJudge();
    const conflicted = await makeJudge();
    for (const judge of [assigned, unsignedJudge, conflicted])
      expect((await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: judge.id })).ok).toBe(
        true,
      );
    // A conflict declared after assignment removes the judge from the entry and closes the file.
    await declareConflicts(await ctxOf(conflicted), contestId, [entry.id]);
    await t.db
      .insertInto("assignments")
      .values({
        round_id: roundId,
        entry_id: entry.id,
        judge_id: conflicted.id,
        source: "manual",
        assigned_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();

    const open = async (user: User | null, id: number) => {
      const result = await openSubmissionFile(await ctxOf(user), storage, id);
      if (!result.ok) return result.error.code;
      for await (const _ of result.value.stream);
      return result.value.fileName;
    };
    expect(await open(lead, v1)).toBe("Acme secret deck.pdf");
    expect(await open(organiser, v2)).toBe("Acme secret deck.pdf");
    // The judge gets the version that counts, named by entry code and material, never the team's name.
    expect(await open(assigned, v2)).toBe(`${entry.code} pitch_deck.pdf`);
    expect(await open(assigned, v1)).toBe("not_found");
    expect(await open(otherLead, v2)).toBe("not_found");
    expect(await open(unassigned, v2)).toBe("not_found");
    expect(await open(unsignedJudge, v2)).toBe("not_found");
    expect(await open(conflicted, v2)).toBe("not_found");
    expect(await open(null, v2)).toBe("not_found");
  });

  it("a version handed in after the deadline never reaches judges", async () => {
    const { entry } = await makeEntry(tracks[0]!);
    const onTime = await handIn(entry.id, "2027-03-30T00:00:00.000Z", 2);
    const late = await handIn(entry.id, "2027-04-02T00:00:00.000Z", 2);
    const judge = await makeJudge();
    await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: judge.id });
    const get = async (id: number) => {
      const result = await openSubmissionFile(await ctxOf(judge), storage, id);
      if (result.ok) for await (const _ of result.value.stream);
      return result.ok;
    };
    expect(await get(onTime)).toBe(true);
    expect(await get(late)).toBe(false);
  });
});

describe("reviews", () => {
  async function withRubric() {
    const { rubricId, criterionIds } = await insertTestRubric(t.db, contestId, [
      { key: "team", weight: 60, step: 1 },
      { key: "market", weight: 40, step: 0.5 },
    ]);
    await t.db.updateTable("rounds").set({ rubric_id: rubricId }).where("id", "=", roundId).execute();
    return criterionIds as [number, number];
  }

  async function assigned() {
    const [team, market] = await withRubric();
    const { entry } = await makeEntry(tracks[0]!, { name: "Secret Name Ltd", organisation: "Hidden Org" });
    const judge = await makeJudge();
    const made = await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: judge.id });
    if (!made.ok) throw new Error(made.error.code);
    return { judge, assignmentId: made.value.assignmentId, team, market, entry };
  }

  const input = (version: number, team: number, market: number, values: [number | null, number | null]): ReviewInput => ({
    version,
    scores: { [team]: { value: values[0], comment: "" }, [market]: { value: values[1], comment: "ok" } },
    feedback: "Strong team.",
    note: "",
    confidence: 4,
  });

  it("shows a blind round's entry by code only, saves drafts, submits and locks", async () => {
    const { judge, assignmentId, team, market, entry } = await assigned();
    const page = await reviewPage(await ctxOf(judge), assignmentId);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.entry).toMatchObject({ code: entry.code, team: null });
    expect(JSON.stringify(page.value)).not.toMatch(/Secret Name|Hidden Org/);
    expect(await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [7, null]), { submit: false })).toEqual({
      ok: true,
      value: { version: 1, status: "draft" },
    });
    // Submitting needs every score.
    expect(await saveReview(await ctxOf(judge), assignmentId, input(1, team, market, [7, null]), { submit: true })).toEqual({
      ok: false,
      error: { code: "score_missing", field: `score-${market}` },
    });
    expect(await saveReview(await ctxOf(judge), assignmentId, input(1, team, market, [7, 8.5]), { submit: true })).toEqual({
      ok: true,
      value: { version: 2, status: "submitted" },
    });
    const before = await snapshot(t.db);
    expect(await saveReview(await ctxOf(judge), assignmentId, input(2, team, market, [1, 1]), { submit: false })).toEqual({
      ok: false,
      error: { code: "review_locked" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    // An organiser reopens it, with a reason, and the judge may change it again.
    const founder = await makeUser(t.db);
    expect(await reopenReview(await ctxOf(founder), contestId, assignmentId, "typo")).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await reopenReview(await ctxOf(organiser), contestId, assignmentId, "Judge asked to fix a typo")).toEqual({
      ok: true,
      value: null,
    });
    expect(await saveReview(await ctxOf(judge), assignmentId, input(3, team, market, [6, 8.5]), { submit: true })).toMatchObject({
      ok: true,
    });
    const actions = await t.db.selectFrom("audit_events").select("action").where("subject_type", "=", "assignment").execute();
    expect(actions.map((a) => a.action)).toEqual([
      "assignment.created",
      "review.scores_saved",
      "review.submitted",
      "review.reopened",
      "review.submitted",
    ]);
  });

  it("refuses a score off the scale or the step, and changes nothing", async () => {
    const { judge, assignmentId, team, market } = await assigned();
    const before = await snapshot(t.db);
    expect(await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [11, 5]), { submit: false })).toEqual({
      ok: false,
      error: { code: "score_out_of_scale", field: `score-${team}`, params: { min: 0, max: 10 } },
    });
    expect(await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [5, 5.25]), { submit: false })).toEqual({
      ok: false,
      error: { code: "score_off_step", field: `score-${market}`, params: { step: 0.5 } },
    });
    expect(await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [5.5, 5]), { submit: false })).toEqual({
      ok: false,
      error: { code: "score_off_step", field: `score-${team}`, params: { step: 1 } },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("two tabs saving at once: one wins, the other is told, nothing is lost silently", async () => {
    const { judge, assignmentId, team, market } = await assigned();
    const [a, b] = await Promise.all([
      saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [3, null]), { submit: false }),
      saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [9, null]), { submit: false }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].filter((r) => !r.ok)).toEqual([{ ok: false, error: { code: "changed_by_someone_else" } }]);
    const winner = a.ok ? 3 : 9;
    const stored = await t.db.selectFrom("criterion_scores").select("value").where("criterion_id", "=", team).execute();
    expect(stored).toEqual([{ value: winner }]);
  });

  it("another judge, a conflicted judge and the team cannot read or write the review", async () => {
    const { judge, assignmentId, team, market, entry } = await assigned();
    const other = await makeJudge();
    await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [5, 5]), { submit: false });
    expect(await reviewPage(await ctxOf(other), assignmentId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await saveReview(await ctxOf(other), assignmentId, input(1, team, market, [1, 1]), { submit: false })).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    const lead = await t.db
      .selectFrom("team_members")
      .select("user_id")
      .where("team_id", "=", entry.team_id)
      .executeTakeFirstOrThrow();
    const leadUser = await t.db.selectFrom("users").selectAll().where("id", "=", lead.user_id).executeTakeFirstOrThrow();
    expect((await reviewPage(await ctxOf(leadUser), assignmentId)).ok).toBe(false);
    await declareConflicts(await ctxOf(judge), contestId, [entry.id]);
    expect((await reviewPage(await ctxOf(judge), assignmentId)).ok).toBe(false);
  });

  it("lists the judge's assignments with their status, blind entries without a name", async () => {
    const { judge, assignmentId, team, market, entry } = await assigned();
    await saveReview(await ctxOf(judge), assignmentId, input(0, team, market, [5, null]), { submit: false });
    const home = await judgeHome(await ctxOf(judge));
    expect(home.ok && home.value.assignments).toEqual([
      expect.objectContaining({ id: assignmentId, code: entry.code, teamName: null, status: "draft" }),
    ]);
  });

  it("refuses saves outside the review window", async () => {
    const { judge, assignmentId, team, market } = await assigned();
    expect(
      await saveReview(await ctxOf(judge, new Date("2027-05-01T00:00:00.000Z")), assignmentId, input(0, team, market, [5, 5]), {
        submit: true,
      }),
    ).toEqual({ ok: false, error: { code: "review_closed" } });
    expect(
      await saveReview(await ctxOf(judge, new Date("2027-03-01T00:00:00.000Z")), assignmentId, input(0, team, market, [5, 5]), {
        submit: true,
      }),
    ).toEqual({ ok: false, error: { code: "review_not_open" } });
  });
});

describe("rubric lock", () => {
  it("refuses to replace a round's rubric once a judge has scored against it", async () => {
    const { setRoundRubric } = await import("#app/services/rubrics.server");
    await t.db.updateTable("contests").set({ state: "draft" }).where("id", "=", contestId).execute();
    expect((await setRoundRubric(await ctxOf(organiser), contestId, roundId, { template: "general_startup" })).ok).toBe(true);
    const round = await t.db.selectFrom("rounds").select("rubric_id").where("id", "=", roundId).executeTakeFirstOrThrow();
    const criteria = await t.db.selectFrom("criteria").select("id").where("rubric_id", "=", round.rubric_id!).execute();
    const { entry } = await makeEntry(tracks[0]!);
    const judge = await makeJudge();
    const made = await assignJudge(await ctxOf(organiser), contestId, roundId, { entryId: entry.id, judgeId: judge.id });
    if (!made.ok) throw new Error(made.error.code);
    const saved = await saveReview(
      await ctxOf(judge),
      made.value.assignmentId,
      { version: 0, scores: { [criteria[0]!.id]: { value: 5, comment: "" } }, feedback: "", note: "", confidence: null },
      { submit: false },
    );
    expect(saved.ok).toBe(true);
    expect(await setRoundRubric(await ctxOf(organiser), contestId, roundId, { template: "general_startup" })).toEqual({
      ok: false,
      error: { code: "rubric_locked" },
    });
  });
});
