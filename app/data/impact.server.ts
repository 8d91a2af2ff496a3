// Queries of the M&E dashboard and the public impact summary: one read per table for one cohort or
// every cohort of a contest: cohorts, their teams, submitted check-ins and milestones. Exchange rates
// come from `ratesFor` in checkins.server.ts, tracks from contests.server.ts.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

function cohortsQuery(db: Q) {
  return db
    .selectFrom("cohorts")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .select([
      "cohorts.id",
      "cohorts.name_i18n as nameJson",
      "cohorts.starts_on as startsOn",
      "cohorts.ends_on as endsOn",
      "cohorts.cadence",
      "cohorts.due_days as dueDays",
      "cohorts.reporting_currency as reportingCurrency",
      "cohorts.milestone_template_json as templateJson",
      "contests.id as contestId",
      "contests.slug as contestSlug",
      "contests.time_zone as timeZone",
    ]);
}

/** A cohort, only when it belongs to the contest. */
export function findImpactCohort(db: Q, contestId: number, cohortId: number) {
  return cohortsQuery(db).where("cohorts.id", "=", cohortId).where("cohorts.contest_id", "=", contestId).executeTakeFirst();
}

export function listImpactCohorts(db: Q, contestId: number) {
  return cohortsQuery(db)
    .where("cohorts.contest_id", "=", contestId)
    .orderBy("cohorts.starts_on")
    .orderBy("cohorts.id")
    .execute();
}

export async function countContestCohorts(db: Q, contestId: number): Promise<number> {
  const row = await db
    .selectFrom("cohorts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contest_id", "=", contestId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The teams of the cohorts with the facts the breakdowns need. */
export async function listImpactTeams(db: Q, cohortIds: readonly number[]) {
  if (!cohortIds.length) return [];
  return db
    .selectFrom("cohort_teams")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "cohort_teams.id",
      "cohort_teams.cohort_id as cohortId",
      "cohort_teams.status",
      "entries.code",
      "entries.status as entryStatus",
      "entries.track_id as trackId",
      "teams.id as teamId",
      "teams.name as teamName",
      "teams.country",
      "teams.women_led as womenLed",
      "teams.founders_women as foundersWomen",
      "teams.founders_men as foundersMen",
      "teams.founders_other as foundersOther",
    ])
    .where("cohort_teams.cohort_id", "in", cohortIds)
    .orderBy("teams.name")
    .orderBy("cohort_teams.id")
    .execute();
}

/** Submitted check-ins only: a draft is not a report. */
export async function listSubmittedCheckins(db: Q, cohortIds: readonly number[]) {
  if (!cohortIds.length) return [];
  return db
    .selectFrom("checkins")
    .innerJoin("cohort_teams", "cohort_teams.id", "checkins.cohort_team_id")
    .select([
      "checkins.cohort_team_id as cohortTeamId",
      "checkins.period",
      "checkins.revenue",
      "checkins.revenue_currency as revenueCurrency",
      "checkins.funding",
      "checkins.funding_currency as fundingCurrency",
      "checkins.employees",
      "checkins.women_employees as womenEmployees",
      "checkins.customers",
      "checkins.jobs_created as jobsCreated",
      "checkins.ip_filed as ipFiled",
      "checkins.mentor_status as mentorStatus",
      "checkins.submitted_at as submittedAt",
    ])
    .where("cohort_teams.cohort_id", "in", cohortIds)
    .where("checkins.status", "=", "submitted")
    .execute();
}

export async function listImpactMilestones(db: Q, cohortIds: readonly number[]) {
  if (!cohortIds.length) return [];
  return db
    .selectFrom("milestones")
    .innerJoin("cohort_teams", "cohort_teams.id", "milestones.cohort_team_id")
    .select(["milestones.cohort_team_id as cohortTeamId", "milestones.template_key as templateKey", "milestones.status"])
    .where("cohort_teams.cohort_id", "in", cohortIds)
    .execute();
}
