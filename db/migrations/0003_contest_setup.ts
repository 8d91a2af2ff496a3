// What organisers configure: the contest's texts, eligibility and team size, tracks, rounds with
// their windows and materials, versioned rubrics with criteria, and custom registration questions.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Localised texts are JSON objects {"en": "...", "zh-CN": "..."}; English is required.
  await db.schema
    .alterTable("contests")
    .addColumn("name_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("description_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("terms_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("declaration_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("prizes_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("faq_i18n", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  // Bumped whenever the terms or the declaration change, so an acceptance records what was accepted.
  await db.schema
    .alterTable("contests")
    .addColumn("terms_version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("eligible_countries", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("team_min", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable("contests")
    .addColumn("team_max", "integer", (c) => c.notNull().defaultTo(8))
    .execute();
  await db.schema.alterTable("contests").addColumn("contact_email", "text").execute();
  await db.schema.alterTable("contests").addColumn("registration_opens_at", "text").execute();
  await db.schema.alterTable("contests").addColumn("registration_closes_at", "text").execute();
  await db.schema.alterTable("contests").addColumn("results_published_at", "text").execute();
  await sql`update contests set name_i18n = json_object('en', name) where name_i18n = '{}'`.execute(db);
  await db.schema.createIndex("contests_state").on("contests").column("state").execute();

  await db.schema
    .createTable("tracks")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("description_i18n", "text")
    .addColumn("women_led_only", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tracks_contest").on("tracks").columns(["contest_id", "position"]).execute();

  await db.schema
    .createTable("rubrics")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("copied_from_id", "integer", (c) => c.references("rubrics.id").onDelete("set null"))
    .addColumn("template", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rubrics_contest").on("rubrics").column("contest_id").execute();

  await db.schema
    .createTable("criteria")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("rubric_id", "integer", (c) => c.notNull().references("rubrics.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("description_i18n", "text")
    .addColumn("weight", "integer", (c) => c.notNull())
    .addColumn("scale_min", "real", (c) => c.notNull())
    .addColumn("scale_max", "real", (c) => c.notNull())
    .addColumn("scale_step", "real", (c) => c.notNull())
    .addColumn("levels_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addUniqueConstraint("criteria_key_unique", ["rubric_id", "key"])
    .execute();

  await db.schema
    .createTable("rounds")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name_i18n", "text", (c) => c.notNull())
    .addColumn("submission_opens_at", "text")
    .addColumn("submission_closes_at", "text")
    .addColumn("review_opens_at", "text")
    .addColumn("review_closes_at", "text")
    .addColumn("blind_review", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("judges_per_entry", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("rubric_id", "integer", (c) => c.references("rubrics.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("rounds_contest").on("rounds").columns(["contest_id", "position"]).execute();

  await db.schema
    .createTable("material_requirements")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('pitch_deck', 'business_plan', 'video_link', 'text_answer')`),
    )
    .addColumn("label_i18n", "text", (c) => c.notNull())
    .addColumn("help_i18n", "text")
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("max_size_mb", "integer")
    .addColumn("max_pages", "integer")
    .addColumn("max_chars", "integer")
    .execute();
  await db.schema
    .createIndex("material_requirements_round")
    .on("material_requirements")
    .columns(["round_id", "position"])
    .execute();

  await db.schema
    .createTable("registration_questions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    // The whole definition (kind, label, help, options, bounds) as validated by domain/questions.
    .addColumn("definition_json", "text", (c) => c.notNull())
    .addUniqueConstraint("registration_questions_key", ["contest_id", "key"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
