// The judge's home, the scoring page, the file viewer and the organiser's reopen, called as Remix
// calls them: real requests with session cookies, a real SQLite file, real files on disk.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as loginAction } from "#app/routes/login";
import { loader as homeLoader } from "#app/routes/judging._index";
import { action as reviewAction, loader as reviewLoader } from "#app/routes/reviews.$assignmentId";
import { loader as fileLoader } from "#app/routes/files.$submissionId";
import { action as reopenAction } from "#app/routes/manage.$contestId.reviews.$assignmentId.reopen";
import { framingFor, securityHeaders } from "#app/infra/security.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import type { FileStorage } from "#app/infra/storage/types";
import { assignJudge } from "#app/services/assignments.server";
import { declareConflicts, inviteJudges, respondToJudgeInvitation, signAgreement } from "#app/services/judges.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makePdf } from "#tests/support/documents";
import { insertEntry, insertMember, insertTeam, insertTrack } from "#tests/support/entries";
import { grantRole, makeContest, makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import { insertTestRubric } from "#tests/support/judging";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let organiser: User;
let contestId: number;
let roundId: number;
let deckId: number;
let trackId: number;
let team: number;
let market: number;
let judgeCount = 0;

const context = { cspNonce: "test", clientIp: "127.0.0.1" };
const DAY = 86_400_000;
const at = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

function post(url: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost:3999${url}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost:3999",
      ...(cookie ? { Cookie: cookie } : {}),
    },
  });
}
const get = (url: string, cookie?: string) =>
  new Request(`http://localhost:3999${url}`, { headers: cookie ? { Cookie: cookie } : {} });

async function signInCookie(email: string): Promise<string> {
  const response = (await loginAction({
    request: post("/login", { email, password: TEST_PASSWORD }),
    context,
    params: {},
  })) as Response;
  expect(response.status).toBe(302);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith("trellis_session="))!
    .split(";")[0]!;
}

/** Invited, accepted and (unless told otherwise) signed: a judge ready to review. */
async function makeJudge(options: { sign?: boolean } = {}) {
  // A public mail domain: test users share example.org, which would be a detected conflict.
  const user = await makeUser(t.db, { email: `judge${++judgeCount}-${Date.now()}@gmail.com` });
  const row = { email: user.email, name: user.name, organisation: null, country: "SG", trackIds: [], languages: ["en" as const] };
  const invited = await inviteJudges(await makeCtx(t.db, organiser), contestId, [row]);
  if (!invited.ok) throw new Error(invited.error.code);
  const mail = await t.db
    .selectFrom("outbox_messages")
    .select("text_body")
    .where("to_address", "=", user.email)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/judge-invitations\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
  const accepted = await respondToJudgeInvitation(await makeCtx(t.db, user), token, true);
  if (!accepted.ok) throw new Error(accepted.error.code);
  if (options.sign !== false) {
    const signed = await signAgreement(await makeCtx(t.db, user), contestId, { version: 1, language: "en" });
    if (!signed.ok) throw new Error(signed.error.code);
  }
  return user;
}

async function makeEntry(name = "Secret Name Ltd", organisation = "Hidden Org") {
  const lead = await makeUser(t.db);
  const row = await insertTeam(t.db, { name, organisation });
  await insertMember(t.db, row.id, lead.id, "lead");
  return insertEntry(t.db, { contestId, teamId: row.id, trackId });
}

async function handInPdf(entryId: number) {
  const stored = await storage.put(makePdf(2), {
    maxBytes: 10_000_000,
    contentType: "application/pdf",
    fileName: "Secret Name deck.pdf",
  });
  const row = await t.db
    .insertInto("submissions")
    .values({
      entry_id: entryId,
      round_id: roundId,
      requirement_id: deckId,
      version: 1,
      kind: "file",
      storage_key: stored.key,
      sha256: stored.sha256,
      size_bytes: stored.size,
      file_name: "Secret Name deck.pdf",
      content_type: "application/pdf",
      pages: 2,
      text_value: null,
      url_value: null,
      uploaded_by: null,
      created_at: at(-15),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function assign(entryId: number, judge: User) {
  const made = await assignJudge(await makeCtx(t.db, organiser), contestId, roundId, { entryId, judgeId: judge.id });
  if (!made.ok) throw new Error(made.error.code);
  return made.value.assignmentId;
}

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-review-routes-"));
  storage = createLocalStorage(dir);
  setStorage(storage);
  organiser = await makeUser(t.db, { email: "org@contest.example" });
  contestId = (await makeContest(t.db)).id;
  await grantRole(t.db, contestId, organiser.id, "organiser");
  trackId = (await insertTrack(t.db, contestId, { en: "Health" })).id;
  const now = new Date().toISOString();
  const rubric = await insertTestRubric(t.db, contestId, [
    { key: "team", weight: 60, step: 1 },
    { key: "market", weight: 40, step: 0.5 },
  ]);
  [team, market] = rubric.criterionIds as [number, number];
  roundId = (
    await t.db
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: 1,
        name_i18n: JSON.stringify({ en: "Preliminary" }),
        submission_opens_at: at(-20),
        submission_closes_at: at(-10),
        review_opens_at: at(-9),
        review_closes_at: at(10),
        blind_review: 1,
        judges_per_entry: 2,
        rubric_id: rubric.rubricId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  deckId = (
    await t.db
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
});

afterEach(async () => {
  setStorage(undefined);
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Reply = {
  data: { intent: string; errors: Record<string, string[]>; formError: string | null; version?: number };
  init: { status: number };
};
const fields = (version: number, scores: [string, string], intent = "save") => ({
  intent,
  version: String(version),
  [`score-${team}`]: scores[0],
  [`score-${market}`]: scores[1],
  [`comment-${team}`]: "Strong founders",
  [`comment-${market}`]: "",
  feedback: "Good work.",
  note: "",
  confidence: "high",
});
const scoresOf = (assignmentId: number) =>
  t.db
    .selectFrom("criterion_scores")
    .innerJoin("reviews", "reviews.id", "criterion_scores.review_id")
    .select(["criterion_scores.criterion_id as criterionId", "criterion_scores.value"])
    .where("reviews.assignment_id", "=", assignmentId)
    .orderBy("criterion_scores.criterion_id")
    .execute();

async function expectNotFound(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
}

describe("the judge's home", () => {
  it("lists only the assignments the judge is cleared to open, blind ones without a team name", async () => {
    const judge = await makeJudge();
    const other = await makeJudge();
    const unsigned = await makeJudge({ sign: false });
    const mine = await makeEntry();
    const conflicted = await makeEntry("Cousin Co", null as unknown as string);
    const theirs = await makeEntry("Other Ltd");
    const a = await assign(mine.id, judge);
    await assign(theirs.id, other);
    await assign(mine.id, unsigned);
    // A conflict declared after assignment removes the judge; a stray row must still stay hidden.
    await declareConflicts(await makeCtx(t.db, judge), contestId, [conflicted.id]);
    await t.db
      .insertInto("assignments")
      .values({
        round_id: roundId,
        entry_id: conflicted.id,
        judge_id: judge.id,
        source: "manual",
        assigned_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();

    const home = await homeLoader({ request: get("/judging", await signInCookie(judge.email)), context, params: {} });
    expect(home.assignments).toEqual([
      expect.objectContaining({
        id: a,
        code: mine.code,
        teamName: null,
        status: "not_started",
        roundId,
        reviewClosesAt: expect.any(String),
      }),
    ]);
    expect(home.contests).toEqual([expect.objectContaining({ id: contestId, signed: true, timeZone: "Asia/Shanghai" })]);
    expect(JSON.stringify(home)).not.toMatch(/Secret Name|Hidden Org|Cousin|Other Ltd/);

    const unsignedHome = await homeLoader({ request: get("/judging", await signInCookie(unsigned.email)), context, params: {} });
    expect(unsignedHome.assignments).toEqual([]);
    expect(unsignedHome.contests).toEqual([expect.objectContaining({ id: contestId, signed: false })]);
  });
});

describe("the scoring page", () => {
  it("shows a blind round's entry with no trace of the team in the loader data", async () => {
    const judge = await makeJudge();
    const entry = await makeEntry();
    const fileId = await handInPdf(entry.id);
    const a = await assign(entry.id, judge);
    const page = await reviewLoader({
      request: get(`/reviews/${a}`, await signInCookie(judge.email)),
      context,
      params: { assignmentId: String(a) },
    });
    expect(page.page.entry).toMatchObject({ code: entry.code, team: null });
    expect(page.page.materials[0]?.submission).toMatchObject({ id: fileId, isPdf: true });
    expect(JSON.stringify(page)).not.toMatch(/Secret Name|Hidden Org/);
  });

  it("refuses an off-step score with the field's error and changes nothing", async () => {
    const judge = await makeJudge();
    const a = await assign((await makeEntry()).id, judge);
    const cookie = await signInCookie(judge.email);
    const before = await snapshot(t.db);
    const reply = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["7", "5.25"]), cookie),
      context,
      params: { assignmentId: String(a) },
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.errors).toEqual({ [`score-${market}`]: ["score_off_step?step=0.5"] });
    const notNumber = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["seven", ""]), cookie),
      context,
      params: { assignmentId: String(a) },
    })) as unknown as Reply;
    expect(notNumber.data.errors).toEqual({ [`score-${team}`]: ["not_a_number"] });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("autosaves with the page's version, and tells a stale page it was changed elsewhere", async () => {
    const judge = await makeJudge();
    const a = await assign((await makeEntry()).id, judge);
    const cookie = await signInCookie(judge.email);
    const params = { assignmentId: String(a) };
    const first = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["7", ""], "autosave"), cookie),
      context,
      params,
    })) as unknown as Reply;
    expect(first.init.status).toBe(200);
    expect(first.data).toMatchObject({ intent: "autosave", version: 1, formError: null });
    const stale = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["2", "2"], "autosave"), cookie),
      context,
      params,
    })) as unknown as Reply;
    expect(stale.init.status).toBe(409);
    expect(stale.data.formError).toBe("changed_by_someone_else");
    expect(await scoresOf(a)).toEqual([
      { criterionId: team, value: 7 },
      { criterionId: market, value: null },
    ]);
  });

  it("asks before submitting, then submits, locks and shows the review read-only", async () => {
    const judge = await makeJudge();
    const a = await assign((await makeEntry()).id, judge);
    const cookie = await signInCookie(judge.email);
    const params = { assignmentId: String(a) };
    const before = await snapshot(t.db);
    const asked = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["7", "8.5"], "confirm"), cookie),
      context,
      params,
    })) as unknown as Reply;
    expect(asked.init.status).toBe(200);
    expect(asked.data.intent).toBe("confirm");
    expect(await snapshot(t.db)).toEqual(before);
    const missing = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["7", ""], "submit"), cookie),
      context,
      params,
    })) as unknown as Reply;
    expect(missing.data.errors).toEqual({ [`score-${market}`]: ["score_missing"] });
    const done = (await reviewAction({
      request: post(`/reviews/${a}`, fields(0, ["7", "8.5"], "submit"), cookie),
      context,
      params,
    })) as Response;
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/reviews/${a}`);
    const page = await reviewLoader({ request: get(`/reviews/${a}`, cookie), context, params });
    // "high" is stored as 5, the top of the 1–5 scale (app/domain/confidence.ts).
    expect(page.page.review).toMatchObject({ status: "submitted", version: 1, confidence: 5 });
    const locked = (await reviewAction({
      request: post(`/reviews/${a}`, fields(1, ["1", "1"]), cookie),
      context,
      params,
    })) as unknown as Reply;
    expect(locked.data.formError).toBe("review_locked");
  });

  it("is not found for another judge, by page or by post", async () => {
    const judge = await makeJudge();
    const other = await makeJudge();
    const a = await assign((await makeEntry()).id, judge);
    const cookie = await signInCookie(other.email);
    const params = { assignmentId: String(a) };
    await expectNotFound(reviewLoader({ request: get(`/reviews/${a}`, cookie), context, params }));
    const before = await snapshot(t.db);
    await expectNotFound(reviewAction({ request: post(`/reviews/${a}`, fields(0, ["1", "1"]), cookie), context, params }));
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe("the PDF viewer", () => {
  it("sends a PDF inline to a cleared judge, and only that response may be framed, by our pages only", async () => {
    const judge = await makeJudge();
    const entry = await makeEntry();
    const fileId = await handInPdf(entry.id);
    await assign(entry.id, judge);
    const cookie = await signInCookie(judge.email);
    const inline = (await fileLoader({
      request: get(`/files/${fileId}?inline=1`, cookie),
      context,
      params: { submissionId: String(fileId) },
    })) as Response;
    expect(inline.status).toBe(200);
    expect(inline.headers.get("Content-Type")).toBe("application/pdf");
    expect(inline.headers.get("Content-Disposition")).toMatch(new RegExp(`^inline; filename="${entry.code} pitch_deck\\.pdf"`));
    expect(
      Buffer.from(await inline.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const download = (await fileLoader({
      request: get(`/files/${fileId}`, cookie),
      context,
      params: { submissionId: String(fileId) },
    })) as Response;
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    await download.arrayBuffer();

    const headersFor = (url: string) => securityHeaders({ nonce: "n", devServer: false, https: true, framing: framingFor(url) });
    const framed = headersFor(`/files/${fileId}?inline=1`);
    expect(framed["X-Frame-Options"]).toBe("SAMEORIGIN");
    expect(framed["Content-Security-Policy"]).toContain("frame-ancestors 'self'");
    for (const url of [`/files/${fileId}`, `/reviews/1?inline=1`, `/files/${fileId}/x?inline=1`, "/"]) {
      expect(headersFor(url)["X-Frame-Options"]).toBe("DENY");
      expect(headersFor(url)["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    }
  });

  it("gives another judge nothing, inline or not", async () => {
    const judge = await makeJudge();
    const other = await makeJudge();
    const entry = await makeEntry();
    const fileId = await handInPdf(entry.id);
    await assign(entry.id, judge);
    await expectNotFound(
      fileLoader({
        request: get(`/files/${fileId}?inline=1`, await signInCookie(other.email)),
        context,
        params: { submissionId: String(fileId) },
      }),
    );
  });
});

describe("the organiser's reopen", () => {
  it("needs a reason, reopens a submitted review with a toast, and is forbidden to the judge", async () => {
    const judge = await makeJudge();
    const a = await assign((await makeEntry()).id, judge);
    const judgeCookie = await signInCookie(judge.email);
    const params = { assignmentId: String(a) };
    await reviewAction({ request: post(`/reviews/${a}`, fields(0, ["7", "8.5"], "submit"), judgeCookie), context, params });
    const url = `/manage/${contestId}/reviews/${a}/reopen`;
    const reopenParams = { contestId: String(contestId), assignmentId: String(a) };
    const back = `/manage/${contestId}/rounds/${roundId}/assignments`;

    const forbidden = await reopenAction({
      request: post(url, { reason: "please" }, judgeCookie),
      context,
      params: reopenParams,
    }).then(
      () => null,
      (e: unknown) => e as Response,
    );
    expect(forbidden?.status).toBe(403);

    const orgCookie = await signInCookie(organiser.email);
    const before = await snapshot(t.db);
    const noReason = (await reopenAction({
      request: post(url, { reason: "  ", redirectTo: back }, orgCookie),
      context,
      params: reopenParams,
    })) as Response;
    expect(noReason.status).toBe(302);
    expect(noReason.headers.get("Location")).toBe(back);
    expect(await snapshot(t.db)).toEqual(before);

    const reopened = (await reopenAction({
      request: post(url, { reason: "Judge asked to fix a typo", redirectTo: back }, orgCookie),
      context,
      params: reopenParams,
    })) as Response;
    expect(reopened.status).toBe(302);
    expect(reopened.headers.get("Location")).toBe(back);
    expect(reopened.headers.getSetCookie().some((c) => c.startsWith("trellis_toast="))).toBe(true);
    const review = await t.db
      .selectFrom("reviews")
      .select(["status", "version"])
      .where("assignment_id", "=", a)
      .executeTakeFirstOrThrow();
    expect(review).toEqual({ status: "draft", version: 2 });
    const audit = await t.db.selectFrom("audit_events").select("action").where("action", "=", "review.reopened").execute();
    expect(audit).toHaveLength(1);
  });
});
