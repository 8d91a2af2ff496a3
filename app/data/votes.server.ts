// Queries for the people's choice award: the contest's voting settings, the entries that may be
// voted for, and the votes themselves (voided ones stay on record).
import { sql, type Kysely } from "kysely";
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

/** Which votes the organisers' list shows: a contest's, optionally one track's or only the named ids. */
export interface VoteListQuery {
  contestId: number;
  trackId: number | null;
  /** Only these votes (the ones in a burst); null for every vote. */
  onlyIds: number[] | null;
}

function voteListBase(db: Q, query: VoteListQuery) {
  let q = db.selectFrom("votes").where("votes.contest_id", "=", query.contestId);
  if (query.trackId !== null) q = q.where("votes.track_id", "=", query.trackId);
  // One JSON parameter instead of one per id: a burst list can pass SQLite's variable limit.
  if (query.onlyIds !== null)
    q = q.where(sql<boolean>`votes.id in (select value from json_each(${JSON.stringify(query.onlyIds)}))`);
  return q;
}

export async function countVoteList(db: Q, query: VoteListQuery): Promise<number> {
  const row = await voteListBase(db, query)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the votes themselves, newest first, with the entry, the track and the voter. */
export function listVoteListPage(db: Q, query: VoteListQuery, page: { limit: number; offset: number }) {
  return voteListBase(db, query)
    .innerJoin("entries", "entries.id", "votes.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "votes.track_id")
    .innerJoin("users", "users.id", "votes.voter_id")
    .select([
      "votes.id",
      "votes.created_at as createdAt",
      "votes.track_id as trackId",
      "tracks.name_i18n as trackNameJson",
      "votes.entry_id as entryId",
      "entries.code as entryCode",
      "teams.name as teamName",
      "users.name as voterName",
      "users.email as voterEmail",
      "votes.ip",
      "votes.voided_at as voidedAt",
      "votes.void_reason as voidReason",
    ])
    .orderBy("votes.created_at", "desc")
    .orderBy("votes.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
