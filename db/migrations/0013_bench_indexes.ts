// What `npm run bench` showed the hot paths need at national scale (issue 9, docs/performance.md):
// - a covering index for the review status (and confidence) of an assignment, so the judge home,
//   the progress view and the results read it without loading each review's long texts;
// - an index for "has anything advanced into this round", asked on every upload;
// - change counters kept by triggers: "results" moves on whenever anything a round's results or
//   its progress view are computed from changes, "registrations" whenever the entries or their
//   teams change. Services cache those round-wide and contest-wide computations and recompute only
//   when the counter has moved (app/services/change-cache.server.ts). A draft saved over a draft
//   does not move "results": drafts count in neither.
import { type Kysely, sql } from "kysely";

/** Statements that move a counter on. */
const bump = (name: string) => `update change_counters set value = value + 1 where name = '${name}';`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("reviews_assignment_status")
    .on("reviews")
    .columns(["assignment_id", "status", "confidence"])
    .execute();
  await db.schema.createIndex("advancements_to_round").on("advancements").column("to_round_id").execute();

  await db.schema
    .createTable("change_counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into change_counters (name, value) values ('results', 0), ('registrations', 0)`.execute(db);

  const triggers: Array<{ name: string; on: string; events: string[]; when?: string; counters: string[] }> = [
    // Anything about who reviews what, the round, its rubric, the contest, tracks and judges.
    { name: "assignments", on: "assignments", events: ["insert", "update", "delete"], counters: ["results"] },
    { name: "rounds", on: "rounds", events: ["insert", "update", "delete"], counters: ["results"] },
    { name: "criteria", on: "criteria", events: ["insert", "update", "delete"], counters: ["results"] },
    { name: "contests", on: "contests", events: ["update"], counters: ["results", "registrations"] },
    { name: "tracks", on: "tracks", events: ["insert", "update", "delete"], counters: ["results", "registrations"] },
    { name: "judge_profiles", on: "judge_profiles", events: ["insert", "update", "delete"], counters: ["results"] },
    { name: "agreement_acceptances", on: "agreement_acceptances", events: ["insert", "update", "delete"], counters: ["results"] },
    { name: "users_name", on: "users", events: ["update of name"], counters: ["results"] },
    // Entries and teams feed both the results (names, tracks, who takes part) and the registrations.
    { name: "entries", on: "entries", events: ["insert", "update", "delete"], counters: ["results", "registrations"] },
    { name: "teams", on: "teams", events: ["insert", "update", "delete"], counters: ["results", "registrations"] },
    { name: "team_members", on: "team_members", events: ["insert", "delete"], counters: ["registrations"] },
    // Reviews: a new or removed review, a change of status, or any change to a submitted one.
    { name: "reviews", on: "reviews", events: ["insert", "delete"], counters: ["results"] },
    {
      name: "reviews",
      on: "reviews",
      events: ["update"],
      when: "old.status is not new.status or old.status = 'submitted' or new.status = 'submitted'",
      counters: ["results"],
    },
    // Scores count only once their review is submitted; a draft's scores change with every autosave.
    {
      name: "criterion_scores",
      on: "criterion_scores",
      events: ["insert", "update"],
      when: "(select status from reviews where id = new.review_id) = 'submitted'",
      counters: ["results"],
    },
    {
      name: "criterion_scores",
      on: "criterion_scores",
      events: ["delete"],
      when: "(select status from reviews where id = old.review_id) is not 'draft'",
      counters: ["results"],
    },
  ];
  for (const t of triggers) {
    for (const event of t.events) {
      const name = `${t.name}_${event.replace(/ /g, "_")}_counts`;
      const body = t.counters.map(bump).join(" ");
      await sql
        .raw(`create trigger ${name} after ${event} on ${t.on}${t.when ? ` when ${t.when}` : ""} begin ${body} end`)
        .execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
