// Migrates one base database per run; each test file copies it instead of migrating again.
import fs from "node:fs";
import path from "node:path";
import { migrateToLatest, openDatabase } from "#app/infra/db.server";

export const BASE_DB = path.resolve(".cache/test-base.db");

export default async function setup() {
  fs.mkdirSync(path.dirname(BASE_DB), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(BASE_DB + suffix, { force: true });
  const db = openDatabase(BASE_DB);
  await migrateToLatest(db);
  await db.destroy();
}
