// Queries behind a round's progress view: one page of entries filtered and counted in SQL (so a
// round of thousands of entries never loads whole), their judges, the judges' counts, the scores
// of submitted reviews, and the judges who still have reviews to finish.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database> | Transaction<Database>;

/** An entry's place in the round: a judge missing, or a review not started, in draft, or all submitted. */
export type ProgressStatus = "missing" | "not_started" | "draft" | "submitted";

export interface ProgressFilter {
  contestId: number;
  roundId: number;
  judgesPerEntry: number;
  trackId: number | null;
  /** Only entries this judge is on; the status then describes this judge's review. */
  judgeId: number | null;
  status: ProgressStatus | null;
  /** Part of an entry code, any case. */
  code: string | null;
}

type EntriesEb = ExpressionBuilder<Database, "entries">;

function assignmentsOf(eb: EntriesEb, roundId: number) {
  return eb
    .selectFrom("assignments")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .whereRef("assignments.entry_id", "=", "entries.id")
    .where("assignments.round_id", "=", roundId);
}

function assignedCount(eb: EntriesEb, roundId: number) {
  return assignmentsOf(eb, roundId).select((e) => e.fn.countAll<number>().as("n"));
}

function hasReviewIn(eb: EntriesEb, f: ProgressFilter, stage: "not_started" | "draft" | "submitted") {
  let query = assignmentsOf(eb, f.roundId).select("assignments.id");
  if (f.judgeId !== null) query = query.where("assignments.judge_id", "=", f.judgeId);
  query = stage === "not_started" ? query.where("reviews.id", "is", null) : query.where("reviews.status", "=", stage);
  return eb.exists(query);
}

function statusCondition(eb: EntriesEb, f: ProgressFilter): Expression<SqlBool> {
  switch (f.status) {
    case "missing":
      return eb(assignedCount(eb, f.roundId), "<", f.judgesPerEntry);
    case "not_started":
    case "draft":
      return hasReviewIn(eb, f, f.status);
    case "submitted":
      // One judge's review submitted; or, for the whole entry, every judge it needs has submitted.
      if (f.judgeId !== null) return hasReviewIn(eb, f, "submitted");
      return eb.and([
        eb(assignedCount(eb, f.roundId), ">=", f.judgesPerEntry),
        eb.not(
          eb.exists(
            assignmentsOf(eb, f.roundId)
              .select("assignments.id")
              .where((w) => w.or([w("reviews.id", "is", null), w("reviews.status", "!=", "submitted")])),
          ),
        ),
      ]);
    default:
      return eb.lit(true);
  }
}

/** Escapes LIKE's wildcards so a code search matches the text typed, nothing more. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filteredEntries(db: Q, f: ProgressFilter) {
  let query = db.selectFrom("entries").where("entries.contest_id", "=", f.contestId).where("entries.status", "=", "registered");
  if (f.trackId !== null) query = query.where("entries.track_id", "=", f.trackId);
  if (f.code) query = query.where(sql<SqlBool>`entries.code like ${likeContains(f.code)} escape '\\'`);
  if (f.judgeId !== null) {
    const judgeId = f.judgeId;
    query = query.where((eb) =>
      eb.exists(assignmentsOf(eb, f.roundId).select("assignments.id").where("assignments.judge_id", "=", judgeId)),
    );
  }
  if (f.status !== null) query = query.where((eb) => statusCondition(eb, f));
  return query;
}

/** How many entries match the filter. */
export async function countProgressEntries(db: Q, f: ProgressFilter): Promise<number> {
  const row = await filteredEntries(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of the matching entries, by code, with how many judges each has and how many submitted. */
export function listProgressEntries(db: Q, f: ProgressFilter, page: { limit: number; offset: number }) {
  return filteredEntries(db, f)
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select((eb) => [
      "entries.id",
      "entries.code",
      "entries.track_id as trackId",
      "teams.name as teamName",
      assignedCount(eb, f.roundId).as("assigned"),
      assignmentsOf(eb, f.roundId)
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("reviews.status", "=", "submitted")
        .as("submitted"),
    ])
    .orderBy("entries.code")
    .orderBy("entries.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** The round's entries by where they stand: short of judges, with work left, and complete. */
export async function progressSummary(db: Q, contestId: number, roundId: number, judgesPerEntry: number) {
  const perEntry = db
    .selectFrom("entries")
    .leftJoin("assignments", (j) => j.onRef("assignments.entry_id", "=", "entries.id").on("assignments.round_id", "=", roundId))
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select((eb) => [
      eb.fn.count<number>("assignments.id").as("assigned"),
      eb.fn.sum<number>(eb.case().when("reviews.status", "=", "submitted").then(1).else(0).end()).as("submitted"),
    ])
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .groupBy("entries.id")
    .as("e");
  const row = await db
    .selectFrom(perEntry)
    .select((eb) => [
      eb.fn.countAll<number>().as("entries"),
      eb.fn.sum<number>(eb.case().when("e.assigned", "<", judgesPerEntry).then(1).else(0).end()).as("missing"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("e.assigned", ">=", judgesPerEntry), eb("e.submitted", "=", eb.ref("e.assigned"))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("complete"),
    ])
    .executeTakeFirstOrThrow();
  return { entries: Number(row.entries), missing: Number(row.missing ?? 0), complete: Number(row.complete ?? 0) };
}

/** The judges on some entries of a round, with their review's stage. */
export function listAssignmentsForEntries(db: Q, roundId: number, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("assignments")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "users.name",
      "reviews.status as reviewStatus",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "in", entryIds)
    .orderBy("users.name")
    .orderBy("assignments.id")
    .execute();
}

export function listConflictsForEntries(db: Q, contestId: number, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("conflicts")
    .select(["user_id as userId", "entry_id as entryId"])
    .where("contest_id", "=", contestId)
    .where("entry_id", "in", entryIds)
    .execute();
}

/**
 * Every judge of the contest with their work in this round (assigned, submitted, in draft), the
 * languages they read and whether they signed the contest's current agreement.
 */
export async function listRoundJudges(db: Q, contestId: number, roundId: number) {
  const rows = await db
    .selectFrom("judge_profiles")
    .innerJoin("users", "users.id", "judge_profiles.user_id")
    .leftJoin("assignments", (j) =>
      j.onRef("assignments.judge_id", "=", "judge_profiles.user_id").on("assignments.round_id", "=", roundId),
    )
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select((eb) => [
      "users.id",
      "users.name",
      "judge_profiles.status",
      "judge_profiles.track_ids_json as trackIdsJson",
      "judge_profiles.languages_json as languagesJson",
      eb
        .exists(
          eb
            .selectFrom("agreement_acceptances")
            .innerJoin("contests", "contests.id", "agreement_acceptances.contest_id")
            .select("agreement_acceptances.id")
            .where("agreement_acceptances.contest_id", "=", contestId)
            .whereRef("agreement_acceptances.user_id", "=", "judge_profiles.user_id")
            .whereRef("agreement_acceptances.agreement_version", ">=", "contests.judge_agreement_version"),
        )
        .as("signed"),
      eb.fn.count<number>("assignments.id").as("assigned"),
      eb.fn.sum<number>(eb.case().when("reviews.status", "=", "submitted").then(1).else(0).end()).as("submitted"),
      eb.fn.sum<number>(eb.case().when("reviews.status", "=", "draft").then(1).else(0).end()).as("drafts"),
    ])
    .where("judge_profiles.contest_id", "=", contestId)
    .groupBy([
      "users.id",
      "users.name",
      "judge_profiles.status",
      "judge_profiles.track_ids_json",
      "judge_profiles.languages_json",
    ])
    .orderBy("users.name")
    .orderBy("users.id")
    .execute();
  return rows.map((r) => ({
    ...r,
    signed: Boolean(r.signed),
    assigned: Number(r.assigned),
    submitted: Number(r.submitted ?? 0),
    drafts: Number(r.drafts ?? 0),
  }));
}

/** Each score of each submitted review of a round, against the round's rubric's criteria. */
export function listSubmittedScores(db: Q, roundId: number, rubricId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("criterion_scores", "criterion_scores.review_id", "reviews.id")
    .innerJoin("criteria", "criteria.id", "criterion_scores.criterion_id")
    .select([
      "assignments.id as assignmentId",
      "assignments.judge_id as judgeId",
      "assignments.entry_id as entryId",
      "criteria.key",
      "criterion_scores.value",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("reviews.status", "=", "submitted")
    .where("criteria.rubric_id", "=", rubricId)
    .execute();
}

/**
 * Active judges' unfinished reviews in a round (not started or in draft) on entries still
 * registered and without a conflict, with what a reminder needs: address, language, time zone.
 */
export function listUnfinishedReviews(db: Q, contestId: number, roundId: number, judgeId: number | null) {
  let query = db
    .selectFrom("assignments")
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .innerJoin("judge_profiles", (j) =>
      j.onRef("judge_profiles.user_id", "=", "assignments.judge_id").on("judge_profiles.contest_id", "=", contestId),
    )
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.judge_id as judgeId",
      "users.email",
      "users.name",
      "users.preferred_language as language",
      "users.time_zone as timeZone",
      "entries.code",
    ])
    .where("assignments.round_id", "=", roundId)
    .where("entries.status", "=", "registered")
    .where("judge_profiles.status", "=", "active")
    .where((eb) => eb.or([eb("reviews.id", "is", null), eb("reviews.status", "=", "draft")]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("conflicts")
            .select("conflicts.id")
            .whereRef("conflicts.user_id", "=", "assignments.judge_id")
            .whereRef("conflicts.entry_id", "=", "assignments.entry_id"),
        ),
      ),
    );
  if (judgeId !== null) query = query.where("assignments.judge_id", "=", judgeId);
  return query.orderBy("assignments.judge_id").orderBy("entries.code").execute();
}

/** One assignment of a contest's round, with its review's stage. */
export function findContestAssignment(db: Q, contestId: number, assignmentId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("rounds", "rounds.id", "assignments.round_id")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id",
      "assignments.round_id as roundId",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "reviews.status as reviewStatus",
    ])
    .where("assignments.id", "=", assignmentId)
    .where("rounds.contest_id", "=", contestId)
    .executeTakeFirst();
}

/** Whether a user is an active judge of the contest (a judge role and an active profile). */
export async function isActiveJudge(db: Q, contestId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("judge_profiles")
    .innerJoin("contest_roles", (j) =>
      j
        .onRef("contest_roles.user_id", "=", "judge_profiles.user_id")
        .onRef("contest_roles.contest_id", "=", "judge_profiles.contest_id")
        .on("contest_roles.role", "=", "judge"),
    )
    .select("judge_profiles.id")
    .where("judge_profiles.contest_id", "=", contestId)
    .where("judge_profiles.user_id", "=", userId)
    .where("judge_profiles.status", "=", "active")
    .executeTakeFirst();
  return Boolean(row);
}

/** A round of a contest, or undefined when the round belongs to another contest. */
export function findContestRound(db: Q, contestId: number, roundId: number) {
  return db.selectFrom("rounds").selectAll().where("id", "=", roundId).where("contest_id", "=", contestId).executeTakeFirst();
}
