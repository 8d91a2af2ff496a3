// Calibration entries against a real SQLite file: the organiser names a track's calibration entry
// (contest.manage only, audited, refused once scoring started); every panel judge but a conflicted
// one gets it; the judge's other reviews wait for it, in the service and on the pages; the judge
// then sees only their own standing, the organiser every judge's offset; its reviews still count.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as loginAction } from "#app/routes/login";
import { loader as homeLoader } from "#app/routes/judging._index";
import { action as reviewAction, loader as reviewLoader } from "#app/routes/reviews.$assignmentId";
import {
  action as assignmentsAction,
  loader as assignmentsLoader,
} from "#app/routes/manage.$contestId.rounds.$roundId_.assignments";
import { assignJudge } from "#app/services/assignments.server";
import { calibrationOverview, chooseCalibrationEntry } from "#app/services/calibration-entry.server";
import { declareConflicts } from "#app/services/judges.server";
import { roundResults } from "#app/services/results.server";
import { reviewPage, saveReview } from "#app/services/reviews.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { insertEntry, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import { makeScoredRound, makeSignedJudge } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let organiser: User;
let contestId: number;
let trackId: number;
let roundId: number;
let criteria: readonly [number, number];
let calibration: number;
let second: number;
let third: number;
/** Four judges on the panel, with names that must never reach another judge. */
let judges: User[];
/** A panel judge who declared a conflict with the calibration entry. */
let conflicted: User;

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const NAMES = ["Zhang Wei", "Siti Rahman", "Nguyen An", "Somchai P."];

function post(url: string, fields: Record<string, string>, cookie: string) {
  return new Request(`http://localhost:3999${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3999", Cookie: cookie },
  });
}
const get = (url: string, cookie: string) => new Request(`http://localhost:3999${url}`, { headers: { Cookie: cookie } });

async function signInCookie(email: string): Promise<string> {
  const response = (await loginAction({
    request: new Request("http://localhost:3999/login", {
      method: "POST",
      body: new URLSearchParams({ email, password: TEST_PASSWORD }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3999" },
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

async function makeEntry(name: string) {
  const team = await insertTeam(t.db, { name, organisation: `${name} Org` });
  return (await insertEntry(t.db, { contestId, teamId: team.id, trackId })).id;
}

async function assign(entryId: number, judge: User) {
  const made = await assignJudge(await makeCtx(t.db, organiser), contestId, roundId, { entryId, judgeId: judge.id });
  if (!made.ok) throw new Error(made.error.code);
  return made.value.assignmentId;
}

async function assignmentOf(judge: User, entryId: number) {
  const row = await t.db
    .selectFrom("assignments")
    .select("id")
    .where("round_id", "=", roundId)
    .where("judge_id", "=", judge.id)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Scores both criteria (0–10, weights 50/50, so the total is ten times the score) and submits. */
async function submit(judge: User, entryId: number, score: number) {
  const assignmentId = (await assignmentOf(judge, entryId))!;
  const page = await reviewPage(await makeCtx(t.db, judge), assignmentId);
  if (!page.ok) throw new Error(page.error.code);
  return saveReview(
    await makeCtx(t.db, judge),
    assignmentId,
    {
      version: page.value.review.version,
      scores: { [criteria[0]]: { value: score, comment: "" }, [criteria[1]]: { value: score, comment: "" } },
      feedback: "",
      note: "",
      confidence: null,
    },
    { submit: true },
  );
}

async function choose(entryId: number | null, actor: User = organiser) {
  return chooseCalibrationEntry(await makeCtx(t.db, actor), contestId, roundId, { trackId, entryId });
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  organiser = await makeUser(t.db, { email: "org@contest.example", name: "Olivia Organiser" });
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  trackId = (await insertTrack(t.db, contestId, { en: "Health" })).id;
  ({ roundId, criteria } = await makeScoredRound(t.db, contestId));
  calibration = await makeEntry("Calibration Co");
  second = await makeEntry("Second Co");
  third = await makeEntry("Third Co");
  judges = [];
  for (const name of NAMES) judges.push(await makeSignedJudge(t.db, contestId, name));
  conflicted = await makeSignedJudge(t.db, contestId, "Conflicted Judge");
  const declared = await declareConflicts(await makeCtx(t.db, conflicted), contestId, [calibration]);
  expect(declared.ok).toBe(true);
  for (const judge of [...judges, conflicted]) await assign(second, judge);
});

afterEach(async () => {
  await t.cleanup();
});

describe("choosing a calibration entry", () => {
  it("needs contest.manage and changes nothing otherwise", async () => {
    const otherContest = (await makeContest(t.db)).id;
    const otherOrganiser = await makeUser(t.db);
    await grantRole(t.db, otherContest, otherOrganiser.id, "organiser");
    const before = await snapshot(t.db);
    for (const actor of [judges[0]!, otherOrganiser])
      expect(await choose(calibration, actor)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      await chooseCalibrationEntry(await makeCtx(t.db, null), contestId, roundId, { trackId, entryId: calibration }),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("refuses an entry outside the round's track and changes nothing", async () => {
    const otherTrack = (await insertTrack(t.db, contestId, { en: "Energy" })).id;
    const elsewhere = (await insertEntry(t.db, { contestId, teamId: (await insertTeam(t.db)).id, trackId: otherTrack })).id;
    const before = await snapshot(t.db);
    expect(await choose(elsewhere)).toMatchObject({ ok: false, error: { code: "calibration.not_in_track", field: "entryId" } });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("gives every panel judge the calibration assignment, never a conflicted judge, and audits it", async () => {
    const chosen = await choose(calibration);
    expect(chosen).toEqual({ ok: true, value: { added: 4, changed: true } });
    for (const judge of judges) expect(await assignmentOf(judge, calibration)).not.toBeNull();
    expect(await assignmentOf(conflicted, calibration)).toBeNull();
    const events = await t.db
      .selectFrom("audit_events")
      .select(["action", "after_json"])
      .where("action", "like", "calibration.%")
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["calibration.entry_chosen", "calibration.assignments_added"]);
    expect(JSON.parse(events[1]!.after_json!)).toEqual({
      trackId,
      entryId: calibration,
      judgeIds: judges.map((j) => j.id).sort((a, b) => a - b),
    });

    // A judge who joins the panel later gets it too; the conflicted judge still does not.
    const late = await makeSignedJudge(t.db, contestId, "Late Judge");
    await assign(third, late);
    expect(await assignmentOf(late, calibration)).not.toBeNull();
    await assign(third, conflicted);
    expect(await assignmentOf(conflicted, calibration)).toBeNull();
  });

  it("is chosen and cleared from the assignments page, and the page lists the track's entries", async () => {
    const cookie = await signInCookie(organiser.email);
    const url = `/manage/${contestId}/rounds/${roundId}/assignments`;
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const chosen = (await assignmentsAction({
      request: post(url, { intent: "calibration", trackId: String(trackId), entryId: String(calibration) }, cookie),
      context,
      params,
    })) as Response;
    expect(chosen.status).toBe(302);
    const page = await assignmentsLoader({ request: get(url, cookie), context, params });
    const track = page.calibration.tracks.find((tr) => tr.id === trackId)!;
    expect(track.choice).toMatchObject({ entryId: calibration });
    expect(track.entries.map((e) => e.id)).toEqual([calibration, second, third]);
    const cleared = (await assignmentsAction({
      request: post(url, { intent: "calibration", trackId: String(trackId), entryId: "" }, cookie),
      context,
      params,
    })) as Response;
    expect(cleared.status).toBe(302);
    expect(await t.db.selectFrom("round_calibration_entries").selectAll().execute()).toEqual([]);
  });

  it("is refused once a judge has submitted a review of another entry in the track, with the reason", async () => {
    expect((await choose(calibration)).ok).toBe(true);
    // Calibration reviews do not count as scoring started: the choice may still change.
    expect((await submit(judges[0]!, calibration, 6)).ok).toBe(true);
    expect((await submit(judges[0]!, second, 6)).ok).toBe(true);
    const before = await snapshot(t.db);
    for (const entryId of [third, null])
      expect(await choose(entryId)).toMatchObject({ ok: false, error: { code: "calibration.scoring_started" } });
    expect(await snapshot(t.db)).toEqual(before);

    const cookie = await signInCookie(organiser.email);
    const url = `/manage/${contestId}/rounds/${roundId}/assignments`;
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const refused = (await assignmentsAction({
      request: post(url, { intent: "calibration", trackId: String(trackId), entryId: String(third) }, cookie),
      context,
      params,
    })) as unknown as { data: { message: string; trackId: number }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data).toMatchObject({ message: "calibration.scoring_started", trackId });
    const page = await assignmentsLoader({ request: get(url, cookie), context, params });
    expect(page.calibration.tracks.find((tr) => tr.id === trackId)).toMatchObject({ locked: true });
  });

  it("is refused after scoring started even when no calibration entry was chosen before", async () => {
    expect((await submit(judges[1]!, second, 7)).ok).toBe(true);
    expect(await choose(calibration)).toMatchObject({ ok: false, error: { code: "calibration.scoring_started" } });
  });
});

describe("scoring the calibration entry first", () => {
  it("refuses the judge's other review, on the page and in the service, until the calibration review is submitted", async () => {
    expect((await choose(calibration)).ok).toBe(true);
    const judge = judges[0]!;
    const other = (await assignmentOf(judge, second))!;
    const own = (await assignmentOf(judge, calibration))!;
    const cookie = await signInCookie(judge.email);

    const page = await reviewLoader({
      request: get(`/reviews/${other}`, cookie),
      context,
      params: { assignmentId: String(other) },
    });
    expect(page.page.calibration).toEqual({ kind: "waits", assignmentId: own, code: expect.any(String) });
    expect(page.page.materials).toEqual([]);
    expect(page.page.criteria).toEqual([]);
    expect(JSON.stringify(page)).not.toContain("Second Co");

    const home = await homeLoader({ request: get("/judging", cookie), context, params: {} });
    expect(home.assignments.find((a) => a.id === other)?.calibration).toEqual({
      kind: "waits",
      assignmentId: own,
      code: expect.any(String),
    });
    expect(home.assignments.find((a) => a.id === own)?.calibration).toEqual({ kind: "entry" });

    const before = await snapshot(t.db);
    expect(await submit(judge, second, 8)).toMatchObject({ ok: false, error: { code: "calibration.first" } });
    const posted = (await reviewAction({
      request: post(
        `/reviews/${other}`,
        { intent: "save", version: "0", [`score-${criteria[0]}`]: "8", confidence: "high" },
        cookie,
      ),
      context,
      params: { assignmentId: String(other) },
    })) as unknown as { data: { formError: string | null }; init: { status: number } };
    expect(posted.init.status).toBe(400);
    expect(posted.data.formError).toMatch(/^calibration\.first\?code=/);
    expect(await snapshot(t.db)).toEqual(before);

    // The conflicted judge owes no calibration review: nothing waits.
    const free = (await assignmentOf(conflicted, second))!;
    const freePage = await reviewPage(await makeCtx(t.db, conflicted), free);
    expect(freePage.ok && freePage.value.calibration).toBeNull();

    expect((await submit(judge, calibration, 6)).ok).toBe(true);
    const opened = await reviewLoader({
      request: get(`/reviews/${other}`, cookie),
      context,
      params: { assignmentId: String(other) },
    });
    expect(opened.page.calibration).toBeNull();
    expect(opened.page.criteria).toHaveLength(2);
    expect((await submit(judge, second, 8)).ok).toBe(true);
  });
});

describe("how a judge's calibration total sits", () => {
  it("shows harsher / in line / more lenient only once two other judges submitted, and never another judge", async () => {
    expect((await choose(calibration)).ok).toBe(true);
    const [first, b, c, d] = judges as [User, User, User, User];
    const own = (await assignmentOf(first, calibration))!;
    const cookie = await signInCookie(first.email);
    const standing = async () =>
      (await reviewLoader({ request: get(`/reviews/${own}`, cookie), context, params: { assignmentId: String(own) } })).page;

    expect((await standing()).calibration).toEqual({ kind: "entry", standing: { status: "not_submitted" } });
    expect((await submit(first, calibration, 5)).ok).toBe(true); // 50
    expect((await standing()).calibration).toEqual({ kind: "entry", standing: { status: "waiting", needed: 2 } });
    expect((await submit(b, calibration, 7)).ok).toBe(true); // 70
    expect((await standing()).calibration).toEqual({ kind: "entry", standing: { status: "waiting", needed: 1 } });
    expect((await submit(c, calibration, 9)).ok).toBe(true); // 90

    // Others: (70 + 90) / 2 = 80; 50 − 80 = −30: harsher.
    const page = await standing();
    expect(page.calibration).toEqual({
      kind: "entry",
      standing: { status: "ready", own: 50, panelMean: 80, difference: -30, leaning: "strict", others: 2 },
    });
    const home = await homeLoader({ request: get("/judging", cookie), context, params: {} });
    expect(home.calibrations).toEqual([
      expect.objectContaining({
        assignmentId: own,
        status: "submitted",
        standing: page.calibration!.kind === "entry" ? page.calibration!.standing : null,
      }),
    ]);
    for (const data of [page, home]) {
      const text = JSON.stringify(data);
      for (const name of [NAMES[1]!, NAMES[2]!, NAMES[3]!, "Conflicted Judge"]) expect(text).not.toContain(name);
      expect(text).not.toMatch(/"(total|value)":\s*(70|90)\b/);
    }

    // Judge d, still waiting on their own: "Waiting" is about them; d then sits above the panel.
    expect((await submit(d, calibration, 8)).ok).toBe(true); // 80; others (50 + 70 + 90) / 3 = 70
    const dPage = await reviewPage(await makeCtx(t.db, d), (await assignmentOf(d, calibration))!);
    expect(dPage.ok && dPage.value.calibration).toEqual({
      kind: "entry",
      standing: { status: "ready", own: 80, panelMean: 70, difference: 10, leaning: "lenient", others: 3 },
    });
  });
});

describe("the organiser's view", () => {
  it("shows every judge's total, the others' mean, the difference and leaning; a judge cannot see it", async () => {
    expect((await choose(calibration)).ok).toBe(true);
    const [a, b, c] = judges as [User, User, User, User];
    expect((await submit(a, calibration, 5)).ok).toBe(true); // 50
    expect((await submit(b, calibration, 7)).ok).toBe(true); // 70
    expect((await submit(c, calibration, 6)).ok).toBe(true); // 60
    const overview = await calibrationOverview(await makeCtx(t.db, organiser), contestId, roundId);
    if (!overview.ok) throw new Error(overview.error.code);
    const track = overview.value.tracks.find((tr) => tr.id === trackId)!;
    const byName = Object.fromEntries(track.judges.map((j) => [j.name, j]));
    // a: others (70 + 60) / 2 = 65, −15 harsher; b: (50 + 60) / 2 = 55, +15 lenient; c: (50 + 70) / 2 = 60, 0 in line.
    expect(byName[NAMES[0]!]).toMatchObject({
      status: "submitted",
      total: 50,
      panelMean: 65,
      difference: -15,
      leaning: "strict",
    });
    expect(byName[NAMES[1]!]).toMatchObject({ total: 70, panelMean: 55, difference: 15, leaning: "lenient" });
    expect(byName[NAMES[2]!]).toMatchObject({ total: 60, panelMean: 60, difference: 0, leaning: "in_line" });
    expect(byName[NAMES[3]!]).toMatchObject({ status: "not_started", total: null, leaning: null });
    expect(byName["Conflicted Judge"]).toBeUndefined();

    expect(await calibrationOverview(await makeCtx(t.db, a), contestId, roundId)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
  });

  it("still counts the calibration entry's reviews in the results", async () => {
    expect((await choose(calibration)).ok).toBe(true);
    for (const [i, judge] of judges.entries()) expect((await submit(judge, calibration, 5 + i)).ok).toBe(true);
    const results = await roundResults(await makeCtx(t.db, organiser), contestId, roundId);
    if (!results.ok) throw new Error(results.error.code);
    const row = results.value.tracks.flatMap((tr) => tr.entries).find((e) => e.entryId === calibration)!;
    expect(row.reviews).toHaveLength(4);
    // (50 + 60 + 70 + 80) / 4 = 65.
    expect(row.scores.mean).toBe(65);
  });
});

describe("rubric anchors on the scoring page", () => {
  it("returns each criterion's level descriptions, in every language given, with the score input", async () => {
    const levels = [
      { min: 0, max: 4, text: { en: "No evidence of demand", "zh-CN": "没有需求证据", th: "ไม่มีหลักฐานความต้องการ" } },
      { min: 5, max: 10, text: { en: "Paying customers", "zh-CN": "已有付费客户", th: "มีลูกค้าที่จ่ายเงินแล้ว" } },
    ];
    await t.db
      .updateTable("criteria")
      .set({ levels_json: JSON.stringify(levels) })
      .where("id", "=", criteria[0])
      .execute();
    const judge = judges[0]!;
    const assignmentId = (await assignmentOf(judge, second))!;
    const cookie = await signInCookie(judge.email);
    const page = await reviewLoader({
      request: get(`/reviews/${assignmentId}`, cookie),
      context,
      params: { assignmentId: String(assignmentId) },
    });
    expect(page.page.criteria.find((c) => c.id === criteria[0])?.levels).toEqual(levels);
    expect(page.page.criteria.find((c) => c.id === criteria[1])?.levels).toEqual([]);
  });
});
