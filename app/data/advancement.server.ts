// Rows behind advancement: the round and the one after it, the organiser's written changes, a
// confirmed advancement, and the members of the teams to tell.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findRoundWithNext(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("rounds as r")
    .innerJoin("contests as c", "c.id", "r.contest_id")
    .leftJoin("rounds as n", (j) =>
      j.onRef("n.contest_id", "=", "r.contest_id").on((eb) =>
        eb(
          "n.position",
          "=",
          eb
            .selectFrom("rounds as p")
            .select((e) => e.fn.min("p.position").as("next"))
            .whereRef("p.contest_id", "=", "r.contest_id")
            .whereRef("p.position", ">", "r.position"),
        ),
      ),
    )
    .select([
      "r.id",
      "r.name_i18n as nameJson",
      "r.aggregation_method as method",
      "n.id as nextId",
      "n.name_i18n as nextNameJson",
      "c.name as contestName",
      "c.name_i18n as contestNameJson",
      "c.slug as contestSlug",
    ])
    .where("r.id", "=", roundId)
    .where("r.contest_id", "=", contestId)
    .executeTakeFirst();
}

export function listAdvancementChanges(db: Q, roundId: number) {
  return db
    .selectFrom("advancement_changes")
    .leftJoin("users", "users.id", "advancement_changes.created_by")
    .select([
      "advancement_changes.entry_id as entryId",
      "advancement_changes.action",
      "advancement_changes.reason",
      "advancement_changes.created_at as createdAt",
      "users.name as byName",
    ])
    .where("advancement_changes.round_id", "=", roundId)
    .execute();
}

export function findAdvancement(db: Q, roundId: number) {
  return db
    .selectFrom("advancements")
    .leftJoin("users", "users.id", "advancements.confirmed_by")
    .select([
      "advancements.id",
      "advancements.to_round_id as toRoundId",
      "advancements.rule_json as ruleJson",
      "advancements.method",
      "advancements.advanced_count as advancedCount",
      "advancements.eliminated_count as eliminatedCount",
      "advancements.confirmed_at as confirmedAt",
      "users.name as byName",
    ])
    .where("advancements.round_id", "=", roundId)
    .executeTakeFirst();
}

/** Each entry's status in a round, for a round whose advancement was confirmed. */
export function listEntryRoundStatuses(db: Q, roundId: number) {
  return db.selectFrom("entry_rounds").select(["entry_id as entryId", "status"]).where("round_id", "=", roundId).execute();
}

/** Members of the entries' teams, with what their email needs. */
export function listEntryMembers(db: Q, entryIds: readonly number[]) {
  if (!entryIds.length) return Promise.resolve([]);
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("team_members", "team_members.team_id", "teams.id")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select([
      "entries.id as entryId",
      "entries.code",
      "teams.name as teamName",
      "teams.id as teamId",
      "users.id as userId",
      "users.name",
      "users.email",
      "users.preferred_language as language",
    ])
    .where("entries.id", "in", entryIds)
    .orderBy("entries.id")
    .orderBy("users.id")
    .execute();
}
