// The change counters that triggers move on (migration 0013): a cheap "has anything this
// computation reads changed since?" for the caches in app/services/change-cache.server.ts.
import type { Kysely, Transaction } from "kysely";
import type { ChangeCountersTable, Database } from "#db/schema";

export type ChangeCounter = ChangeCountersTable["name"];

export async function readChangeCounter(
  db: Kysely<Database> | Transaction<Database>,
  name: ChangeCounter,
): Promise<number | null> {
  const row = await db.selectFrom("change_counters").select("value").where("name", "=", name).executeTakeFirst();
  return row ? row.value : null;
}
