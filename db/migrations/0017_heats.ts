// Heats feeding a final (issue 11): a heat is a contest of its own (own organisers, judges, rounds,
// deadlines and time zone) whose parent is the final. Its tracks map onto the final's tracks. The
// final's organisers set how many places each heat sends per track, settle ties at a heat's cut line
// and add wild cards, each with a written reason; the finalists then enter the final as entries that
// remember the heat entry they came from.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contests")
    .addColumn("parent_contest_id", "integer", (c) => c.references("contests.id"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("heat_quota", "integer", (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`heat_quota >= 0 and heat_quota <= 100`),
    )
    .execute();
  await db.schema.createIndex("contests_parent").on("contests").column("parent_contest_id").execute();

  await db.schema
    .alterTable("tracks")
    .addColumn("final_track_id", "integer", (c) => c.references("tracks.id"))
    .execute();

  await db.schema
    .alterTable("entries")
    .addColumn("heat_entry_id", "integer", (c) => c.references("entries.id"))
    .execute();
  // One final entry per heat entry: sending the finalists twice adds nothing.
  await sql`create unique index entries_one_per_heat_entry on entries (contest_id, heat_entry_id) where heat_entry_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable("heat_quota_rules")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("final_contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("heat_contest_id", "integer", (c) => c.references("contests.id").onDelete("cascade"))
    .addColumn("final_track_id", "integer", (c) => c.references("tracks.id").onDelete("cascade"))
    .addColumn("places", "integer", (c) => c.notNull().check(sql`places >= 0 and places <= 100`))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("heat_quota_rules_scoped", sql`heat_contest_id is not null or final_track_id is not null`)
    .execute();
  await sql`create unique index heat_quota_rules_one_per_scope on heat_quota_rules (final_contest_id, coalesce(heat_contest_id, 0), coalesce(final_track_id, 0))`.execute(
    db,
  );

  await db.schema
    .createTable("heat_tie_decisions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("final_contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('include', 'exclude')`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(trim(reason)) >= 5`))
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addUniqueConstraint("heat_tie_decisions_one", ["final_contest_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("heat_wild_cards")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("final_contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(trim(reason)) >= 5`))
    .addColumn("chosen_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("chosen_at", "text", (c) => c.notNull())
    .addUniqueConstraint("heat_wild_cards_one", ["final_contest_id", "entry_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
