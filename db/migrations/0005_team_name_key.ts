// The normalised team name (case, width and spacing folded), so "a team with this name is already
// registered in this contest" is one indexed lookup instead of a scan of every entry.
import type { Kysely } from "kysely";
import { normaliseTeamName } from "#app/domain/registration";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("teams")
    .addColumn("name_key", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const teams = db as unknown as Kysely<{ teams: { id: number; name: string; name_key: string } }>;
  const rows = await teams.selectFrom("teams").select(["id", "name"]).execute();
  for (const row of rows) {
    await teams
      .updateTable("teams")
      .set({ name_key: normaliseTeamName(row.name) })
      .where("id", "=", row.id)
      .execute();
  }
  await db.schema.createIndex("teams_name_key").on("teams").column("name_key").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
