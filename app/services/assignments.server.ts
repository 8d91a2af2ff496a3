// Who reviews which entry in a round: automatic assignment (app/domain/assignment.ts), manual
// changes, and re-balancing when a judge withdraws. Every change is audited.
import { assignJudges, type AssignmentProblem } from "#app/domain/assignment";
import { can } from "#app/domain/permissions";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { listConflicts } from "#app/data/judges.server";
import { whereTakesPart } from "#app/data/participation.server";
import { ensureCalibrationAssignments } from "./calibration-entry.server";
import type { ServiceContext } from "./context.server";
import { syncDetectedConflicts } from "./judges.server";
import { fail, ok, type Result } from "./result";

function findRound(db: DB, contestId: number, roundId: number) {
  return db.selectFrom("rounds").selectAll().where("id", "=", roundId).where("contest_id", "=", contestId).executeTakeFirst();
}

/** The entries a round reviews: the registered entries that take part in it (app/data/participation.server.ts). */
function roundEntries(db: DB, contestId: number, roundId: number) {
  return db
    .selectFrom("entries")
    .select(["id", "track_id as trackId", "materials_language as language"])
    .where("contest_id", "=", contestId)
    .where("status", "=", "registered")
    .where(whereTakesPart(roundId))
    .orderBy("id")
    .execute();
}

function activeJudges(db: DB, contestId: number) {
  return db
    .selectFrom("judge_profiles")
    .innerJoin("contest_roles", (j) =>
      j
        .onRef("contest_roles.user_id", "=", "judge_profiles.user_id")
        .onRef("contest_roles.contest_id", "=", "judge_profiles.contest_id")
        .on("contest_roles.role", "=", "judge"),
    )
    .select([
      "judge_profiles.user_id as id",
      "judge_profiles.track_ids_json as tracks",
      "judge_profiles.languages_json as languages",
    ])
    .where("judge_profiles.contest_id", "=", contestId)
    .where("judge_profiles.status", "=", "active")
    .orderBy("judge_profiles.user_id")
    .execute();
}

function roundAssignmentRows(db: DB, roundId: number) {
  return db
    .selectFrom("assignments")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "reviews.status as reviewStatus",
    ])
    .where("assignments.round_id", "=", roundId)
    .execute();
}

export type AssignMode = "fill" | "redo";

/**
 * Assigns the round's judges. "fill" keeps every current assignment and only fills the gaps;
 * "redo" also moves assignments nobody has started. Reviews begun or submitted always stay.
 */
export async function assignRound(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  options: { seed: number; mode: AssignMode },
): Promise<Result<{ added: number; removed: number; problems: AssignmentProblem[] }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  return ctx.db.transaction().execute(async (trx) => {
    await syncDetectedConflicts(trx, contestId, null, ctx);
    const [entries, judges, conflicts, existing] = await Promise.all([
      roundEntries(trx, contestId, roundId),
      activeJudges(trx, contestId),
      listConflicts(trx, contestId),
      roundAssignmentRows(trx, roundId),
    ]);
    const activeIds = new Set(judges.map((j) => j.id));
    const keep = existing.filter((a) =>
      options.mode === "fill" ? activeIds.has(a.judgeId) || a.reviewStatus === "submitted" : a.reviewStatus !== null,
    );
    const keepIds = new Set(keep.map((a) => a.id));
    const removed = existing.filter((a) => !keepIds.has(a.id));
    if (removed.length)
      await trx
        .deleteFrom("assignments")
        .where(
          "id",
          "in",
          removed.map((a) => a.id),
        )
        .execute();
    const result = assignJudges({
      entries,
      judges: judges.map((j) => ({
        id: j.id,
        trackIds: JSON.parse(j.tracks) as number[],
        languages: JSON.parse(j.languages) as string[],
      })),
      judgesPerEntry: round.judges_per_entry,
      conflicts: conflicts.map((c) => [c.userId, c.entryId] as const),
      keep: keep.map((a) => ({ judgeId: a.judgeId, entryId: a.entryId })),
      seed: options.seed,
    });
    for (let i = 0; i < result.added.length; i += 200) {
      await trx
        .insertInto("assignments")
        .values(
          result.added.slice(i, i + 200).map((a) => ({
            round_id: roundId,
            entry_id: a.entryId,
            judge_id: a.judgeId,
            source: "auto" as const,
            assigned_by: ctx.actor!.userId,
            created_at: ctx.now.toISOString(),
          })),
        )
        .execute();
    }
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "round.judges_assigned",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      before: { removed: removed.map((a) => ({ entryId: a.entryId, judgeId: a.judgeId })) },
      after: { seed: options.seed, mode: options.mode, added: result.added, problems: result.problems },
      ip: ctx.ip,
      now: ctx.now,
    });
    // Every judge now on a calibrated track's panel scores its calibration entry too.
    await ensureCalibrationAssignments(trx, ctx, contestId, roundId);
    return ok({ added: result.added.length, removed: removed.length, problems: result.problems });
  });
}

/** An organiser puts one judge on one entry. Conflicts and withdrawn judges are refused. */
export async function assignJudge(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { entryId: number; judgeId: number },
): Promise<Result<{ assignmentId: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  return ctx.db.transaction().execute((trx) => assignJudgeIn(trx, ctx, contestId, roundId, input));
}

/**
 * assignJudge's checks and writes inside the caller's transaction, for a change that adds a judge as
 * one step of something larger (asking one more judge about a disputed entry also audits the request
 * and emails the judge, all or nothing). The caller has checked the permission and the round.
 */
export async function assignJudgeIn(
  trx: DB,
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { entryId: number; judgeId: number },
): Promise<Result<{ assignmentId: number }>> {
  await syncDetectedConflicts(trx, contestId, [input.judgeId], ctx);
  const entry = await trx
    .selectFrom("entries")
    .select(["id", "track_id as trackId"])
    .where("id", "=", input.entryId)
    .where("contest_id", "=", contestId)
    .where("status", "=", "registered")
    .where(whereTakesPart(roundId))
    .executeTakeFirst();
  if (!entry) return fail("not_found", "entryId");
  const judge = (await activeJudges(trx, contestId)).find((j) => j.id === input.judgeId);
  if (!judge) return fail("judge_not_active", "judgeId");
  const conflicted = (await listConflicts(trx, contestId, input.judgeId)).some((c) => c.entryId === input.entryId);
  if (conflicted) return fail("judge_conflicted", "judgeId");
  const row = await trx
    .insertInto("assignments")
    .values({
      round_id: roundId,
      entry_id: input.entryId,
      judge_id: input.judgeId,
      source: "manual",
      assigned_by: ctx.actor!.userId,
      created_at: ctx.now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return fail("already_assigned", "judgeId");
  await audit(trx, {
    actorUserId: ctx.actor!.userId,
    action: "assignment.created",
    subjectType: "assignment",
    subjectId: row.id,
    contestId,
    after: { roundId, entryId: input.entryId, judgeId: input.judgeId },
    ip: ctx.ip,
    now: ctx.now,
  });
  // A judge new to a calibrated track's panel scores its calibration entry first.
  await ensureCalibrationAssignments(trx, ctx, contestId, roundId, {
    trackId: entry.trackId,
    judgeIds: [input.judgeId],
  });
  return ok({ assignmentId: row.id });
}

/** Takes a judge off an entry, unless the review is already submitted (reopen it first). */
export async function unassignJudge(ctx: ServiceContext, contestId: number, assignmentId: number): Promise<Result<null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("assignments")
      .innerJoin("rounds", "rounds.id", "assignments.round_id")
      .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
      .select([
        "assignments.id",
        "assignments.round_id as roundId",
        "assignments.entry_id as entryId",
        "assignments.judge_id as judgeId",
        "reviews.status",
      ])
      .where("assignments.id", "=", assignmentId)
      .where("rounds.contest_id", "=", contestId)
      .executeTakeFirst();
    if (!row) return fail("not_found");
    if (row.status === "submitted") return fail("review_submitted");
    await trx.deleteFrom("assignments").where("id", "=", assignmentId).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "assignment.removed",
      subjectType: "assignment",
      subjectId: assignmentId,
      contestId,
      before: { roundId: row.roundId, entryId: row.entryId, judgeId: row.judgeId, reviewStatus: row.status },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/**
 * A judge leaves the contest: their unfinished reviews are taken away and every round they were
 * in is re-filled from the remaining judges; their submitted reviews stay and still count.
 */
export async function withdrawJudge(
  ctx: ServiceContext,
  contestId: number,
  judgeId: number,
): Promise<Result<{ rounds: Array<{ roundId: number; added: number; problems: AssignmentProblem[] }> }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const affected = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("judge_profiles")
      .set({ status: "withdrawn", updated_at: ctx.now.toISOString() })
      .where("contest_id", "=", contestId)
      .where("user_id", "=", judgeId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    const open = await trx
      .selectFrom("assignments")
      .innerJoin("rounds", "rounds.id", "assignments.round_id")
      .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
      .select(["assignments.id", "assignments.round_id as roundId", "assignments.entry_id as entryId"])
      .where("rounds.contest_id", "=", contestId)
      .where("assignments.judge_id", "=", judgeId)
      .where((eb) => eb.or([eb("reviews.status", "is", null), eb("reviews.status", "!=", "submitted")]))
      .execute();
    if (open.length)
      await trx
        .deleteFrom("assignments")
        .where(
          "id",
          "in",
          open.map((a) => a.id),
        )
        .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "judge.withdrawn",
      subjectType: "user",
      subjectId: judgeId,
      contestId,
      before: { assignments: open.map((a) => ({ roundId: a.roundId, entryId: a.entryId })) },
      ip: ctx.ip,
      now: ctx.now,
    });
    return [...new Set(open.map((a) => a.roundId))];
  });
  if (!affected) return fail("not_found");
  const rounds = [];
  for (const roundId of affected) {
    const filled = await assignRound(ctx, contestId, roundId, { seed: roundId, mode: "fill" });
    if (filled.ok) rounds.push({ roundId, added: filled.value.added, problems: filled.value.problems });
  }
  return ok({ rounds });
}

/**
 * A judge's assignments they are cleared to open: a judge of the contest, active, who signed the
 * current agreement, with no conflict with the entry. Callers add their own columns and filters.
 */
export function clearedAssignments(db: DB, userId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("rounds", "rounds.id", "assignments.round_id")
    .innerJoin("contests", "contests.id", "rounds.contest_id")
    .innerJoin("judge_profiles", (j) =>
      j.onRef("judge_profiles.contest_id", "=", "rounds.contest_id").onRef("judge_profiles.user_id", "=", "assignments.judge_id"),
    )
    .innerJoin("contest_roles", (j) =>
      j
        .onRef("contest_roles.contest_id", "=", "rounds.contest_id")
        .onRef("contest_roles.user_id", "=", "assignments.judge_id")
        .on("contest_roles.role", "=", "judge"),
    )
    .where("assignments.judge_id", "=", userId)
    .where("judge_profiles.status", "=", "active")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("agreement_acceptances")
          .select("agreement_acceptances.id")
          .whereRef("agreement_acceptances.contest_id", "=", "rounds.contest_id")
          .whereRef("agreement_acceptances.user_id", "=", "assignments.judge_id")
          .whereRef("agreement_acceptances.agreement_version", ">=", "contests.judge_agreement_version"),
      ),
    )
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
}

/** Whether a judge may see an entry's materials in a round (see clearedAssignments). */
export async function judgeMaySee(db: DB, userId: number, entryId: number, roundId: number): Promise<boolean> {
  const row = await clearedAssignments(db, userId)
    .select("assignments.id")
    .where("assignments.entry_id", "=", entryId)
    .where("assignments.round_id", "=", roundId)
    .executeTakeFirst();
  return Boolean(row);
}
