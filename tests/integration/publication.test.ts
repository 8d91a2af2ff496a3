// From scores to decisions against a real database: advancement (preview, written changes, one
// confirmation however often it is sent), publication (nothing visible before, an immutable snapshot
// after, corrections as new versions) and certificates (issued, kept, revoked, verified).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advancementPlan, confirmAdvancement, writeAdvancementChange } from "#app/services/advancement.server";
import { grantAward, createAward, revokeGrant, listRoundAwards } from "#app/services/awards.server";
import { entryResults, publicResults, publishRound, verifyCertificate } from "#app/services/publication.server";
import { chooseRoundMethod, roundResults } from "#app/services/results.server";
import { reopenReview, saveReview } from "#app/services/reviews.server";
import { submissionPage } from "#app/services/submissions.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge, submitReview } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let nextRoundId: number;
let criteria: [number, number];
let judges: User[];
/** Entry ids by code; each team has one member named after its code. */
let entries: Record<string, number>;
let members: Record<string, User>;
let assignments: Map<string, number>;

const at = new Date().toISOString();

/** Judge j scores entry `code` (pitch, market on 0–10; total = 5 × (pitch + market)) and submits. */
async function score(j: number, code: string, scores: [number, number], feedback = "") {
  const assignmentId = await submitReview(t.db, {
    roundId,
    entryId: entries[code]!,
    judge: judges[j]!,
    criteria,
    scores,
    feedback,
    note: "confidential: only organisers read this",
  });
  assignments.set(`${j}:${code}`, assignmentId);
}

beforeEach(async () => {
  t = createTestDb();
  organiser = await makeUser(t.db, { name: "Olive Organiser" });
  contestId = (await makeContest(t.db)).id;
  await t.db
    .updateTable("contests")
    .set({ state: "running", name_i18n: JSON.stringify({ en: "Mekong Cup" }) })
    .where("id", "=", contestId)
    .execute();
  await grantRole(t.db, contestId, organiser.id, "organiser");
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId, { method: "mean" }));
  nextRoundId = (
    await t.db
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: 3,
        name_i18n: JSON.stringify({ en: "Grand final" }),
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const tech = await insertTrack(t.db, contestId, { en: "Tech" });
  const social = await insertTrack(t.db, contestId, { en: "Social" });
  entries = {};
  members = {};
  assignments = new Map();
  for (const [code, trackId, language] of [
    ["T-A1", tech.id, "en"],
    ["T-A2", tech.id, "vi"],
    ["T-A3", tech.id, "th"],
    ["T-B1", social.id, "zh-CN"],
    ["T-B2", social.id, "en"],
    ["T-B3", social.id, "en"],
  ] as const) {
    const team = await insertTeam(t.db, { name: `Team ${code}` });
    const member = await makeUser(t.db, { name: `Founder ${code}`, language });
    await insertMember(t.db, team.id, member.id, "lead");
    entries[code] = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code })).id;
    members[code] = member;
  }
  judges = [await makeSignedJudge(t.db, contestId, "Judge Harsh"), await makeSignedJudge(t.db, contestId, "Judge Kind")];
  // Tech: A1 90, A2 70, A3 50. Social: B1 80, B2 60 and B3 60 (a tie).
  await score(0, "T-A1", [9, 9], "Clear pitch; show unit economics.");
  await score(1, "T-A1", [9, 9]);
  await score(0, "T-A2", [7, 7], "Market sizing is thin.");
  await score(1, "T-A2", [7, 7], "Strong team.");
  await score(0, "T-A3", [5, 5]);
  await score(1, "T-A3", [5, 5]);
  await score(0, "T-B1", [8, 8]);
  await score(1, "T-B1", [8, 8]);
  await score(0, "T-B2", [6, 6]);
  await score(1, "T-B2", [6, 6]);
  await score(0, "T-B3", [6, 6]);
  await score(1, "T-B3", [6, 6]);
});

afterEach(() => t.cleanup());

const ctxOf = (user: User | null) => makeCtx(t.db, user);
const outcome = async (round: number) =>
  Object.fromEntries(
    (await t.db.selectFrom("entry_rounds").select(["entry_id", "status"]).where("round_id", "=", round).execute()).map((r) => [
      Object.keys(entries).find((c) => entries[c] === r.entry_id),
      r.status,
    ]),
  );

describe("advancement", () => {
  it("previews the top 2 per track, holding a tie at the cut until the organiser decides", async () => {
    const plan = await advancementPlan(await ctxOf(organiser), contestId, roundId, { kind: "top", n: 2 });
    if (!plan.ok) throw new Error(plan.error.code);
    const verdict = (code: string) => plan.value.tracks.flatMap((tr) => tr.rows).find((r) => r.code === code)!;
    expect([verdict("T-A1").advances, verdict("T-A2").advances, verdict("T-A3").advances]).toEqual([true, true, false]);
    expect([verdict("T-B1").advances, verdict("T-B2").advances, verdict("T-B3").advances]).toEqual([true, null, null]);
    expect(plan.value).toMatchObject({ advancing: 3, undecided: 2, next: { id: nextRoundId } });

    const refused = await confirmAdvancement(await ctxOf(organiser), contestId, roundId, { kind: "top", n: 2 });
    expect(refused).toEqual({ ok: false, error: { code: "tie_at_cut", params: { count: 2 } } });
    expect(await outcome(nextRoundId)).toEqual({});
  });

  it("refuses a change without a real reason and leaves the database as it was", async () => {
    const before = await snapshot(t.db);
    const result = await writeAdvancementChange(await ctxOf(organiser), contestId, roundId, {
      entryId: entries["T-B2"]!,
      action: "add",
      reason: " ok ",
    });
    expect(result).toEqual({ ok: false, error: { code: "reason_too_short", field: "reason", params: { min: 5 } } });
    expect(await snapshot(t.db)).toEqual(before);
    const judge = await writeAdvancementChange(await ctxOf(judges[0]!), contestId, roundId, {
      entryId: entries["T-B2"]!,
      action: "add",
      reason: "A judge cannot do this",
    });
    expect(judge.ok).toBe(false);
  });

  it("confirms once: entries carried into the next round, everyone told in their language, a second confirm changes nothing", async () => {
    const org = await ctxOf(organiser);
    expect(
      (
        await writeAdvancementChange(org, contestId, roundId, {
          entryId: entries["T-B2"]!,
          action: "add",
          reason: "Stronger pilot data",
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await writeAdvancementChange(org, contestId, roundId, {
          entryId: entries["T-B3"]!,
          action: "remove",
          reason: "Seat went to T-B2",
        })
      ).ok,
    ).toBe(true);
    const first = await confirmAdvancement(org, contestId, roundId, { kind: "top", n: 2 });
    expect(first).toEqual({ ok: true, value: { advanced: 4, eliminated: 2, alreadyConfirmed: false } });
    expect(await outcome(nextRoundId)).toEqual({ "T-A1": "active", "T-A2": "active", "T-B1": "active", "T-B2": "active" });
    expect(await outcome(roundId)).toEqual({
      "T-A1": "advanced",
      "T-A2": "advanced",
      "T-A3": "eliminated",
      "T-B1": "advanced",
      "T-B2": "advanced",
      "T-B3": "eliminated",
    });

    const mails = await t.db
      .selectFrom("outbox_messages")
      .select(["kind", "to_address", "language", "subject"])
      .where("kind", "like", "advancement_%")
      .execute();
    expect(mails).toHaveLength(6);
    const mailOf = (code: string) => mails.find((m) => m.to_address === members[code]!.email)!;
    expect(mailOf("T-A2")).toMatchObject({ kind: "advancement_advanced", language: "vi" });
    expect(mailOf("T-A2").subject).toContain("Grand final");
    expect(mailOf("T-A3")).toMatchObject({ kind: "advancement_not_advanced", language: "th" });
    expect(mailOf("T-B1")).toMatchObject({ kind: "advancement_advanced", language: "zh-CN" });

    const before = await snapshot(t.db);
    const again = await confirmAdvancement(org, contestId, roundId, { kind: "top", n: 1 });
    expect(again).toEqual({ ok: true, value: { advanced: 4, eliminated: 2, alreadyConfirmed: true } });
    expect(await snapshot(t.db)).toEqual(before);

    const late = await writeAdvancementChange(org, contestId, roundId, {
      entryId: entries["T-A3"]!,
      action: "add",
      reason: "Too late now",
    });
    expect(late).toEqual({ ok: false, error: { code: "advancement_confirmed" } });

    // The next round is open only to the advanced entries.
    const out = await submissionPage(await ctxOf(members["T-A3"]!), entries["T-A3"]!, nextRoundId);
    const inn = await submissionPage(await ctxOf(members["T-A1"]!), entries["T-A1"]!, nextRoundId);
    expect(out.ok && out.value.takesPart).toBe(false);
    expect(inn.ok && inn.value.takesPart).toBe(true);
  });
});

describe("the round's method", () => {
  it("is the organiser's choice, audited, and what advancement and publication decide by", async () => {
    const org = await ctxOf(organiser);
    expect((await chooseRoundMethod(await ctxOf(judges[0]!), contestId, roundId, "median")).ok).toBe(false);
    expect(await chooseRoundMethod(org, contestId, roundId, "median")).toEqual({ ok: true, value: null });
    const plan = await advancementPlan(org, contestId, roundId, { kind: "top", n: 1 });
    expect(plan.ok && plan.value.method).toBe("median");
    await publishRound(org, contestId, roundId, { reason: null });
    const row = await t.db.selectFrom("publications").select("snapshot_json").executeTakeFirstOrThrow();
    expect(JSON.parse(row.snapshot_json)).toMatchObject({ method: "median" });
    const events = await t.db
      .selectFrom("audit_events")
      .select(["action", "after_json"])
      .where("action", "=", "round.method_chosen")
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.after_json!)).toEqual({ method: "median" });
  });
});

describe("publication", () => {
  async function giveAwards() {
    const org = await ctxOf(organiser);
    const gold = await createAward(org, contestId, roundId, { name: { en: "Gold", "zh-CN": "金奖" }, description: null });
    const impact = await createAward(org, contestId, roundId, { name: { en: "Best social impact" }, description: null });
    if (!gold.ok || !impact.ok) throw new Error("award not created");
    const grant = async (awardId: number, code: string) => {
      const granted = await grantAward(org, contestId, awardId, { entryId: entries[code]! });
      if (!granted.ok) throw new Error(granted.error.code);
    };
    await grant(gold.value.id, "T-A1");
    await grant(impact.value.id, "T-B1");
    return { gold: gold.value.id, impact: impact.value.id };
  }

  it("shows nothing to teams or the public before the organiser publishes", async () => {
    await giveAwards();
    expect(await entryResults(await ctxOf(members["T-A1"]!), entries["T-A1"]!, roundId)).toEqual({
      ok: false,
      error: { code: "not_published" },
    });
    const pub = await publicResults(
      await ctxOf(null),
      (await t.db.selectFrom("contests").select("slug").executeTakeFirstOrThrow()).slug,
    );
    expect(pub.ok && pub.value.rounds).toEqual([]);
    expect(await t.db.selectFrom("certificates").selectAll().execute()).toEqual([]);
  });

  it("reveals to each role exactly its part: the team its own results, the public winners without scores", async () => {
    await giveAwards();
    const published = await publishRound(await ctxOf(organiser), contestId, roundId, { reason: null });
    expect(published).toMatchObject({ ok: true, value: { version: 1, issued: 4, revoked: 0 } });

    const own = await entryResults(await ctxOf(members["T-A2"]!), entries["T-A2"]!, roundId);
    if (!own.ok) throw new Error(own.error.code);
    expect(own.value.view.entry).toMatchObject({ rank: 2, score: 70 });
    expect(own.value.view.rankedInTrack).toBe(3);
    // Track means: pitch (9 + 7 + 5) / 3 = 7.
    expect(own.value.view.criteria.find((c) => c.key === "pitch")).toMatchObject({ own: 7, track: 7 });
    expect(own.value.view.comments).toEqual(["Market sizing is thin.", "Strong team."]);
    const text = JSON.stringify(own.value);
    for (const secret of ["Judge Harsh", "Judge Kind", "confidential", "T-A1", "Team T-B1"]) expect(text).not.toContain(secret);

    const other = await entryResults(await ctxOf(members["T-B1"]!), entries["T-A2"]!, roundId);
    expect(other).toEqual({ ok: false, error: { code: "not_found" } });
    const stranger = await entryResults(await ctxOf(judges[0]!), entries["T-A2"]!, roundId);
    expect(stranger.ok).toBe(false);

    const slug = (await t.db.selectFrom("contests").select("slug").executeTakeFirstOrThrow()).slug;
    const pub = await publicResults(await ctxOf(null), slug);
    if (!pub.ok) throw new Error(pub.error.code);
    expect(pub.value.rounds).toHaveLength(1);
    expect(pub.value.rounds[0]!.awards.map((a) => [a.name.en, a.winners.map((w) => w.teamName)])).toEqual([
      ["Gold", ["Team T-A1"]],
      ["Best social impact", ["Team T-B1"]],
    ]);
    const publicText = JSON.stringify(pub.value);
    for (const secret of ["score", "rank", "Market sizing", "Judge Harsh", "T-A3"]) expect(publicText).not.toContain(secret);

    // Certificates: the team's and its member's, verifiable in public by a forgiving code.
    const certs = await t.db.selectFrom("certificates").selectAll().where("entry_id", "=", entries["T-A1"]!).execute();
    expect(certs.map((c) => c.recipient_name).sort()).toEqual(["Founder T-A1", null].sort());
    const verified = await verifyCertificate(await ctxOf(null), certs[0]!.code.toLowerCase().replace(/-/g, " "));
    expect(verified).toMatchObject({ ok: true, value: { valid: true, teamName: "Team T-A1", mayDownload: false } });
    const asMember = await verifyCertificate(await ctxOf(members["T-A1"]!), certs[0]!.code);
    expect(asMember.ok && asMember.value.mayDownload).toBe(true);
    expect((await verifyCertificate(await ctxOf(null), "TR-0000-0000")).ok).toBe(false);
  });

  it("keeps the snapshot when a score is reopened and changed; a correction is a new, audited version", async () => {
    const { gold } = await giveAwards();
    const org = await ctxOf(organiser);
    await publishRound(org, contestId, roundId, { reason: null });
    const certsBefore = await t.db.selectFrom("certificates").selectAll().orderBy("id").execute();

    // A judge's score for T-A3 is reopened and raised from 50 to 100.
    const assignmentId = assignments.get("0:T-A3")!;
    expect((await reopenReview(org, contestId, assignmentId, "Score sheet misread")).ok).toBe(true);
    const review = await t.db
      .selectFrom("reviews")
      .select("version")
      .where("assignment_id", "=", assignmentId)
      .executeTakeFirstOrThrow();
    const resaved = await saveReview(
      await ctxOf(judges[0]!),
      assignmentId,
      {
        version: review.version,
        scores: { [criteria[0]]: { value: 10, comment: "" }, [criteria[1]]: { value: 10, comment: "" } },
        feedback: "",
        note: "",
        confidence: null,
      },
      { submit: true },
    );
    expect(resaved.ok).toBe(true);
    const live = await roundResults(org, contestId, roundId);
    expect(live.ok && live.value.tracks[0]!.entries.find((e) => e.code === "T-A3")!.scores.mean).toBe(75);

    const frozen = await entryResults(await ctxOf(members["T-A3"]!), entries["T-A3"]!, roundId);
    expect(frozen.ok && frozen.value.view.entry).toMatchObject({ score: 50, rank: 3 });
    await expect(
      t.db.updateTable("publications").set({ snapshot_json: "{}" }).where("round_id", "=", roundId).execute(),
    ).rejects.toThrow(/immutable/);

    // A correction needs a reason; with one, it becomes version 2 and the team sees the new place.
    const before = await snapshot(t.db);
    expect(await publishRound(org, contestId, roundId, { reason: "" })).toEqual({
      ok: false,
      error: { code: "publish_reason_required", field: "reason", params: { min: 5 } },
    });
    expect(await snapshot(t.db)).toEqual(before);

    // The gold moves from T-A1 to T-A3 with the correction.
    const awards = await listRoundAwards(org, contestId, roundId);
    if (!awards.ok) throw new Error(awards.error.code);
    const goldGrant = awards.value.awards.find((a) => a.id === gold)!.grants[0]!;
    expect((await revokeGrant(org, contestId, goldGrant.id)).ok).toBe(true);
    expect((await grantAward(org, contestId, gold, { entryId: entries["T-A3"]! })).ok).toBe(true);

    const corrected = await publishRound(org, contestId, roundId, { reason: "Judge Harsh's sheet for T-A3 was misread" });
    expect(corrected).toMatchObject({ ok: true, value: { version: 2, issued: 2, revoked: 2 } });
    const now = await entryResults(await ctxOf(members["T-A3"]!), entries["T-A3"]!, roundId);
    expect(now.ok && now.value).toMatchObject({ version: 2, correction: "Judge Harsh's sheet for T-A3 was misread" });
    expect(now.ok && now.value.view.entry).toMatchObject({ score: 75, rank: 2 });
    expect(now.ok && now.value.certificates).toHaveLength(2);

    // The social-impact certificates kept their codes; the old gold ones are revoked, still verifiable as such.
    const certsAfter = await t.db.selectFrom("certificates").selectAll().orderBy("id").execute();
    for (const c of certsBefore.filter((c) => c.entry_id === entries["T-B1"])) {
      expect(certsAfter.find((a) => a.id === c.id)).toMatchObject({ code: c.code, revoked_at: null });
    }
    const oldGold = certsBefore.find((c) => c.entry_id === entries["T-A1"])!;
    expect(await verifyCertificate(await ctxOf(null), oldGold.code)).toMatchObject({ ok: true, value: { valid: false } });
    const audits = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "like", "results.%")
      .orderBy("id")
      .execute();
    expect(audits.map((a) => a.action)).toEqual(["results.published", "results.corrected"]);
    const mails = await t.db.selectFrom("outbox_messages").select("kind").where("kind", "=", "results_published").execute();
    expect(mails).toHaveLength(6);
  });

  it("refuses anyone but an organiser", async () => {
    expect((await publishRound(await ctxOf(judges[0]!), contestId, roundId, { reason: null })).ok).toBe(false);
    expect((await publishRound(await ctxOf(members["T-A1"]!), contestId, roundId, { reason: null })).ok).toBe(false);
    expect(await t.db.selectFrom("publications").selectAll().execute()).toEqual([]);
  });
});
