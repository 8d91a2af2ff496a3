// Invitations to organise one heat (issue 11 follow-up): the final's organisers invite someone who has
// no account yet by email; the link works once, for a while, for that address only, and accepting
// makes the account an organiser of that heat. Only the hash of the emailed token is stored.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("heat_organiser_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("heat_contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("accepted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // One open invitation per heat and address: inviting again replaces it (the service revokes the old one first).
  await sql`create unique index heat_organiser_invitations_one_pending on heat_organiser_invitations (heat_contest_id, email) where status = 'pending'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
