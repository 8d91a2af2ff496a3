// Queries on teams, their members, invitations and entries.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findTeam(db: Q, teamId: number) {
  return db.selectFrom("teams").selectAll().where("id", "=", teamId).executeTakeFirst();
}

export function listMembers(db: Q, teamId: number) {
  return db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select([
      "users.id as userId",
      "users.name",
      "users.email",
      "users.preferred_language as language",
      "team_members.role",
      "team_members.joined_at",
    ])
    .where("team_members.team_id", "=", teamId)
    .orderBy("team_members.role")
    .orderBy("team_members.joined_at")
    .execute();
}

export function listPendingInvitations(db: Q, teamId: number, now: Date) {
  return db
    .selectFrom("team_invitations")
    .select(["id", "email", "expires_at", "created_at"])
    .where("team_id", "=", teamId)
    .where("status", "=", "pending")
    .where("expires_at", ">", now.toISOString())
    .orderBy("id", "desc")
    .execute();
}

export function listTeamEntries(db: Q, teamId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("contests", "contests.id", "entries.contest_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.status",
      "entries.contest_id as contestId",
      "entries.registered_at",
      "contests.slug",
      "contests.name_i18n as contestName",
      "contests.state as contestState",
      "contests.team_max as teamMax",
      "tracks.name_i18n as trackName",
    ])
    .where("entries.team_id", "=", teamId)
    .orderBy("entries.id", "desc")
    .execute();
}

/**
 * The entries of a contest that the registration rules need to see for one team: its own entry,
 * entries of teams with the same normalised name, and entries of teams that share a member with
 * it. Three indexed lookups, whatever the contest's size.
 */
export async function relevantEntryFacts(
  db: Q,
  contestId: number,
  team: { teamId: number; nameKey: string; memberUserIds: number[] },
) {
  const ids = await db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select("entries.id")
    .where("entries.contest_id", "=", contestId)
    .where((eb) =>
      eb.or([
        eb("entries.team_id", "=", team.teamId),
        eb("teams.name_key", "=", team.nameKey),
        ...(team.memberUserIds.length
          ? [
              eb(
                "entries.team_id",
                "in",
                eb.selectFrom("team_members").select("team_id").where("user_id", "in", team.memberUserIds),
              ),
            ]
          : []),
      ]),
    )
    .execute();
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .leftJoin("team_members", "team_members.team_id", "entries.team_id")
    .select([
      "entries.id as entryId",
      "entries.team_id as teamId",
      "teams.name as teamName",
      "entries.status",
      "team_members.user_id as userId",
    ])
    .where(
      "entries.id",
      "in",
      ids.map((r) => r.id),
    )
    .execute();
  const byEntry = new Map<
    number,
    { entryId: number; teamId: number; teamName: string; status: "registered" | "withdrawn"; memberUserIds: number[] }
  >();
  for (const row of rows) {
    const entry = byEntry.get(row.entryId) ?? {
      entryId: row.entryId,
      teamId: row.teamId,
      teamName: row.teamName,
      status: row.status,
      memberUserIds: [],
    };
    if (row.userId !== null) entry.memberUserIds.push(row.userId);
    byEntry.set(row.entryId, entry);
  }
  return [...byEntry.values()];
}

export function listTeamsOfMember(db: Q, userId: number) {
  return db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .select(["teams.id", "teams.name", "teams.country", "team_members.role"])
    .where("team_members.user_id", "=", userId)
    .orderBy("teams.name")
    .execute();
}

/** The user's teams, each with its entry (if any) in one contest: the registration form's choices. */
export function listTeamsWithEntry(db: Q, userId: number, contestId: number) {
  return db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .leftJoin("entries", (join) => join.onRef("entries.team_id", "=", "teams.id").on("entries.contest_id", "=", contestId))
    .select([
      "teams.id",
      "teams.name",
      "team_members.role",
      "entries.id as entryId",
      "entries.status as entryStatus",
      "entries.track_id as trackId",
      "entries.answers_json as answersJson",
    ])
    .where("team_members.user_id", "=", userId)
    .orderBy("teams.name")
    .execute();
}

export function findEntry(db: Q, entryId: number) {
  return db.selectFrom("entries").selectAll().where("id", "=", entryId).executeTakeFirst();
}

export function findEntryOfTeam(db: Q, contestId: number, teamId: number) {
  return db
    .selectFrom("entries")
    .selectAll()
    .where("contest_id", "=", contestId)
    .where("team_id", "=", teamId)
    .executeTakeFirst();
}

export async function isEntryCodeTaken(db: Q, contestId: number, code: string) {
  return Boolean(
    await db.selectFrom("entries").select("id").where("contest_id", "=", contestId).where("code", "=", code).executeTakeFirst(),
  );
}

export function findTrack(db: Q, trackId: number) {
  return db.selectFrom("tracks").selectAll().where("id", "=", trackId).executeTakeFirst();
}

export async function listRoundsOfContests(db: Q, contestIds: number[]) {
  if (!contestIds.length) return [];
  return db
    .selectFrom("rounds")
    .select(["id", "contest_id as contestId", "name_i18n"])
    .where("contest_id", "in", contestIds)
    .orderBy("position")
    .execute();
}
