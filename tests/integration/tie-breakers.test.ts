// The contest's tie-breakers against a real database: chosen on the settings page (stored as JSON,
// audited, repeats refused with nothing changed), then followed by a round's results in the
// contest's order, with a tie-breaker on a criterion the round's rubric lacks skipped and reported.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TieBreakerNotice } from "#app/components/results/TieBreakerNotice";
import { contestSettingsSchema } from "#app/forms/contest";
import { createRenderI18n } from "#app/infra/i18n.server";
import { action as settingsAction } from "#app/routes/manage.$contestId.settings";
import { getManagedContest, settingsFormValues, tieBreakerCriteria, updateContestSettings } from "#app/services/contests.server";
import { roundResults, type EntryResultRow, type RoundResults } from "#app/services/results.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { insertTestRubric, makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";
import { signInCookie as cookieOf } from "#tests/support/routes";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];

const at = new Date().toISOString();

/** A submitted review scoring pitch and market 0–10 (weights 50/50: total = 5 × (pitch + market)). */
async function review(judge: User, entryId: number, [pitch, market]: [number, number]) {
  const assignment = await t.db
    .insertInto("assignments")
    .values({ round_id: roundId, entry_id: entryId, judge_id: judge.id, source: "manual", assigned_by: null, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto("reviews")
    .values({
      assignment_id: assignment.id,
      status: "submitted",
      feedback: null,
      note: null,
      confidence: null,
      created_at: at,
      updated_at: at,
      submitted_at: at,
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
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const track = await insertTrack(t.db, contestId, { en: "Tech" });
  // The round's rubric has pitch and market; another rubric of the contest (say, the final's) has impact.
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId));
  await insertTestRubric(t.db, contestId, [{ key: "impact", weight: 100, step: 1 }]);
  const judges = [
    await makeSignedJudge(t.db, contestId),
    await makeSignedJudge(t.db, contestId),
    await makeSignedJudge(t.db, contestId),
  ];
  const a = await insertEntry(t.db, { contestId, teamId: (await insertTeam(t.db)).id, trackId: track.id, code: "T-0001" });
  const b = await insertEntry(t.db, { contestId, teamId: (await insertTeam(t.db)).id, trackId: track.id, code: "T-0002" });
  // Both score 70 by the mean. T-0001: two reviews, pitch mean 8. T-0002: three reviews, pitch mean 6⅔.
  await review(judges[0]!, a.id, [9, 5]);
  await review(judges[1]!, a.id, [7, 7]);
  await review(judges[0]!, b.id, [7, 7]);
  await review(judges[1]!, b.id, [6, 8]);
  await review(judges[2]!, b.id, [7, 7]);
});
afterEach(() => t.cleanup());

async function currentView() {
  const view = await getManagedContest(await makeCtx(t.db, organiser), contestId);
  if (!view.ok) throw new Error(view.error.code);
  return view.value;
}

/** The settings form as the page would post it, with these three selects. */
async function settingsWith(selects: [string, string, string]) {
  return contestSettingsSchema.parse({
    ...settingsFormValues(await currentView()),
    eligibleCountries: ["SG"],
    tieBreakers: selects,
  });
}

async function choose(selects: [string, string, string]) {
  const saved = await updateContestSettings(await makeCtx(t.db, organiser), contestId, await settingsWith(selects));
  if (!saved.ok) throw new Error(saved.error.code);
  return saved.value;
}

async function results(): Promise<RoundResults> {
  const result = await roundResults(await makeCtx(t.db, organiser), contestId, roundId, { method: "mean" });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
const row = (value: RoundResults, code: string): EntryResultRow =>
  value.tracks.flatMap((tr) => tr.entries).find((e) => e.code === code)!;

describe("choosing the tie-breakers", () => {
  it("offers every criterion key of the contest's rubrics once, and starts from more completed reviews", async () => {
    const offered = await tieBreakerCriteria(await makeCtx(t.db, organiser), contestId);
    expect(offered.ok && offered.value.map((c) => c.key)).toEqual(["pitch", "market", "impact"]);
    const view = await currentView();
    expect(view.tieBreakers).toEqual([{ kind: "reviews" }]);
    expect(settingsFormValues(view).tieBreakers).toEqual(["reviews", "", ""]);
    const judge = await makeSignedJudge(t.db, contestId);
    expect(await tieBreakerCriteria(await makeCtx(t.db, judge), contestId)).toEqual({ ok: false, error: { code: "forbidden" } });
  });

  it("stores the chosen order as JSON, audited with the rest of the settings", async () => {
    const saved = await choose(["criterion:pitch", "", "reviews"]);
    expect(saved.tieBreakers).toEqual([{ kind: "criterion", key: "pitch" }, { kind: "reviews" }]);
    const stored = await t.db
      .selectFrom("contests")
      .select("tie_breakers_json")
      .where("id", "=", contestId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.tie_breakers_json)).toEqual([{ kind: "criterion", key: "pitch" }, { kind: "reviews" }]);
    expect(settingsFormValues(saved).tieBreakers).toEqual(["criterion:pitch", "reviews", ""]);
    const event = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "contest.settings_updated")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before_json!).tieBreakers).toEqual([{ kind: "reviews" }]);
    expect(JSON.parse(event.after_json!).tieBreakers).toEqual([{ kind: "criterion", key: "pitch" }, { kind: "reviews" }]);
  });

  it("refuses a repeat (form and service) and a key no rubric has, changing nothing", async () => {
    const before = await snapshot(t.db);
    const repeated = contestSettingsSchema.safeParse({
      ...settingsFormValues(await currentView()),
      eligibleCountries: ["SG"],
      tieBreakers: ["criterion:pitch", "reviews", "criterion:pitch"],
    });
    expect(repeated.success ? [] : repeated.error.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual([
      "tieBreakers.2:tieBreakers.duplicate",
    ]);

    const ctx = await makeCtx(t.db, organiser);
    const input = await settingsWith(["reviews", "", ""]);
    expect(
      await updateContestSettings(ctx, contestId, { ...input, tieBreakers: [{ kind: "reviews" }, { kind: "reviews" }] }),
    ).toEqual({
      ok: false,
      error: { code: "tieBreakers.duplicate", field: "tieBreakers[1]" },
    });
    expect(
      await updateContestSettings(ctx, contestId, { ...input, tieBreakers: [{ kind: "criterion", key: "loudness" }] }),
    ).toEqual({
      ok: false,
      error: { code: "tieBreakers.unknown_criterion", field: "tieBreakers[0]", params: { key: "loudness" } },
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("answers the settings form with the error on the repeated select, and saves a good one", async () => {
    const cookie = await cookieOf(organiser);
    const view = await currentView();
    const form = (selects: string[]) => {
      const body = new URLSearchParams([
        ["name.en", "Cup"],
        ["timeZone", "Asia/Shanghai"],
        ["eligibleCountries", "SG"],
        ["eligibleCountries", "TH"],
        ["teamMin", "1"],
        ["teamMax", "5"],
        ["version", String(view.version)],
        ...selects.map((value, i): [string, string] => [`tieBreakers[${i}]`, value]),
      ]);
      return settingsAction({
        request: new Request(`${BASE}/manage/${contestId}/settings`, {
          method: "POST",
          body,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
        }),
        context,
        params: { contestId: String(contestId) },
      });
    };
    const before = await snapshot(t.db);
    const refused = (await form(["reviews", "", "reviews"])) as unknown as {
      data: { result: { error?: Record<string, string[] | null> } };
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error?.["tieBreakers[2]"]).toEqual(["tieBreakers.duplicate"]);
    expect(await snapshot(t.db)).toEqual(before);

    const saved = (await form(["", "criterion:market", "reviews"])) as Response;
    expect(saved.status).toBe(302);
    expect((await currentView()).tieBreakers).toEqual([{ kind: "criterion", key: "market" }, { kind: "reviews" }]);
  });
});

describe("results by the contest's tie-breakers", () => {
  it("orders two entries tied on score by whichever tie-breaker comes first", async () => {
    await choose(["criterion:pitch", "reviews", ""]);
    let value = await results();
    expect(row(value, "T-0001").scores.mean).toBeCloseTo(70, 9);
    expect(row(value, "T-0002").scores.mean).toBeCloseTo(70, 9);
    expect(value.tracks[0]!.entries.map((e) => [e.code, e.rank])).toEqual([
      ["T-0001", 1],
      ["T-0002", 2],
    ]);
    expect(row(value, "T-0002").above).toMatchObject({
      otherCode: "T-0001",
      decidedBy: "tiebreak:0",
      tieBreaker: { kind: "criterion", key: "pitch" },
    });
    expect(row(value, "T-0002").above!.own).toBeCloseTo(20 / 3, 9);
    expect(row(value, "T-0002").above!.other).toBeCloseTo(8, 9);

    await choose(["reviews", "criterion:pitch", ""]);
    value = await results();
    expect(value.tieBreakers).toEqual([{ kind: "reviews" }, { kind: "criterion", key: "pitch" }]);
    expect(value.tracks[0]!.entries.map((e) => [e.code, e.rank])).toEqual([
      ["T-0002", 1],
      ["T-0001", 2],
    ]);
    expect(row(value, "T-0001").above).toMatchObject({ otherCode: "T-0002", decidedBy: "tiebreak:0", own: 2, other: 3 });

    // No tie-breaker at all: equal scores share the rank.
    await choose(["", "", ""]);
    value = await results();
    expect(value.tracks[0]!.entries.map((e) => [e.code, e.rank, e.tied])).toEqual([
      ["T-0001", 1, true],
      ["T-0002", 1, true],
    ]);
  });

  it("skips a criterion the round's rubric lacks, goes on with the next, and names the key on the page", async () => {
    await choose(["criterion:impact", "reviews", ""]);
    const value = await results();
    expect(value.unknownTieBreakerKeys).toEqual(["impact"]);
    expect(value.tieBreakers).toEqual([{ kind: "reviews" }]);
    expect(value.tracks[0]!.entries.map((e) => e.code)).toEqual(["T-0002", "T-0001"]);
    expect(row(value, "T-0001").above).toMatchObject({ decidedBy: "tiebreak:0", tieBreaker: { kind: "reviews" } });

    const i18n = await createRenderI18n("en");
    const html = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(TieBreakerNotice, {
          tieBreakers: value.tieBreakers,
          skippedKeys: value.unknownTieBreakerKeys,
          criteria: value.criteria,
        }),
      ),
    );
    expect(html).toContain("Equal scores are separated by more completed reviews;");
    expect(html).toContain("This round&#x27;s rubric has no criterion with the key “impact”");

    // With the criterion in the rubric, its localized name is used.
    await choose(["criterion:market", "reviews", ""]);
    const named = await results();
    expect(named.unknownTieBreakerKeys).toEqual([]);
    const markup = renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(TieBreakerNotice, {
          tieBreakers: named.tieBreakers,
          skippedKeys: named.unknownTieBreakerKeys,
          criteria: named.criteria,
        }),
      ),
    );
    expect(markup).toContain("Equal scores are separated by a higher market score, then more completed reviews;");
    expect(markup).not.toContain("no criterion with the key");
  });
});

const BASE = "http://localhost:3999";
const context = { cspNonce: "test", clientIp: "127.0.0.1" };
