// The live roadshow: running order, phases, scores from phones (resent safely), the result by the
// round's method when a finalist closes, and who may see what.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { controlRoadshow, createRoadshow, roadshowFingerprint, roadshowState, scoreSheet } from "#app/services/roadshow.server";
import { declareConflicts } from "#app/services/judges.server";
import { saveReview } from "#app/services/reviews.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let roundId: number;
let criteria: [number, number];
let judges: User[];
let entries: number[];

beforeEach(async () => {
  t = createTestDb();
  organiser = await makeUser(t.db);
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  const track = await insertTrack(t.db, contestId);
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId));
  judges = [];
  for (const name of ["Ana", "Bao", "Chen", "Dewi", "Eko"]) judges.push(await makeSignedJudge(t.db, contestId, name));
  entries = [];
  for (const name of ["Alpha Foods", "Beta Grid"]) {
    const team = await insertTeam(t.db, { name });
    entries.push((await insertEntry(t.db, { contestId, teamId: team.id, trackId: track.id })).id);
  }
});
afterEach(() => t.cleanup());

const ctx = (user: User | null) => makeCtx(t.db, user);
const control = async (action: Parameters<typeof controlRoadshow>[3]) =>
  controlRoadshow(await ctx(organiser), contestId, sessionId, action);
let sessionId: number;

async function assignmentOf(judge: User, entryId: number) {
  const row = await t.db
    .selectFrom("assignments")
    .select("id")
    .where("judge_id", "=", judge.id)
    .where("entry_id", "=", entryId)
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function score(judge: User, entryId: number, values: [number, number], key = `key-${judge.id}-${entryId}`) {
  return saveReview(
    await ctx(judge),
    await assignmentOf(judge, entryId),
    {
      version: 0,
      scores: { [criteria[0]]: { value: values[0], comment: "" }, [criteria[1]]: { value: values[1], comment: "" } },
      feedback: "",
      note: "",
      confidence: null,
    },
    { submit: true, submitKey: key },
  );
}

describe("roadshow", () => {
  beforeEach(async () => {
    const created = await createRoadshow(await ctx(organiser), contestId, roundId, {
      entryIds: entries,
      judgeIds: judges.map((j) => j.id),
    });
    if (!created.ok) throw new Error(created.error.code);
    sessionId = created.value.sessionId;
  });

  it("runs a finalist through pitch, questions and scoring, and reveals the trimmed mean", async () => {
    expect(await t.db.selectFrom("assignments").selectAll().execute()).toHaveLength(10);
    expect(await control("pitch")).toEqual({ ok: false, error: { code: "roadshow_bad_step" } });
    for (const step of ["start", "pitch", "qa", "scoring"] as const) expect((await control(step)).ok).toBe(true);
    const before = await roadshowFingerprint(t.db, sessionId);
    // Totals: Ana 100, Bao 80, Chen 60, Dewi 40, Eko 20 → drop 100 and 20 → (80 + 60 + 40) / 3 = 60.
    const values: Array<[number, number]> = [
      [10, 10],
      [8, 8],
      [6, 6],
      [4, 4],
      [2, 2],
    ];
    for (const [i, judge] of judges.entries()) expect((await score(judge, entries[0]!, values[i]!)).ok).toBe(true);
    expect(await roadshowFingerprint(t.db, sessionId)).not.toBe(before);
    const live = await roadshowState(await ctx(organiser), sessionId);
    expect(live.ok && live.value.role === "organiser" && live.value.panel.every((p) => p.scored)).toBe(true);
    expect((await control("close")).ok).toBe(true);
    const slot = await t.db
      .selectFrom("roadshow_slots")
      .selectAll()
      .where("entry_id", "=", entries[0]!)
      .executeTakeFirstOrThrow();
    expect(slot).toMatchObject({ phase: "closed", result: 60, judges_counted: 3 });
    const sheet = await scoreSheet(await ctx(organiser), contestId, sessionId, slot.id);
    expect(sheet.ok && sheet.value.result).toEqual({ value: 60, counted: 3, dropped: [20, 100] });
    expect(sheet.ok && sheet.value.judges.map((j) => j.total)).toEqual([100, 80, 60, 40, 20]);
    // On to the next finalist; the show ends when every started finalist is closed.
    expect((await control("next")).ok).toBe(true);
    expect(await control("next")).toEqual({ ok: false, error: { code: "roadshow_bad_step" } });
    expect((await control("finish")).ok).toBe(true);
  });

  it("acknowledges a resent score instead of refusing it, and never counts it twice", async () => {
    for (const step of ["start", "scoring"] as const) await control(step);
    expect(await score(judges[0]!, entries[0]!, [7, 7], "phone-1")).toEqual({
      ok: true,
      value: { version: 1, status: "submitted" },
    });
    const before = await snapshot(t.db);
    expect(await score(judges[0]!, entries[0]!, [7, 7], "phone-1")).toEqual({
      ok: true,
      value: { version: 1, status: "submitted" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    // A different submit (another key) is a change to a locked review: refused.
    expect(await score(judges[0]!, entries[0]!, [1, 1], "phone-2")).toEqual({ ok: false, error: { code: "review_locked" } });
  });

  it("shows a judge the current finalist and their own status, nothing of the others; refuses outsiders", async () => {
    await control("start");
    await score(judges[1]!, entries[0]!, [5, 5]);
    const mine = await roadshowState(await ctx(judges[0]!), sessionId);
    expect(mine.ok && mine.value).toMatchObject({ role: "judge", myStatus: "not_started", current: { team: "Alpha Foods" } });
    expect(mine.ok && "panel" in mine.value).toBe(false);
    expect(mine.ok && "slots" in mine.value).toBe(false);
    const outsider = await makeSignedJudge(t.db, contestId, "Outsider");
    expect(await roadshowState(await ctx(outsider), sessionId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await roadshowState(await ctx(await makeUser(t.db)), sessionId)).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await controlRoadshow(await ctx(judges[0]!), contestId, sessionId, "pitch")).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("never seats a judge on a finalist they have a conflict with; two desks cannot both take one step", async () => {
    // Declaring the conflict takes the judge off the finalist; a new session does not put them back.
    expect((await declareConflicts(await ctx(judges[4]!), contestId, [entries[1]!])).ok).toBe(true);
    const again = await createRoadshow(await ctx(organiser), contestId, roundId, {
      entryIds: [entries[1]!],
      judgeIds: [judges[4]!.id],
    });
    expect(again.ok).toBe(true);
    const seated = await t.db
      .selectFrom("assignments")
      .select("id")
      .where("judge_id", "=", judges[4]!.id)
      .where("entry_id", "=", entries[1]!)
      .execute();
    expect(seated).toEqual([]);
    const [a, b] = await Promise.all([control("start"), control("start")]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
  });
});
