// Shared reads of incubation: one cohort team with its entry, team, cohort and contest, and whether a
// user mentors it. Feature modules (cohorts, check-ins, support, M&E) add their own data files.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findCohortTeam(db: Q, cohortTeamId: number) {
  return db
    .selectFrom("cohort_teams")
    .innerJoin("cohorts", "cohorts.id", "cohort_teams.cohort_id")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "cohort_teams.id",
      "cohort_teams.status",
      "cohort_teams.entry_id as entryId",
      "cohorts.id as cohortId",
      "cohorts.name_i18n as cohortNameJson",
      "cohorts.starts_on as startsOn",
      "cohorts.ends_on as endsOn",
      "cohorts.cadence",
      "cohorts.due_days as dueDays",
      "cohorts.reporting_currency as reportingCurrency",
      "contests.id as contestId",
      "contests.slug as contestSlug",
      "contests.time_zone as timeZone",
      "entries.code",
      "entries.track_id as trackId",
      "teams.id as teamId",
      "teams.name as teamName",
      "teams.country",
    ])
    .where("cohort_teams.id", "=", cohortTeamId)
    .executeTakeFirst();
}

export async function mentorsTeam(db: Q, cohortTeamId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("mentor_assignments")
    .select("id")
    .where("cohort_team_id", "=", cohortTeamId)
    .where("mentor_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}
