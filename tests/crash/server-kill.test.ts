// The real built server killed with SIGKILL in the middle of a mixed write load (judges autosaving
// drafts, teams uploading decks), then started again on the same files: the database passes its
// integrity and foreign-key checks, every write the server acknowledged is there (the draft's text
// at the acknowledged version or a later one, the upload's row with its file and hash), and the
// restarted server serves the saved draft back.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPdf } from "#db/demo-pdf";
import { generate, type Manifest } from "../../bench/generate";

const ROOT = path.resolve(__dirname, "../..");
const SERVER = path.join(ROOT, "build/server.js");
const PORT = 3970;
const ORIGIN = `http://127.0.0.1:${PORT}`;

let dir: string;
let manifest: Manifest;
let server: ChildProcess | undefined;

function start(): ChildProcess {
  const log = fs.openSync(path.join(dir, "server.log"), "a");
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    stdio: ["ignore", log, log],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      APP_URL: ORIGIN,
      DATABASE_PATH: manifest.file,
      UPLOADS_DIR: manifest.uploadsDir,
      SESSION_SECRET: "crash-test-secret-crash-test-secret-0000",
      SEED_DEMO: "false",
      CHECKIN_REMINDER_INTERVAL_MS: "0",
    },
  });
  fs.closeSync(log);
  return child;
}

async function healthy(child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${fs.readFileSync(path.join(dir, "server.log"), "utf8")}`);
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not start");
}

beforeAll(async () => {
  if (!fs.existsSync(SERVER)) throw new Error("build/server.js is missing: run `npm run build` first (npm run test:crash does).");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-crash-"));
  manifest = await generate({ dir, scale: 0.002 });
  server = start();
  await healthy(server);
});
afterAll(() => {
  server?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

type DraftAck = { assignmentId: number; version: number; feedback: string };
type UploadAck = { entryId: number; sha256: string };

/** A judge's autosave through the page's own endpoint; resolves with the acknowledgement or null. */
async function saveDraft(draft: { assignmentId: number; judge: number; version: number }, seq: number): Promise<DraftAck | null> {
  const feedback = `Crash-test feedback ${seq}: `.padEnd(400, "the team shows promise ");
  const form = new URLSearchParams({
    intent: "autosave",
    version: String(draft.version),
    feedback,
    note: "",
    confidence: "medium",
  });
  for (const c of manifest.criteria) {
    form.set(`score-${c.id}`, String(c.min + (seq % (c.max - c.min + 1))));
    form.set(`comment-${c.id}`, `comment ${seq}`);
  }
  const response = await fetch(`${ORIGIN}/reviews/${draft.assignmentId}.data`, {
    method: "POST",
    headers: {
      Cookie: manifest.judges[draft.judge]!.cookie,
      Origin: ORIGIN,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: form.toString(),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`draft save answered ${response.status}`);
  draft.version += 1;
  return { assignmentId: draft.assignmentId, version: draft.version, feedback };
}

async function upload(lead: Manifest["leads"][number], seq: number): Promise<UploadAck | null> {
  const pdf = buildPdf([`Crash-test deck ${seq}`, `Entry ${lead.entryId}`]);
  const form = new FormData();
  form.set("requirementId", String(manifest.deckRequirementId));
  form.set("file", new Blob([new Uint8Array(pdf)], { type: "application/pdf" }), `deck-${seq}.pdf`);
  const response = await fetch(`${ORIGIN}/entries/${lead.entryId}/rounds/${manifest.roundId}/upload`, {
    method: "POST",
    headers: { Cookie: lead.cookie, Origin: ORIGIN, Accept: "application/json" },
    body: form,
  });
  const body = (await response.json()) as { ok: boolean; message?: string };
  if (!response.ok || !body.ok) throw new Error(`upload answered ${response.status} ${body.message ?? ""}`);
  return { entryId: lead.entryId, sha256: createHash("sha256").update(pdf).digest("hex") };
}

describe("SIGKILL under a mixed write load", () => {
  it("keeps every acknowledged write and an intact database, and serves again after a restart", async () => {
    const drafts: DraftAck[] = [];
    const uploads: UploadAck[] = [];
    const refused: string[] = [];
    const loadStarted = new Date().toISOString();
    let stop = false;
    let seq = 0;
    // 12 workers: 8 judges autosaving (each on drafts of its own, so versions never collide), 4 teams uploading.
    const judgeDrafts = Array.from({ length: 8 }, (_, w) => manifest.drafts.filter((_, i) => i % 8 === w));
    const workers = [
      ...judgeDrafts.map(async (mine) => {
        for (let i = 0; !stop && mine.length; i++) {
          try {
            const ack = await saveDraft(mine[i % mine.length]!, ++seq);
            if (ack) drafts.push(ack);
          } catch (error) {
            if (!stop) refused.push(String(error));
          }
        }
      }),
      ...Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const lead = manifest.leads[(w + 4 * i) % manifest.leads.length]!;
          try {
            const ack = await upload(lead, ++seq);
            if (ack) uploads.push(ack);
          } catch (error) {
            if (!stop) refused.push(String(error));
          }
        }
      }),
    ];
    // Let the load run until plenty has been acknowledged, then kill the server mid-flight.
    while (drafts.length < 150 || uploads.length < 15) {
      if (refused.length) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    server!.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    await new Promise((resolve) =>
      server!.exitCode !== null || server!.signalCode ? resolve(null) : server!.once("exit", resolve),
    );
    expect(refused).toEqual([]);
    expect(server!.signalCode).toBe("SIGKILL");

    // The files as the killed server left them (its WAL included): checked before anything else opens them.
    const db = new SQLite(manifest.file);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const lastDraft = new Map<number, DraftAck>();
    for (const ack of drafts)
      if ((lastDraft.get(ack.assignmentId)?.version ?? 0) < ack.version) lastDraft.set(ack.assignmentId, ack);
    const review = db.prepare("select version, feedback from reviews where assignment_id = ?");
    let exact = 0;
    for (const ack of lastDraft.values()) {
      const row = review.get(ack.assignmentId) as { version: number; feedback: string | null };
      // The acknowledged save, or a later one the server committed but could not answer before it died.
      expect(row.version, `review of assignment ${ack.assignmentId}`).toBeGreaterThanOrEqual(ack.version);
      if (row.version === ack.version) {
        expect(row.feedback).toBe(ack.feedback);
        exact++;
      }
    }
    expect(exact).toBeGreaterThan(0);
    const stored = db.prepare(
      "select storage_key as storageKey from submissions where entry_id = ? and round_id = ? and sha256 = ? and kind = 'file'",
    );
    for (const ack of uploads) {
      const row = stored.get(ack.entryId, manifest.roundId, ack.sha256) as { storageKey: string } | undefined;
      expect(row, `upload ${ack.sha256} of entry ${ack.entryId}`).toBeDefined();
      const file = path.join(manifest.uploadsDir, row!.storageKey.slice(0, 2), row!.storageKey.slice(2, 4), row!.storageKey);
      expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(ack.sha256);
    }
    // No submission made during the load points at a missing file (the generated history has no files).
    const keys = db
      .prepare(
        "select storage_key as storageKey from submissions where kind = 'file' and storage_key is not null and created_at >= ?",
      )
      .all(loadStarted) as Array<{ storageKey: string }>;
    expect(keys.length).toBeGreaterThanOrEqual(uploads.length);
    for (const { storageKey } of keys)
      expect(fs.existsSync(path.join(manifest.uploadsDir, storageKey.slice(0, 2), storageKey.slice(2, 4), storageKey))).toBe(
        true,
      );
    db.close();

    // Started again on the same files, the server answers and shows a judge the saved draft.
    server = start();
    await healthy(server);
    const [assignmentId, ack] = [...lastDraft.entries()].find(([id, a]) => {
      const row = new SQLite(manifest.file, { readonly: true });
      const version = (row.prepare("select version from reviews where assignment_id = ?").get(id) as { version: number }).version;
      row.close();
      return version === a.version;
    })!;
    const judge = manifest.drafts.find((d) => d.assignmentId === assignmentId)!.judge;
    const page = await fetch(`${ORIGIN}/reviews/${assignmentId}`, { headers: { Cookie: manifest.judges[judge]!.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(ack.feedback.slice(0, 60));
  });
});
