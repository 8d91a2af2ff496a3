// Organisers and a round's materials: the ZIP of the versions that count (read back with yauzl),
// its manifest, who may have it, how it streams, and every entry's version history — real SQLite
// file, real files in a temporary folder.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { teamSchema } from "#app/forms/team";
import { getFixedT } from "#app/infra/i18n.server";
import { createSession, serializeSessionCookie } from "#app/infra/session.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import type { FileStorage } from "#app/infra/storage/types";
import { loader as zipLoader } from "#app/routes/manage.$contestId.rounds.$roundId.materials[.]zip";
import { loader as entryLoader } from "#app/routes/manage.$contestId.registrations.$entryId";
import { loadStructure } from "#app/services/contest-structure.server";
import { changeContestState, createContest } from "#app/services/contests.server";
import { registerTeam, withdrawEntry } from "#app/services/registration.server";
import {
  ArchiveIntegrityError,
  entryMaterialsHistory,
  entryVersionHistory,
  roundArchive,
  roundArchiveStream,
  type RoundArchive,
} from "#app/services/round-materials.server";
import { addMaterial, addRound } from "#app/services/rounds.server";
import { grantExtension, submitAnswer, uploadFile } from "#app/services/submissions.server";
import { createTeam } from "#app/services/teams.server";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";
import { makeDocx, makePdf } from "#tests/support/documents";
import { grantRole, makeCtx, makeUser } from "#tests/support/factories";
import type { User } from "#db/schema";
import { parseCsv } from "#app/domain/judging";

let t: TestDb;
let dir: string;
let storage: FileStorage;
let admin: User;
let organiser: User;
let contestId: number;
let roundId: number;
let trackIds: number[];
const req: Record<string, number> = {};
const closes = new Date("2027-03-31T16:00:00.000Z");
const during = new Date("2027-03-15T00:00:00.000Z");
const afterClose = new Date("2027-04-01T10:00:00.000Z");
const viewer = { language: "en" as const, t: getFixedT("en", "common") };

beforeEach(async () => {
  t = createTestDb({ shareWithApp: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-round-zip-"));
  storage = createLocalStorage(dir);
  setStorage(storage);
  admin = await makeUser(t.db, { isAdmin: true });
  const ctx = await makeCtx(t.db, admin);
  const contest = await createContest(
    ctx,
    createContestSchema.parse({ name: { en: "Zip Cup" }, slug: "zip-cup", timeZone: "UTC" }),
  );
  if (!contest.ok) throw new Error(contest.error.code);
  contestId = contest.value.id;
  organiser = await makeUser(t.db, { name: "Olga Organiser" });
  await grantRole(t.db, contestId, organiser.id, "organiser");
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
    deck: { kind: "pitch_deck" as const, label: { en: "Pitch deck" }, help: null, required: true },
    plan: { kind: "business_plan" as const, label: { en: "Business plan" }, help: null, required: false },
    video: { kind: "video_link" as const, label: { en: "Video" }, help: null, required: false },
    answer: { kind: "text_answer" as const, label: { en: "Problem" }, help: null, required: true, maxChars: 200 },
  })) {
    const added = await addMaterial(ctx, contestId, roundId, input);
    if (!added.ok) throw new Error(added.error.code);
    req[key] = added.value.id;
  }
  await changeContestState(ctx, contestId, "registration_open");
  trackIds = (await loadStructure(ctx, contestId)).tracks.map((tr) => tr.id);
});

afterEach(async () => {
  setStorage(undefined);
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Entered {
  lead: User;
  entryId: number;
  code: string;
}

async function enter(teamName: string, track: number, leadName = `Lead of ${teamName}`): Promise<Entered> {
  const lead = await makeUser(t.db, { name: leadName });
  const team = await createTeam(
    await makeCtx(t.db, lead),
    teamSchema.parse({ name: teamName, country: "SG", stage: "idea", foundersWomen: 1, foundersMen: 0, foundersOther: 0 }),
  );
  if (!team.ok) throw new Error(team.error.code);
  const entry = await registerTeam(await makeCtx(t.db, lead), contestId, {
    teamId: team.value.id,
    trackId: trackIds[track]!,
    answers: new FormData(),
  });
  if (!entry.ok) throw new Error(entry.error.code);
  const row = await t.db.selectFrom("entries").select("code").where("id", "=", entry.value.entryId).executeTakeFirstOrThrow();
  return { lead, entryId: entry.value.entryId, code: row.code };
}

async function upload(who: Entered, requirementId: number, data: Uint8Array, fileName: string, now = during) {
  const result = await uploadFile(await makeCtx(t.db, who.lead, { now }), storage, {
    entryId: who.entryId,
    roundId,
    requirementId,
    fileName,
    data,
  });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

async function answer(who: Entered, requirementId: number, value: string, now = during) {
  const result = await submitAnswer(await makeCtx(t.db, who.lead, { now }), {
    entryId: who.entryId,
    roundId,
    requirementId,
    value,
  });
  if (!result.ok) throw new Error(result.error.code);
}

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

async function readAll(stream: Readable | ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

interface ZipEntry {
  data: Buffer;
  compressionMethod: number;
}

async function unzip(buffer: Buffer): Promise<Map<string, ZipEntry>> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, strictFileNames: true });
  const out = new Map<string, ZipEntry>();
  for await (const entry of zip.eachEntry()) {
    out.set(entry.fileName, {
      data: await readAll(await zip.openReadStreamPromise(entry)),
      compressionMethod: entry.compressionMethod,
    });
  }
  return out;
}

function csvRecords(data: Buffer): Record<string, string>[] {
  const text = data.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [heading, ...rows] = parseCsv(text.slice(1));
  return rows.map((r) => Object.fromEntries(heading!.map((h, i) => [h, r[i]!])));
}

async function archiveFor(user: User | null): Promise<RoundArchive> {
  const result = await roundArchive(await makeCtx(t.db, user, { now: afterClose }), contestId, roundId, viewer);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** The usual round: two teams with counting versions in two tracks, one withdrawn, one with nothing. */
async function world() {
  const alpha = await enter("Alpha Labs", 0);
  const beta = await enter("Beta 路演", 1);
  const gamma = await enter("Gamma", 0);
  const delta = await enter("Delta", 1);
  const alphaDeck1 = makePdf(2, { label: "Alpha one" });
  const alphaDeck2 = makePdf(2, { label: "Alpha two" });
  const alphaPlan = await makeDocx();
  const betaDeck1 = makePdf(1, { label: "Beta one" });
  const betaDeck2 = makePdf(1, { label: "Beta late" });
  const gammaDeck = makePdf(1, { label: "Gamma" });
  await upload(alpha, req.deck!, alphaDeck1, "deck.pdf", new Date("2027-03-10T00:00:00.000Z"));
  await upload(alpha, req.deck!, alphaDeck2, "deck final.pdf", new Date("2027-03-20T00:00:00.000Z"));
  await upload(alpha, req.plan!, alphaPlan, "plan.docx");
  await answer(alpha, req.answer!, '=HYPERLINK("http://evil") islands need "clean" water');
  await answer(alpha, req.video!, "https://www.youtube.com/watch?v=abc");
  await upload(beta, req.deck!, betaDeck1, "beta.pdf");
  const granted = await grantExtension(await makeCtx(t.db, organiser, { now: new Date(closes.getTime() + 1000) }), {
    contestId,
    entryId: beta.entryId,
    roundId,
    until: new Date(closes.getTime() + 2 * 86_400_000),
    reason: "Typhoon",
  });
  if (!granted.ok) throw new Error(granted.error.code);
  await upload(beta, req.deck!, betaDeck2, "beta late.pdf", new Date(closes.getTime() + 86_400_000));
  await upload(gamma, req.deck!, gammaDeck, "gamma.pdf");
  const withdrawn = await withdrawEntry(await makeCtx(t.db, gamma.lead), gamma.entryId);
  if (!withdrawn.ok) throw new Error(withdrawn.error.code);
  return { alpha, beta, gamma, delta, alphaDeck1, alphaDeck2, alphaPlan, betaDeck1, betaDeck2, gammaDeck };
}

describe("the round's ZIP", () => {
  it("holds exactly the versions that count, with the right bytes and a manifest whose SHA-256 match", async () => {
    const w = await world();
    const archive = await archiveFor(organiser);
    expect(archive.filename).toMatch(/^zip-cup-round-1-materials-2027-04-01\.zip$/);
    const entries = await unzip(await readAll(roundArchiveStream(storage, archive)));

    const alphaFolder = `digital-economy-and-ai/${w.alpha.code} Alpha Labs`;
    const betaFolder = `health-and-biotechnology/${w.beta.code} Beta 路演`;
    expect([...entries.keys()]).toEqual([
      "manifest.csv",
      "answers.csv",
      `${alphaFolder}/Pitch deck.pdf`,
      `${alphaFolder}/Business plan.docx`,
      `${betaFolder}/Pitch deck.pdf`,
    ]);
    // The latest version before the deadline; the one handed in on an extension counts.
    expect(entries.get(`${alphaFolder}/Pitch deck.pdf`)!.data.equals(w.alphaDeck2)).toBe(true);
    expect(entries.get(`${alphaFolder}/Business plan.docx`)!.data.equals(w.alphaPlan)).toBe(true);
    expect(entries.get(`${betaFolder}/Pitch deck.pdf`)!.data.equals(w.betaDeck2)).toBe(true);
    // Stored, not deflated again: PDFs and DOCX are compressed already.
    expect(entries.get(`${betaFolder}/Pitch deck.pdf`)!.compressionMethod).toBe(0);

    const manifest = csvRecords(entries.get("manifest.csv")!.data);
    expect(manifest.map((r) => [r["Entry code"], r["Material"], r["Version"], r["After the deadline, on an extension"]])).toEqual(
      [
        [w.alpha.code, "Pitch deck", "2", "No"],
        [w.alpha.code, "Business plan", "1", "No"],
        [w.beta.code, "Pitch deck", "2", "Yes"],
      ],
    );
    for (const row of manifest) {
      const file = entries.get(row["Path in the archive"]!)!;
      expect(row["SHA-256"]).toBe(sha256(file.data));
      expect(Number(row["Size (bytes)"])).toBe(file.data.length);
    }
    expect(manifest[0]).toMatchObject({
      Team: "Alpha Labs",
      Track: "Digital economy and AI",
      "File name": "deck final.pdf",
      "Handed in at (UTC)": "2027-03-20T00:00:00.000Z",
      "Handed in by": "Lead of Alpha Labs",
    });
    expect(manifest[2]!["Handed in at (UTC)"]).toBe("2027-04-01T16:00:00.000Z");

    const answers = csvRecords(entries.get("answers.csv")!.data);
    expect(answers.map((r) => [r["Entry code"], r["Material"], r["Type"], r["Answer or link"]])).toEqual([
      [w.alpha.code, "Video", "Video link", "https://www.youtube.com/watch?v=abc"],
      // A formula a spreadsheet would run is written as text.
      [w.alpha.code, "Problem", "Text", `'=HYPERLINK("http://evil") islands need "clean" water`],
    ]);

    // The withdrawn entry is not in it anywhere; the one that handed in nothing has no folder.
    const everything = [...entries.keys()].join("\n") + entries.get("manifest.csv")!.data.toString("utf8");
    expect(everything).not.toContain(w.gamma.code);
    expect(everything).not.toContain(w.delta.code);

    const audited = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "round.materials_downloaded")
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_user_id: organiser.id, contest_id: contestId, subject_id: String(roundId) });
    expect(JSON.parse(audited[0]!.after_json!)).toEqual({ files: 3, answers: 2, entries: 2 });
  });

  it("writes its headings in the reader's language and leaves answers.csv out when there are none", async () => {
    const alpha = await enter("Alpha Labs", 0);
    await upload(alpha, req.deck!, makePdf(1), "deck.pdf");
    const result = await roundArchive(await makeCtx(t.db, organiser), contestId, roundId, {
      language: "zh-CN",
      t: getFixedT("zh-CN", "common"),
    });
    if (!result.ok) throw new Error(result.error.code);
    const entries = await unzip(await readAll(roundArchiveStream(storage, result.value)));
    expect([...entries.keys()]).toEqual(["manifest.csv", `数字经济与人工智能/${alpha.code} Alpha Labs/Pitch deck.pdf`]);
    const [row] = csvRecords(entries.get("manifest.csv")!.data);
    expect(row).toMatchObject({ 参赛编号: alpha.code, 赛道: "数字经济与人工智能", 截止后凭延期提交: "否" });
  });

  it("refuses a founder, a judge, a user with no role, another contest's organiser and no one signed in, writing nothing", async () => {
    const w = await world();
    const judge = await makeUser(t.db);
    await grantRole(t.db, contestId, judge.id, "judge");
    const stranger = await makeUser(t.db);
    const otherOrganiser = await makeUser(t.db);
    const other = await createContest(
      await makeCtx(t.db, admin),
      createContestSchema.parse({ name: { en: "Other" }, slug: "other-cup", timeZone: "UTC" }),
    );
    if (!other.ok) throw new Error(other.error.code);
    await grantRole(t.db, other.value.id, otherOrganiser.id, "organiser");
    const before = await snapshot(t.db);
    for (const user of [w.alpha.lead, judge, stranger, otherOrganiser, null]) {
      expect(await roundArchive(await makeCtx(t.db, user), contestId, roundId, viewer)).toEqual({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    // This round is not the other contest's, even for its own organiser.
    expect(await roundArchive(await makeCtx(t.db, otherOrganiser), other.value.id, roundId, viewer)).toEqual({
      ok: false,
      error: { code: "not_found" },
    });
    expect(await snapshot(t.db)).toEqual(before);
    // A platform admin is let in.
    expect((await archiveFor(admin)).files).toHaveLength(3);
  });

  it("opens one stored file at a time, only as the reader takes the bytes", async () => {
    const entries: Entered[] = [];
    for (const [i, name] of ["One", "Two", "Three", "Four"].entries()) entries.push(await enter(name, i % 2));
    const files = new Map<number, Buffer>();
    for (const [i, entry] of entries.entries()) {
      // 1 MiB of noise each, stored straight (the ZIP does not look inside files).
      const data = Buffer.alloc(1024 * 1024, i + 1);
      for (let j = 0; j < data.length; j += 4096) data[j] = (j * 31 + i) % 256;
      const stored = await storage.put(data, { maxBytes: data.length, contentType: "application/pdf", fileName: "big.pdf" });
      await t.db
        .insertInto("submissions")
        .values({
          entry_id: entry.entryId,
          round_id: roundId,
          requirement_id: req.deck!,
          version: 1,
          kind: "file",
          storage_key: stored.key,
          sha256: stored.sha256,
          size_bytes: stored.size,
          file_name: "big.pdf",
          content_type: "application/pdf",
          pages: null,
          text_value: null,
          url_value: null,
          uploaded_by: entry.lead.id,
          created_at: during.toISOString(),
        })
        .execute();
      files.set(entry.entryId, data);
    }
    let open = 0;
    let mostOpen = 0;
    let opened = 0;
    const watched: FileStorage = {
      ...storage,
      async open(key) {
        const stream = await storage.open(key);
        opened++;
        mostOpen = Math.max(mostOpen, ++open);
        stream.once("close", () => open--);
        return stream;
      },
    };
    const output = roundArchiveStream(watched, await archiveFor(organiser));
    // Nobody reads yet: the first file is opened and held back by backpressure, the rest wait.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(opened).toBeLessThanOrEqual(1);
    expect(output.readableLength).toBeLessThan(1024 * 1024);

    const zip = await unzip(await readAll(output));
    expect(opened).toBe(4);
    expect(mostOpen).toBe(1);
    expect(open).toBe(0);
    expect(zip.size).toBe(5);
    for (const entry of entries) {
      const name = [...zip.keys()].find((k) => k.includes(`/${entry.code} `))!;
      expect(zip.get(name)!.data.equals(files.get(entry.entryId)!)).toBe(true);
    }
  });

  it("stops with an error rather than ship a file that is not what the manifest says", async () => {
    const alpha = await enter("Alpha Labs", 0);
    const original = makePdf(1, { label: "Original" });
    const stored = await upload(alpha, req.deck!, original, "deck.pdf");
    // Someone edits the stored file on disk behind the application's back, keeping its size.
    const file = path.join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    const altered = makePdf(1, { label: "Tampered" });
    expect(altered.length).toBe(original.length);
    fs.writeFileSync(file, altered);
    await expect(readAll(roundArchiveStream(storage, await archiveFor(organiser)))).rejects.toBeInstanceOf(ArchiveIntegrityError);
    // And one that is gone altogether.
    fs.rmSync(file);
    await expect(readAll(roundArchiveStream(storage, await archiveFor(organiser)))).rejects.toThrow();
  });
});

describe("the version history", () => {
  it("lists every version, newest first, with hash, size, uploader and time, and marks the one that counts", async () => {
    const w = await world();
    const history = await entryVersionHistory(await makeCtx(t.db, organiser), w.alpha.entryId, roundId);
    if (!history.ok) throw new Error(history.error.code);
    expect(history.value.deadline).toBe(closes.toISOString());
    const deck = history.value.materials.find((m) => m.id === req.deck)!;
    expect(deck.versions.map((v) => [v.version, v.fileName, v.sha256, v.size, v.uploadedBy, v.createdAt, v.status])).toEqual([
      [
        2,
        "deck final.pdf",
        sha256(w.alphaDeck2),
        w.alphaDeck2.length,
        "Lead of Alpha Labs",
        "2027-03-20T00:00:00.000Z",
        "counts",
      ],
      [1, "deck.pdf", sha256(w.alphaDeck1), w.alphaDeck1.length, "Lead of Alpha Labs", "2027-03-10T00:00:00.000Z", "superseded"],
    ]);
    expect(history.value.materials.map((m) => [m.label.en, m.versions.length])).toEqual([
      ["Pitch deck", 2],
      ["Business plan", 1],
      ["Video", 1],
      ["Problem", 1],
    ]);

    const beta = await entryVersionHistory(await makeCtx(t.db, organiser), w.beta.entryId, roundId);
    if (!beta.ok) throw new Error(beta.error.code);
    expect(beta.value.extensionUntil).toBe(new Date(closes.getTime() + 2 * 86_400_000).toISOString());
    expect(beta.value.materials[0]!.versions.map((v) => [v.version, v.status, v.lateByExtension])).toEqual([
      [2, "counts", true],
      [1, "superseded", false],
    ]);
  });

  it("follows a deadline moved earlier: a version after it stops counting, in the history and the ZIP", async () => {
    const w = await world();
    await t.db
      .updateTable("rounds")
      .set({ submission_closes_at: "2027-03-15T00:00:00.000Z" })
      .where("id", "=", roundId)
      .execute();
    const history = await entryVersionHistory(await makeCtx(t.db, organiser), w.alpha.entryId, roundId);
    if (!history.ok) throw new Error(history.error.code);
    expect(history.value.materials[0]!.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "after_deadline"],
      [1, "counts"],
    ]);
    const entries = await unzip(await readAll(roundArchiveStream(storage, await archiveFor(organiser))));
    expect(entries.get(`digital-economy-and-ai/${w.alpha.code} Alpha Labs/Pitch deck.pdf`)!.data.equals(w.alphaDeck1)).toBe(true);
  });

  it("is for the contest's organisers only, and covers every round that asks for materials", async () => {
    const w = await world();
    const judge = await makeUser(t.db);
    await grantRole(t.db, contestId, judge.id, "judge");
    for (const user of [w.alpha.lead, judge, await makeUser(t.db), null]) {
      expect(await entryVersionHistory(await makeCtx(t.db, user), w.alpha.entryId, roundId)).toEqual({
        ok: false,
        error: { code: "not_found" },
      });
    }
    const empty = await addRound(await makeCtx(t.db, admin), contestId, { name: { en: "Final" } } as never);
    if (!empty.ok) throw new Error(empty.error.code);
    const all = await entryMaterialsHistory(await makeCtx(t.db, organiser), contestId, w.alpha.entryId);
    expect(all.ok && all.value.map((r) => [r.roundId, r.name.en])).toEqual([[roundId, "Preliminary"]]);
    expect(await entryMaterialsHistory(await makeCtx(t.db, judge), contestId, w.alpha.entryId)).toEqual({
      ok: false,
      error: { code: "forbidden" },
    });
  });
});

describe("the routes", () => {
  const context = { cspNonce: "test", clientIp: "127.0.0.1" };

  async function cookieFor(user: User): Promise<string> {
    const session = await createSession(t.db, user.id, new Date());
    return (await serializeSessionCookie(session.token, new Date(session.session.created_at))).split(";")[0]!;
  }

  const get = (url: string, cookie?: string) =>
    new Request(`http://localhost:3999${url}`, { headers: cookie ? { Cookie: cookie } : {} });

  async function thrown(promise: Promise<unknown>): Promise<Response> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof Response) return error;
      throw error;
    }
    throw new Error("expected a thrown Response");
  }

  it("streams the ZIP as a private attachment to organisers and answers everyone else with nothing", async () => {
    const w = await world();
    const url = `/manage/${contestId}/rounds/${roundId}/materials.zip`;
    const params = { contestId: String(contestId), roundId: String(roundId) };
    const response = (await zipLoader({ request: get(url, await cookieFor(organiser)), context, params })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="zip-cup-round-1-materials-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    // A stream of unknown length, not a buffer built up front.
    expect(response.headers.get("Content-Length")).toBeNull();
    expect(response.body).toBeInstanceOf(ReadableStream);
    const entries = await unzip(await readAll(response.body!));
    expect(entries.get(`health-and-biotechnology/${w.beta.code} Beta 路演/Pitch deck.pdf`)!.data.equals(w.betaDeck2)).toBe(true);

    const judge = await makeUser(t.db);
    await grantRole(t.db, contestId, judge.id, "judge");
    for (const user of [w.alpha.lead, judge, await makeUser(t.db)]) {
      const refused = await thrown(zipLoader({ request: get(url, await cookieFor(user)), context, params }));
      expect(refused.status).toBe(404);
    }
    const wrongRound = await thrown(
      zipLoader({ request: get(url, await cookieFor(organiser)), context, params: { ...params, roundId: "999999" } }),
    );
    expect(wrongRound.status).toBe(404);
    const anonymous = await thrown(zipLoader({ request: get(url), context, params }));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    // Only the organiser's download was recorded.
    const audited = await t.db
      .selectFrom("audit_events")
      .select("actor_user_id")
      .where("action", "=", "round.materials_downloaded")
      .execute();
    expect(audited).toEqual([{ actor_user_id: organiser.id }]);
  });

  it("shows the version history on the organisers' entry page", async () => {
    const w = await world();
    const data = await entryLoader({
      request: get(`/manage/${contestId}/registrations/${w.beta.entryId}`, await cookieFor(organiser)),
      context,
      params: { contestId: String(contestId), entryId: String(w.beta.entryId) },
    });
    expect(data.materials).toHaveLength(1);
    const deck = data.materials[0]!.materials[0]!;
    expect(deck.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "counts"],
      [1, "superseded"],
    ]);
  });
});
