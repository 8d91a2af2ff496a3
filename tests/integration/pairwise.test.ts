// Pairwise rounds against a real database: each judge's next pair and answers (only their own), every
// refusal writing nothing, the organiser's Crowd-BT ranking recovering an obvious order and set beside
// the rubric ranking, and blind rounds hiding the teams.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as pairwiseAction, loader as pairwiseLoader } from "#app/routes/judging.$contestId.pairwise.$roundId";
import { loader as rankingLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.pairwise";
import { nextComparison, pairwiseRanking, recordComparison } from "#app/services/pairwise.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { judgingModeLocked, updateRound } from "#app/services/rounds.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge, submitReview } from "#tests/support/judging";
import { get, loadContext, outcome, post, signInCookie } from "#tests/support/routes";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let ana: User;
let bao: User;
let contestId: number;
let trackId: number;
let otherTrackId: number;
let roundId: number;
let criteria: [number, number];
/** Entries in the true order of strength, strongest first. */
let entries: number[];
let otherTrackEntry: number;
/** A judge who writes the rubric reviews the pairwise ranking is compared with. */
let rubricJudge: User;

async function setRound(values: { mode?: "rubric" | "pairwise"; blind?: 0 | 1; opens?: string; closes?: string }) {
  await t.db
    .updateTable("rounds")
    .set({
      ...(values.mode ? { judging_mode: values.mode } : {}),
      ...(values.blind !== undefined ? { blind_review: values.blind } : {}),
      ...(values.opens ? { review_opens_at: values.opens } : {}),
      ...(values.closes ? { review_closes_at: values.closes } : {}),
    })
    .where("id", "=", roundId)
    .execute();
}

/** Answers every next pair the judge is given as a judge who knows the true order would, `count` times. */
async function judgeTruthfully(judge: User, count: number) {
  const ctx = await makeCtx(t.db, judge);
  for (let i = 0; i < count; i++) {
    const next = await nextComparison(ctx, contestId, roundId);
    if (!next.ok) throw new Error(next.error.code);
    if (!next.value.pair) return;
    const [a, b] = next.value.pair;
    const answer = entries.indexOf(a.id) < entries.indexOf(b.id) ? "first" : "second";
    const saved = await recordComparison(ctx, contestId, roundId, { first: a.id, second: b.id, answer });
    if (!saved.ok) throw new Error(saved.error.code);
  }
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  trackId = (await insertTrack(t.db, contestId, { en: "Tech" })).id;
  otherTrackId = (await insertTrack(t.db, contestId, { en: "Social" })).id;
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId));
  await setRound({ mode: "pairwise" });
  ana = await makeSignedJudge(t.db, contestId, "Ana");
  bao = await makeSignedJudge(t.db, contestId, "Bao");
  rubricJudge = await makeSignedJudge(t.db, contestId, "Rubric judge");
  entries = [];
  for (let i = 1; i <= 5; i++) {
    const team = await insertTeam(t.db, { name: `Coral Labs ${i}`, pitch: `Pitch ${i}` });
    entries.push((await insertEntry(t.db, { contestId, teamId: team.id, trackId, code: `T-010${i}` })).id);
  }
  const other = await insertTeam(t.db, { name: "Mangrove Works" });
  otherTrackEntry = (await insertEntry(t.db, { contestId, teamId: other.id, trackId: otherTrackId, code: "S-0201" })).id;
  // Both judges judge the Tech track only.
  await t.db
    .updateTable("judge_profiles")
    .set({ track_ids_json: JSON.stringify([trackId]) })
    .where("contest_id", "=", contestId)
    .execute();
});

afterEach(() => t.cleanup());

describe("a judge's next pair", () => {
  it("shows two entries of the judge's tracks, with the team unless the round is blind, and counts only their own answers", async () => {
    const ctx = await makeCtx(t.db, ana);
    const first = await nextComparison(ctx, contestId, roundId);
    expect(first.ok).toBe(true);
    if (!first.ok || !first.value.pair) throw new Error("no pair");
    expect(first.value.made).toBe(0);
    for (const e of first.value.pair) {
      expect(entries).toContain(e.id);
      expect(e.team?.name).toMatch(/^Coral Labs/);
    }

    await judgeTruthfully(bao, 3);
    const afterBao = await nextComparison(ctx, contestId, roundId);
    if (!afterBao.ok) throw new Error(afterBao.error.code);
    // Bao's answers feed the model but are not Ana's: her count stays 0, and nothing names an answer.
    expect(afterBao.value.made).toBe(0);
    expect(JSON.stringify(afterBao.value)).not.toMatch(/answer|winner|cannot_tell|"first"|"second"/);

    await judgeTruthfully(ana, 2);
    const afterAna = await nextComparison(ctx, contestId, roundId);
    if (!afterAna.ok) throw new Error(afterAna.error.code);
    expect(afterAna.value.made).toBe(2);
    const baoView = await nextComparison(await makeCtx(t.db, bao), contestId, roundId);
    if (!baoView.ok) throw new Error(baoView.error.code);
    expect(baoView.value.made).toBe(3);
  });

  it("hides team names, organisation and country in a blind round, keeping code and pitch", async () => {
    await setRound({ blind: 1 });
    const next = await nextComparison(await makeCtx(t.db, ana), contestId, roundId);
    if (!next.ok || !next.value.pair) throw new Error("no pair");
    for (const e of next.value.pair) {
      expect(e.team).toBeNull();
      expect(e.code).toMatch(/^T-010/);
      expect(e.pitch).toMatch(/^Pitch /);
    }
    expect(JSON.stringify(next.value)).not.toContain("Coral Labs");
  });

  it("never offers a conflicted entry, and ends when every allowed pair is answered", async () => {
    await t.db
      .insertInto("conflicts")
      .values({
        contest_id: contestId,
        user_id: ana.id,
        entry_id: entries[0]!,
        source: "declared",
        reason: "declared",
        note: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    // 4 allowed entries: 6 pairs.
    await judgeTruthfully(ana, 20);
    const ctx = await makeCtx(t.db, ana);
    const next = await nextComparison(ctx, contestId, roundId);
    if (!next.ok) throw new Error(next.error.code);
    expect(next.value.pair).toBeNull();
    expect(next.value.made).toBe(6);
    const rows = await t.db.selectFrom("pairwise_comparisons").selectAll().where("judge_id", "=", ana.id).execute();
    expect(rows.some((r) => r.first_entry_id === entries[0] || r.second_entry_id === entries[0])).toBe(false);
    expect(rows.some((r) => r.first_entry_id === otherTrackEntry || r.second_entry_id === otherTrackEntry)).toBe(false);
  });

  it("is refused in a rubric round, outside the review window, and to anyone who is not a cleared judge", async () => {
    const judgeCtx = await makeCtx(t.db, ana);
    await setRound({ mode: "rubric" });
    expect(await nextComparison(judgeCtx, contestId, roundId)).toMatchObject({
      ok: false,
      error: { code: "pairwise.not_pairwise" },
    });
    await setRound({ mode: "pairwise", closes: "2020-03-01T00:00:00.000Z" });
    expect(await nextComparison(judgeCtx, contestId, roundId)).toMatchObject({ ok: false, error: { code: "review_closed" } });
    await setRound({ closes: "2099-01-01T00:00:00.000Z" });
    expect(await nextComparison(await makeCtx(t.db, organiser), contestId, roundId)).toMatchObject({ ok: false });
    expect(await nextComparison(await makeCtx(t.db, null), contestId, roundId)).toMatchObject({ ok: false });
    await t.db.updateTable("judge_profiles").set({ status: "withdrawn" }).where("user_id", "=", ana.id).execute();
    expect(await nextComparison(judgeCtx, contestId, roundId)).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("recording a comparison", () => {
  it("records the judge's answer with one audit event", async () => {
    const ctx = await makeCtx(t.db, ana);
    const saved = await recordComparison(ctx, contestId, roundId, {
      first: entries[0]!,
      second: entries[1]!,
      answer: "cannot_tell",
    });
    expect(saved.ok).toBe(true);
    const rows = await t.db.selectFrom("pairwise_comparisons").selectAll().execute();
    expect(rows).toMatchObject([
      { judge_id: ana.id, first_entry_id: entries[0], second_entry_id: entries[1], answer: "cannot_tell" },
    ]);
    const events = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "pairwise.compared").execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_user_id).toBe(ana.id);
  });

  it("refuses, writing nothing, a repeat (in either order), an excluded or conflicted entry, a closed window or a stranger", async () => {
    const ctx = await makeCtx(t.db, ana);
    expect(
      (await recordComparison(ctx, contestId, roundId, { first: entries[0]!, second: entries[1]!, answer: "first" })).ok,
    ).toBe(true);
    await t.db
      .insertInto("conflicts")
      .values({
        contest_id: contestId,
        user_id: ana.id,
        entry_id: entries[4]!,
        source: "declared",
        reason: "declared",
        note: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const before = await snapshot(t.db);
    const attempts: Array<[User | null, { first: number; second: number; answer: "first" | "second" | "cannot_tell" }, string]> =
      [
        [ana, { first: entries[1]!, second: entries[0]!, answer: "second" }, "pairwise.already_compared"],
        [ana, { first: entries[0]!, second: entries[1]!, answer: "cannot_tell" }, "pairwise.already_compared"],
        [ana, { first: entries[0]!, second: otherTrackEntry, answer: "first" }, "pairwise.pair_not_allowed"],
        [ana, { first: entries[4]!, second: entries[2]!, answer: "first" }, "pairwise.pair_not_allowed"],
        [ana, { first: entries[2]!, second: entries[2]!, answer: "first" }, "pairwise.pair_not_allowed"],
        [ana, { first: entries[2]!, second: 999_999, answer: "first" }, "pairwise.pair_not_allowed"],
        [organiser, { first: entries[2]!, second: entries[3]!, answer: "first" }, "not_found"],
        [null, { first: entries[2]!, second: entries[3]!, answer: "first" }, "forbidden"],
      ];
    for (const [user, input, code] of attempts) {
      const result = await recordComparison(await makeCtx(t.db, user), contestId, roundId, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
    }
    const bad = await recordComparison(ctx, contestId, roundId, {
      first: entries[2]!,
      second: entries[3]!,
      answer: "both" as "first",
    });
    expect(bad.ok).toBe(false);
    expect(await snapshot(t.db)).toEqual(before);
    await setRound({ opens: "2098-01-01T00:00:00.000Z" });
    const notYet = await snapshot(t.db);
    expect(
      await recordComparison(ctx, contestId, roundId, { first: entries[2]!, second: entries[3]!, answer: "first" }),
    ).toMatchObject({
      ok: false,
      error: { code: "review_not_open" },
    });
    expect(await snapshot(t.db)).toEqual(notYet);
  });

  it("is kept at most once per judge and pair by the database itself", async () => {
    const row = { round_id: roundId, judge_id: ana.id, answer: "first" as const, created_at: new Date().toISOString() };
    await t.db
      .insertInto("pairwise_comparisons")
      .values({ ...row, first_entry_id: entries[0]!, second_entry_id: entries[1]! })
      .execute();
    await expect(
      t.db
        .insertInto("pairwise_comparisons")
        .values({ ...row, first_entry_id: entries[1]!, second_entry_id: entries[0]! })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      t.db
        .insertInto("pairwise_comparisons")
        .values({ ...row, first_entry_id: entries[2]!, second_entry_id: entries[2]! })
        .execute(),
    ).rejects.toThrow(/CHECK/);
  });
});

describe("the organiser's ranking", () => {
  it("recovers the true order from consistent answers, and compares it with the rubric ranking", async () => {
    // Rubric reviews in the same order: τ = 1.
    for (const [i, entryId] of entries.entries()) {
      await submitReview(t.db, { roundId, entryId, judge: rubricJudge, criteria, scores: [9 - i, 9 - i] });
    }
    await judgeTruthfully(ana, 10);
    await judgeTruthfully(bao, 10);
    const result = await pairwiseRanking(await makeCtx(t.db, organiser), contestId, roundId);
    if (!result.ok) throw new Error(result.error.code);
    // One ranking per track: Tech's five entries in the true order, Social's one entry alone.
    expect(result.value.tracks.map((tr) => [tr.trackId, tr.entries.map((e) => e.entryId)])).toEqual([
      [trackId, entries],
      [otherTrackId, [otherTrackEntry]],
    ]);
    const tech = result.value.tracks[0]!;
    expect(tech.entries.map((e) => e.place)).toEqual([1, 2, 3, 4, 5]);
    expect(result.value.comparisons).toBe(20);
    expect(result.value.judges.map((j) => j.name)).toEqual(["Ana", "Bao"]);
    for (const j of result.value.judges) expect(j.reliability).toBeGreaterThan(0.9);
    expect(tech.settle[0]).toMatchObject({ place: 1, higherId: entries[0], lowerId: entries[1] });
    expect(result.value.rubric).toMatchObject({ roundId });
    expect(tech.rubric).toEqual({ entries: 5, tau: 1 });
    expect(tech.entries.find((e) => e.entryId === entries[0])!.rubricPlace).toBe(1);
    expect(result.value.tracks[1]!.settle).toEqual([]);
  });

  it("never pairs entries of two tracks, even for a judge of every track", async () => {
    await t.db
      .updateTable("judge_profiles")
      .set({ track_ids_json: "[]" })
      .where("user_id", "=", ana.id)
      .where("contest_id", "=", contestId)
      .execute();
    const more = await insertTeam(t.db, { name: "Seagrass Co" });
    const social2 = (await insertEntry(t.db, { contestId, teamId: more.id, trackId: otherTrackId, code: "S-0202" })).id;
    const ctx = await makeCtx(t.db, ana);
    const track = new Map([
      ...entries.map((id) => [id, trackId] as const),
      [otherTrackEntry, otherTrackId],
      [social2, otherTrackId],
    ]);
    // 10 Tech pairs and 1 Social pair, then nothing: never a pair across the two.
    for (let i = 0; i < 11; i++) {
      const next = await nextComparison(ctx, contestId, roundId);
      if (!next.ok || !next.value.pair) throw new Error(`no pair at ${i}`);
      const [a, b] = next.value.pair;
      expect(track.get(a.id)).toBe(track.get(b.id));
      expect((await recordComparison(ctx, contestId, roundId, { first: a.id, second: b.id, answer: "first" })).ok).toBe(true);
    }
    const done = await nextComparison(ctx, contestId, roundId);
    expect(done.ok && done.value.pair).toBeNull();
    // A judge of every track, posting a pair across the two by hand: refused, nothing stored.
    const bob = await makeSignedJudge(t.db, contestId, "Bob");
    const before = await snapshot(t.db);
    expect(
      await recordComparison(await makeCtx(t.db, bob), contestId, roundId, {
        first: entries[0]!,
        second: social2,
        answer: "first",
      }),
    ).toMatchObject({ ok: false, error: { code: "pairwise.pair_not_allowed" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("is for the contest's organisers only", async () => {
    for (const user of [ana, await makeUser(t.db), null]) {
      expect(await pairwiseRanking(await makeCtx(t.db, user), contestId, roundId)).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
  });
});

describe("the pages", () => {
  it("the judge's page answers through its form, carries only the judge's own count and hides teams in a blind round", async () => {
    await setRound({ blind: 1 });
    const anaCookie = await signInCookie(ana);
    const url = `/judging/${contestId}/pairwise/${roundId}`;
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const page = (await pairwiseLoader({ request: get(url, anaCookie), context: loadContext(), params })) as {
      page: { pair: Array<{ id: number }> | null; made: number };
    };
    const [a, b] = page.page.pair!;
    const answered = await outcome(() =>
      pairwiseAction({
        request: post(url, { first: String(a!.id), second: String(b!.id), answer: "second" }),
        context: loadContext(),
        params,
      }),
    );
    expect(answered.status).toBe(302);
    expect((answered.value as Response).headers.get("Location")).toMatch(/^\/login\?/);
    expect(await t.db.selectFrom("pairwise_comparisons").selectAll().execute()).toEqual([]);
    const done = await outcome(() =>
      pairwiseAction({
        request: post(url, { first: String(a!.id), second: String(b!.id), answer: "second" }, anaCookie),
        context: loadContext(),
        params,
      }),
    );
    expect(done.status).toBe(302);
    const again = await outcome(() =>
      pairwiseAction({
        request: post(url, { first: String(a!.id), second: String(b!.id), answer: "first" }, anaCookie),
        context: loadContext(),
        params,
      }),
    );
    expect(again).toMatchObject({ status: 400, value: { message: "pairwise.already_compared" } });

    const baoPage = await pairwiseLoader({ request: get(url, await signInCookie(bao)), context: loadContext(), params });
    expect(baoPage).toMatchObject({ page: { made: 0 } });
    const text = JSON.stringify(baoPage);
    expect(text).not.toContain("Coral Labs");
    expect(text).not.toMatch(/"answer"|"second"|"first"|cannot_tell/);
  });

  it("the ranking page is for organisers; judges are turned away", async () => {
    const url = `/manage/${contestId}/rounds/${roundId}/pairwise`;
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const asJudge = await outcome(() => rankingLoader({ request: get(url), context: loadContext(), params }));
    expect(asJudge.status).toBe(302);
    const judged = await outcome(async () =>
      rankingLoader({ request: get(url, await signInCookie(ana)), context: loadContext(), params }),
    );
    expect(judged.status).toBe(403);
    const organised = await outcome(async () =>
      rankingLoader({ request: get(url, await signInCookie(organiser)), context: loadContext(), params }),
    );
    expect(organised.status).toBe(200);
    expect(organised.value).toMatchObject({ ranking: { round: { mode: "pairwise" } } });
  });
});

describe("the round's judging mode", () => {
  async function save(mode: "rubric" | "pairwise") {
    const ctx = await makeCtx(t.db, organiser);
    const round = (await loadStructure(ctx, contestId)).rounds.find((r) => r.id === roundId)!;
    return updateRound(ctx, contestId, roundId, {
      name: round.name,
      submissionOpensAt: undefined,
      submissionClosesAt: undefined,
      reviewOpensAt: undefined,
      reviewClosesAt: undefined,
      blindReview: round.blindReview,
      judgesPerEntry: round.judgesPerEntry,
      judgingMode: mode,
      version: round.version,
    });
  }

  it("changes while the round has no comparison or review, and is then fixed", async () => {
    const organiserCtx = await makeCtx(t.db, organiser);
    expect(await judgingModeLocked(organiserCtx, contestId, roundId)).toBe(false);
    expect((await save("rubric")).ok).toBe(true);
    expect((await save("pairwise")).ok).toBe(true);
    const saved = await recordComparison(await makeCtx(t.db, ana), contestId, roundId, {
      first: entries[0]!,
      second: entries[1]!,
      answer: "first",
    });
    expect(saved.ok).toBe(true);
    expect(await save("rubric")).toMatchObject({ ok: false, error: { code: "pairwise.mode_locked", field: "judgingMode" } });
    // The round page says so before anyone tries.
    expect(await judgingModeLocked(organiserCtx, contestId, roundId)).toBe(true);
    const round = await t.db.selectFrom("rounds").select("judging_mode").where("id", "=", roundId).executeTakeFirstOrThrow();
    expect(round.judging_mode).toBe("pairwise");
  });
});
