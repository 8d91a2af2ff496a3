// Queries on the mail outbox for the admin mailbox.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export async function listOutbox(db: Kysely<Database>, options: { limit: number; offset: number; to?: string }) {
  let q = db.selectFrom("outbox_messages");
  if (options.to) q = q.where("to_address", "like", `%${options.to.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    q
      .select(["id", "kind", "to_address", "to_name", "language", "subject", "status", "attempts", "created_at", "sent_at"])
      .orderBy("id", "desc")
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findOutboxMessage(db: Kysely<Database>, id: number) {
  return db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirst();
}
