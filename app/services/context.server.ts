// What every service function receives: the database, who acts, the time, and request facts.
import type { Actor } from "#app/domain/permissions";
import type { DB } from "#app/infra/db.server";

export interface ServiceContext {
  db: DB;
  actor: Actor | null;
  now: Date;
  ip: string | null;
  userAgent: string | null;
  appUrl: string;
}
