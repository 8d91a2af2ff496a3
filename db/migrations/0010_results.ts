// From scores to decisions: the contest's tie-breakers, moderation requests on assignments, each entry's place in a round (EntryRound),
// confirmed advancements with the organiser's written changes to the cut, awards and their grants,
// publications (immutable snapshots; a correction is a new row) and certificates with public codes.
import type { Kysely } from "kysely";
import { sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contests")
    .addColumn("tie_breakers_json", "text", (c) => c.notNull().defaultTo('[{"kind":"reviews"}]'))
    .execute();

  // An assignment made to settle a disputed entry: when the organiser asked (see app/services/moderation.server.ts).
  await db.schema.alterTable("assignments").addColumn("moderation_requested_at", "text").execute();

  await db.schema
    .createTable("entry_rounds")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'advanced', 'eliminated', 'withdrawn')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("entry_rounds_once", ["entry_id", "round_id"])
    .execute();
  await db.schema.createIndex("entry_rounds_round").on("entry_rounds").columns(["round_id", "status"]).execute();

  await db.schema
    .createTable("advancements")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().unique().references("rounds.id").onDelete("cascade"))
    .addColumn("to_round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("rule_json", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("advanced_count", "integer", (c) => c.notNull())
    .addColumn("eliminated_count", "integer", (c) => c.notNull())
    .addColumn("confirmed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("confirmed_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("advancement_changes")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('add', 'remove')`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("advancement_changes_once", ["round_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("awards")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("description_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("awards_round").on("awards").columns(["round_id", "position"]).execute();

  await db.schema
    .createTable("award_grants")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("award_id", "integer", (c) => c.notNull().references("awards.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("citation", "text")
    .addColumn("granted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .addUniqueConstraint("award_grants_once", ["award_id", "entry_id"])
    .execute();

  await db.schema
    .createTable("publications")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("snapshot_json", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("published_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("published_at", "text", (c) => c.notNull())
    .addUniqueConstraint("publications_version", ["round_id", "version"])
    .execute();
  // A publication is never edited: corrections add a row.
  await sql`create trigger publications_immutable before update on publications
    begin select raise(abort, 'publications are immutable'); end`.execute(db);

  await db.schema
    .createTable("certificates")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("publication_id", "integer", (c) => c.notNull().references("publications.id"))
    .addColumn("award_id", "integer", (c) => c.notNull().references("awards.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("recipient_name", "text")
    .addColumn("team_name", "text", (c) => c.notNull())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_publication_id", "integer", (c) => c.references("publications.id"))
    .execute();
  await db.schema.createIndex("certificates_entry").on("certificates").columns(["entry_id", "award_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
