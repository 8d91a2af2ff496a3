// Pairwise judging (issue 11): a round is judged by rubric scoring (the default) or by pairwise
// comparisons, where a judge says which of two entries is stronger or that they cannot tell. Each
// judge answers a pair at most once; the pair is stored in canonical order (lower entry id first) for
// that rule, and the order shown to the judge is kept in `first`/`second`. New comparisons move the
// "results" change counter, as reviews do (migration 0013).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("rounds")
    .addColumn("judging_mode", "text", (c) =>
      c
        .notNull()
        .defaultTo("rubric")
        .check(sql`judging_mode in ('rubric', 'pairwise')`),
    )
    .execute();

  await db.schema
    .createTable("pairwise_comparisons")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("judge_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("first_entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("second_entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("low_entry_id", "integer", (c) =>
      c
        .notNull()
        .generatedAlwaysAs(sql`min(first_entry_id, second_entry_id)`)
        .stored(),
    )
    .addColumn("high_entry_id", "integer", (c) =>
      c
        .notNull()
        .generatedAlwaysAs(sql`max(first_entry_id, second_entry_id)`)
        .stored(),
    )
    .addColumn("answer", "text", (c) => c.notNull().check(sql`answer in ('first', 'second', 'cannot_tell')`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("pairwise_comparisons_two_entries", sql`first_entry_id <> second_entry_id`)
    .execute();
  await db.schema
    .createIndex("pairwise_comparisons_once")
    .on("pairwise_comparisons")
    .columns(["round_id", "judge_id", "low_entry_id", "high_entry_id"])
    .unique()
    .execute();
  // "This round's comparisons, in the order given" (rebuilding the model) and "this judge's in this
  // round" (the unique index above leads with round and judge, so it serves the second).
  await db.schema.createIndex("pairwise_comparisons_round").on("pairwise_comparisons").columns(["round_id", "id"]).execute();

  for (const event of ["insert", "update", "delete"]) {
    await sql
      .raw(
        `create trigger pairwise_comparisons_${event}_counts after ${event} on pairwise_comparisons begin update change_counters set value = value + 1 where name = 'results'; end`,
      )
      .execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
