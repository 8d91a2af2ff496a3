// `npm run db:restore <file>`: checks the backup, then replaces DATABASE_PATH's contents with it.
// Stop the app first (docs/operations.md); on Fly with LiteFS, use `litefs import` instead.
import { BackupError, restoreDatabase } from "#app/infra/backup.server";
import { EnvError, getEnv } from "#app/infra/env.server";

try {
  const env = getEnv();
  const source = process.argv[2];
  if (!source) throw new BackupError("Usage: npm run db:restore -- <backup file>");
  const summary = await restoreDatabase(source, env.DATABASE_PATH);
  const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
  console.log(`Restored ${source} into ${env.DATABASE_PATH}: ${rows} rows, integrity ok. Start the app again.`);
} catch (error) {
  console.error(error instanceof BackupError || error instanceof EnvError ? error.message : error);
  process.exit(1);
}
