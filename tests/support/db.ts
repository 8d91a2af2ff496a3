// A fresh, migrated SQLite file for one test file: a copy of the base migrated once per run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, setDb, type DB } from "#app/infra/db.server";

const BASE_DB = path.resolve(".cache/test-base.db");

export interface TestDb {
  db: DB;
  file: string;
  cleanup: () => Promise<void>;
}

export function createTestDb(options: { shareWithApp?: boolean } = {}): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(BASE_DB, file);
  const db = openDatabase(file);
  if (options.shareWithApp) setDb(db);
  return {
    db,
    file,
    cleanup: async () => {
      if (options.shareWithApp) setDb(undefined);
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Tables a refused request may still write by design: rate-limit counters count attempts, failed
 * ones included (sign-in, uploads, invitations, token lookups), so they are not "the database".
 */
const COUNTERS = new Set(["rate_limit_buckets"]);

/** Every row of every table (all of them, as the schema grows), for "the database is unchanged" checks. */
export async function snapshot(db: DB): Promise<Record<string, unknown[]>> {
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name`.execute(
    db,
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of rows) {
    if (COUNTERS.has(name)) continue;
    out[name] = (await sql`select * from ${sql.table(name)} order by rowid`.execute(db)).rows;
  }
  return out;
}
