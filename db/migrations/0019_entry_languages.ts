// Entries in several languages (issue 11): a team may give its one-line pitch, description and text
// answers in more than one language, one original plus translations, each tagged with its language;
// and every material handed in keeps the language it is in.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per version of one text of one entry. `field` names the text: the pitch and the
  // description (whole entry, ref ''), a registration answer (ref = the question's key) or a
  // text-answer material (ref = the requirement's id). The original of an answer or a material
  // stays where it always was (answers_json, submissions), so only their translations live here.
  await db.schema
    .createTable("entry_texts")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("field", "text", (c) => c.notNull().check(sql`field in ('pitch', 'description', 'answer', 'material')`))
    .addColumn("ref", "text", (c) => c.notNull().defaultTo(""))
    // A language code of app/domain/judging.ts MATERIAL_LANGUAGES; the service checks the list, the
    // table only the shape, so adding a language later needs no table rebuild.
    .addColumn("language", "text", (c) => c.notNull().check(sql`language glob '[a-z][a-z]' or language glob '[a-z][a-z][a-z]'`))
    .addColumn("is_original", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_original in (0, 1)`),
    )
    .addColumn("body", "text", (c) => c.notNull().check(sql`length(trim(body)) > 0`))
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("entry_texts_version", ["entry_id", "field", "ref", "language"])
    .execute();
  // At most one original per text.
  await sql`create unique index entry_texts_one_original on entry_texts (entry_id, field, ref) where is_original = 1`.execute(db);

  // The language a material is in; null for versions handed in before this migration (shown as the
  // entry's materials language).
  await db.schema
    .alterTable("submissions")
    .addColumn("language", "text", (c) =>
      c.check(sql`language is null or language glob '[a-z][a-z]' or language glob '[a-z][a-z][a-z]'`),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
