// `npm run storage:clean`: removes uploaded files that no submission points at (older than an hour,
// so uploads in flight are left alone), and says how many it removed.
import { getDb } from "#app/infra/db.server";
import { EnvError } from "#app/infra/env.server";
import { getStorage } from "#app/infra/storage/index.server";
import { cleanOrphanFiles } from "#app/services/submissions.server";

try {
  const db = getDb();
  const removed = await cleanOrphanFiles(db, getStorage(), new Date());
  console.log(removed.length ? `Removed ${removed.length} orphaned file(s).` : "No orphaned files.");
  await db.destroy();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
