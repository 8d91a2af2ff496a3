// Notes on a support request from the organisers and the mentor it is routed to, shown to the team
// as the request's history; and an index for a mentor's "routed to me" list.
import type { Kysely } from "kysely";
import { sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("support_updates")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("support_request_id", "integer", (c) => c.notNull().references("support_requests.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    /** In which capacity the author wrote it: the team sees "Organiser" or "Mentor" beside the name. */
    .addColumn("author_role", "text", (c) => c.notNull().check(sql`author_role in ('organiser', 'mentor')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("support_updates_request").on("support_updates").column("support_request_id").execute();
  await db.schema.createIndex("support_requests_routed_mentor").on("support_requests").column("routed_to_mentor_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
