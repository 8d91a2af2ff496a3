// The hand-in endpoint the page calls with XMLHttpRequest (JSON replies, for upload progress), and
// the page's own action for the same form without JavaScript: one shared path, real SQLite file,
// real files in a temporary folder, real session cookies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as uploadAction } from "#app/routes/entries.$entryId.rounds.$roundId_.upload";
import { action as pageAction } from "#app/routes/entries.$entryId.rounds.$roundId";
import { createContestSchema } from "#app/forms/contest";
import { teamSchema } from "#app/forms/team";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import type { FileStorage } from "#app/infra/storage/types";
import { sessionCookie } from "#app/infra/session.server";
import { changeContestState, createContest } from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { signIn } from "#app/services/identity.server";
import { registerTeam } from "#app/services/registration.server";
import { addMaterial, addRound } from "#app/services/rounds.server";
import { createTeam } from "#app/services/teams.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeDocx, makePdf, PNG } from "#tests/support/documents";
import { makeCtx, makeUser, TEST_PASSWORD } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let lead: User;
let entryId: number;
let roundId: number;
const req: Record<"deck" | "plan" | "answer", number> = { deck: 0, plan: 0, answer: 0 };
const context = { cspNonce: "n", clientIp: "127.0.0.1" };
/** A wall-clock minute in UTC (the test contest's zone), as the round form takes it. */
const minute = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-upload-endpoint-"));
  storage = createLocalStorage(dir);
  setStorage(storage);
  const admin = await makeUser(t.db, { isAdmin: true });
  const ctx = await makeCtx(t.db, admin);
  const contest = await createContest(
    ctx,
    createContestSchema.parse({ name: { en: "Progress Cup" }, slug: "progress-cup", timeZone: "UTC" }),
  );
  if (!contest.ok) throw new Error(contest.error.code);
  const round = await addRound(ctx, contest.value.id, {
    name: { en: "Preliminary" },
    submissionOpensAt: minute(-86_400_000),
    submissionClosesAt: minute(30 * 86_400_000),
    blindReview: true,
    judgesPerEntry: 3,
  } as never);
  if (!round.ok) throw new Error(round.error.code);
  roundId = round.value.id;
  const materials = {
    deck: { kind: "pitch_deck" as const, label: { en: "Pitch deck" }, help: null, required: true, maxPages: 10, maxSizeMb: 1 },
    plan: { kind: "business_plan" as const, label: { en: "Business plan" }, help: null, required: false },
    answer: { kind: "text_answer" as const, label: { en: "Problem" }, help: null, required: true, maxChars: 50 },
  };
  for (const key of ["deck", "plan", "answer"] as const) {
    const added = await addMaterial(ctx, contest.value.id, roundId, materials[key]);
    if (!added.ok) throw new Error(added.error.code);
    req[key] = added.value.id;
  }
  await changeContestState(ctx, contest.value.id, "registration_open");
  lead = await makeUser(t.db);
  const team = await createTeam(
    await makeCtx(t.db, lead),
    teamSchema.parse({ name: "Progressors", country: "SG", stage: "idea", foundersWomen: 1, foundersMen: 0, foundersOther: 0 }),
  );
  if (!team.ok) throw new Error(team.error.code);
  const { tracks } = await loadStructure(ctx, contest.value.id);
  const entry = await registerTeam(await makeCtx(t.db, lead), contest.value.id, {
    teamId: team.value.id,
    trackId: tracks[0]!.id,
    answers: new FormData(),
  });
  if (!entry.ok) throw new Error(entry.error.code);
  entryId = entry.value.entryId;
});

afterEach(async () => {
  setStorage(undefined);
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cookieFor(user: User): Promise<string> {
  const result = await signIn(await makeCtx(t.db, null), { email: user.email, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(result.error.code);
  return (await sessionCookie().serialize(result.value.token)).split(";")[0]!;
}

function form(fields: Record<string, string | File>, cookie?: string, suffix = "/upload"): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return new Request(`http://localhost:3999/entries/${entryId}/rounds/${roundId}${suffix}`, {
    method: "POST",
    body,
    headers: { Origin: "http://localhost:3999", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

const pdf = (name: string, bytes: Uint8Array, type = "application/pdf") => new File([new Uint8Array(bytes)], name, { type });
const params = () => ({ entryId: String(entryId), roundId: String(roundId) });

async function upload(request: Request) {
  const response = (await uploadAction({ request, context, params: params() })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

async function storedKeys() {
  const keys: string[] = [];
  for await (const k of storage.keys()) keys.push(k.key);
  return keys;
}

describe("the upload endpoint", () => {
  it("stores a good file and answers with its version and the saved message for the page", async () => {
    const cookie = await cookieFor(lead);
    const first = await upload(form({ requirementId: String(req.deck), file: pdf("deck.pdf", makePdf(3)) }, cookie));
    expect(first).toMatchObject({ status: 200, body: { ok: true, requirementId: req.deck, version: 1 } });
    expect(first.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    expect(first.headers.get("Set-Cookie")).toMatch(/^trellis_toast=/);
    const second = await upload(form({ requirementId: String(req.deck), file: pdf("deck v2.pdf", makePdf(4)) }, cookie));
    expect(second.body).toEqual({ ok: true, requirementId: req.deck, version: 2 });
    const plan = await upload(
      form(
        {
          requirementId: String(req.plan),
          file: new File([new Uint8Array(await makeDocx())], "plan.docx", {
            type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          }),
        },
        cookie,
      ),
    );
    expect(plan.body).toEqual({ ok: true, requirementId: req.plan, version: 1 });
    const rows = await t.db.selectFrom("submissions").select(["requirement_id", "version", "file_name"]).orderBy("id").execute();
    expect(rows).toEqual([
      { requirement_id: req.deck, version: 1, file_name: "deck.pdf" },
      { requirement_id: req.deck, version: 2, file_name: "deck v2.pdf" },
      { requirement_id: req.plan, version: 1, file_name: "plan.docx" },
    ]);
    expect(await storedKeys()).toHaveLength(3);
  });

  it("refuses a bad file with its message and a 4xx, and keeps nothing", async () => {
    const cookie = await cookieFor(lead);
    const before = await snapshot(t.db);
    const png = await upload(form({ requirementId: String(req.deck), file: pdf("fake.pdf", PNG) }, cookie));
    expect(png).toMatchObject({ status: 400, body: { ok: false, requirementId: req.deck, message: "file_not_pdf" } });
    expect(png.headers.get("Set-Cookie")).toBeNull();
    const big = await upload(
      form({ requirementId: String(req.deck), file: pdf("big.pdf", Buffer.alloc(1024 * 1024 + 1, 0x25)) }, cookie),
    );
    expect(big).toMatchObject({ status: 413, body: { ok: false, message: "file_too_large?max=1" } });
    const wrongMaterial = await upload(form({ requirementId: "999999", file: pdf("deck.pdf", makePdf(1)) }, cookie));
    expect(wrongMaterial).toMatchObject({ status: 404, body: { ok: false, message: "not_found" } });
    const noId = await upload(form({ file: pdf("deck.pdf", makePdf(1)) }, cookie));
    expect(noId).toMatchObject({ status: 404, body: { ok: false, requirementId: null, message: "not_found" } });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await storedKeys()).toEqual([]);
  });

  it("answers 401 without a session and 404 to someone not on the team, in JSON", async () => {
    const before = await snapshot(t.db);
    const anonymous = await upload(form({ requirementId: String(req.deck), file: pdf("deck.pdf", makePdf(1)) }));
    expect(anonymous).toMatchObject({ status: 401, body: { ok: false, message: "unauthorised" } });
    expect(await snapshot(t.db)).toEqual(before);
    const stranger = await makeUser(t.db);
    const strangerCookie = await cookieFor(stranger);
    const afterSignIn = await snapshot(t.db);
    const other = await upload(form({ requirementId: String(req.deck), file: pdf("deck.pdf", makePdf(1)) }, strangerCookie));
    expect(other).toMatchObject({ status: 404, body: { ok: false, message: "not_found" } });
    expect(await snapshot(t.db)).toEqual(afterSignIn);
    expect(await storedKeys()).toEqual([]);
  });

  it("refuses with 409 once the deadline has passed, on the server's clock", async () => {
    const cookie = await cookieFor(lead);
    await t.db
      .updateTable("rounds")
      .set({ submission_closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where("id", "=", roundId)
      .execute();
    const late = await upload(form({ requirementId: String(req.deck), file: pdf("deck.pdf", makePdf(1)) }, cookie));
    expect(late).toMatchObject({ status: 409, body: { ok: false, message: "submission_closed" } });
    expect(await storedKeys()).toEqual([]);
  });

  it("answers 415 to a body that is not a form with a file", async () => {
    const cookie = await cookieFor(lead);
    const request = new Request(`http://localhost:3999/entries/${entryId}/rounds/${roundId}/upload`, {
      method: "POST",
      body: JSON.stringify({ requirementId: req.deck }),
      headers: { "Content-Type": "application/json", Cookie: cookie },
    });
    expect(await upload(request)).toMatchObject({ status: 415, body: { ok: false } });
  });
});

describe("the page's action (the same form without JavaScript)", () => {
  type Reply = { data: { requirementId: number | null; message: string }; init: { status: number } };

  it("saves through the same path and redirects with the saved message", async () => {
    const cookie = await cookieFor(lead);
    const response = (await pageAction({
      request: form({ requirementId: String(req.deck), file: pdf("deck.pdf", makePdf(2)) }, cookie, ""),
      context,
      params: params(),
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/entries/${entryId}/rounds/${roundId}`);
    expect(response.headers.get("Set-Cookie")).toMatch(/trellis_toast=/);
    const answer = (await pageAction({
      request: form({ requirementId: String(req.answer), value: "Water for islands" }, cookie, ""),
      context,
      params: params(),
    })) as Response;
    expect(answer.status).toBe(302);
    expect(await t.db.selectFrom("submissions").select("version").execute()).toHaveLength(2);
  });

  it("re-renders with the message under the material when the file is refused", async () => {
    const cookie = await cookieFor(lead);
    const before = await snapshot(t.db);
    const reply = (await pageAction({
      request: form({ requirementId: String(req.deck), file: pdf("fake.pdf", PNG) }, cookie, ""),
      context,
      params: params(),
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data).toEqual({ requirementId: req.deck, message: "file_not_pdf" });
    expect(await snapshot(t.db)).toEqual(before);
  });
});
