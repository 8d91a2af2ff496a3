// Queries behind support requests: a team's requests, a cohort's queue, the requests routed to one
// mentor, their updates, and the mentors a request may be routed to.
import type { Kysely } from "kysely";
import type { Database, SupportKind, SupportStatus, SupportUpdateRole } from "#db/schema";

type Q = Kysely<Database>;

/** The columns every view of a request shows, with the team, cohort, contest and the mentor routed to. */
function requestsWithContext(db: Q) {
  return db
    .selectFrom("support_requests")
    .innerJoin("cohort_teams", "cohort_teams.id", "support_requests.cohort_team_id")
    .innerJoin("cohorts", "cohorts.id", "cohort_teams.cohort_id")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .leftJoin("users as mentor", "mentor.id", "support_requests.routed_to_mentor_id")
    .select([
      "support_requests.id",
      "support_requests.cohort_team_id as cohortTeamId",
      "support_requests.kind",
      "support_requests.country",
      "support_requests.details",
      "support_requests.status",
      "support_requests.routed_to_mentor_id as mentorId",
      "mentor.name as mentorName",
      "support_requests.routed_to_partner as partner",
      "support_requests.resolution",
      "support_requests.created_at as createdAt",
      "support_requests.updated_at as updatedAt",
      "support_requests.closed_at as closedAt",
      "support_requests.version",
      "cohorts.id as cohortId",
      "cohorts.name_i18n as cohortNameJson",
      "contests.id as contestId",
      "contests.name as contestName",
      "contests.name_i18n as contestNameJson",
      "entries.code",
      "teams.id as teamId",
      "teams.name as teamName",
    ]);
}

export type SupportRequestRow = Awaited<ReturnType<typeof findSupportRequest>> & object;

export function findSupportRequest(db: Q, requestId: number) {
  return requestsWithContext(db).where("support_requests.id", "=", requestId).executeTakeFirst();
}

export function listTeamRequests(db: Q, cohortTeamId: number) {
  return requestsWithContext(db)
    .where("support_requests.cohort_team_id", "=", cohortTeamId)
    .orderBy("support_requests.created_at", "desc")
    .orderBy("support_requests.id", "desc")
    .execute();
}

/** Every request of a cohort (a cohort has a few dozen teams: the service counts and filters them). */
export function listCohortRequests(db: Q, cohortId: number) {
  return requestsWithContext(db)
    .where("cohorts.id", "=", cohortId)
    .orderBy("support_requests.created_at")
    .orderBy("support_requests.id")
    .execute();
}

/** Requests routed to one mentor, in every contest. */
export function listRoutedRequests(db: Q, mentorId: number) {
  return requestsWithContext(db)
    .where("support_requests.routed_to_mentor_id", "=", mentorId)
    .orderBy("support_requests.created_at")
    .orderBy("support_requests.id")
    .execute();
}

export function insertSupportRequest(
  db: Q,
  row: { cohortTeamId: number; kind: SupportKind; country: string | null; details: string; createdBy: number; at: string },
) {
  return db
    .insertInto("support_requests")
    .values({
      cohort_team_id: row.cohortTeamId,
      kind: row.kind,
      country: row.country,
      details: row.details,
      created_by: row.createdBy,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export interface SupportRequestChange {
  status: SupportStatus;
  routed_to_mentor_id?: number | null;
  routed_to_partner?: string | null;
  resolution?: string | null;
  closed_at?: string | null;
}

/** Applies a change when the row is still at `version`; false when someone changed it meanwhile. */
export async function updateSupportRequest(
  db: Q,
  requestId: number,
  version: number,
  change: SupportRequestChange,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("support_requests")
    .set({ ...change, updated_at: at, version: version + 1 })
    .where("id", "=", requestId)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listUpdates(db: Q, requestIds: readonly number[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("support_updates")
    .leftJoin("users", "users.id", "support_updates.author_id")
    .select([
      "support_updates.id",
      "support_updates.support_request_id as requestId",
      "support_updates.author_role as role",
      "users.name as authorName",
      "support_updates.note",
      "support_updates.created_at as createdAt",
    ])
    .where("support_updates.support_request_id", "in", requestIds)
    .orderBy("support_updates.created_at")
    .orderBy("support_updates.id")
    .execute();
}

export function insertUpdate(
  db: Q,
  row: { requestId: number; authorId: number; role: SupportUpdateRole; note: string; at: string },
) {
  return db
    .insertInto("support_updates")
    .values({
      support_request_id: row.requestId,
      author_id: row.authorId,
      author_role: row.role,
      note: row.note,
      created_at: row.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Mentors assigned to some cohort teams. */
export function listAssignedMentors(db: Q, cohortTeamIds: readonly number[]) {
  if (cohortTeamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("mentor_assignments")
    .innerJoin("users", "users.id", "mentor_assignments.mentor_id")
    .select(["mentor_assignments.cohort_team_id as cohortTeamId", "users.id", "users.name"])
    .where("mentor_assignments.cohort_team_id", "in", cohortTeamIds)
    .orderBy("users.name")
    .execute();
}

/** Everyone holding the mentor role in a contest. */
export function listContestMentors(db: Q, contestId: number) {
  return db
    .selectFrom("contest_roles")
    .innerJoin("users", "users.id", "contest_roles.user_id")
    .select(["users.id", "users.name"])
    .where("contest_roles.contest_id", "=", contestId)
    .where("contest_roles.role", "=", "mentor")
    .orderBy("users.name")
    .execute();
}

/** What an email to one user needs. */
export function findMailContact(db: Q, userId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "preferred_language as language"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** The members of the teams behind some requests: the routed mentor's contacts, and who hears of a closing. */
export function listTeamContacts(db: Q, teamIds: readonly number[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select([
      "team_members.team_id as teamId",
      "team_members.role",
      "users.id",
      "users.name",
      "users.email",
      "users.preferred_language as language",
    ])
    .where("team_members.team_id", "in", teamIds)
    .orderBy("team_members.role")
    .orderBy("users.name")
    .execute();
}

export function findCohortOfContest(db: Q, contestId: number, cohortId: number) {
  return db
    .selectFrom("cohorts")
    .select(["id", "name_i18n as nameJson"])
    .where("id", "=", cohortId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
}
