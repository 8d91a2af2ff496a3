// Keeping a round's judging moving: each judge's scoring compared with the panel's, reminders to
// judges with reviews to finish (codes only, never a team's name), and swapping one judge for
// another on an entry in one step.
import { calibrateJudges, type JudgeCalibration, type ReviewTotal } from "#app/domain/judge-calibration";
import { pickLocalized, parseLocalizedJson } from "#app/domain/localized";
import { isLanguage, type Language } from "#app/domain/locale";
import { can } from "#app/domain/permissions";
import { weightedTotal, type RubricDefinition } from "#app/domain/rubric";
import { formatInstant } from "#app/domain/time";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import {
  findContestAssignment,
  findContestRound,
  isActiveJudge,
  listSubmittedScores,
  listUnfinishedReviews,
} from "#app/data/assignments.server";
import { findContest, listCriteria } from "#app/data/contests.server";
import { hasConflict } from "#app/data/judges.server";
import { ensureCalibrationAssignments } from "./calibration-entry.server";
import type { ServiceContext } from "./context.server";
import { syncDetectedConflicts } from "./judges.server";
import { reviewWindow } from "./reviews.server";
import { fail, ok, type Result } from "./result";

/** The total (out of 100) of every submitted review of a round that has a complete score. */
export async function roundReviewTotals(db: DB, roundId: number, rubricId: number | null): Promise<ReviewTotal[]> {
  if (rubricId === null) return [];
  const [criteria, scores] = await Promise.all([listCriteria(db, [rubricId]), listSubmittedScores(db, roundId, rubricId)]);
  const rubric: RubricDefinition = {
    criteria: criteria.map((c) => ({
      key: c.key,
      name: { en: c.key },
      description: null,
      weight: c.weight,
      scale: { min: c.scale_min, max: c.scale_max, step: c.scale_step },
      levels: [],
    })),
  };
  const reviews = new Map<number, { judgeId: number; entryId: number; scores: Record<string, number> }>();
  for (const s of scores) {
    const review = reviews.get(s.assignmentId) ?? { judgeId: s.judgeId, entryId: s.entryId, scores: {} };
    if (s.value !== null) review.scores[s.key] = s.value;
    reviews.set(s.assignmentId, review);
  }
  const totals: ReviewTotal[] = [];
  for (const review of reviews.values()) {
    const total = weightedTotal(review.scores, rubric);
    if (total !== null) totals.push({ judgeId: review.judgeId, entryId: review.entryId, total });
  }
  return totals;
}

/** Each judge's average total next to the panel's on the same entries, keyed by judge. */
export async function roundCalibration(
  db: DB,
  roundId: number,
  rubricId: number | null,
  judgeIds: readonly number[],
): Promise<Map<number, JudgeCalibration>> {
  const totals = await roundReviewTotals(db, roundId, rubricId);
  return new Map(calibrateJudges(judgeIds, totals).map((c) => [c.judgeId, c]));
}

/**
 * Emails every active judge with unfinished reviews in the round (or only `judgeId`): how many,
 * which entry codes, the deadline in their zone and the contest's, and the link to their reviews.
 * Refused once the review period has ended (or before it begins: there is nothing to finish yet).
 */
export async function remindJudges(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  options: { judgeId: number | null } = { judgeId: null },
): Promise<Result<{ judges: number; reviews: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [contest, round] = await Promise.all([findContest(ctx.db, contestId), findContestRound(ctx.db, contestId, roundId)]);
  if (!contest || !round) return fail("not_found");
  const window = reviewWindow(round.review_opens_at, round.review_closes_at, ctx.now);
  if (window !== "open") return fail(window === "closed" ? "review_closed" : "review_not_open");
  const contestName = parseLocalizedJson(contest.name_i18n) ?? { en: contest.name };
  const roundName = parseLocalizedJson(round.name_i18n) ?? { en: "" };
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listUnfinishedReviews(trx, contestId, roundId, options.judgeId);
    const byJudge = new Map<number, { first: (typeof rows)[number]; codes: string[] }>();
    for (const row of rows) {
      const judge = byJudge.get(row.judgeId) ?? { first: row, codes: [] };
      judge.codes.push(row.code);
      byJudge.set(row.judgeId, judge);
    }
    for (const { first, codes } of byJudge.values()) {
      const language: Language = isLanguage(first.language) ? first.language : "en";
      const closesAt = round.review_closes_at;
      const deadline = closesAt ? formatInstant(closesAt, { locale: language, timeZone: first.timeZone }) : "";
      const contestDeadline = closesAt ? formatInstant(closesAt, { locale: language, timeZone: contest.time_zone }) : "";
      await enqueueMail(trx, {
        kind: "review_reminder",
        to: { address: first.email, name: first.name, language },
        params: {
          name: first.name,
          contest: pickLocalized(contestName, language),
          round: pickLocalized(roundName, language),
          count: codes.length,
          deadline,
          contestDeadline,
          url: `${ctx.appUrl}/judging`,
          items: codes,
          context: !closesAt ? "no_deadline" : deadline === contestDeadline ? "one_zone" : undefined,
        },
        now: ctx.now,
      });
    }
    const judgeIds = [...byJudge.keys()];
    if (judgeIds.length)
      await audit(trx, {
        actorUserId: ctx.actor!.userId,
        action: "round.reminders_sent",
        subjectType: "round",
        subjectId: roundId,
        contestId,
        after: { judgeIds, reviews: rows.length, onlyJudgeId: options.judgeId },
        ip: ctx.ip,
        now: ctx.now,
      });
    return ok({ judges: judgeIds.length, reviews: rows.length });
  });
}

/** Carries a refusal out of a transaction so that everything it did is rolled back. */
class Refused extends Error {
  constructor(readonly result: { ok: false; error: { code: string; field?: string } }) {
    super(result.error.code);
  }
}

/**
 * Takes a judge off an entry and puts another on it, in one step: the review must not be
 * submitted (reopen it first), and the new judge must be active, free of conflict with the entry
 * and not already on it. A refusal changes nothing.
 */
export async function replaceJudge(
  ctx: ServiceContext,
  contestId: number,
  input: { assignmentId: number; judgeId: number },
): Promise<Result<{ assignmentId: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const refuse = (code: string, field?: string): never => {
    throw new Refused(fail(code, field));
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const current = await findContestAssignment(trx, contestId, input.assignmentId);
      if (!current) return refuse("not_found");
      if (current.reviewStatus === "submitted") refuse("review_submitted");
      if (current.judgeId === input.judgeId) refuse("already_assigned", "judgeId");
      const entry = await trx
        .selectFrom("entries")
        .select("id")
        .where("id", "=", current.entryId)
        .where("status", "=", "registered")
        .executeTakeFirst();
      if (!entry) refuse("not_found");
      // Conflicts found from the judge's organisation or email are recorded before the check, as
      // when adding a judge; a refusal rolls them back with everything else.
      await syncDetectedConflicts(trx, contestId, [input.judgeId], ctx);
      if (!(await isActiveJudge(trx, contestId, input.judgeId))) refuse("judge_not_active", "judgeId");
      if (await hasConflict(trx, input.judgeId, current.entryId)) refuse("judge_conflicted", "judgeId");
      await trx.deleteFrom("assignments").where("id", "=", current.id).execute();
      const inserted = await trx
        .insertInto("assignments")
        .values({
          round_id: current.roundId,
          entry_id: current.entryId,
          judge_id: input.judgeId,
          source: "manual",
          assigned_by: ctx.actor!.userId,
          created_at: ctx.now.toISOString(),
        })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return refuse("already_assigned", "judgeId");
      await audit(trx, {
        actorUserId: ctx.actor!.userId,
        action: "assignment.replaced",
        subjectType: "assignment",
        subjectId: inserted.id,
        contestId,
        before: {
          assignmentId: current.id,
          roundId: current.roundId,
          entryId: current.entryId,
          judgeId: current.judgeId,
          reviewStatus: current.reviewStatus,
        },
        after: { assignmentId: inserted.id, roundId: current.roundId, entryId: current.entryId, judgeId: input.judgeId },
        ip: ctx.ip,
        now: ctx.now,
      });
      // The new judge may be new to a calibrated track's panel: they score its calibration entry first.
      await ensureCalibrationAssignments(trx, ctx, contestId, current.roundId, { judgeIds: [input.judgeId] });
      return ok({ assignmentId: inserted.id });
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
