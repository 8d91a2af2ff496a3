// Which entries take part in a round. The first round, and any round nobody has advanced teams into,
// takes every registered entry; once an advancement into a round is confirmed, only the entries it
// carried there (its `entry_rounds` rows, unless withdrawn) take part.
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

/** SQL truth value: entry `entryRef` takes part in round `roundId`. */
export function takesPart(roundId: number, entryRef: "entries.id" = "entries.id") {
  return sql<number>`case when exists (select 1 from advancements a where a.to_round_id = ${roundId})
    then exists (select 1 from entry_rounds er where er.round_id = ${roundId} and er.entry_id = ${sql.ref(entryRef)}
      and er.status <> 'withdrawn')
    else 1 end`;
}

/** A where-clause for queries over `entries`: the entry takes part in the round. */
export function whereTakesPart(roundId: number) {
  return (eb: ExpressionBuilder<Database, "entries">) => eb(takesPart(roundId), "=", 1);
}

/** The registered entries of a contest that take part in a round, with their team and track. */
export function listRoundParticipants(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.track_id as trackId",
      "entries.materials_language as language",
      "teams.name as teamName",
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .where(whereTakesPart(roundId))
    .orderBy("entries.id")
    .execute();
}
