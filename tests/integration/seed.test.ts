// The demo seed: every fixed login, the contest with its entries and their files, idempotent.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalStorage } from "#app/infra/storage/local.server";
import type { FileStorage } from "#app/infra/storage/types";
import { checkDocument } from "#app/infra/file-checks.server";
import { demoLogins, seedDemo } from "#db/seed";
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
  it("creates the fixed logins, judges ready to assign, and five entries with real materials", { timeout: 20_000 }, async () => {
    const now = new Date("2026-11-24T00:00:00.000Z");
    await seedDemo(t.db, now, storage);
    const emails = (await t.db.selectFrom("users").select("email").execute()).map((u) => u.email);
    for (const login of demoLogins()) expect(emails).toContain(login.email);

    const profiles = await t.db.selectFrom("judge_profiles").selectAll().execute();
    expect(profiles).toHaveLength(6);
    expect(await t.db.selectFrom("agreement_acceptances").selectAll().execute()).toHaveLength(5);
    // Demo accounts share a reserved domain: no conflict may come from it.
    expect(await t.db.selectFrom("conflicts").selectAll().execute()).toEqual([]);

    const entries = await t.db.selectFrom("entries").select(["id", "code"]).execute();
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

    const before = await snapshot(t.db);
    await seedDemo(t.db, now, storage);
    expect(await snapshot(t.db)).toEqual(before);
  });
});
