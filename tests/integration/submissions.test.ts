// Handing in materials: content checks, versions, the deadline on the server's clock, extensions,
// and the orphan clean-up — real SQLite file, real files in a temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { createLocalStorage } from "#app/infra/storage/local.server";
import type { FileStorage } from "#app/infra/storage/types";
import { changeContestState, createContest } from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { registerTeam } from "#app/services/registration.server";
import { addMaterial, addRound } from "#app/services/rounds.server";
import { cleanOrphanFiles, grantExtension, submitAnswer, submissionHistory, uploadFile } from "#app/services/submissions.server";
import { spendUpload } from "#app/services/limits.server";
import { createTeam } from "#app/services/teams.server";
import { teamSchema } from "#app/forms/team";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeDocx, makeNotDocx, makePdf, PNG } from "#tests/support/documents";
import { makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let admin: User;
let lead: User;
let contestId: number;
let roundId: number;
let entryId: number;
const req: Record<string, number> = {};
const closes = new Date("2027-03-31T16:00:00.000Z");
const during = new Date("2027-03-15T00:00:00.000Z");

async function storedKeys() {
  const keys: string[] = [];
  for await (const k of storage.keys()) keys.push(k.key);
  return keys;
}

beforeEach(async () => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-uploads-"));
  storage = createLocalStorage(dir);
  admin = await makeUser(t.db, { isAdmin: true });
  const ctx = await makeCtx(t.db, admin);
  const contest = await createContest(
    ctx,
    createContestSchema.parse({ name: { en: "Upload Cup" }, slug: "upload-cup", timeZone: "UTC" }),
  );
  if (!contest.ok) throw new Error(contest.error.code);
  contestId = contest.value.id;
  const round = await addRound(ctx, contestId, {
    name: { en: "Preliminary" },
    submissionOpensAt: "2027-03-01T00:00",
    submissionClosesAt: "2027-03-31T16:00",
    blindReview: true,
    judgesPerEntry: 3,
  } as never);
  if (!round.ok) throw new Error(round.error.code);
  roundId = round.value.id;
  for (const [key, input] of Object.entries({
    deck: { kind: "pitch_deck" as const, label: { en: "Pitch deck" }, help: null, required: true, maxPages: 10, maxSizeMb: 1 },
    plan: { kind: "business_plan" as const, label: { en: "Business plan" }, help: null, required: false },
    video: { kind: "video_link" as const, label: { en: "Video" }, help: null, required: false },
    answer: { kind: "text_answer" as const, label: { en: "Problem" }, help: null, required: true, maxChars: 50 },
  })) {
    const added = await addMaterial(ctx, contestId, roundId, input);
    if (!added.ok) throw new Error(added.error.code);
    req[key] = added.value.id;
  }
  await changeContestState(ctx, contestId, "registration_open");
  lead = await makeUser(t.db);
  const team = await createTeam(
    await makeCtx(t.db, lead),
    teamSchema.parse({ name: "Uploaders", country: "SG", stage: "idea", foundersWomen: 1, foundersMen: 0, foundersOther: 0 }),
  );
  if (!team.ok) throw new Error(team.error.code);
  const { tracks } = await loadStructure(ctx, contestId);
  const entry = await registerTeam(await makeCtx(t.db, lead), contestId, {
    teamId: team.value.id,
    trackId: tracks[0]!.id,
    answers: new FormData(),
  });
  if (!entry.ok) throw new Error(entry.error.code);
  entryId = entry.value.entryId;
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = async (user: User, requirementId: number, data: Uint8Array, fileName = "deck.pdf", now = during) =>
  uploadFile(await makeCtx(t.db, user, { now }), storage, { entryId, roundId, requirementId, fileName, data });

describe("uploads", () => {
  it("stores a checked PDF, keeps every version, and reads back the latest", async () => {
    const v1 = await upload(lead, req.deck!, makePdf(3), "../Our Deck.PDF");
    const v2 = await upload(lead, req.deck!, makePdf(5), "deck v2.pdf");
    expect(v1).toMatchObject({ ok: true, value: { version: 1 } });
    expect(v2).toMatchObject({ ok: true, value: { version: 2 } });
    const history = await submissionHistory(await makeCtx(t.db, lead), entryId, roundId);
    expect(history.ok && history.value.map((s) => [s.version, s.fileName, s.pages])).toEqual([
      [2, "deck v2.pdf", 5],
      [1, "Our Deck.pdf", 3],
    ]);
    expect((await storedKeys()).sort()).toEqual([v1.ok && v1.value.sha256, v2.ok && v2.value.sha256].sort());
    const plan = await upload(lead, req.plan!, await makeDocx(), "plan.docx");
    expect(plan).toMatchObject({ ok: true, value: { version: 1 } });
  });

  it("refuses a renamed PNG, an oversized file, too many pages, a broken DOCX: no row, no file", async () => {
    const before = await snapshot(t.db);
    expect(await upload(lead, req.deck!, PNG, "deck.pdf")).toEqual({ ok: false, error: { code: "file_not_pdf", field: "file" } });
    expect(await upload(lead, req.deck!, Buffer.alloc(1024 * 1024 + 1, 0x25), "big.pdf")).toEqual({
      ok: false,
      error: { code: "file_too_large", field: "file", params: { max: 1 } },
    });
    expect(await upload(lead, req.deck!, makePdf(11))).toEqual({
      ok: false,
      error: { code: "pdf_too_many_pages", field: "file", params: { pages: 11, max: 10 } },
    });
    expect(await upload(lead, req.plan!, await makeNotDocx(), "plan.docx")).toEqual({
      ok: false,
      error: { code: "docx_broken", field: "file" },
    });
    expect(await upload(lead, req.deck!, makePdf(1, { encrypted: true }))).toEqual({
      ok: false,
      error: { code: "pdf_encrypted", field: "file" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await storedKeys()).toEqual([]);
  });

  it("refuses a late upload whatever the client says, and an extension lets one team in and no other", async () => {
    const late = new Date(closes.getTime() + 1000);
    expect(await upload(lead, req.deck!, makePdf(1), "deck.pdf", late)).toEqual({
      ok: false,
      error: { code: "submission_closed" },
    });
    expect(await upload(lead, req.deck!, makePdf(1), "deck.pdf", new Date("2027-02-01T00:00:00.000Z"))).toEqual({
      ok: false,
      error: { code: "submission_not_open" },
    });

    // A second team in the same contest and round.
    const other = await makeUser(t.db);
    const otherTeam = await createTeam(
      await makeCtx(t.db, other),
      teamSchema.parse({ name: "Others", country: "SG", stage: "idea", foundersWomen: 0, foundersMen: 1, foundersOther: 0 }),
    );
    if (!otherTeam.ok) throw new Error("team");
    const { tracks } = await loadStructure(await makeCtx(t.db, admin), contestId);
    const otherEntry = await registerTeam(await makeCtx(t.db, other), contestId, {
      teamId: otherTeam.value.id,
      trackId: tracks[0]!.id,
      answers: new FormData(),
    });
    if (!otherEntry.ok) throw new Error("entry");

    const granted = await grantExtension(await makeCtx(t.db, admin, { now: late }), {
      contestId,
      entryId,
      roundId,
      until: new Date(closes.getTime() + 86_400_000),
      reason: "Power cut in Batam",
    });
    expect(granted).toEqual({ ok: true, value: null });
    expect((await upload(lead, req.deck!, makePdf(1), "deck.pdf", late)).ok).toBe(true);
    const otherLate = await uploadFile(await makeCtx(t.db, other, { now: late }), storage, {
      entryId: otherEntry.value.entryId,
      roundId,
      requirementId: req.deck!,
      fileName: "x.pdf",
      data: makePdf(1),
    });
    expect(otherLate).toEqual({ ok: false, error: { code: "submission_closed" } });
    const auditRow = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "submission.extension_granted")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(auditRow.after_json!)).toMatchObject({ reason: "Power cut in Batam" });
  });

  it("keeps other people out: another team, a stranger, an organiser uploading", async () => {
    const stranger = await makeUser(t.db);
    expect(await upload(stranger, req.deck!, makePdf(1))).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await upload(admin, req.deck!, makePdf(1))).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await submissionHistory(await makeCtx(t.db, stranger), entryId, roundId)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect((await submissionHistory(await makeCtx(t.db, admin), entryId, roundId)).ok).toBe(true);
    expect(
      await grantExtension(await makeCtx(t.db, lead), {
        contestId,
        entryId,
        roundId,
        until: new Date("2030-01-01"),
        reason: "please",
      }),
    ).toEqual({ ok: false, error: { code: "forbidden" } });
  });
});

describe("text answers and video links", () => {
  it("saves them as versions and checks them", async () => {
    const ctx = await makeCtx(t.db, lead, { now: during });
    expect(
      await submitAnswer(ctx, { entryId, roundId, requirementId: req.answer!, value: "  Water for islands  " }),
    ).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await submitAnswer(ctx, { entryId, roundId, requirementId: req.answer!, value: "x".repeat(51) })).toEqual({
      ok: false,
      error: { code: "too_long", field: "value", params: { max: 50 } },
    });
    expect(
      await submitAnswer(ctx, { entryId, roundId, requirementId: req.video!, value: "http://youtube.com/watch?v=1" }),
    ).toEqual({ ok: false, error: { code: "video_link_https", field: "value" } });
    expect(
      await submitAnswer(ctx, { entryId, roundId, requirementId: req.video!, value: "https://www.bilibili.com/video/BV1" }),
    ).toMatchObject({ ok: true });
    expect(await submitAnswer(ctx, { entryId, roundId, requirementId: req.deck!, value: "text" })).toEqual({
      ok: false,
      error: { code: "not_a_text_material" },
    });
  });
});

describe("orphan clean-up", () => {
  it("removes only old files that no submission points at", async () => {
    const kept = await upload(lead, req.deck!, makePdf(2));
    const orphan = await storage.put(makePdf(7), { maxBytes: 1e6, contentType: "application/pdf", fileName: "x.pdf" });
    const fresh = await storage.put(makePdf(8), { maxBytes: 1e6, contentType: "application/pdf", fileName: "y.pdf" });
    const file = path.join(dir, orphan.key.slice(0, 2), orphan.key.slice(2, 4), orphan.key);
    const old = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(file, old, old);
    const removed = await cleanOrphanFiles(t.db, storage, new Date());
    expect(removed).toEqual([orphan.key]);
    expect(await storage.exists(fresh.key)).toBe(true);
    if (kept.ok) expect(await storage.exists(kept.value.sha256)).toBe(true);
  });
});

describe("the file route", () => {
  it("serves a file to the team and the organisers only, as an attachment that is not sniffed", async () => {
    const { loader } = await import("#app/routes/files.$submissionId");
    const { setStorage } = await import("#app/infra/storage/index.server");
    const { setDb } = await import("#app/infra/db.server");
    const { signIn } = await import("#app/services/identity.server");
    const { sessionCookie } = await import("#app/infra/session.server");
    const { TEST_PASSWORD } = await import("#tests/support/factories");
    setDb(t.db);
    setStorage(storage);
    try {
      const pdf = makePdf(2);
      const uploaded = await upload(lead, req.deck!, pdf, "Deck — 路演.pdf");
      if (!uploaded.ok) throw new Error(uploaded.error.code);
      const cookieFor = async (user: User) => {
        const result = await signIn(await makeCtx(t.db, null), { email: user.email, password: TEST_PASSWORD });
        if (!result.ok) throw new Error(result.error.code);
        return (await sessionCookie().serialize(result.value.token)).split(";")[0]!;
      };
      const request = async (user: User | null, id = uploaded.value.submissionId) =>
        new Request(`http://localhost:3999/files/${id}`, { headers: user ? { Cookie: await cookieFor(user) } : {} });
      const context = { cspNonce: "n", clientIp: "127.0.0.1" };
      const params = { submissionId: String(uploaded.value.submissionId) };
      const status = async (user: User | null, p = params) => {
        const result = await loader({ request: await request(user, Number(p.submissionId)), context, params: p }).catch(
          (r: unknown) => r,
        );
        return (result as Response).status;
      };

      const own = (await loader({ request: await request(lead), context, params })) as Response;
      expect(own.status).toBe(200);
      expect(own.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(own.headers.get("Content-Disposition")).toContain("attachment;");
      expect(own.headers.get("Content-Disposition")).toContain(encodeURIComponent("Deck — 路演.pdf"));
      expect(Buffer.from(await own.arrayBuffer())).toEqual(pdf);
      expect(await status(admin)).toBe(200);
      expect(await status(await makeUser(t.db))).toBe(404);
      expect(await status(null)).toBe(302);
      expect(await status(lead, { submissionId: "999999" })).toBe(404);
    } finally {
      setDb(undefined);
      setStorage(undefined);
    }
  });
});

describe("completeness for organisers", () => {
  it("counts per track the entries with every required material, the missing and the late ones", async () => {
    const { roundCompleteness } = await import("#app/services/submissions.server");
    const ctx = await makeCtx(t.db, admin);
    const empty = await roundCompleteness(ctx, contestId, roundId);
    expect(empty.ok && empty.value).toEqual([expect.objectContaining({ entries: 1, complete: 0, missing: 1, late: 0 })]);
    await upload(lead, req.deck!, makePdf(1));
    expect(
      (await roundCompleteness(ctx, contestId, roundId)).ok && (await roundCompleteness(ctx, contestId, roundId)),
    ).toMatchObject({ value: [{ complete: 0, missing: 1 }] });
    await submitAnswer(await makeCtx(t.db, lead, { now: during }), {
      entryId,
      roundId,
      requirementId: req.answer!,
      value: "An answer",
    });
    const late = new Date(closes.getTime() + 3_600_000);
    await grantExtension(await makeCtx(t.db, admin, { now: late }), {
      contestId,
      entryId,
      roundId,
      until: new Date(late.getTime() + 86_400_000),
      reason: "Flood",
    });
    await upload(lead, req.deck!, makePdf(2), "late.pdf", late);
    expect(await roundCompleteness(ctx, contestId, roundId)).toMatchObject({
      ok: true,
      value: [{ entries: 1, complete: 1, missing: 0, late: 1 }],
    });
    expect(await roundCompleteness(await makeCtx(t.db, lead), contestId, roundId)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});

describe("the upload rate limit", () => {
  it("takes 60 uploads from one account in 10 minutes, refuses the next without storing it, and lets it go on later", async () => {
    // 59 earlier uploads in this window (counted as the service counts them), then the 60th for real.
    const ctx = await makeCtx(t.db, lead, { now: during });
    for (let i = 0; i < 59; i++) expect(await spendUpload(ctx)).toBeNull();
    expect((await upload(lead, req.deck!, makePdf(1))).ok).toBe(true);
    const before = await snapshot(t.db);
    const keys = await storedKeys();
    expect(await upload(lead, req.deck!, makePdf(2))).toEqual({
      ok: false,
      error: { code: "rate_limited", params: { minutes: 10 } },
    });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await storedKeys()).toEqual(keys);
    expect((await upload(lead, req.deck!, makePdf(2), "deck.pdf", new Date(during.getTime() + 11 * 60_000))).ok).toBe(true);
  });
});
