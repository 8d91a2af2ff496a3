// Who reviews what: a judge assigned to an entry in a round, that judge's review of it (draft or
// submitted, with feedback for the team and a note for organisers) and a score per criterion.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("assignments")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('manual', 'auto')`))
    .addColumn("assigned_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("assignments_once", ["round_id", "entry_id", "judge_id"])
    .execute();
  await db.schema.createIndex("assignments_judge").on("assignments").columns(["judge_id", "round_id"]).execute();
  await db.schema.createIndex("assignments_entry").on("assignments").columns(["entry_id", "round_id"]).execute();

  await db.schema
    .createTable("reviews")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("assignment_id", "integer", (c) => c.notNull().unique().references("assignments.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'submitted')`),
    )
    .addColumn("feedback", "text")
    .addColumn("note", "text")
    .addColumn("confidence", "integer")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .execute();

  await db.schema
    .createTable("criterion_scores")
    .addColumn("review_id", "integer", (c) => c.notNull().references("reviews.id").onDelete("cascade"))
    .addColumn("criterion_id", "integer", (c) => c.notNull().references("criteria.id"))
    .addColumn("value", "real")
    .addColumn("comment", "text")
    .addPrimaryKeyConstraint("criterion_scores_pk", ["review_id", "criterion_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
