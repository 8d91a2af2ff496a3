// Queries on incubation cohorts: the cohorts of a contest, the entries that may join one (with their
// awards), a cohort's teams, their mentors and milestones. Reads for a whole cohort are one query
// per table, never one per team.
import type { Kysely } from "kysely";
import type { Selectable } from "kysely";
import type { CohortsTable, Database } from "#db/schema";

type Q = Kysely<Database>;

export type CohortRow = Selectable<CohortsTable>;

/** The contest's cohorts, newest first, with how many teams take part (teams that left do not count). */
export function listCohorts(db: Q, contestId: number) {
  return db
    .selectFrom("cohorts")
    .select((eb) => [
      "cohorts.id",
      "cohorts.name_i18n as nameJson",
      "cohorts.starts_on as startsOn",
      "cohorts.ends_on as endsOn",
      "cohorts.cadence",
      "cohorts.reporting_currency as reportingCurrency",
      eb
        .selectFrom("cohort_teams")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("cohort_teams.cohort_id", "=", "cohorts.id")
        .where("cohort_teams.status", "!=", "left")
        .as("teamCount"),
    ])
    .where("cohorts.contest_id", "=", contestId)
    .orderBy("cohorts.starts_on", "desc")
    .orderBy("cohorts.id", "desc")
    .execute();
}

export function findCohort(db: Q, contestId: number, cohortId: number) {
  return db.selectFrom("cohorts").selectAll().where("id", "=", cohortId).where("contest_id", "=", contestId).executeTakeFirst();
}

/** Entries still registered in the contest, with their team and track, by entry code. */
export function listRegisteredEntries(db: Q, contestId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "entries.id as entryId",
      "entries.code",
      "teams.name as teamName",
      "teams.country",
      "tracks.name_i18n as trackNameJson",
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .orderBy("entries.code")
    .execute();
}

/** Every award granted in the contest, by entry, in the awards' order. */
export function listContestAwardGrants(db: Q, contestId: number) {
  return db
    .selectFrom("award_grants")
    .innerJoin("awards", "awards.id", "award_grants.award_id")
    .innerJoin("rounds", "rounds.id", "awards.round_id")
    .select(["award_grants.entry_id as entryId", "awards.id as awardId", "awards.name_i18n as nameJson"])
    .where("rounds.contest_id", "=", contestId)
    .orderBy("rounds.position")
    .orderBy("awards.position")
    .orderBy("awards.id")
    .execute();
}

/** A cohort's teams (those that left too), by entry code. */
export function listCohortTeams(db: Q, cohortId: number) {
  return db
    .selectFrom("cohort_teams")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "cohort_teams.id",
      "cohort_teams.status",
      "cohort_teams.entry_id as entryId",
      "entries.code",
      "teams.name as teamName",
      "teams.country",
      "tracks.name_i18n as trackNameJson",
    ])
    .where("cohort_teams.cohort_id", "=", cohortId)
    .orderBy("entries.code")
    .execute();
}

/** Every mentor assignment of a cohort, with the mentor's name and address. */
export function listCohortAssignments(db: Q, cohortId: number) {
  return db
    .selectFrom("mentor_assignments")
    .innerJoin("cohort_teams", "cohort_teams.id", "mentor_assignments.cohort_team_id")
    .innerJoin("users", "users.id", "mentor_assignments.mentor_id")
    .select([
      "mentor_assignments.id",
      "mentor_assignments.cohort_team_id as cohortTeamId",
      "users.id as mentorId",
      "users.name",
      "users.email",
    ])
    .where("cohort_teams.cohort_id", "=", cohortId)
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

/** The status of every milestone of a cohort's teams, for completion counts. */
export function listCohortMilestoneStatuses(db: Q, cohortId: number) {
  return db
    .selectFrom("milestones")
    .innerJoin("cohort_teams", "cohort_teams.id", "milestones.cohort_team_id")
    .select(["milestones.cohort_team_id as cohortTeamId", "milestones.status"])
    .where("cohort_teams.cohort_id", "=", cohortId)
    .execute();
}

/** The periods a cohort has check-ins for (drafts too): they pin its cadence and currency. */
export async function listCheckinPeriods(db: Q, cohortId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("checkins")
    .innerJoin("cohort_teams", "cohort_teams.id", "checkins.cohort_team_id")
    .select("checkins.period")
    .distinct()
    .where("cohort_teams.cohort_id", "=", cohortId)
    .execute();
  return rows.map((r) => r.period);
}

/** People with the mentor role in the contest, by name. */
export function listContestMentors(db: Q, contestId: number) {
  return db
    .selectFrom("contest_roles")
    .innerJoin("users", "users.id", "contest_roles.user_id")
    .select(["users.id", "users.name", "users.email"])
    .where("contest_roles.contest_id", "=", contestId)
    .where("contest_roles.role", "=", "mentor")
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

export async function isContestMentor(db: Q, contestId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("contest_roles")
    .select("id")
    .where("contest_id", "=", contestId)
    .where("user_id", "=", userId)
    .where("role", "=", "mentor")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The organisation each mentor gave when they accepted an invitation in the contest (the latest one
 * wins); a mentor given the role another way has none.
 */
export async function mentorOrganisations(db: Q, contestId: number, userIds: readonly number[]): Promise<Map<number, string>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .selectFrom("mentor_invitations")
    .innerJoin("cohorts", "cohorts.id", "mentor_invitations.cohort_id")
    .select(["mentor_invitations.accepted_by as userId", "mentor_invitations.organisation"])
    .where("cohorts.contest_id", "=", contestId)
    .where("mentor_invitations.status", "=", "accepted")
    .where("mentor_invitations.accepted_by", "in", [...userIds])
    .where("mentor_invitations.organisation", "is not", null)
    .orderBy("mentor_invitations.responded_at")
    .orderBy("mentor_invitations.id")
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (r.userId !== null && r.organisation) out.set(r.userId, r.organisation);
  return out;
}

export function listPendingMentorInvitations(db: Q, cohortId: number) {
  return db
    .selectFrom("mentor_invitations")
    .select([
      "id",
      "email",
      "name",
      "organisation",
      "cohort_team_ids_json as cohortTeamIdsJson",
      "expires_at as expiresAt",
      "created_at as createdAt",
    ])
    .where("cohort_id", "=", cohortId)
    .where("status", "=", "pending")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One team's milestones in their order. */
export function listMilestones(db: Q, cohortTeamId: number) {
  return db
    .selectFrom("milestones")
    .select([
      "id",
      "template_key as templateKey",
      "title",
      "due_on as dueOn",
      "status",
      "done_on as doneOn",
      "position",
      "updated_at as updatedAt",
    ])
    .where("cohort_team_id", "=", cohortTeamId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function findMilestone(db: Q, cohortTeamId: number, milestoneId: number) {
  return db
    .selectFrom("milestones")
    .selectAll()
    .where("id", "=", milestoneId)
    .where("cohort_team_id", "=", cohortTeamId)
    .executeTakeFirst();
}

export async function nextMilestonePosition(db: Q, cohortTeamId: number): Promise<number> {
  const row = await db
    .selectFrom("milestones")
    .select((eb) => eb.fn.max<number | null>("position").as("max"))
    .where("cohort_team_id", "=", cohortTeamId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** The mentors of one team, by name. */
export function listTeamMentors(db: Q, cohortTeamId: number) {
  return db
    .selectFrom("mentor_assignments")
    .innerJoin("users", "users.id", "mentor_assignments.mentor_id")
    .select(["users.id", "users.name"])
    .where("mentor_assignments.cohort_team_id", "=", cohortTeamId)
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
}

/** The cohorts a team's entries belong to (teams that left excluded), for links from the team's page. */
export function listCohortsOfTeam(db: Q, teamId: number) {
  return db
    .selectFrom("cohort_teams")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("cohorts", "cohorts.id", "cohort_teams.cohort_id")
    .select(["cohort_teams.id as cohortTeamId", "cohort_teams.entry_id as entryId", "cohorts.name_i18n as cohortNameJson"])
    .where("entries.team_id", "=", teamId)
    .where("cohort_teams.status", "!=", "left")
    .orderBy("cohorts.starts_on")
    .orderBy("cohorts.id")
    .execute();
}
