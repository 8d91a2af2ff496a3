// People's choice award (issue 11): a contest may let verified accounts vote for entries, once per
// track, inside a voting window. Organisers may void votes (with a reason) and publish the counts;
// voided votes stay on record so the audit trail and the burst check still see them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contests")
    .addColumn("peoples_choice_enabled", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`peoples_choice_enabled in (0, 1)`),
    )
    .execute();
  await db.schema.alterTable("contests").addColumn("voting_opens_at", "text").execute();
  await db.schema
    .alterTable("contests")
    .addColumn("voting_closes_at", "text", (c) =>
      c.check(sql`voting_closes_at is null or voting_opens_at is null or voting_closes_at > voting_opens_at`),
    )
    .execute();
  await db.schema.alterTable("contests").addColumn("peoples_choice_published_at", "text").execute();

  await db.schema
    .createTable("votes")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("track_id", "integer", (c) => c.notNull().references("tracks.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("voter_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addColumn("voided_at", "text")
    .addColumn("voided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("void_reason", "text")
    // A voided vote carries its reason; a live one carries no trace of voiding.
    .addCheckConstraint(
      "votes_void_complete",
      sql`(voided_at is null and voided_by is null and void_reason is null) or (voided_at is not null and length(trim(void_reason)) >= 5)`,
    )
    .execute();
  // The last line of "one live vote per voter per track": a voided vote frees the place.
  await sql`create unique index votes_one_live_per_track on votes (contest_id, track_id, voter_id) where voided_at is null`.execute(
    db,
  );
  // Counting per entry, and the burst check per network address in time order.
  await db.schema.createIndex("votes_contest_entry").on("votes").columns(["contest_id", "entry_id"]).execute();
  await db.schema.createIndex("votes_contest_ip").on("votes").columns(["contest_id", "ip", "created_at"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
