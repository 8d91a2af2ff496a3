// Queries on heats and the final they feed: the heats of a final, their tracks' mapping onto the
// final's tracks, each heat's latest published ranking, the final's quota rules, tie decisions and
// wild cards, and the final's entries that came from heats.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function listHeats(db: Q, finalId: number) {
  return db
    .selectFrom("contests")
    .select(["id", "slug", "name", "name_i18n", "time_zone", "state", "registration_closes_at"])
    .where("parent_contest_id", "=", finalId)
    .orderBy("id")
    .execute();
}

export function findHeat(db: Q, finalId: number, heatId: number) {
  return db
    .selectFrom("contests")
    .select(["id", "slug", "name", "name_i18n", "time_zone", "state"])
    .where("parent_contest_id", "=", finalId)
    .where("id", "=", heatId)
    .executeTakeFirst();
}

export function findParentOf(db: Q, contestId: number) {
  return db
    .selectFrom("contests as heat")
    .innerJoin("contests as final", "final.id", "heat.parent_contest_id")
    .select(["final.id", "final.slug", "final.name", "final.name_i18n", "final.heat_quota"])
    .where("heat.id", "=", contestId)
    .executeTakeFirst();
}

export async function listHeatTracks(db: Q, heatIds: readonly number[]) {
  if (!heatIds.length) return [];
  return db
    .selectFrom("tracks")
    .select(["id", "contest_id as heatId", "final_track_id as finalTrackId", "name_i18n"])
    .where("contest_id", "in", heatIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Each heat's publications, the latest round and version first: the caller keeps the first per heat. */
export async function listHeatPublications(db: Q, heatIds: readonly number[]) {
  if (!heatIds.length) return [];
  return db
    .selectFrom("publications")
    .innerJoin("rounds", "rounds.id", "publications.round_id")
    .select([
      "publications.id",
      "publications.contest_id as heatId",
      "publications.round_id as roundId",
      "publications.version",
      "publications.published_at as publishedAt",
      "publications.snapshot_json as snapshotJson",
      "rounds.name_i18n as roundNameJson",
    ])
    .where("publications.contest_id", "in", heatIds)
    .orderBy("rounds.position", "desc")
    .orderBy("publications.version", "desc")
    .execute();
}

export async function listHeatOrganisers(db: Q, heatIds: readonly number[]) {
  if (!heatIds.length) return [];
  return db
    .selectFrom("contest_roles")
    .innerJoin("users", "users.id", "contest_roles.user_id")
    .select(["contest_roles.contest_id as heatId", "users.id as userId", "users.name", "users.email"])
    .where("contest_roles.contest_id", "in", heatIds)
    .where("contest_roles.role", "=", "organiser")
    .orderBy("users.name")
    .execute();
}

export async function countHeatEntries(db: Q, heatIds: readonly number[]) {
  if (!heatIds.length) return [];
  return db
    .selectFrom("entries")
    .select(["contest_id as heatId", (eb) => eb.fn.countAll<number>().as("n")])
    .where("contest_id", "in", heatIds)
    .where("status", "=", "registered")
    .groupBy("contest_id")
    .execute();
}

export function listQuotaRules(db: Q, finalId: number) {
  return db
    .selectFrom("heat_quota_rules")
    .select(["id", "heat_contest_id as heatId", "final_track_id as trackId", "places"])
    .where("final_contest_id", "=", finalId)
    .orderBy("id")
    .execute();
}

export function listTieDecisions(db: Q, finalId: number) {
  return db
    .selectFrom("heat_tie_decisions")
    .select(["entry_id as entryId", "action", "reason", "decided_at as decidedAt"])
    .where("final_contest_id", "=", finalId)
    .orderBy("id")
    .execute();
}

export function listWildCards(db: Q, finalId: number) {
  return db
    .selectFrom("heat_wild_cards")
    .select(["id", "entry_id as entryId", "reason", "chosen_at as chosenAt"])
    .where("final_contest_id", "=", finalId)
    .orderBy("id")
    .execute();
}

/** The final's entries that came from heats, by the heat entry they came from. */
export function listSentEntries(db: Q, finalId: number) {
  return db
    .selectFrom("entries")
    .select(["id", "heat_entry_id as heatEntryId", "code", "status"])
    .where("contest_id", "=", finalId)
    .where("heat_entry_id", "is not", null)
    .execute();
}

/** Heat entries with what the final needs to register them: team, track, terms. */
export async function listHeatEntriesById(db: Q, entryIds: readonly number[]) {
  if (!entryIds.length) return [];
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "entries.id",
      "entries.contest_id as heatId",
      "entries.team_id as teamId",
      "entries.track_id as trackId",
      "entries.code",
      "entries.status",
      "entries.answers_json as answersJson",
      "entries.terms_accepted_at as termsAcceptedAt",
      "entries.materials_language as materialsLanguage",
      "teams.name as teamName",
    ])
    .where("entries.id", "in", entryIds)
    .execute();
}

/** An invitation to organise a heat, by its token's hash, with the heat and the final it feeds. */
export function findHeatInvitationByHash(db: Q, tokenHash: string) {
  return db
    .selectFrom("heat_organiser_invitations as inv")
    .innerJoin("contests as heat", "heat.id", "inv.heat_contest_id")
    .innerJoin("contests as final", "final.id", "heat.parent_contest_id")
    .selectAll("inv")
    .select([
      "heat.name as heatFallback",
      "heat.name_i18n as heatNameJson",
      "final.id as finalId",
      "final.name as finalFallback",
      "final.name_i18n as finalNameJson",
    ])
    .where("inv.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** The open invitations to organise the given heats, oldest first. */
export async function listPendingHeatInvitations(db: Q, heatIds: readonly number[]) {
  if (!heatIds.length) return [];
  return db
    .selectFrom("heat_organiser_invitations")
    .select(["id", "heat_contest_id as heatId", "email", "name", "expires_at as expiresAt", "created_at as createdAt"])
    .where("heat_contest_id", "in", heatIds)
    .where("status", "=", "pending")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
