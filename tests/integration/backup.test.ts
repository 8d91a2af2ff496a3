// `npm run db:backup` and `npm run db:restore` on a real file while another process keeps writing:
// the backup is a consistent snapshot (integrity ok, every row acknowledged before it started, none
// half-written), and restoring it brings back exactly its contents.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase, backupFileName, BackupError, verifyDatabase } from "#app/infra/backup.server";
import { createTestDb, type TestDb } from "#tests/support/db";

let t: TestDb;
let dir: string;
let writer: ChildProcess | undefined;

beforeEach(async () => {
  t = createTestDb();
  dir = path.dirname(t.file);
  // Some bulk, so the copy takes many steps while the writer goes on.
  const raw = new SQLite(t.file);
  const insert = raw.prepare("insert into rate_limit_buckets (key, window_started_at, count) values (?, ?, ?)");
  raw.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`bulk:${i}:${"x".repeat(100)}`, "2026-01-01T00:00:00.000Z", i);
  })();
  raw.close();
});
afterEach(async () => {
  writer?.kill("SIGKILL");
  writer = undefined;
  await t.cleanup();
});

/** Another process writing one committed row at a time, printing each key once it is committed. */
function startWriter(file: string) {
  const script = `
    const SQLite = require("better-sqlite3");
    const db = new SQLite(${JSON.stringify(file)});
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare("insert into rate_limit_buckets (key, window_started_at, count) values (?, ?, 0)");
    let i = 0;
    const tick = () => { insert.run("live:" + i, new Date().toISOString()); process.stdout.write(i + "\\n"); i++; setTimeout(tick, 1); };
    tick();`;
  const child = spawn(process.execPath, ["-e", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  const acknowledged: number[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) acknowledged.push(Number(line));
  });
  writer = child;
  return acknowledged;
}

async function until(check: () => boolean) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const liveKeys = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  const keys = db
    .prepare("select key from rate_limit_buckets where key like 'live:%'")
    .pluck()
    .all()
    .map((k) => Number(String(k).slice(5)));
  db.close();
  return keys.sort((a, b) => a - b);
};

function dump(file: string) {
  const db = new SQLite(file, { readonly: true });
  const names = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
  const out = Object.fromEntries(names.map((n) => [n, db.prepare(`select * from "${n}" order by rowid`).all()]));
  db.close();
  return out;
}

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, DATABASE_PATH: t.file, NODE_ENV: "test" },
    encoding: "utf8",
  });
}

describe("online backup", () => {
  it("copies a consistent snapshot while another process writes", async () => {
    const acknowledged = startWriter(t.file);
    await until(() => acknowledged.length >= 20);
    const before = acknowledged.length;
    const copy = path.join(dir, "copy.db");
    let steps = 0;
    // A few pages per step, so the writer commits between the steps of the copy.
    const summary = await backupDatabase(t.file, copy, {
      pagesPerStep: 20,
      onProgress: () => {
        steps++;
      },
    });
    const after = acknowledged.length;
    expect(steps).toBeGreaterThan(10);
    expect(summary.integrity).toBe("ok");
    expect(summary.tables.rate_limit_buckets).toBeGreaterThanOrEqual(20_000 + before);
    // Every write acknowledged before the backup began is in it, and what it has is a gapless prefix.
    const keys = liveKeys(copy);
    expect(keys.length).toBeGreaterThanOrEqual(before);
    expect(keys.length).toBeLessThanOrEqual(after + 1);
    expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => i));
    // The live database went on growing and is itself intact.
    await until(() => acknowledged.length > after + 20);
    writer!.kill("SIGKILL");
    expect(verifyDatabase(t.file).integrity).toBe("ok");
    expect(liveKeys(t.file).length).toBeGreaterThan(keys.length);
  });

  it("refuses to overwrite a file or copy a database that does not exist", async () => {
    const copy = path.join(dir, "copy.db");
    fs.writeFileSync(copy, "keep me");
    await expect(backupDatabase(t.file, copy)).rejects.toThrow(BackupError);
    expect(fs.readFileSync(copy, "utf8")).toBe("keep me");
    await expect(backupDatabase(path.join(dir, "missing.db"), path.join(dir, "x.db"))).rejects.toThrow(BackupError);
  });

  it("names backups by their UTC time", () => {
    expect(backupFileName(new Date("2026-11-24T10:30:05.123Z"))).toBe("trellis-20261124T103005Z.db");
  });
});

describe("npm run db:backup and db:restore", () => {
  it("round-trips: the restored database equals the backup, writes after it are gone", async () => {
    const acknowledged = startWriter(t.file);
    await until(() => acknowledged.length >= 20);
    const copy = path.join(dir, "nightly.db");
    const backedUp = run("scripts/db-backup.ts", [copy]);
    expect(backedUp.stderr).toBe("");
    expect(backedUp.status).toBe(0);
    expect(backedUp.stdout).toMatch(/Backed up .* integrity ok/);
    const count = acknowledged.length;
    await until(() => acknowledged.length > count + 30);
    writer!.kill("SIGKILL");
    await new Promise((resolve) => writer!.once("exit", resolve));
    const inBackup = dump(copy);

    const restored = run("scripts/db-restore.ts", [copy]);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(dump(t.file)).toEqual(inBackup);
    expect(verifyDatabase(t.file).integrity).toBe("ok");
    // The app's own connection settings still hold on the restored file.
    const db = new SQLite(t.file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("refuses a damaged backup and leaves the database as it was", () => {
    const bad = path.join(dir, "bad.db");
    fs.copyFileSync(t.file, bad);
    // Overwrite part of the file past the header: pages no longer parse.
    const fd = fs.openSync(bad, "r+");
    fs.writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096 * 3);
    fs.closeSync(fd);
    const before = dump(t.file);
    const restored = run("scripts/db-restore.ts", [bad]);
    expect(restored.status).toBe(1);
    expect(restored.stderr).toMatch(/integrity|malformed|not a database/i);
    expect(dump(t.file)).toEqual(before);
  });
});
