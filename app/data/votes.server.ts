// Queries for the people's choice award: the contest's voting settings, the entries that may be
// voted for, and the votes themselves (voided ones stay on record).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

const SETTINGS = [
  "id",
  "slug",
  "name_i18n as nameJson",
  "time_zone as timeZone",
  "state",
  "peoples_choice_enabled as enabled",
  "voting_opens_at as opensAt",
  "voting_closes_at as closesAt",
  "peoples_choice_published_at as publishedAt",
] as const;

export function findVotingContest(db: Q, contestId: number) {
  return db.selectFrom("contests").select(SETTINGS).where("id", "=", contestId).executeTakeFirst();
}

export function findVotingContestBySlug(db: Q, slug: string) {
  return db.selectFrom("contests").select(SETTINGS).where("slug", "=", slug).executeTakeFirst();
}

export function updateVotingSettings(
  db: Q,
  contestId: number,
  values: { enabled: boolean; opensAt: string | null; closesAt: string | null; at: string },
) {
  return db
    .updateTable("contests")
    .set({
      peoples_choice_enabled: values.enabled ? 1 : 0,
      voting_opens_at: values.opensAt,
      voting_closes_at: values.closesAt,
      updated_at: values.at,
    })
    .where("id", "=", contestId)
    .execute();
}

export function setVotingPublished(db: Q, contestId: number, at: string) {
  return db
    .updateTable("contests")
    .set({ peoples_choice_published_at: at, updated_at: at })
    .where("id", "=", contestId)
    .execute();
}

export function listVotingTracks(db: Q, contestId: number) {
  return db
    .selectFrom("tracks")
    .select(["id", "name_i18n as nameJson"])
    .where("contest_id", "=", contestId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** The registered (not withdrawn) entries of a contest, with the team's name and one-line pitch. */
export function listVotableEntries(db: Q, contestId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select(["entries.id", "entries.track_id as trackId", "entries.code", "teams.name as teamName", "teams.pitch"])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .orderBy("entries.code")
    .execute();
}

export function findEntryForVote(db: Q, contestId: number, entryId: number) {
  return db
    .selectFrom("entries")
    .select(["id", "track_id as trackId", "status"])
    .where("id", "=", entryId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
}

export function findLiveVote(db: Q, contestId: number, trackId: number, voterId: number) {
  return db
    .selectFrom("votes")
    .select(["id", "entry_id as entryId"])
    .where("contest_id", "=", contestId)
    .where("track_id", "=", trackId)
    .where("voter_id", "=", voterId)
    .where("voided_at", "is", null)
    .executeTakeFirst();
}

export function listVoterLiveVotes(db: Q, contestId: number, voterId: number) {
  return db
    .selectFrom("votes")
    .select(["track_id as trackId", "entry_id as entryId"])
    .where("contest_id", "=", contestId)
    .where("voter_id", "=", voterId)
    .where("voided_at", "is", null)
    .execute();
}

export function insertVote(
  db: Q,
  values: { contestId: number; trackId: number; entryId: number; voterId: number; ip: string | null; at: string },
) {
  return db
    .insertInto("votes")
    .values({
      contest_id: values.contestId,
      track_id: values.trackId,
      entry_id: values.entryId,
      voter_id: values.voterId,
      ip: values.ip,
      created_at: values.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Every vote of a contest, voided ones included (the burst check sees them all). */
export function listContestVotes(db: Q, contestId: number) {
  return db
    .selectFrom("votes")
    .select(["id", "entry_id as entryId", "ip", "created_at as createdAt", "voided_at as voidedAt"])
    .where("contest_id", "=", contestId)
    .orderBy("id")
    .execute();
}

/** The live votes a void request names: by id, or every live vote from one network address. */
export function listLiveVotesFor(db: Q, contestId: number, target: { voteIds: number[] } | { ip: string }) {
  let query = db.selectFrom("votes").select("id").where("contest_id", "=", contestId).where("voided_at", "is", null);
  query = "ip" in target ? query.where("ip", "=", target.ip) : query.where("id", "in", target.voteIds);
  return query.orderBy("id").execute();
}

export function markVotesVoided(db: Q, voteIds: number[], values: { by: number; reason: string; at: string }) {
  return db
    .updateTable("votes")
    .set({ voided_at: values.at, voided_by: values.by, void_reason: values.reason })
    .where("id", "in", voteIds)
    .where("voided_at", "is", null)
    .execute();
}
