// Killing the server mid-upload loses nothing that was acknowledged and leaves nothing dangling:
// a child process uploads in a loop and is killed with SIGKILL; then the database and files are checked.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContestSchema } from "#app/forms/contest";
import { teamSchema } from "#app/forms/team";
import { openDatabase } from "#app/infra/db.server";
import { changeContestState, createContest } from "#app/services/contests.server";
import { loadStructure } from "#app/services/contest-structure.server";
import { registerTeam } from "#app/services/registration.server";
import { addMaterial, addRound } from "#app/services/rounds.server";
import { createTeam } from "#app/services/teams.server";
import { createTestDb, type TestDb } from "#tests/support/db";
import { makeCtx, makeUser } from "#tests/support/factories";

let t: TestDb;
let uploads: string;
beforeEach(() => {
  t = createTestDb();
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-crash-"));
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(uploads, { recursive: true, force: true });
});

describe("a crash in the middle of uploads", () => {
  it("keeps every acknowledged submission with its file, and no row points at a missing file", async () => {
    const admin = await makeUser(t.db, { isAdmin: true });
    const ctx = await makeCtx(t.db, admin);
    const contest = await createContest(
      ctx,
      createContestSchema.parse({ name: { en: "Crash Cup" }, slug: "crash-cup", timeZone: "UTC" }),
    );
    if (!contest.ok) throw new Error("contest");
    const round = await addRound(ctx, contest.value.id, { name: { en: "R1" }, blindReview: false, judgesPerEntry: 1 } as never);
    if (!round.ok) throw new Error("round");
    const material = await addMaterial(ctx, contest.value.id, round.value.id, {
      kind: "pitch_deck",
      label: { en: "Deck" },
      help: null,
      required: true,
    });
    if (!material.ok) throw new Error("material");
    await changeContestState(ctx, contest.value.id, "registration_open");
    const lead = await makeUser(t.db);
    const team = await createTeam(
      await makeCtx(t.db, lead),
      teamSchema.parse({ name: "Crashers", country: "VN", stage: "idea", foundersWomen: 1, foundersMen: 0, foundersOther: 0 }),
    );
    if (!team.ok) throw new Error("team");
    const { tracks } = await loadStructure(ctx, contest.value.id);
    const entry = await registerTeam(await makeCtx(t.db, lead), contest.value.id, {
      teamId: team.value.id,
      trackId: tracks[0]!.id,
      answers: new FormData(),
    });
    if (!entry.ok) throw new Error("entry");

    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/support/upload-worker.ts")], {
      env: {
        ...process.env,
        CRASH_DB: t.file,
        CRASH_UPLOADS: uploads,
        CRASH_NOW: new Date().toISOString(),
        CRASH_SLOT: JSON.stringify({
          entryId: entry.value.entryId,
          roundId: round.value.id,
          requirementId: material.value.id,
          userId: lead.id,
        }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acknowledged: Array<{ id: number; sha256: string }> = [];
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffer = "";
      const timer = setTimeout(
        () => reject(new Error(`The worker acknowledged only ${acknowledged.length} uploads: ${stderr}`)),
        60_000,
      );
      child.stdout.on("data", (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          const [, id, sha256] = line.split(" ");
          acknowledged.push({ id: Number(id), sha256: sha256! });
        }
        if (acknowledged.length >= 25) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", (code, signal) => {
        if (signal !== "SIGKILL") reject(new Error(`The worker stopped on its own (${code}): ${stderr}`));
      });
    });
    await new Promise((resolve) => child.once("close", resolve));

    // Check with a fresh connection, as a restarted server would.
    const db = openDatabase(t.file);
    try {
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
      const rows = await db.selectFrom("submissions").select(["id", "storage_key", "sha256"]).execute();
      const ids = new Set(rows.map((r) => r.id));
      for (const ack of acknowledged) expect(ids.has(ack.id), `submission ${ack.id} was acknowledged`).toBe(true);
      for (const row of rows) {
        const file = path.join(uploads, row.storage_key!.slice(0, 2), row.storage_key!.slice(2, 4), row.storage_key!);
        expect(fs.existsSync(file), `file of submission ${row.id}`).toBe(true);
        expect(createHash("sha256").update(fs.readFileSync(file)).digest("hex")).toBe(row.sha256);
      }
      expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await db.destroy();
    }
  }, 90_000);
});
