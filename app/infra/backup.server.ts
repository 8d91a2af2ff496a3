// Online backups and restores of the SQLite file through SQLite's backup API: the copy is a
// consistent snapshot taken page by page while the app goes on reading and writing (WAL mode), and
// a restore replaces the target's contents in one step that other connections see whole.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

export type BackupSummary = {
  file: string;
  bytes: number;
  pages: number;
  /** Rows per table in the copy, for the operator to compare with what they expect. */
  tables: Record<string, number>;
  integrity: "ok";
};

export class BackupError extends Error {}

/** `PRAGMA integrity_check` and the row counts of every table; throws when the file is damaged. */
export function verifyDatabase(file: string): BackupSummary {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const problems = db.pragma("integrity_check", { simple: false }) as Array<{ integrity_check: string }>;
    const first = problems[0]?.integrity_check;
    if (problems.length !== 1 || first !== "ok")
      throw new BackupError(`${file} failed its integrity check: ${problems.map((p) => p.integrity_check).join("; ")}`);
    const names = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const tables: Record<string, number> = {};
    for (const name of names)
      tables[name] = db
        .prepare(`select count(*) from "${name.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number;
    const pages = db.pragma("page_count", { simple: true }) as number;
    return { file, bytes: fs.statSync(file).size, pages, tables, integrity: "ok" };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db?.close();
  }
}

/**
 * Copies the live database at `source` into a new file `destination` while the app keeps serving,
 * `pagesPerStep` pages at a time (the source is locked only during each step), then checks the copy.
 */
export async function backupDatabase(
  source: string,
  destination: string,
  options: { pagesPerStep?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<BackupSummary> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (fs.existsSync(destination)) throw new BackupError(`${destination} already exists: choose a new name.`);
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const db = new SQLite(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return options.pagesPerStep ?? 1000;
      },
    });
  } finally {
    db.close();
  }
  // The copy keeps the source's journal mode in its header; a backup is a single self-contained file.
  const copy = new SQLite(partial);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  fs.renameSync(partial, destination);
  return verifyDatabase(destination);
}

/**
 * Replaces the contents of the database at `target` with the backup `backup` (checked first),
 * through the backup API so a WAL-mode target stays consistent. Stop the app (or every machine, on
 * LiteFS use `litefs import` instead) before restoring: a running server keeps results it computed
 * from the old contents in memory.
 */
export async function restoreDatabase(backup: string, target: string): Promise<BackupSummary> {
  verifyDatabase(backup);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const from = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target);
  } finally {
    from.close();
  }
  const restored = new SQLite(target);
  restored.pragma("journal_mode = WAL");
  restored.pragma("wal_checkpoint(TRUNCATE)");
  restored.close();
  return verifyDatabase(target);
}

/** `backups/trellis-20261124T103000Z.db`, from an instant. */
export function backupFileName(now: Date): string {
  return `trellis-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}.db`;
}
