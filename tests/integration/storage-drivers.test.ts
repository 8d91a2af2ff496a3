// Both storage drivers behind the one FileStorage interface: the local disk in a temporary folder, and
// UploadThing through its real SDK against the fake UploadThing on 127.0.0.1.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { teamSchema } from "#app/forms/team";
import { parseEnv, resetEnvCache } from "#app/infra/env.server";
import { getStorage, setStorage } from "#app/infra/storage/index.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { FileTooLargeError, type FileStorage } from "#app/infra/storage/types";
import { createUploadThingStorage } from "#app/infra/storage/uploadthing.server";
import { changeContestState, createContest } from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { registerTeam } from "#app/services/registration.server";
import { addMaterial, addRound } from "#app/services/rounds.server";
import { openSubmissionFile, uploadFile } from "#app/services/submissions.server";
import { createTeam } from "#app/services/teams.server";
import { createTestDb } from "#tests/support/db";
import { makePdf } from "#tests/support/documents";
import { startFakeUploadThing, type FakeUploadThing } from "#tests/support/fake-uploadthing";
import { makeCtx, makeUser } from "#tests/support/factories";

// uploadthing 7.7.4 reads its own deprecated `url`/`appUrl` getters on every server upload and warns
// (pingdotgg/uploadthing#1224); only that warning is silenced here, anything else still prints.
const warn = console.warn.bind(console);
beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith("⚠️ [uploadthing][deprecated] `file.")) warn(...args);
  });
});
afterEach(() => {
  vi.mocked(console.warn).mockRestore();
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const opts = { maxBytes: 100_000, contentType: "application/pdf", fileName: "deck.pdf" };
async function readAll(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
async function storedKeys(storage: FileStorage) {
  const keys: string[] = [];
  for await (const k of storage.keys()) keys.push(k.key);
  return keys.sort();
}
const inChunks = (b: Buffer) => Readable.from([b.subarray(0, 100), b.subarray(100, 1000), b.subarray(1000)]);

interface Setup {
  storage: FileStorage;
  fake?: FakeUploadThing;
  stop: () => Promise<void>;
}
const drivers: { name: string; start: () => Promise<Setup> }[] = [
  {
    name: "local disk",
    start: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-drivers-"));
      return { storage: createLocalStorage(dir), stop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "UploadThing",
    start: async () => {
      const fake = await startFakeUploadThing();
      return { storage: createUploadThingStorage(fake.storageOptions), fake, stop: fake.close };
    },
  },
];

describe.each(drivers)("$name storage", (driver) => {
  let setup: Setup;
  let storage: FileStorage;
  beforeEach(async () => {
    setup = await driver.start();
    storage = setup.storage;
  });
  afterEach(async () => {
    // Whatever a test did, the driver never sent UploadThing a request it had to refuse, unless the test
    // asked for a failure and cleared the record.
    expect(setup.fake?.refused() ?? []).toEqual([]);
    await setup.stop();
  });

  it("stores by SHA-256 and reads back the same bytes, from a buffer or a stream", async () => {
    const pdf = makePdf(3);
    const stored = await storage.put(pdf, opts);
    expect(stored).toEqual({ key: sha(pdf), sha256: sha(pdf), size: pdf.length });
    const back = await readAll(await storage.open(stored.key));
    expect(back).toEqual(pdf);
    expect(sha(back)).toBe(stored.sha256);

    const other = makePdf(2);
    const streamed = await storage.put(inChunks(other), opts);
    expect(streamed).toEqual({ key: sha(other), sha256: sha(other), size: other.length });
    expect(await readAll(await storage.open(streamed.key))).toEqual(other);
  });

  it("keeps one stored file for the same content put twice", async () => {
    const pdf = makePdf(4);
    const first = await storage.put(pdf, opts);
    const second = await storage.put(inChunks(pdf), { ...opts, fileName: "renamed.pdf" });
    expect(second).toEqual(first);
    expect(await storedKeys(storage)).toEqual([first.key]);
    if (setup.fake) {
      expect(setup.fake.files).toHaveLength(1);
      expect(setup.fake.requests.filter((r) => r.service === "ingest")).toHaveLength(1);
    }
  });

  it("replaces a file with a new version while the old one stays readable", async () => {
    const v1 = makePdf(1);
    const v2 = makePdf(5);
    const a = await storage.put(v1, opts);
    const b = await storage.put(v2, { ...opts, fileName: "deck v2.pdf" });
    expect(b.key).not.toBe(a.key);
    expect(await readAll(await storage.open(a.key))).toEqual(v1);
    expect(await readAll(await storage.open(b.key))).toEqual(v2);
    expect(await storedKeys(storage)).toEqual([a.key, b.key].sort());
  });

  it("answers exists, removes files, lists keys with their time, and refuses keys that are not a SHA-256", async () => {
    const before = Date.now();
    const a = await storage.put(Buffer.from("first file"), opts);
    const b = await storage.put(Buffer.from("second file"), opts);
    expect(await storage.exists(a.key)).toBe(true);
    expect(await storage.exists(sha(Buffer.from("never stored")))).toBe(false);
    const listed: { key: string; modifiedAt: Date }[] = [];
    for await (const k of storage.keys()) listed.push(k);
    expect(listed.map((k) => k.key).sort()).toEqual([a.key, b.key].sort());
    for (const k of listed) expect(k.modifiedAt.getTime()).toBeGreaterThanOrEqual(before - 2000);

    await storage.remove(a.key);
    expect(await storage.exists(a.key)).toBe(false);
    await expect(storage.open(a.key)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await storedKeys(storage)).toEqual([b.key]);
    await storage.remove(a.key); // removing twice is not an error
    expect(await readAll(await storage.open(b.key))).toEqual(Buffer.from("second file"));

    await expect(storage.open("../../etc/passwd")).rejects.toThrow(/Invalid storage key/);
    await expect(storage.remove("ABC")).rejects.toThrow(/Invalid storage key/);
  });

  it("refuses a file over maxBytes, from a buffer or while it streams, and stores nothing", async () => {
    const big = Buffer.alloc(2048, 1);
    await expect(storage.put(inChunks(big), { ...opts, maxBytes: 1500 })).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(storage.put(big, { ...opts, maxBytes: 2047 })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await storedKeys(storage)).toEqual([]);
    if (setup.fake) expect(setup.fake.requests.filter((r) => r.service === "ingest")).toEqual([]);
    // Exactly at the limit is allowed.
    expect((await storage.put(big, { ...opts, maxBytes: 2048 })).size).toBe(2048);
  });
});

describe("UploadThing driver against the fake", () => {
  let fake: FakeUploadThing;
  let storage: FileStorage;
  beforeEach(async () => {
    fake = await startFakeUploadThing();
    storage = createUploadThingStorage(fake.storageOptions);
  });
  afterEach(async () => {
    await fake.close();
  });

  it("uploads private files named by their SHA-256, with the SDK's headers", async () => {
    const pdf = makePdf(2);
    const stored = await storage.put(pdf, { ...opts, fileName: "Deck — 路演.pdf" });
    expect(fake.files).toHaveLength(1);
    expect(fake.files[0]).toMatchObject({
      customId: stored.sha256,
      acl: "private",
      name: "Deck — 路演.pdf",
      type: "application/pdf",
      size: pdf.length,
    });
    expect(fake.files[0]!.bytes).toEqual(pdf);
    const put = fake.requests.find((r) => r.service === "ingest")!;
    expect(put).toMatchObject({ method: "PUT", status: 200, headers: { range: "bytes=0-" } });
    expect(put.url).toContain("x-ut-acl=private");
    expect(fake.refused()).toEqual([]);
  });

  it("reads through short-lived signed URLs that the fake checks: tampered or expired ones are refused", async () => {
    const pdf = makePdf(1);
    const { key } = await storage.put(pdf, opts);
    await readAll(await storage.open(key));
    const get = fake.requests.findLast((r) => r.service === "ufs" && r.method === "GET")!;
    expect(get.status).toBe(200);
    const signed = new URL(get.url, fake.ufsOrigin);
    const expires = Number(signed.searchParams.get("expires"));
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThanOrEqual(Date.now() + 5 * 60_000);

    const tampered = signed.href.replace(/[0-9a-f]$/, (c) => (c === "0" ? "1" : "0"));
    expect((await fetch(tampered)).status).toBe(403);
    const otherFile = signed.href.replace(key, sha(Buffer.from("other")));
    expect((await fetch(otherFile)).status).toBe(403);

    // Signed the way the SDK does, with the right key: accepted while valid, refused once expired.
    const signAt = (at: number) => {
      const base = `${fake.ufsOrigin}/a/${fake.appId}/${key}?expires=${at}`;
      return `${base}&signature=hmac-sha256=${createHmac("sha256", fake.apiKey).update(base).digest("hex")}`;
    };
    const fresh = await fetch(signAt(Date.now() + 60_000));
    expect(fresh.status).toBe(200);
    expect(Buffer.from(await fresh.arrayBuffer())).toEqual(pdf);
    expect((await fetch(signAt(Date.now() - 1000))).status).toBe(403);
    expect(fake.refused().map((r) => r.refused)).toEqual(["invalid signature", "invalid signature", "expired signature"]);
  });

  it("throws when UploadThing fails, and stores nothing", async () => {
    fake.failNext("ingest", 500);
    await expect(storage.put(makePdf(1), opts)).rejects.toThrow(/UploadThing upload failed/);
    expect(fake.files).toEqual([]);

    const { key } = await storage.put(makePdf(2), opts);
    fake.failNext("api", 500);
    await expect(storedKeys(storage)).rejects.toThrow();
    fake.failNext("api", 500);
    await expect(storage.remove(key)).rejects.toThrow();
    fake.failNext("ufs", 500);
    await expect(storage.open(key)).rejects.toThrow(/500/);
    fake.failNext("ufs", 503);
    await expect(storage.exists(key)).rejects.toThrow(/503/);
    expect(fake.files.map((f) => f.customId)).toEqual([key]);
  });

  it("throws with a wrong API key, and the fake refuses every request", async () => {
    const { key } = await storage.put(makePdf(1), opts);
    const token = Buffer.from(JSON.stringify({ apiKey: "sk_test_wrong", appId: fake.appId, regions: ["sea1"] })).toString(
      "base64",
    );
    const wrong = createUploadThingStorage({ ...fake.storageOptions, token });
    await expect(wrong.put(makePdf(3), opts)).rejects.toThrow(/403/);
    await expect(wrong.open(key)).rejects.toThrow(/403/);
    await expect(wrong.remove(key)).rejects.toThrow();
    await expect(storedKeys(wrong)).rejects.toThrow();
    expect(fake.refused().map((r) => [r.service, r.refused])).toEqual([
      ["ufs", "invalid signature"],
      ["ufs", "invalid signature"],
      ["api", "invalid API key"],
      ["api", "invalid API key"],
    ]);
    expect(fake.files.map((f) => f.customId)).toEqual([key]);
  });

  it("is what getStorage() returns when UPLOADTHING_TOKEN is set, with the SDK reading its URLs from the env", async () => {
    const vars = {
      UPLOADTHING_TOKEN: fake.token,
      UPLOADTHING_API_URL: fake.storageOptions.apiUrl,
      UPLOADTHING_INGEST_URL: fake.storageOptions.ingestUrl,
      UPLOADTHING_UFS_HOST: fake.storageOptions.ufsHost,
      UPLOADTHING_UFS_APP_ID_LOCATION: "path",
    };
    Object.assign(process.env, vars);
    resetEnvCache();
    setStorage(undefined);
    try {
      const stored = await getStorage().put(Buffer.from("through the env"), opts);
      expect(fake.files.map((f) => f.customId)).toEqual([stored.key]);
    } finally {
      for (const name of Object.keys(vars)) delete process.env[name];
      resetEnvCache();
      setStorage(undefined);
    }
  });

  it("refuses a malformed UPLOADTHING_TOKEN at start", () => {
    expect(() => parseEnv({ UPLOADTHING_TOKEN: "not-a-token" })).toThrow(/UPLOADTHING_TOKEN/);
    expect(parseEnv({ UPLOADTHING_TOKEN: fake.token }).UPLOADTHING_TOKEN).toBe(fake.token);
  });

  it("stores a submitted PDF privately at UploadThing and serves it back through the submission service", async () => {
    const t = createTestDb();
    try {
      const admin = await makeUser(t.db, { isAdmin: true });
      const ctx = await makeCtx(t.db, admin);
      const contest = await createContest(
        ctx,
        createContestSchema.parse({ name: { en: "Cloud Cup" }, slug: "cloud-cup", timeZone: "UTC" }),
      );
      if (!contest.ok) throw new Error(contest.error.code);
      const round = await addRound(ctx, contest.value.id, {
        name: { en: "Preliminary" },
        submissionOpensAt: "2027-03-01T00:00",
        submissionClosesAt: "2027-03-31T16:00",
        blindReview: true,
        judgesPerEntry: 3,
      } as never);
      if (!round.ok) throw new Error(round.error.code);
      const deck = await addMaterial(ctx, contest.value.id, round.value.id, {
        kind: "pitch_deck",
        label: { en: "Pitch deck" },
        help: null,
        required: true,
        maxPages: 10,
        maxSizeMb: 1,
      });
      if (!deck.ok) throw new Error(deck.error.code);
      await changeContestState(ctx, contest.value.id, "registration_open");
      const lead = await makeUser(t.db);
      const leadCtx = await makeCtx(t.db, lead, { now: new Date("2027-03-15T00:00:00.000Z") });
      const team = await createTeam(
        leadCtx,
        teamSchema.parse({ name: "Cloud", country: "TH", stage: "idea", foundersWomen: 1, foundersMen: 0, foundersOther: 0 }),
      );
      if (!team.ok) throw new Error(team.error.code);
      const { tracks } = await loadStructure(ctx, contest.value.id);
      const entry = await registerTeam(await makeCtx(t.db, lead), contest.value.id, {
        teamId: team.value.id,
        trackId: tracks[0]!.id,
        answers: new FormData(),
      });
      if (!entry.ok) throw new Error(entry.error.code);

      const pdf = makePdf(3);
      const uploaded = await uploadFile(await makeCtx(t.db, lead, { now: new Date("2027-03-15T00:00:00.000Z") }), storage, {
        entryId: entry.value.entryId,
        roundId: round.value.id,
        requirementId: deck.value.id,
        fileName: "deck.pdf",
        data: pdf,
      });
      if (!uploaded.ok) throw new Error(uploaded.error.code);
      expect(fake.files).toHaveLength(1);
      expect(fake.files[0]).toMatchObject({ customId: sha(pdf), acl: "private", type: "application/pdf" });

      const opened = await openSubmissionFile(await makeCtx(t.db, lead), storage, uploaded.value.submissionId);
      if (!opened.ok) throw new Error(opened.error.code);
      expect(await readAll(opened.value.stream)).toEqual(pdf);
      expect(fake.refused()).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});
