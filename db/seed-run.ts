// `npm run db:seed`: migrate, then add the demo (idempotent: existing rows are kept).
// A file of its own, so the server (which imports db/seed.ts) never runs it by being the main module.
import { getEnv } from "#app/infra/env.server";
import { getDb, migrateToLatest } from "#app/infra/db.server";
import { printDemoLogins, seedDemo } from "./seed";

const env = getEnv();
const db = getDb();
await migrateToLatest(db);
await seedDemo(db);
printDemoLogins(env.APP_URL);
await db.destroy();
