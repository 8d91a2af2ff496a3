// Queries behind asking one more judge about a disputed entry: the entries' track and materials
// language, and the requests still waiting for their review.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

/** The action written when an organiser asks one more judge; its subject is the new assignment. */
export const MODERATION_REQUESTED = "moderation.requested";

/** Some registered entries of a contest with what the judge list needs: code, track, materials language. */
export function listModerationEntries(db: Q, contestId: number, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("entries")
    .select(["id", "code", "track_id as trackId", "materials_language as language"])
    .where("contest_id", "=", contestId)
    .where("status", "=", "registered")
    .where("id", "in", entryIds)
    .execute();
}

/**
 * Requests for one more review on some entries of a round whose review is not submitted yet, with
 * the judge asked: the assignments marked as moderation requests. A request ends when that review is
 * submitted, or with the assignment.
 */
export function listPendingModeration(db: Q, roundId: number, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("assignments")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id as assignmentId",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "users.name as judgeName",
      "assignments.moderation_requested_at as requestedAt",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "in", entryIds)
    .where("assignments.moderation_requested_at", "is not", null)
    .where((eb) => eb.or([eb("reviews.id", "is", null), eb("reviews.status", "!=", "submitted")]))
    .orderBy("assignments.id")
    .execute();
}

/** Marks a new assignment as a moderation request. */
export async function markModerationRequest(db: Q, assignmentId: number, at: string) {
  await db.updateTable("assignments").set({ moderation_requested_at: at }).where("id", "=", assignmentId).execute();
}

/** What an email to a judge needs. */
export function findJudgeContact(db: Q, userId: number) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "preferred_language as language", "time_zone as timeZone"])
    .where("id", "=", userId)
    .executeTakeFirst();
}
