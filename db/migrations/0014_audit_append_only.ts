// The audit log viewer (issue 10): indexes for each of its filters, so that no page of the log
// walks the whole table, and the append-only guarantee stated again where it is relied on.
//
// 0001 already refuses UPDATE and DELETE on audit_events with two triggers; "if not exists" keeps
// them as they are there and restores either one on a database that lost it. SQLite keeps the
// rowid at the end of every index, so (contest_id, created_at) also orders ties by id: the viewer's
// "newest first, then highest id" is read straight off these indexes, with no sort.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger if not exists audit_events_no_update before update on audit_events
    begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  await sql`create trigger if not exists audit_events_no_delete before delete on audit_events
    begin select raise(abort, 'audit_events is append-only'); end`.execute(db);

  // A contest's log, newest first, and its date range.
  await db.schema.createIndex("audit_events_contest_time").on("audit_events").columns(["contest_id", "created_at"]).execute();
  // A contest's log by action, and the list of actions that occur in it (a skip-scan of this index).
  await db.schema
    .createIndex("audit_events_contest_action_time")
    .on("audit_events")
    .columns(["contest_id", "action", "created_at"])
    .execute();
  // A contest's subject types that occur, and one subject's events within a contest.
  await db.schema
    .createIndex("audit_events_contest_subject")
    .on("audit_events")
    .columns(["contest_id", "subject_type", "subject_id"])
    .execute();
  // The platform-wide log by action, and the actions that occur anywhere.
  await db.schema.createIndex("audit_events_action_time").on("audit_events").columns(["action", "created_at"]).execute();
  // Everything one person did (also what ON DELETE SET NULL on the actor looks up).
  await db.schema.createIndex("audit_events_actor_time").on("audit_events").columns(["actor_user_id", "created_at"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
