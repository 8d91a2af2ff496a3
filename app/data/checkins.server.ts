// Queries of incubation check-ins: one team's check-ins, milestones and attachments; a cohort's
// check-ins, teams and exchange rates (for the organiser's rates page and the M&E dashboard); and
// what the check-in reminders need (active teams, members, reminders already sent).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function listTeamCheckins(db: Q, cohortTeamId: number) {
  return db
    .selectFrom("checkins")
    .select(["id", "period", "status", "submitted_at as submittedAt", "mentor_status as mentorStatus", "updated_at as updatedAt"])
    .where("cohort_team_id", "=", cohortTeamId)
    .execute();
}

export function findCheckin(db: Q, cohortTeamId: number, period: string) {
  return db
    .selectFrom("checkins")
    .leftJoin("users as mentor", "mentor.id", "checkins.mentor_id")
    .selectAll("checkins")
    .select("mentor.name as mentorName")
    .where("checkins.cohort_team_id", "=", cohortTeamId)
    .where("checkins.period", "=", period)
    .executeTakeFirst();
}

export function listTeamMilestones(db: Q, cohortTeamId: number) {
  return db
    .selectFrom("milestones")
    .select(["id", "title", "template_key as templateKey", "due_on as dueOn", "status", "done_on as doneOn"])
    .where("cohort_team_id", "=", cohortTeamId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function listAttachments(db: Q, checkinId: number) {
  return db
    .selectFrom("checkin_attachments")
    .select(["id", "file_name as fileName", "content_type as contentType", "size", "sha256", "created_at as createdAt"])
    .where("checkin_id", "=", checkinId)
    .orderBy("id")
    .execute();
}

export function findAttachment(db: Q, attachmentId: number) {
  return db
    .selectFrom("checkin_attachments")
    .innerJoin("checkins", "checkins.id", "checkin_attachments.checkin_id")
    .select([
      "checkin_attachments.id",
      "checkin_attachments.storage_key as storageKey",
      "checkin_attachments.file_name as fileName",
      "checkin_attachments.content_type as contentType",
      "checkin_attachments.size",
      "checkin_attachments.sha256",
      "checkins.id as checkinId",
      "checkins.cohort_team_id as cohortTeamId",
      "checkins.period",
      "checkins.status as checkinStatus",
    ])
    .where("checkin_attachments.id", "=", attachmentId)
    .executeTakeFirst();
}

export async function entryStatus(db: Q, entryId: number) {
  const row = await db.selectFrom("entries").select("status").where("id", "=", entryId).executeTakeFirst();
  return row?.status ?? null;
}

/** A cohort, only when it belongs to the contest (an id from another contest does not exist here). */
export function findContestCohort(db: Q, contestId: number, cohortId: number) {
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
      "contests.id as contestId",
      "contests.time_zone as timeZone",
    ])
    .where("cohorts.id", "=", cohortId)
    .where("cohorts.contest_id", "=", contestId)
    .executeTakeFirst();
}

/** Every team of a cohort with its entry, for organisers' lists. */
export function listCohortTeams(db: Q, cohortId: number) {
  return db
    .selectFrom("cohort_teams")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "cohort_teams.id",
      "cohort_teams.status",
      "entries.code",
      "entries.status as entryStatus",
      "teams.id as teamId",
      "teams.name as teamName",
    ])
    .where("cohort_teams.cohort_id", "=", cohortId)
    .orderBy("teams.name")
    .execute();
}

/** Every check-in of a cohort's teams, with the figures that carry a currency. */
export function listCohortCheckins(db: Q, cohortId: number) {
  return db
    .selectFrom("checkins")
    .innerJoin("cohort_teams", "cohort_teams.id", "checkins.cohort_team_id")
    .select([
      "checkins.id",
      "checkins.cohort_team_id as cohortTeamId",
      "checkins.period",
      "checkins.status",
      "checkins.revenue",
      "checkins.revenue_currency as revenueCurrency",
      "checkins.funding",
      "checkins.funding_currency as fundingCurrency",
    ])
    .where("cohort_teams.cohort_id", "=", cohortId)
    .execute();
}

export function listRates(db: Q, cohortId: number) {
  return db
    .selectFrom("exchange_rates")
    .select(["id", "period", "currency", "rate", "set_at as setAt"])
    .where("cohort_id", "=", cohortId)
    .orderBy("period")
    .orderBy("currency")
    .execute();
}

/**
 * The organiser's exchange rates of a cohort: period → currency → reporting-currency units per one
 * unit of that currency. For the M&E dashboard (with `toReporting` in app/domain/currency.ts).
 */
export async function ratesFor(db: Q, cohortId: number): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const row of await listRates(db, cohortId)) {
    const period = out.get(row.period) ?? new Map<string, number>();
    period.set(row.currency, row.rate);
    out.set(row.period, period);
  }
  return out;
}

/** Reminders already sent, per cohort team and period. */
export async function remindersSent(db: Q, cohortTeamIds: readonly number[]) {
  if (!cohortTeamIds.length) return [];
  return db
    .selectFrom("checkin_reminders")
    .select(["cohort_team_id as cohortTeamId", "period", "step", "sent_at as sentAt"])
    .where("cohort_team_id", "in", cohortTeamIds)
    .execute();
}

/** The cohort teams that file check-ins: still in the cohort, entry not withdrawn; optionally of one cohort. */
export function listActiveCohortTeams(db: Q, cohortId?: number) {
  let query = db
    .selectFrom("cohort_teams")
    .innerJoin("cohorts", "cohorts.id", "cohort_teams.cohort_id")
    .innerJoin("contests", "contests.id", "cohorts.contest_id")
    .innerJoin("entries", "entries.id", "cohort_teams.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "cohort_teams.id",
      "cohorts.id as cohortId",
      "cohorts.name_i18n as cohortNameJson",
      "cohorts.starts_on as startsOn",
      "cohorts.ends_on as endsOn",
      "cohorts.cadence",
      "cohorts.due_days as dueDays",
      "contests.id as contestId",
      "contests.time_zone as timeZone",
      "teams.id as teamId",
      "teams.name as teamName",
    ])
    .where("cohort_teams.status", "=", "active")
    .where("entries.status", "!=", "withdrawn");
  if (cohortId !== undefined) query = query.where("cohorts.id", "=", cohortId);
  return query.orderBy("cohort_teams.id").execute();
}

/** Submitted periods per cohort team, so reminders skip them. */
export async function submittedPeriods(db: Q, cohortTeamIds: readonly number[]) {
  if (!cohortTeamIds.length) return [];
  return db
    .selectFrom("checkins")
    .select(["cohort_team_id as cohortTeamId", "period"])
    .where("cohort_team_id", "in", cohortTeamIds)
    .where("status", "=", "submitted")
    .execute();
}

export function listTeamMembersForMail(db: Q, teamId: number) {
  return db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select(["users.id", "users.name", "users.email", "users.preferred_language as language"])
    .where("team_members.team_id", "=", teamId)
    .orderBy("users.id")
    .execute();
}
