// Queries behind mentoring: an invitation by its token's hash, the teams a mentor follows across
// contests, and the check-in facts of those teams (one query for all of them).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findMentorInvitationByHash(db: Q, tokenHash: string) {
  return db
    .selectFrom("mentor_invitations")
    .innerJoin("cohorts", "cohorts.id", "mentor_invitations.cohort_id")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .selectAll("mentor_invitations")
    .select([
      "cohorts.contest_id as contestId",
      "cohorts.name_i18n as cohortNameJson",
      "contests.name_i18n as contestNameJson",
      "contests.name as contestFallback",
    ])
    .where("mentor_invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function findMentorInvitation(db: Q, cohortId: number, invitationId: number) {
  return db
    .selectFrom("mentor_invitations")
    .selectAll()
    .where("id", "=", invitationId)
    .where("cohort_id", "=", cohortId)
    .executeTakeFirst();
}

/** The teams a user mentors (teams that left their cohort excluded), by contest, cohort and entry code. */
export function listMentoredTeams(db: Q, mentorId: number) {
  return db
    .selectFrom("mentor_assignments")
    .innerJoin("cohort_teams", "cohort_teams.id", "mentor_assignments.cohort_team_id")
    .innerJoin("cohorts", "cohorts.id", "cohort_teams.cohort_id")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "cohort_teams.id as cohortTeamId",
      "cohort_teams.status",
      "entries.code",
      "teams.name as teamName",
      "teams.country",
      "cohorts.id as cohortId",
      "cohorts.name_i18n as cohortNameJson",
      "cohorts.starts_on as startsOn",
      "cohorts.ends_on as endsOn",
      "cohorts.cadence",
      "cohorts.due_days as dueDays",
      "contests.id as contestId",
      "contests.name_i18n as contestNameJson",
      "contests.name as contestFallback",
      "contests.time_zone as timeZone",
    ])
    .where("mentor_assignments.mentor_id", "=", mentorId)
    .where("cohort_teams.status", "!=", "left")
    .orderBy("contests.id")
    .orderBy("cohorts.starts_on")
    .orderBy("cohorts.id")
    .orderBy("entries.code")
    .execute();
}

/** The period, status and mentor status of every check-in of some cohort teams. */
export async function listCheckinFacts(db: Q, cohortTeamIds: readonly number[]) {
  if (!cohortTeamIds.length) return [];
  return db
    .selectFrom("checkins")
    .select(["cohort_team_id as cohortTeamId", "period", "status", "mentor_status as mentorStatus"])
    .where("cohort_team_id", "in", [...cohortTeamIds])
    .execute();
}
