// Teams as founders describe them, invitations to join, and entries: a team's registration in a
// contest, with its track, answers and the acceptance of the terms.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of [
    ["city", "text"],
    ["organisation", "text"],
    ["stage", "text"],
    ["founding_year", "integer"],
    ["website", "text"],
    ["pitch", "text"],
  ] as const) {
    await db.schema.alterTable("teams").addColumn(name, type).execute();
  }
  // Founders' genders as counts, for inclusion statistics; women-led as the team declares it.
  await db.schema
    .alterTable("teams")
    .addColumn("founders_women", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("teams")
    .addColumn("founders_men", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("teams")
    .addColumn("founders_other", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("teams")
    .addColumn("women_led", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("teams")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("team_invitations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'accepted', 'declined', 'revoked')`),
    )
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("responded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("team_invitations_team").on("team_invitations").columns(["team_id", "status"]).execute();

  await db.schema
    .createTable("entries")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("contest_id", "integer", (c) => c.notNull().references("contests.id").onDelete("cascade"))
    .addColumn("team_id", "integer", (c) => c.notNull().references("teams.id").onDelete("cascade"))
    .addColumn("track_id", "integer", (c) => c.notNull().references("tracks.id"))
    // The code judges see in blind rounds, e.g. T-0427.
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("registered")
        .check(sql`status in ('registered', 'withdrawn')`),
    )
    .addColumn("answers_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("terms_version", "integer", (c) => c.notNull())
    .addColumn("terms_accepted_at", "text", (c) => c.notNull())
    .addColumn("registered_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("registered_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("entries_team_contest", ["contest_id", "team_id"])
    .addUniqueConstraint("entries_code", ["contest_id", "code"])
    .execute();
  // The organisers' list filters by these and pages by id.
  await db.schema.createIndex("entries_contest_status").on("entries").columns(["contest_id", "status", "id"]).execute();
  await db.schema.createIndex("entries_contest_track").on("entries").columns(["contest_id", "track_id", "id"]).execute();
  await db.schema.createIndex("entries_team").on("entries").column("team_id").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
