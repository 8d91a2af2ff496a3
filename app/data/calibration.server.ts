// Queries behind calibration entries: a round's choices per track, the panel of a track, the
// judges' reviews of the calibration entry, and the scores that make their totals.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database> | Transaction<Database>;

/** Every calibration entry of a round, with the entry's code and team (for the organiser). */
export function listRoundCalibrationEntries(db: Q, roundId: number) {
  return db
    .selectFrom("round_calibration_entries")
    .innerJoin("entries", "entries.id", "round_calibration_entries.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "round_calibration_entries.id",
      "round_calibration_entries.round_id as roundId",
      "round_calibration_entries.track_id as trackId",
      "round_calibration_entries.entry_id as entryId",
      "round_calibration_entries.chosen_at as chosenAt",
      "entries.code",
      "teams.name as teamName",
    ])
    .where("round_calibration_entries.round_id", "=", roundId)
    .orderBy("round_calibration_entries.track_id")
    .execute();
}

export function findCalibrationEntry(db: Q, roundId: number, trackId: number) {
  return db
    .selectFrom("round_calibration_entries")
    .selectAll()
    .where("round_id", "=", roundId)
    .where("track_id", "=", trackId)
    .executeTakeFirst();
}

/** The judges with an assignment in the round on an entry of the track: the track's panel. */
export async function listPanelJudgeIds(db: Q, roundId: number, trackId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("assignments")
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .select("assignments.judge_id as judgeId")
    .distinct()
    .where("assignments.round_id", "=", roundId)
    .where("entries.track_id", "=", trackId)
    .orderBy("assignments.judge_id")
    .execute();
  return rows.map((r) => r.judgeId);
}

/** Submitted reviews of entries other than `exceptEntryId` in the round and track. */
export async function countSubmittedInTrack(db: Q, roundId: number, trackId: number, exceptEntryId: number | null) {
  let query = db
    .selectFrom("assignments")
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("assignments.round_id", "=", roundId)
    .where("entries.track_id", "=", trackId)
    .where("reviews.status", "=", "submitted");
  if (exceptEntryId !== null) query = query.where("assignments.entry_id", "!=", exceptEntryId);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every assignment to one entry in a round: judge, name and review status. */
export function listEntryAssignments(db: Q, roundId: number, entryId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select(["assignments.id", "assignments.judge_id as judgeId", "users.name", "reviews.status as reviewStatus"])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "=", entryId)
    .orderBy("users.name")
    .orderBy("assignments.judge_id")
    .execute();
}

/** The scores of every submitted review of one entry in a round, by criterion key, for totals. */
export function listEntrySubmittedScores(db: Q, roundId: number, entryId: number, rubricId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("criterion_scores", "criterion_scores.review_id", "reviews.id")
    .innerJoin("criteria", "criteria.id", "criterion_scores.criterion_id")
    .select(["assignments.judge_id as judgeId", "criteria.key", "criterion_scores.value"])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "=", entryId)
    .where("reviews.status", "=", "submitted")
    .where("criteria.rubric_id", "=", rubricId)
    .execute();
}

/**
 * A judge's calibration duties in the given rounds: for each calibration entry of a round where
 * the judge has an assignment in its track, the judge's own assignment to it (null when they have
 * none) and that review's status. An entry the judge is in conflict with is left out.
 */
export function listJudgeCalibrationDuties(db: Q, judgeId: number, roundIds: readonly number[]) {
  return (
    db
      .selectFrom("round_calibration_entries as rce")
      .innerJoin("rounds", "rounds.id", "rce.round_id")
      .innerJoin("entries", "entries.id", "rce.entry_id")
      .leftJoin("assignments as own", (j) =>
        j.onRef("own.round_id", "=", "rce.round_id").onRef("own.entry_id", "=", "rce.entry_id").on("own.judge_id", "=", judgeId),
      )
      .leftJoin("reviews", "reviews.assignment_id", "own.id")
      .select([
        "rce.round_id as roundId",
        "rce.track_id as trackId",
        "rce.entry_id as entryId",
        "rounds.rubric_id as rubricId",
        "entries.code",
        "own.id as assignmentId",
        "reviews.status as reviewStatus",
      ])
      .where("rce.round_id", "in", roundIds.length ? [...roundIds] : [-1])
      // A conflict declared after the assignment hides the entry from the judge: nothing to score first.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("conflicts")
              .select("conflicts.id")
              .where("conflicts.user_id", "=", judgeId)
              .whereRef("conflicts.entry_id", "=", "rce.entry_id"),
          ),
        ),
      )
      .orderBy("rce.round_id")
      .orderBy("rce.track_id")
      .execute()
  );
}
