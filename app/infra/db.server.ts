// The database: Kysely over better-sqlite3 with the pragmas every connection needs, and the
// migrator that brings a file to the latest schema.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from "kysely";
import { migrations } from "#db/migrations/index";
import type { Database } from "#db/schema";
import { getEnv } from "./env.server";

export type DB = Kysely<Database>;

/**
 * Kysely prepares every statement it runs, and preparing (parsing and planning the SQL) cost a
 * tenth of a draft save's time in the bench (docs/performance.md). The app runs a few hundred
 * distinct statements, so the prepared ones are kept, the least recently used dropped past `size`.
 * A statement still being iterated (a streamed query) is not shared: a fresh one is prepared.
 */
export function keepPreparedStatements(sqlite: SQLite.Database, size = 500) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      const hit = kept.get(sql);
      if (hit && !hit.busy) {
        kept.delete(sql);
        kept.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      if (!hit) {
        kept.set(sql, statement);
        if (kept.size > size) kept.delete(kept.keys().next().value!);
      }
      return statement;
    },
  };
}

export function openDatabase(filePath: string): DB {
  if (filePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const sqlite = new SQLite(filePath);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: keepPreparedStatements(sqlite) }) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const why = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${why}`);
  }
  return result;
}

let shared: DB | undefined;

/** The app's one connection, opened lazily on DATABASE_PATH. */
export function getDb(): DB {
  shared ??= openDatabase(getEnv().DATABASE_PATH);
  return shared;
}

/** Lets tests and scripts point the app at another file. */
export function setDb(db: DB | undefined) {
  shared = db;
}
