// Queries about a contest's judges: profiles, invitations, signed agreements, conflicts, and the
// facts conflict detection compares.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database> | Transaction<Database>;

export function findJudgeProfile(db: Q, contestId: number, userId: number) {
  return db
    .selectFrom("judge_profiles")
    .selectAll()
    .where("contest_id", "=", contestId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export function listJudgeProfiles(db: Q, contestId: number) {
  return db
    .selectFrom("judge_profiles")
    .innerJoin("users", "users.id", "judge_profiles.user_id")
    .select([
      "judge_profiles.user_id as userId",
      "users.name",
      "users.email",
      "users.time_zone as timeZone",
      "judge_profiles.organisation",
      "judge_profiles.country",
      "judge_profiles.track_ids_json as trackIdsJson",
      "judge_profiles.languages_json as languagesJson",
      "judge_profiles.status",
    ])
    .where("judge_profiles.contest_id", "=", contestId)
    .orderBy("users.name")
    .execute();
}

export function listPendingJudgeInvitations(db: Q, contestId: number, now: Date) {
  return db
    .selectFrom("judge_invitations")
    .select(["id", "email", "name", "organisation", "country", "expires_at as expiresAt", "created_at as createdAt"])
    .where("contest_id", "=", contestId)
    .where("status", "=", "pending")
    .where("expires_at", ">", now.toISOString())
    .orderBy("created_at", "desc")
    .execute();
}

export async function signedVersion(db: Q, contestId: number, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom("agreement_acceptances")
    .select((eb) => eb.fn.max("agreement_version").as("version"))
    .where("contest_id", "=", contestId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.version ?? null;
}

export function listConflicts(db: Q, contestId: number, userId?: number) {
  let query = db
    .selectFrom("conflicts")
    .select(["user_id as userId", "entry_id as entryId", "source", "reason", "note"])
    .where("contest_id", "=", contestId);
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  return query.execute();
}

export async function hasConflict(db: Q, userId: number, entryId: number): Promise<boolean> {
  const row = await db
    .selectFrom("conflicts")
    .select("id")
    .where("user_id", "=", userId)
    .where("entry_id", "=", entryId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Registered teams as a judge may see them to declare conflicts: name, organisation, country. */
export function listTeamsForDeclaration(db: Q, contestId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select(["entries.id as entryId", "teams.name", "teams.organisation", "teams.country"])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .orderBy("teams.name_key")
    .execute();
}

/** What conflict detection compares, for every registered entry: organisation, members now and before. */
export async function teamFactsForDetection(db: Q, contestId: number) {
  const entries = await db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select(["entries.id as entryId", "entries.team_id as teamId", "teams.organisation"])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .execute();
  if (!entries.length) return [];
  const teamIds = [...new Set(entries.map((e) => e.teamId))];
  const members = await db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select(["team_members.team_id as teamId", "users.id as userId", "users.email"])
    .where("team_members.team_id", "in", teamIds)
    .execute();
  // People who left or were removed stay a conflict: the audit log remembers them.
  const former = await db
    .selectFrom("audit_events")
    .select(["subject_id as teamId", "before_json as before"])
    .where("subject_type", "=", "team")
    .where("action", "in", ["team.member_left", "team.member_removed"])
    .where("subject_id", "in", teamIds.map(String))
    .execute();
  return entries.map((e) => {
    const current = members.filter((m) => m.teamId === e.teamId);
    const past = former
      .filter((f) => f.teamId === String(e.teamId))
      .map((f) => (JSON.parse(f.before ?? "{}") as { userId?: number }).userId)
      .filter((id): id is number => typeof id === "number");
    return {
      entryId: e.entryId,
      organisation: e.organisation,
      memberEmails: current.map((m) => m.email),
      memberUserIds: [...current.map((m) => m.userId), ...past],
    };
  });
}
