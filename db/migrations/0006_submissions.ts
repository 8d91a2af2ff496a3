// Submissions: every version of every material an entry hands in for a round (files by their
// SHA-256, text answers, video links), and the deadline extensions organisers grant one team.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("submissions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("requirement_id", "integer", (c) => c.notNull().references("material_requirements.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('file', 'text', 'link')`))
    // Files: the storage key is the SHA-256 of the content.
    .addColumn("storage_key", "text")
    .addColumn("sha256", "text")
    .addColumn("size_bytes", "integer")
    .addColumn("file_name", "text")
    .addColumn("content_type", "text")
    .addColumn("pages", "integer")
    .addColumn("text_value", "text")
    .addColumn("url_value", "text")
    .addColumn("uploaded_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("submissions_version", ["entry_id", "requirement_id", "version"])
    .execute();
  await db.schema.createIndex("submissions_entry_round").on("submissions").columns(["entry_id", "round_id"]).execute();
  await db.schema.createIndex("submissions_round").on("submissions").columns(["round_id", "requirement_id"]).execute();
  await db.schema.createIndex("submissions_storage_key").on("submissions").column("storage_key").execute();

  await db.schema
    .createTable("deadline_extensions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("until", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("granted_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("deadline_extensions_entry_round", ["entry_id", "round_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
