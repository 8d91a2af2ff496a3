// Queries of pairwise rounds (migration 0015): the round's mode and windows, its comparisons, and the
// entries a comparison page shows.
import type { Kysely, Transaction } from "kysely";
import type { Database, PairwiseAnswer } from "#db/schema";

type Q = Kysely<Database> | Transaction<Database>;

/** A round of a contest with what pairwise judging needs, or undefined when it belongs to another contest. */
export function findPairwiseRound(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("rounds")
    .innerJoin("contests", "contests.id", "rounds.contest_id")
    .select([
      "rounds.id",
      "rounds.contest_id as contestId",
      "rounds.position",
      "rounds.name_i18n as nameJson",
      "rounds.judging_mode as mode",
      "rounds.blind_review as blind",
      "rounds.rubric_id as rubricId",
      "rounds.aggregation_method as method",
      "rounds.review_opens_at as reviewOpensAt",
      "rounds.review_closes_at as reviewClosesAt",
      "contests.name_i18n as contestNameJson",
      "contests.slug as contestSlug",
      "contests.time_zone as timeZone",
    ])
    .where("rounds.id", "=", roundId)
    .where("rounds.contest_id", "=", contestId)
    .executeTakeFirst();
}

/** Every comparison of a round, in the order given (the model is rebuilt in that order). */
export function listRoundComparisons(db: Q, roundId: number) {
  return db
    .selectFrom("pairwise_comparisons")
    .select(["id", "judge_id as judgeId", "first_entry_id as firstId", "second_entry_id as secondId", "answer"])
    .where("round_id", "=", roundId)
    .orderBy("id")
    .execute();
}

export async function countJudgeComparisons(db: Q, roundId: number, judgeId: number): Promise<number> {
  const row = await db
    .selectFrom("pairwise_comparisons")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", roundId)
    .where("judge_id", "=", judgeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function hasCompared(db: Q, roundId: number, judgeId: number, a: number, b: number): Promise<boolean> {
  const row = await db
    .selectFrom("pairwise_comparisons")
    .select("id")
    .where("round_id", "=", roundId)
    .where("judge_id", "=", judgeId)
    .where("low_entry_id", "=", Math.min(a, b))
    .where("high_entry_id", "=", Math.max(a, b))
    .executeTakeFirst();
  return Boolean(row);
}

export function insertComparison(
  db: Q,
  row: { roundId: number; judgeId: number; firstId: number; secondId: number; answer: PairwiseAnswer; now: Date },
) {
  return db
    .insertInto("pairwise_comparisons")
    .values({
      round_id: row.roundId,
      judge_id: row.judgeId,
      first_entry_id: row.firstId,
      second_entry_id: row.secondId,
      answer: row.answer,
      created_at: row.now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Whether a round has any comparison or any review (its judging mode is then fixed). */
export async function roundHasJudgingWork(db: Q, roundId: number): Promise<boolean> {
  const [comparison, review] = await Promise.all([
    db.selectFrom("pairwise_comparisons").select("id").where("round_id", "=", roundId).executeTakeFirst(),
    db
      .selectFrom("reviews")
      .innerJoin("assignments", "assignments.id", "reviews.assignment_id")
      .select("reviews.id")
      .where("assignments.round_id", "=", roundId)
      .executeTakeFirst(),
  ]);
  return Boolean(comparison || review);
}

/** The entries a comparison page shows, with the team's pitch and identity (the service drops it in blind rounds). */
export function listEntriesForComparison(db: Q, contestId: number, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.track_id as trackId",
      "tracks.name_i18n as trackNameJson",
      "teams.pitch",
      "teams.name as teamName",
      "teams.organisation as teamOrganisation",
      "teams.country as teamCountry",
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.id", "in", entryIds)
    .execute();
}

/** The latest rubric round before `position` in a contest, if any (its reviews are compared with a pairwise ranking). */
export function findPreviousRubricRound(db: Q, contestId: number, position: number) {
  return db
    .selectFrom("rounds")
    .select(["id", "rubric_id as rubricId", "aggregation_method as method", "name_i18n as nameJson"])
    .where("contest_id", "=", contestId)
    .where("judging_mode", "=", "rubric")
    .where("position", "<", position)
    .orderBy("position", "desc")
    .executeTakeFirst();
}

export function listJudgeNames(db: Q, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute();
}
