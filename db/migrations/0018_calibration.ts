// Calibration before scoring (issue 11): a round may name, per track, one of its entries as the
// calibration entry that every judge of the track's panel scores first. One per round and track.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("round_calibration_entries")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("track_id", "integer", (c) => c.notNull().references("tracks.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("chosen_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("chosen_at", "text", (c) => c.notNull())
    .addUniqueConstraint("round_calibration_entries_round_track", ["round_id", "track_id"])
    .execute();
  // The scoring page asks "is this entry its round's calibration entry?" on every open and save.
  await db.schema
    .createIndex("round_calibration_entries_entry")
    .on("round_calibration_entries")
    .columns(["entry_id", "round_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
