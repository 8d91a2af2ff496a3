// The demo seed: every fixed login, the contest with its entries and their files, idempotent.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalStorage } from "#app/infra/storage/local.server";
import type { FileStorage } from "#app/infra/storage/types";
import { checkDocument } from "#app/infra/file-checks.server";
import { loadRoles } from "#app/data/users.server";
import { demoLogins, seedDemo } from "#db/seed";
import { DEMO_FINAL_SLUG } from "#db/seed-heats";
import { createTestDb, snapshot, type TestDb } from "#tests/support/db";

let t: TestDb;
let dir: string;
let storage: FileStorage;

beforeEach(() => {
  t = createTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-seed-"));
  storage = createLocalStorage(dir);
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function read(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.open(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("demo seed", () => {
  it(
    "creates the fixed logins, judges ready to assign, five entries with real materials, and a final with three heats",
    { timeout: 20_000 },
    async () => {
      const now = new Date("2026-11-24T00:00:00.000Z");
      await seedDemo(t.db, now, storage);
      const emails = (await t.db.selectFrom("users").select("email").execute()).map((u) => u.email);
      for (const login of demoLogins()) expect(emails).toContain(login.email);

      const main = await t.db
        .selectFrom("contests")
        .select("id")
        .where("slug", "=", "china-asean-2026")
        .executeTakeFirstOrThrow();
      const profiles = await t.db.selectFrom("judge_profiles").selectAll().where("contest_id", "=", main.id).execute();
      expect(profiles).toHaveLength(6);
      expect(await t.db.selectFrom("agreement_acceptances").selectAll().where("contest_id", "=", main.id).execute()).toHaveLength(
        5,
      );
      // Demo accounts share a reserved domain: no conflict may come from it.
      expect(await t.db.selectFrom("conflicts").selectAll().execute()).toEqual([]);

      const entries = await t.db.selectFrom("entries").select(["id", "code"]).where("contest_id", "=", main.id).execute();
      expect(entries.map((e) => e.code).sort()).toEqual(["T-0427", "T-1138", "T-2051", "T-3306", "T-4712"]);
      const files = await t.db.selectFrom("submissions").selectAll().where("kind", "=", "file").execute();
      expect(files.length).toBe(7);
      for (const file of files) {
        const bytes = await read(file.storage_key!);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
        // Each one passes the same checks a team's upload does.
        const checked = await checkDocument(new Uint8Array(bytes), { accept: "pdf", maxPages: 40 });
        expect(checked).toMatchObject({ ok: true });
      }

      // The Startup Cup: a pairwise final fed by three heats in their own time zones; Viet Nam has published.
      const final = await t.db.selectFrom("contests").selectAll().where("slug", "=", DEMO_FINAL_SLUG).executeTakeFirstOrThrow();
      const heats = await t.db
        .selectFrom("contests")
        .selectAll()
        .where("parent_contest_id", "=", final.id)
        .orderBy("id")
        .execute();
      expect(heats.map((h) => h.time_zone)).toEqual(["Asia/Ho_Chi_Minh", "Asia/Jakarta", "Asia/Bangkok"]);
      const finalRound = await t.db.selectFrom("rounds").selectAll().where("contest_id", "=", final.id).executeTakeFirstOrThrow();
      expect(finalRound.judging_mode).toBe("pairwise");
      const published = await t.db.selectFrom("publications").select("contest_id").execute();
      expect(published.map((p) => p.contest_id)).toEqual([heats[0]!.id]);
      for (const heat of heats) {
        const heatEntries = await t.db.selectFrom("entries").select("id").where("contest_id", "=", heat.id).execute();
        expect(heatEntries).toHaveLength(5);
        const reviews = await t.db
          .selectFrom("reviews")
          .innerJoin("assignments", "assignments.id", "reviews.assignment_id")
          .select("reviews.status")
          .where(
            "assignments.entry_id",
            "in",
            heatEntries.map((e) => e.id),
          )
          .execute();
        expect(reviews.map((r) => r.status)).toEqual(Array(10).fill("submitted"));
      }
      // The demo organiser organises the final, and through it every heat.
      const organiser = await t.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "organiser@demo.trellis.test")
        .executeTakeFirstOrThrow();
      const roles = await loadRoles(t.db, organiser.id);
      for (const heat of heats) expect(roles.contestRoles).toContainEqual({ contestId: heat.id, role: "organiser" });

      const before = await snapshot(t.db);
      await seedDemo(t.db, now, storage);
      expect(await snapshot(t.db)).toEqual(before);
    },
  );
});
