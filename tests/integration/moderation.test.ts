// Asking one more judge about an entry whose reviews disagree, against a real database: who is
// offered (and in which order), the request as one assignment, one audit event and one email, the
// row's "requested" state until the review is submitted, and every refusal changing nothing.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResultsTable } from "#app/components/results/ResultsTable";
import { RESULT_METHODS } from "#app/domain/aggregation";
import { createRenderI18n } from "#app/infra/i18n.server";
import { action as loginAction } from "#app/routes/login";
import { action as resultsAction, loader as resultsLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.results";
import { assignJudge, unassignJudge } from "#app/services/assignments.server";
import { moderationView, requestModeration, type ModerationView } from "#app/services/moderation.server";
import { roundResults } from "#app/services/results.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];
let trackId: number;
let otherTrackId: number;
let disputed: number;
let calm: number;
let judges: Record<"ana" | "bao" | "chen" | "dewi" | "eko" | "fah" | "gita" | "hana", User>;

const at = new Date().toISOString();

async function assign(judge: User, entryId: number) {
  const row = await t.db
    .insertInto("assignments")
    .values({ round_id: roundId, entry_id: entryId, judge_id: judge.id, source: "auto", assigned_by: null, created_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A submitted review (total = 5 × (pitch + market)) on an existing or a new assignment. */
async function submit(judge: User, entryId: number, scores: [number, number], assignmentId?: number) {
  const id = assignmentId ?? (await assign(judge, entryId));
  const review = await t.db
    .insertInto("reviews")
    .values({
      assignment_id: id,
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
      { review_id: review.id, criterion_id: criteria[0], value: scores[0], comment: null },
      { review_id: review.id, criterion_id: criteria[1], value: scores[1], comment: null },
    ])
    .execute();
}

async function profile(judge: User, values: { tracks?: number[]; languages?: string[]; status?: "active" | "withdrawn" }) {
  await t.db
    .updateTable("judge_profiles")
    .set({
      ...(values.tracks ? { track_ids_json: JSON.stringify(values.tracks) } : {}),
      ...(values.languages ? { languages_json: JSON.stringify(values.languages) } : {}),
      ...(values.status ? { status: values.status } : {}),
    })
    .where("user_id", "=", judge.id)
    .where("contest_id", "=", contestId)
    .execute();
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  trackId = (await insertTrack(t.db, contestId, { en: "Tech" })).id;
  otherTrackId = (await insertTrack(t.db, contestId, { en: "Social" })).id;
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId));
  judges = {
    ana: await makeSignedJudge(t.db, contestId, "Ana"),
    bao: await makeSignedJudge(t.db, contestId, "Bao"),
    chen: await makeSignedJudge(t.db, contestId, "Chen"),
    dewi: await makeSignedJudge(t.db, contestId, "Dewi"),
    eko: await makeSignedJudge(t.db, contestId, "Eko"),
    fah: await makeSignedJudge(t.db, contestId, "Fah"),
    gita: await makeSignedJudge(t.db, contestId, "Gita"),
    hana: await makeSignedJudge(t.db, contestId, "Hana"),
  };
  const team = await insertTeam(t.db, { name: "Coral Labs" });
  disputed = (await insertEntry(t.db, { contestId, teamId: team.id, trackId, code: "T-0101" })).id;
  await t.db.updateTable("entries").set({ materials_language: "th" }).where("id", "=", disputed).execute();
  calm = (await insertEntry(t.db, { contestId, teamId: (await insertTeam(t.db)).id, trackId, code: "T-0102" })).id;

  // T-0101: Ana 90, Bao 40 — fifty points apart, flagged. T-0102: 70 and 70, not flagged.
  await submit(judges.ana, disputed, [9, 9]);
  await submit(judges.bao, disputed, [4, 4]);
  await submit(judges.ana, calm, [7, 7]);
  await submit(judges.bao, calm, [7, 7]);

  // Chen has a declared conflict with T-0101; Dewi never signed the agreement; Eko withdrew.
  await t.db
    .insertInto("conflicts")
    .values({
      contest_id: contestId,
      user_id: judges.chen.id,
      entry_id: disputed,
      source: "declared",
      reason: "declared",
      note: null,
      created_at: at,
    })
    .execute();
  await t.db.deleteFrom("agreement_acceptances").where("user_id", "=", judges.dewi.id).execute();
  await profile(judges.eko, { status: "withdrawn" });
  // Fah: the track, not Thai. Gita: the track and Thai. Hana: Thai, another track (and busier).
  await profile(judges.fah, { tracks: [trackId], languages: ["en"] });
  await profile(judges.gita, { tracks: [trackId], languages: ["th", "en"] });
  await profile(judges.hana, { tracks: [otherTrackId], languages: ["th"] });
  await assign(judges.hana, calm);
});
afterEach(() => t.cleanup());

const ctxOf = async (user: User, overrides: Partial<Parameters<typeof makeCtx>[2]> = {}) => makeCtx(t.db, user, overrides);

async function view(user: User = organiser): Promise<ModerationView> {
  const result = await moderationView(await ctxOf(user), contestId, roundId, [disputed, calm]);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
const rowOf = (value: ModerationView, entryId: number) => value.rows.find((r) => r.entryId === entryId)!;

describe("who can be asked", () => {
  it("lists active, signed judges without a conflict and not on the entry, best fit first", async () => {
    const value = await view();
    expect(value.window).toBe("open");
    // Ana and Bao are on it, Chen is conflicted, Dewi unsigned, Eko withdrawn.
    expect(rowOf(value, disputed).candidates.map((c) => c.name)).toEqual(["Gita", "Fah", "Hana"]);
    expect(rowOf(value, disputed).candidates[0]).toMatchObject({ knowsTrack: true, readsLanguage: true, load: 0 });
    expect(rowOf(value, disputed).candidates[2]).toMatchObject({ knowsTrack: false, readsLanguage: true, load: 1 });
    expect(rowOf(value, disputed).pending).toEqual([]);
    // The same rules for another entry: Chen's conflict is with T-0101 only; Hana is already on T-0102.
    expect(rowOf(value, calm).candidates.map((c) => c.name)).toEqual(["Chen", "Fah", "Gita"]);
  });

  it("is for the contest's organisers only", async () => {
    expect(await moderationView(await ctxOf(judges.ana), contestId, roundId, [disputed])).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});

describe("asking one more judge", () => {
  it("creates one assignment, one audit event with the disagreement and one email, then shows the request until the review is in", async () => {
    const beforeAssignments = await t.db.selectFrom("assignments").select("id").execute();
    const result = await requestModeration(await ctxOf(organiser), contestId, roundId, {
      entryId: disputed,
      judgeId: judges.gita.id,
    });
    expect(result).toMatchObject({ ok: true, value: { judgeName: "Gita", code: "T-0101" } });
    if (!result.ok) return;

    const added = await t.db
      .selectFrom("assignments")
      .selectAll()
      .where(
        "id",
        "not in",
        beforeAssignments.map((a) => a.id),
      )
      .execute();
    expect(added).toMatchObject([
      { id: result.value.assignmentId, entry_id: disputed, judge_id: judges.gita.id, round_id: roundId, source: "manual" },
    ]);

    const events = await t.db.selectFrom("audit_events").selectAll().where("action", "=", "moderation.requested").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_user_id: organiser.id,
      subject_type: "assignment",
      subject_id: String(result.value.assignmentId),
    });
    const after = JSON.parse(events[0]!.after_json!);
    expect(after).toMatchObject({ roundId, entryId: disputed, judgeId: judges.gita.id, code: "T-0101" });
    expect(after.disagreement).toMatchObject({ reviews: 2, mean: 65, range: 50, exceeds: ["range", "sd"] });
    expect(after.disagreement.sd).toBeCloseTo(50 / Math.SQRT2, 9);

    const mail = await t.db.selectFrom("outbox_messages").selectAll().execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "moderation_request", to_address: judges.gita.email, language: "en" });
    expect(mail[0]!.subject).toContain("T-0101");
    expect(mail[0]!.text_body).toContain(`http://localhost:3999/reviews/${result.value.assignmentId}`);
    expect(mail[0]!.text_body).toContain("Final roadshow");
    // Named by its code only: the team stays unknown to the judge.
    expect(mail[0]!.text_body).not.toContain("Coral Labs");

    // The row now says who was asked, until that review is submitted.
    expect(rowOf(await view(), disputed).pending).toMatchObject([{ judgeId: judges.gita.id, judgeName: "Gita" }]);
    expect(rowOf(await view(), calm).pending).toEqual([]);
    await submit(judges.gita, disputed, [6, 6], result.value.assignmentId);
    expect(rowOf(await view(), disputed).pending).toEqual([]);
  });

  it("refuses, changing nothing: an ineligible judge, an entry not flagged, a second request, the review period over, a non-organiser", async () => {
    const ask = async (user: User, entryId: number, judge: User, overrides = {}) =>
      requestModeration(await ctxOf(user, overrides), contestId, roundId, { entryId, judgeId: judge.id });
    const elsewhere = await makeUser(t.db);
    await grantRole(t.db, (await makeContest(t.db)).id, elsewhere.id, "organiser");
    const before = await snapshot(t.db);
    for (const judge of [judges.ana, judges.chen, judges.dewi, judges.eko]) {
      expect(await ask(organiser, disputed, judge)).toEqual({
        ok: false,
        error: { code: "moderation.judge_not_eligible", field: "judgeId" },
      });
    }
    expect(await ask(organiser, calm, judges.gita)).toEqual({
      ok: false,
      error: { code: "moderation.not_flagged", field: "entryId" },
    });
    expect(await ask(organiser, disputed, judges.gita, { now: new Date("2099-06-01T00:00:00Z") })).toEqual({
      ok: false,
      error: { code: "moderation.review_closed" },
    });
    expect(await ask(judges.ana, disputed, judges.gita)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await ask(elsewhere, disputed, judges.gita)).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(t.db)).toEqual(before);

    expect((await ask(organiser, disputed, judges.gita)).ok).toBe(true);
    const once = await snapshot(t.db);
    expect(await ask(organiser, disputed, judges.fah)).toEqual({
      ok: false,
      error: { code: "moderation.already_requested", field: "judgeId" },
    });
    expect(await snapshot(t.db)).toEqual(once);
  });

  it("ends a request with its assignment, even when SQLite hands the assignment's id to the next one", async () => {
    const ctx = await ctxOf(organiser);
    const asked = await requestModeration(ctx, contestId, roundId, { entryId: disputed, judgeId: judges.gita.id });
    if (!asked.ok) throw new Error(asked.error.code);
    expect((await unassignJudge(ctx, contestId, asked.value.assignmentId)).ok).toBe(true);
    expect(rowOf(await view(), disputed).pending).toEqual([]);
    // The deleted row had the highest id, so the next assignment gets the same id.
    const next = await assignJudge(ctx, contestId, roundId, { entryId: disputed, judgeId: judges.fah.id });
    expect(next).toEqual({ ok: true, value: { assignmentId: asked.value.assignmentId } });
    expect(rowOf(await view(), disputed).pending).toEqual([]);
    // And the entry can be put to another judge again.
    expect(await requestModeration(ctx, contestId, roundId, { entryId: disputed, judgeId: judges.hana.id })).toMatchObject({
      ok: true,
    });
    expect(rowOf(await view(), disputed).pending.map((p) => p.judgeName)).toEqual(["Hana"]);
  });

  it("rolls back a conflict found only at the last check, with the refusal", async () => {
    // Fah works at the disputed team's organisation: a conflict nobody has recorded yet.
    const team = await t.db.selectFrom("entries").select("team_id").where("id", "=", disputed).executeTakeFirstOrThrow();
    await t.db.updateTable("teams").set({ organisation: "Coral Labs Co., Ltd." }).where("id", "=", team.team_id).execute();
    await t.db
      .updateTable("judge_profiles")
      .set({ organisation: "Coral Labs" })
      .where("user_id", "=", judges.fah.id)
      .where("contest_id", "=", contestId)
      .execute();
    const before = await snapshot(t.db);
    const result = await requestModeration(await ctxOf(organiser), contestId, roundId, {
      entryId: disputed,
      judgeId: judges.fah.id,
    });
    expect(result).toEqual({ ok: false, error: { code: "judge_conflicted", field: "judgeId" } });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("the results page", () => {
  const BASE = "http://localhost:3999";
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };

  async function cookieOf(user: User): Promise<string> {
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

  const params = () => ({ contestId: String(contestId), roundId: String(roundId) });
  async function post(user: User, fields: Record<string, string>) {
    try {
      return await resultsAction({
        request: new Request(`${BASE}/manage/${contestId}/rounds/${roundId}/results?method=mean`, {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: await cookieOf(user) },
        }),
        context,
        params: params(),
      });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it("asks through the page's action and comes back to the same view; a non-organiser is refused", async () => {
    const before = await snapshot(t.db);
    const refused = (await post(judges.ana, {
      intent: "askJudge",
      entryId: String(disputed),
      judgeId: String(judges.gita.id),
    })) as Response;
    expect(refused.status).toBe(403);
    const wrong = (await post(organiser, {
      intent: "askJudge",
      entryId: String(disputed),
      judgeId: String(judges.dewi.id),
    })) as unknown as {
      data: { entryId: number; message: string };
      init: { status: number };
    };
    expect(wrong.init.status).toBe(400);
    expect(wrong.data).toMatchObject({ entryId: disputed, message: "moderation.judge_not_eligible" });
    // Signing in wrote sessions and sign-in events; nothing else changed.
    const after = await snapshot(t.db);
    for (const table of ["assignments", "outbox_messages", "conflicts"]) expect(after[table]).toEqual(before[table]);
    const notSignIn = (rows: unknown[] | undefined) =>
      (rows as Array<{ action: string }>).filter((r) => r.action !== "user.sign_in");
    expect(notSignIn(after.audit_events)).toEqual(notSignIn(before.audit_events));

    const done = (await post(organiser, {
      intent: "askJudge",
      entryId: String(disputed),
      judgeId: String(judges.gita.id),
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/manage/${contestId}/rounds/${roundId}/results?method=mean`);
    expect(await t.db.selectFrom("assignments").select("id").where("judge_id", "=", judges.gita.id).execute()).toHaveLength(1);

    const page = await resultsLoader({
      request: new Request(`${BASE}/manage/${contestId}/rounds/${roundId}/results`, {
        headers: { Cookie: await cookieOf(organiser) },
      }),
      context,
      params: params(),
    });
    expect(page.moderation?.rows.map((r) => r.entryId)).toEqual([disputed]);
    expect(page.moderation?.rows[0]!.pending.map((p) => p.judgeName)).toEqual(["Gita"]);
  });

  it("shows the form on a flagged row, then who was asked", async () => {
    const results = await roundResults(await ctxOf(organiser), contestId, roundId, { method: "mean" });
    if (!results.ok) throw new Error(results.error.code);
    const i18n = await createRenderI18n("en");
    // The table's forms need a data router around them, as on the real page.
    const render = async (moderation: ModerationView) => {
      const Table = () =>
        createElement(ResultsTable, {
          entries: results.value.tracks[0]!.entries,
          method: "mean",
          methods: RESULT_METHODS,
          criteria: results.value.criteria,
          caption: "Tech",
          moderation: { ...moderation, error: null },
        });
      const handler = createStaticHandler([{ id: "page", path: "/", Component: Table }]);
      const context = await handler.query(new Request(`${BASE}/`));
      if (context instanceof Response) throw new Error("unexpected redirect");
      return renderToStaticMarkup(
        createElement(
          I18nextProvider,
          { i18n },
          createElement(StaticRouterProvider, {
            router: createStaticRouter(handler.dataRoutes, context),
            context,
            hydrate: false,
          }),
        ),
      );
    };
    const asking = await render(await view());
    expect(asking).toContain("Ask another judge to review T-0101");
    expect(asking).toContain('name="intent" value="askJudge"');
    expect(asking).toContain("Gita (0 entries in this round)");
    expect(asking).not.toContain("Ask another judge to review T-0102");

    await requestModeration(await ctxOf(organiser), contestId, roundId, { entryId: disputed, judgeId: judges.gita.id });
    const asked = await render(await view());
    expect(asked).toContain("1 more review requested from Gita");
    expect(asked).not.toContain("Ask another judge to review T-0101");
  });
});
