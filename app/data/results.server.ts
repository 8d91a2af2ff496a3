// The rows behind a round's results: the round and its rubric, the entries it assigned, and every
// submitted review's criterion scores in one read (no query per entry or per review).
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

export function findRoundForResults(db: Kysely<Database>, contestId: number, roundId: number) {
  return db
    .selectFrom("rounds")
    .select(["id", "name_i18n as nameJson", "rubric_id as rubricId", "aggregation_method as method", "position"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
}

export function listResultCriteria(db: Kysely<Database>, rubricId: number) {
  return db
    .selectFrom("criteria")
    .select(["id", "key", "name_i18n as nameJson", "weight", "scale_min", "scale_max", "scale_step"])
    .where("rubric_id", "=", rubricId)
    .orderBy("position")
    .execute();
}

/** Registered entries of the contest with at least one assignment in the round, with team and track. */
export function listRoundEntries(db: Kysely<Database>, contestId: number, roundId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.track_id as trackId",
      "teams.name as teamName",
      "tracks.name_i18n as trackNameJson",
      "tracks.position as trackPosition",
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments")
          .select("assignments.id")
          .whereRef("assignments.entry_id", "=", "entries.id")
          .where("assignments.round_id", "=", roundId),
      ),
    )
    .orderBy("entries.id")
    .execute();
}

/** One row per criterion score of every submitted review in the round. */
export function listSubmittedScores(db: Kysely<Database>, roundId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("criterion_scores", "criterion_scores.review_id", "reviews.id")
    .select([
      "reviews.id as reviewId",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "reviews.confidence",
      "criterion_scores.criterion_id as criterionId",
      "criterion_scores.value",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("reviews.status", "=", "submitted")
    .orderBy("reviews.id")
    .execute();
}

/**
 * Every review of the round for the organisers' export, draft or submitted, whatever the entry's
 * status: the reviews with entry, team, track and judge in one read, and all their criterion scores
 * (with comments) in a second, so the export never reads per review.
 */
export async function listRoundReviewsForExport(db: Kysely<Database>, contestId: number, roundId: number) {
  const reviews = await db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .select([
      "reviews.id as reviewId",
      "reviews.status",
      "reviews.submitted_at as submittedAt",
      "reviews.confidence",
      "reviews.feedback",
      "reviews.note",
      "entries.id as entryId",
      "entries.code",
      "entries.status as entryStatus",
      "teams.name as teamName",
      "tracks.name_i18n as trackNameJson",
      "users.name as judgeName",
      "users.email as judgeEmail",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("entries.contest_id", "=", contestId)
    .orderBy("tracks.position")
    .orderBy("entries.code")
    .orderBy("users.name")
    .orderBy("reviews.id")
    .execute();
  const scores = await db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("criterion_scores", "criterion_scores.review_id", "reviews.id")
    .select([
      "reviews.id as reviewId",
      "criterion_scores.criterion_id as criterionId",
      "criterion_scores.value",
      "criterion_scores.comment",
    ])
    .where("assignments.round_id", "=", roundId)
    .execute();
  return { reviews, scores };
}

/** The home country of each entry's team, for the entries the round assigned. */
export function listRoundEntryCountries(db: Kysely<Database>, contestId: number, roundId: number) {
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select(["entries.id as entryId", "teams.country"])
    .where("entries.contest_id", "=", contestId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments")
          .select("assignments.id")
          .whereRef("assignments.entry_id", "=", "entries.id")
          .where("assignments.round_id", "=", roundId),
      ),
    )
    .execute();
}
