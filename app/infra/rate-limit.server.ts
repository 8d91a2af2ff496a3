// Rate-limit buckets stored in SQLite, so limits hold across restarts and every process.
import { checkLimit, recordHit, type RateLimitDecision, type RateLimitPolicy } from "#app/domain/rate-limit";
import type { DB } from "./db.server";

async function readBucket(db: DB, key: string) {
  const row = await db.selectFrom("rate_limit_buckets").selectAll().where("key", "=", key).executeTakeFirst();
  return row ? { windowStartedAt: row.window_started_at, count: row.count } : null;
}

export async function peekLimit(db: DB, key: string, policy: RateLimitPolicy, now: Date): Promise<RateLimitDecision> {
  return checkLimit(await readBucket(db, key), now, policy);
}

/** Counts one hit against `key`. */
export async function hitLimit(db: DB, key: string, policy: RateLimitPolicy, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const next = recordHit(await readBucket(trx, key), now, policy);
    await trx
      .insertInto("rate_limit_buckets")
      .values({ key, window_started_at: next.windowStartedAt, count: next.count })
      .onConflict((oc) => oc.column("key").doUpdateSet({ window_started_at: next.windowStartedAt, count: next.count }))
      .execute();
  });
}

/** Checks and, when allowed, counts the hit: for limits on every attempt (sign-up, reset requests). */
export async function takeLimit(db: DB, key: string, policy: RateLimitPolicy, now: Date): Promise<RateLimitDecision> {
  const decision = await peekLimit(db, key, policy, now);
  if (decision.allowed) await hitLimit(db, key, policy, now);
  return decision;
}

export async function clearLimit(db: DB, key: string): Promise<void> {
  await db.deleteFrom("rate_limit_buckets").where("key", "=", key).execute();
}
