// Judges of a contest: invitations by email, the judge's profile (organisation, country, tracks,
// languages), the signed confidentiality agreement, and conflicts of interest with entries.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contests")
    .addColumn("judge_agreement_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("judge_agreement_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The language of an entry's materials, so assignment can prefer judges who read it.
  await db.schema.alterTable("entries").addColumn("materials_language", "text").execute();

  await db.schema
    .createTable("judge_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("organisation", "text")
    .addColumn("country", "text")
    .addColumn("track_ids_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("languages_json", "text", (c) => c.notNull().defaultTo("[]"))
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
  await db.schema.createIndex("judge_invitations_contest").on("judge_invitations").columns(["contest_id", "email"]).execute();

  await db.schema
    .createTable("judge_profiles")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("organisation", "text")
    .addColumn("country", "text")
    .addColumn("track_ids_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("languages_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("active")
        .check(sql`status in ('active', 'withdrawn')`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("judge_profiles_contest_user", ["contest_id", "user_id"])
    .execute();

  await db.schema
    .createTable("agreement_acceptances")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("agreement_version", "integer", (c) => c.notNull())
    // The SHA-256 of the exact text shown, in the language it was shown in.
    .addColumn("text_sha256", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text", (c) => c.notNull())
    .addColumn("ip", "text")
    .addUniqueConstraint("agreement_acceptances_once", ["contest_id", "user_id", "agreement_version"])
    .execute();

  await db.schema
    .createTable("conflicts")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('declared', 'detected')`))
    // declared | same_organisation | same_email_domain | team_member
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("conflicts_once", ["user_id", "entry_id", "reason"])
    .execute();
  await db.schema.createIndex("conflicts_contest").on("conflicts").columns(["contest_id", "user_id"]).execute();
  await db.schema.createIndex("conflicts_entry").on("conflicts").column("entry_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
