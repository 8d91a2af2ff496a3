// The organiser's results of a round against a real database: review totals, the five methods side
// by side (hand-computed), ranking per track with shared ranks and reasons, disagreement flags,
// drafts left out, and only organisers let in.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultsTable } from "#app/components/results/ResultsTable";
import { calibrate } from "#app/domain/panel-methods";
import { createRenderI18n } from "#app/infra/i18n.server";
import { loader as resultsLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.results";
import { RESULT_METHODS } from "#app/domain/aggregation";
import { roundResults, type EntryResultRow, type ResultMethod, type RoundResults } from "#app/services/results.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";
import { signInCookie as cookieOf } from "#tests/support/routes";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];
let judges: Record<"a" | "b" | "c" | "d" | "e", User>;
let entries: Record<string, number>;
let founder: User;

const at = new Date().toISOString();

async function assign(judge: User, entryId: number) {
  const row = await t.db
    .insertInto("assignments")
    .values({ round_id: roundId, entry_id: entryId, judge_id: judge.id, source: "manual", assigned_by: null, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A review with its two criterion scores (0–10 each, weights 50/50: total = 5 × (pitch + market)). */
async function review(
  judge: User,
  entryId: number,
  [pitch, market]: [number, number],
  options: { status?: "draft" | "submitted"; confidence?: number | null } = {},
) {
  const status = options.status ?? "submitted";
  const assignmentId = await assign(judge, entryId);
  const row = await t.db
    .insertInto("reviews")
    .values({
      assignment_id: assignmentId,
      status,
      feedback: null,
      note: null,
      confidence: options.confidence ?? null,
      created_at: at,
      updated_at: at,
      submitted_at: status === "submitted" ? at : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto("criterion_scores")
    .values([
      { review_id: row.id, criterion_id: criteria[0], value: pitch, comment: null },
      { review_id: row.id, criterion_id: criteria[1], value: market, comment: null },
    ])
    .execute();
  return row.id;
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const trackOne = await insertTrack(t.db, contestId, { en: "Tech" });
  const trackTwo = await insertTrack(t.db, contestId, { en: "Social" });
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId, { method: "calibrated" }));
  judges = {
    a: await makeSignedJudge(t.db, contestId, "Ana"),
    b: await makeSignedJudge(t.db, contestId, "Bao"),
    c: await makeSignedJudge(t.db, contestId, "Chen"),
    d: await makeSignedJudge(t.db, contestId, "Dewi"),
    e: await makeSignedJudge(t.db, contestId, "Eko"),
  };
  founder = await makeUser(t.db);
  entries = {};
  const codes: Array<[string, number]> = [
    ["T-0001", trackOne.id],
    ["T-0002", trackOne.id],
    ["T-0003", trackOne.id],
    ["T-0004", trackOne.id],
    ["T-0005", trackOne.id],
    ["T-0006", trackTwo.id],
    ["T-0007", trackTwo.id],
  ];
  for (const [code, trackId] of codes) {
    const team = await insertTeam(t.db, { name: `Team ${code}` });
    entries[code] = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code })).id;
    if (code === "T-0001") await insertMember(t.db, team.id, founder.id, "lead");
  }
  const withdrawnTeam = await insertTeam(t.db, { name: "Gone" });
  entries["T-0008"] = (
    await insertEntry(t.db, { contestId, teamId: withdrawnTeam.id, trackId: trackOne.id, code: "T-0008", status: "withdrawn" })
  ).id;

  // Track one, every judge on every entry. Ana is lenient, Chen harsh (totals out of 100):
  //            T-0001  T-0002  T-0003
  //   Ana        80      70      90
  //   Bao        70      60      80
  //   Chen       60      50      40
  await review(judges.a, entries["T-0001"]!, [9, 7]);
  await review(judges.a, entries["T-0002"]!, [7, 7]);
  await review(judges.a, entries["T-0003"]!, [9, 9]);
  await review(judges.b, entries["T-0001"]!, [7, 7]);
  await review(judges.b, entries["T-0002"]!, [6, 6]);
  await review(judges.b, entries["T-0003"]!, [8, 8]);
  await review(judges.c, entries["T-0001"]!, [6, 6]);
  await review(judges.c, entries["T-0002"]!, [5, 5]);
  await review(judges.c, entries["T-0003"]!, [4, 4]);
  // Drafts count for nothing: Dewi's perfect draft on T-0002, and T-0004 has only a draft.
  await review(judges.d, entries["T-0002"]!, [10, 10], { status: "draft" });
  await review(judges.d, entries["T-0004"]!, [10, 10], { status: "draft" });
  // The withdrawn entry's submitted review is left out with the entry; T-0005 has no assignment.
  await review(judges.e, entries["T-0008"]!, [10, 10]);
  // Track two: two entries, each seen by a different judge, so nothing links them.
  await review(judges.d, entries["T-0006"]!, [6, 6]);
  await review(judges.e, entries["T-0007"]!, [5, 5]);
});
afterEach(() => t.cleanup());

const results = async (user: User, method?: ResultMethod) => {
  const result = await roundResults(await makeCtx(t.db, user), contestId, roundId, method ? { method } : {});
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};
const row = (value: RoundResults, code: string): EntryResultRow => {
  const found = value.tracks.flatMap((tr) => tr.entries).find((e) => e.code === code);
  if (!found) throw new Error(`no row for ${code}`);
  return found;
};

describe("roundResults", () => {
  it("totals each submitted review and scores every entry by the five methods", async () => {
    const value = await results(organiser);
    expect(value.method).toBe("calibrated");
    expect(row(value, "T-0001").reviews.map((r) => r.total)).toEqual([80, 70, 60]);
    expect(row(value, "T-0002").reviews.map((r) => r.total)).toEqual([70, 60, 50]);
    expect(row(value, "T-0003").reviews.map((r) => r.total)).toEqual([90, 80, 40]);

    // Three reviews: the trimmed mean is the mean (trimming starts at 5).
    const one = row(value, "T-0001").scores;
    expect(one.mean).toBeCloseTo(70, 9);
    expect(one.trimmed_mean).toBeCloseTo(70, 9);
    expect(one.median).toBe(70);
    expect(row(value, "T-0003").scores.median).toBe(80);
    expect(row(value, "T-0002").scores.mean).toBeCloseTo(60, 9);

    // Standardised: Ana (80, 70, 90), Bao (70, 60, 80) and Chen (60, 50, 40) each have a spread of 10,
    // so their z-scores are (0, −1, +1), (0, −1, +1) and (+1, 0, −1); Dewi and Eko have one review
    // each (z = 0). Mapped back with the round's mean m and sample sd s over all eleven totals:
    // T-0001 = m + s/3, T-0002 = m − 2s/3, T-0003 = m + s/3, and the single reviews sit at m.
    const all = [80, 70, 90, 70, 60, 80, 60, 50, 40, 60, 50];
    const m = all.reduce((s, v) => s + v, 0) / all.length;
    const s = Math.sqrt(all.reduce((sum, v) => sum + (v - m) ** 2, 0) / (all.length - 1));
    expect(one.standardised).toBeCloseTo(m + s / 3, 9);
    expect(row(value, "T-0002").scores.standardised).toBeCloseTo(m - (2 * s) / 3, 9);
    expect(row(value, "T-0003").scores.standardised).toBeCloseTo(m + s / 3, 9);
    expect(row(value, "T-0006").scores.standardised).toBeCloseTo(m, 9);

    // Calibrated: every judge saw every entry of track one, so the biases (Ana +13⅓, Bao +3⅓,
    // Chen −16⅔, summing to zero) cancel in each entry and the calibrated score is the mean.
    expect(one.calibrated).toBeCloseTo(70, 6);
    expect(row(value, "T-0002").scores.calibrated).toBeCloseTo(60, 6);
    expect(row(value, "T-0003").scores.calibrated).toBeCloseTo(70, 6);
    expect(row(value, "T-0006").scores.calibrated).toBeCloseTo(60, 6);

    // Per-criterion means for tie-breakers, keyed by criterion key: pitch (9 + 7 + 6) / 3.
    expect(row(value, "T-0001").criterionMeans.pitch).toBeCloseTo(22 / 3, 9);
    expect(row(value, "T-0001").criterionMeans.market).toBeCloseTo(20 / 3, 9);
  });

  it("ranks per track by the chosen method, with shared ranks and the reason for each place", async () => {
    const value = await results(organiser);
    expect(value.tracks.map((tr) => tr.name?.en)).toEqual(["Tech", "Social"]);
    const [tech, social] = value.tracks;
    // T-0001 and T-0003 are equal on the calibrated score and on completed reviews (3 each).
    expect(tech!.entries.map((e) => [e.code, e.rank, e.tied])).toEqual([
      ["T-0001", 1, true],
      ["T-0003", 1, true],
      ["T-0002", 3, false],
      ["T-0004", null, false],
    ]);
    expect(row(value, "T-0003").above).toMatchObject({ otherCode: "T-0001", decidedBy: "tie" });
    expect(row(value, "T-0002").above).toMatchObject({ otherCode: "T-0003", decidedBy: "score" });
    expect(row(value, "T-0002").above!.own).toBeCloseTo(60, 6);
    expect(row(value, "T-0002").above!.other).toBeCloseTo(70, 6);
    expect(social!.entries.map((e) => [e.code, e.rank])).toEqual([
      ["T-0006", 1],
      ["T-0007", 2],
    ]);

    // By the median the tie is broken: 80, 70, 60.
    const byMedian = await results(organiser, "median");
    expect(byMedian.tracks[0]!.entries.map((e) => [e.code, e.rank, e.tied])).toEqual([
      ["T-0003", 1, false],
      ["T-0001", 2, false],
      ["T-0002", 3, false],
      ["T-0004", null, false],
    ]);
    expect(row(byMedian, "T-0001").below).toEqual({
      otherEntryId: entries["T-0002"],
      otherCode: "T-0002",
      decidedBy: "score",
      tieBreaker: null,
      own: 70,
      other: 60,
    });
  });

  it("says how many unlinked parts calibration found in each track", async () => {
    const value = await results(organiser);
    expect(value.tracks.map((tr) => tr.parts)).toEqual([1, 2]);
  });

  it("flags the entry whose reviews spread too far", async () => {
    const value = await results(organiser);
    // T-0003: 90, 80, 40 — mean 70, a 50-point range (above 30), sd √((20² + 10² + 30²) / 2) = √700 ≈ 26.5.
    const flag = row(value, "T-0003").disagreement;
    expect(flag).toMatchObject({ reviews: 3, exceeds: ["range", "sd"] });
    expect(flag!.range).toBeCloseTo(50, 9);
    expect(flag!.sd).toBeCloseTo(Math.sqrt(700), 9);
    // T-0001 and T-0002 spread 20 points with sd 10: not flagged.
    expect(row(value, "T-0001").disagreement).toBeNull();
    expect(row(value, "T-0002").disagreement).toBeNull();
  });

  it("ignores drafts and leaves out entries without an assignment or withdrawn", async () => {
    const value = await results(organiser);
    const codes = value.tracks.flatMap((tr) => tr.entries.map((e) => e.code));
    expect(codes).not.toContain("T-0005");
    expect(codes).not.toContain("T-0008");
    expect(row(value, "T-0002").reviews).toHaveLength(3);
    expect(row(value, "T-0004")).toMatchObject({
      reviews: [],
      rank: null,
      scores: { mean: null, trimmed_mean: null, median: null, standardised: null, calibrated: null },
    });
  });

  it("weights calibration by the judges' confidence", async () => {
    await t.db.updateTable("reviews").set({ confidence: 5 }).execute();
    const sure = await results(organiser);
    expect(row(sure, "T-0001").scores.calibrated).toBeCloseTo(70, 6);
    // Only Chen's review of T-0003 is unsure: the entry's score moves, as calibrate() weighs it.
    const chenOnThree = await t.db
      .selectFrom("reviews")
      .innerJoin("assignments", "assignments.id", "reviews.assignment_id")
      .select("reviews.id")
      .where("assignments.judge_id", "=", judges.c.id)
      .where("assignments.entry_id", "=", entries["T-0003"]!)
      .executeTakeFirstOrThrow();
    await t.db.updateTable("reviews").set({ confidence: 1 }).where("id", "=", chenOnThree.id).execute();
    const value = await results(organiser);
    // Stored 1 reads as low (weight 0.5), 5 as high (weight 2): app/domain/confidence.ts.
    const weight = (judge: User, entry: string) => (judge === judges.c && entry === "T-0003" ? 0.5 : 2);
    const expected = calibrate(
      (
        [
          [judges.a, "T-0001", 80],
          [judges.a, "T-0002", 70],
          [judges.a, "T-0003", 90],
          [judges.b, "T-0001", 70],
          [judges.b, "T-0002", 60],
          [judges.b, "T-0003", 80],
          [judges.c, "T-0001", 60],
          [judges.c, "T-0002", 50],
          [judges.c, "T-0003", 40],
          [judges.d, "T-0006", 60],
          [judges.e, "T-0007", 50],
        ] as const
      ).map(([judge, code, total]) => ({ judgeId: judge.id, entryId: entries[code]!, total, weight: weight(judge, code) })),
    );
    expect(row(value, "T-0003").scores.calibrated).toBeCloseTo(expected.entries.get(entries["T-0003"]!)!, 9);
    // Chen's low review counts for less, so T-0003 now stands above T-0001.
    expect(row(value, "T-0003").scores.calibrated!).toBeGreaterThan(row(value, "T-0001").scores.calibrated! + 0.1);
    expect(value.tracks[0]!.entries[0]!.code).toBe("T-0003");
  });

  it("refuses anyone but the contest's organisers", async () => {
    for (const user of [founder, judges.a]) {
      const result = await roundResults(await makeCtx(t.db, user), contestId, roundId, {});
      expect(result).toEqual({ ok: false, error: { code: "forbidden" } });
    }
    const otherContest = (await makeContest(t.db)).id;
    const elsewhere = await makeUser(t.db);
    await grantRole(t.db, otherContest, elsewhere.id, "organiser");
    expect(await roundResults(await makeCtx(t.db, elsewhere), contestId, roundId, {})).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    // A round of another contest is not found, even for an organiser of this one.
    expect(await roundResults(await makeCtx(t.db, organiser), otherContest, roundId, {})).toMatchObject({ ok: false });
    expect(await roundResults(await makeCtx(t.db, organiser), contestId, roundId + 999, {})).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
  });
});

describe("the results page", () => {
  const BASE = "http://localhost:3999";
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };

  async function load(user: User, query = "") {
    try {
      const value = await resultsLoader({
        request: new Request(`${BASE}/manage/${contestId}/rounds/${roundId}/results${query}`, {
          headers: { Cookie: await cookieOf(user) },
        }),
        context,
        params: { contestId: String(contestId), roundId: String(roundId) },
      });
      return { status: 200, value };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, value: null };
      throw thrown;
    }
  }

  it("ranks by the method asked for in the query, and by calibration otherwise", async () => {
    const median = await load(organiser, "?method=median");
    expect(median.status).toBe(200);
    expect(median.value!.results.method).toBe("median");
    expect(median.value!.results.tracks[0]!.entries[0]!.code).toBe("T-0003");
    expect((await load(organiser, "?method=loudest")).value!.results.method).toBe("calibrated");
  });

  it("shows each track's first 50 places, pages one track on, and can keep only flagged entries", async () => {
    // 60 more entries in Tech, each with one review from Ana: 64 entries in Tech with an assignment.
    const tech = (
      await t.db.selectFrom("entries").select("track_id").where("id", "=", entries["T-0001"]!).executeTakeFirstOrThrow()
    ).track_id;
    for (let i = 0; i < 60; i++) {
      const team = await insertTeam(t.db, { name: `Bulk ${i}` });
      const entryId = (
        await insertEntry(t.db, { contestId, teamId: team.id, trackId: tech, code: `T-1${String(i).padStart(3, "0")}` })
      ).id;
      await review(judges.a, entryId, [i % 11, (i * 7) % 11]);
    }
    const first = (await load(organiser)).value!;
    const [techView, social] = first.results.tracks;
    expect(first.results.tracks).toHaveLength(2);
    expect(techView!.entries).toHaveLength(50);
    expect(techView).toMatchObject({ page: 1, pages: 2, ranked: 64, listed: 64, flaggedCount: 1 });
    expect(social!.entries).toHaveLength(2);
    expect(first.query).toMatchObject({ track: null, page: 1, flagged: false });

    const second = (await load(organiser, `?method=median&track=${tech}&page=2`)).value!;
    expect(second.results.tracks).toHaveLength(1);
    expect(second.results.tracks[0]!).toMatchObject({ page: 2, pages: 2 });
    expect(second.results.tracks[0]!.entries).toHaveLength(14);
    // Page two carries on where page one stopped.
    const pageOne = (await load(organiser, `?method=median&track=${tech}`)).value!.results.tracks[0]!.entries;
    const codes = [...pageOne, ...second.results.tracks[0]!.entries].map((e) => e.code);
    expect(new Set(codes).size).toBe(64);

    // Out of range and unknown values fall back instead of failing.
    expect((await load(organiser, `?track=${tech}&page=99`)).value!.results.tracks[0]!.page).toBe(2);
    expect((await load(organiser, "?track=999999&page=x")).value!.results.tracks).toHaveLength(2);

    const flagged = (await load(organiser, "?flagged=1")).value!;
    expect(flagged.results.tracks[0]!.entries.map((e) => e.code)).toEqual(["T-0003"]);
    expect(flagged.results.tracks[0]!.listed).toBe(1);
    expect(flagged.results.tracks[1]!.entries).toEqual([]);
  });

  it("is closed to judges and founders", async () => {
    expect((await load(judges.a)).status).toBe(403);
    expect((await load(founder)).status).toBe(403);
  });

  it("shows shared ranks, the chosen method and why each entry is where it is", async () => {
    const value = await results(organiser);
    const i18n = await createRenderI18n("en");
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(ResultsTable, {
          entries: value.tracks[0]!.entries,
          method: value.method,
          methods: RESULT_METHODS,
          criteria: value.criteria,
          caption: "Tech",
        }),
      ),
    );
    expect(html).toContain('<th scope="row">=1</th>');
    expect(html).toContain('<th scope="row">3</th>');
    expect(html).toContain('aria-sort="descending"><strong>Calibrated');
    expect(html).toContain("Why this rank");
    expect(html).toContain("Review totals: 90.0, 80.0, 40.0.");
    expect(html).toContain("Tied with T-0001: the same score (70.0) and equal on every tie-breaker.");
    expect(html).toContain("Above T-0002 on a higher score (70.0 vs 60.0).");
    expect(html).toContain("Below T-0003 on a lower score (60.0 vs 70.0).");
    expect(html).toContain("Reviews disagree");
    expect(html).toContain("Not ranked: no complete review to count.");
  });
});
