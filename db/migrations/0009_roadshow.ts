// The live final: how a round turns reviews into one result (its aggregation method), the pitch
// format (minutes of pitch and of questions), roadshow sessions with their running order, and an
// idempotency key on reviews so a phone on venue Wi-Fi can resend a score safely.
import type { Kysely } from "kysely";
import { sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("rounds")
    .addColumn("aggregation_method", "text", (c) => c.notNull().defaultTo("mean"))
    .execute();
  await db.schema.alterTable("rounds").addColumn("pitch_minutes", "integer").execute();
  await db.schema.alterTable("rounds").addColumn("qa_minutes", "integer").execute();
  await db.schema.alterTable("reviews").addColumn("submit_key", "text").execute();

  await db.schema
    .createTable("roadshow_sessions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("planned")
        .check(sql`status in ('planned', 'live', 'finished')`),
    )
    .addColumn("current_slot_id", "integer")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema.createIndex("roadshow_sessions_round").on("roadshow_sessions").column("round_id").execute();

  await db.schema
    .createTable("roadshow_slots")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("session_id", "integer", (c) => c.notNull().references("roadshow_sessions.id").onDelete("cascade"))
    .addColumn("entry_id", "integer", (c) => c.notNull().references("entries.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("phase", "text", (c) =>
      c
        .notNull()
        .defaultTo("waiting")
        .check(sql`phase in ('waiting', 'pitch', 'qa', 'scoring', 'closed')`),
    )
    .addColumn("phase_started_at", "text")
    .addColumn("result", "real")
    .addColumn("judges_counted", "integer")
    .addColumn("closed_at", "text")
    .addUniqueConstraint("roadshow_slots_once", ["session_id", "entry_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations only go forward.");
}
