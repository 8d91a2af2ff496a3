// `npm run db:backup [file]`: an online backup of DATABASE_PATH while the app keeps serving, into
// `file` or `backups/trellis-<UTC time>.db` (BACKUP_DIR overrides the folder). Prints what it copied.
import path from "node:path";
import { BackupError, backupDatabase, backupFileName } from "#app/infra/backup.server";
import { EnvError, getEnv } from "#app/infra/env.server";

try {
  const env = getEnv();
  const target = process.argv[2] ?? path.join(process.env.BACKUP_DIR || "backups", backupFileName(new Date()));
  const started = performance.now();
  const summary = await backupDatabase(env.DATABASE_PATH, target);
  const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backed up ${env.DATABASE_PATH} to ${summary.file}: ${(summary.bytes / 1e6).toFixed(1)} MB, ` +
      `${Object.keys(summary.tables).length} tables, ${rows} rows, integrity ok, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  console.error(error instanceof BackupError || error instanceof EnvError ? error.message : error);
  process.exit(1);
}
