// `npm run db:migrate`: brings DATABASE_PATH to the latest schema.
import { EnvError, getEnv } from "#app/infra/env.server";
import { getDb, migrateToLatest } from "#app/infra/db.server";

try {
  const env = getEnv();
  const db = getDb();
  const result = await migrateToLatest(db);
  const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `Applied to ${env.DATABASE_PATH}: ${applied.join(", ")}` : `${env.DATABASE_PATH} is up to date.`);
  await db.destroy();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
