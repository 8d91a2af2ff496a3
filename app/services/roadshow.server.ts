// The live final roadshow: an organiser sets the running order and the panel, then runs each
// finalist through pitch, questions and scoring; judges score on their phones (reviews of the
// round, submitted once, safely resent); closing a finalist computes its result by the round's
// method so it can be announced on the spot. Every step bumps the session's version, which the
// live screens watch.
import { aggregateEntry, canStart, isEntryMethod, phaseOf, type PhaseAction } from "#app/domain/aggregation";
import { parseLocalizedJson } from "#app/domain/localized";
import { can, hasContestRole } from "#app/domain/permissions";
import { weightedTotal, type RubricDefinition } from "#app/domain/rubric";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { listConflicts } from "#app/data/judges.server";
import { whereTakesPart } from "#app/data/participation.server";
import { saveReview, type ReviewStage } from "./reviews.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export type RoadshowAction = "start" | PhaseAction | "next" | "finish";

function findSession(db: DB, sessionId: number) {
  return db
    .selectFrom("roadshow_sessions")
    .innerJoin("rounds", "rounds.id", "roadshow_sessions.round_id")
    .selectAll("roadshow_sessions")
    .select([
      "rounds.contest_id as contestId",
      "rounds.name_i18n as roundName",
      "rounds.blind_review as blind",
      "rounds.rubric_id as rubricId",
      "rounds.aggregation_method as method",
      "rounds.pitch_minutes as pitchMinutes",
      "rounds.qa_minutes as qaMinutes",
    ])
    .where("roadshow_sessions.id", "=", sessionId)
    .executeTakeFirst();
}

function listSlots(db: DB, sessionId: number) {
  return db
    .selectFrom("roadshow_slots")
    .innerJoin("entries", "entries.id", "roadshow_slots.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .selectAll("roadshow_slots")
    .select(["entries.code", "teams.name as teamName"])
    .where("session_id", "=", sessionId)
    .orderBy("position")
    .execute();
}

/** The organiser sets up a session: finalists in running order and the judges who score them all. */
export async function createRoadshow(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { entryIds: readonly number[]; judgeIds: readonly number[] },
): Promise<Result<{ sessionId: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await ctx.db
    .selectFrom("rounds")
    .select(["id"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  if (!round) return fail("not_found");
  if (!input.entryIds.length || new Set(input.entryIds).size !== input.entryIds.length)
    return fail("roadshow_no_entries", "entryIds");
  if (!input.judgeIds.length) return fail("roadshow_no_judges", "judgeIds");
  const entries = await ctx.db
    .selectFrom("entries")
    .select("id")
    .where("contest_id", "=", contestId)
    .where("status", "=", "registered")
    .where("id", "in", input.entryIds)
    .where(whereTakesPart(roundId))
    .execute();
  if (entries.length !== input.entryIds.length) return fail("not_found", "entryIds");
  const judges = await ctx.db
    .selectFrom("judge_profiles")
    .select("user_id")
    .where("contest_id", "=", contestId)
    .where("status", "=", "active")
    .where("user_id", "in", input.judgeIds)
    .execute();
  if (judges.length !== new Set(input.judgeIds).size) return fail("judge_not_active", "judgeIds");
  const conflicts = new Set((await listConflicts(ctx.db, contestId)).map((c) => `${c.userId}:${c.entryId}`));
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const session = await trx
      .insertInto("roadshow_sessions")
      .values({ round_id: roundId, created_by: actorId, created_at: at })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("roadshow_slots")
      .values(input.entryIds.map((entryId, i) => ({ session_id: session.id, entry_id: entryId, position: i + 1 })))
      .execute();
    // Every judge of the panel scores every finalist they have no conflict with.
    const pairs = input.entryIds.flatMap((entryId) =>
      input.judgeIds.filter((judgeId) => !conflicts.has(`${judgeId}:${entryId}`)).map((judgeId) => ({ entryId, judgeId })),
    );
    if (pairs.length)
      await trx
        .insertInto("assignments")
        .values(
          pairs.map((p) => ({
            round_id: roundId,
            entry_id: p.entryId,
            judge_id: p.judgeId,
            source: "manual" as const,
            assigned_by: actorId,
            created_at: at,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    await audit(trx, {
      actorUserId: actorId,
      action: "roadshow.created",
      subjectType: "roadshow",
      subjectId: session.id,
      contestId,
      after: { roundId, entryIds: input.entryIds, judgeIds: input.judgeIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ sessionId: session.id });
  });
}

/** The totals (out of 100) of the submitted reviews of one entry in a round. */
async function submittedTotals(db: DB, roundId: number, entryId: number, rubricId: number | null) {
  if (!rubricId) return [];
  const criteria = await db.selectFrom("criteria").selectAll().where("rubric_id", "=", rubricId).orderBy("position").execute();
  const rubric: RubricDefinition = {
    criteria: criteria.map((c) => ({
      key: String(c.id),
      name: { en: c.key },
      description: null,
      weight: c.weight,
      scale: { min: c.scale_min, max: c.scale_max, step: c.scale_step },
      levels: [],
    })),
  };
  const rows = await db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .innerJoin("criterion_scores", "criterion_scores.review_id", "reviews.id")
    .select(["assignments.judge_id as judgeId", "criterion_scores.criterion_id as criterionId", "criterion_scores.value"])
    .where("assignments.round_id", "=", roundId)
    .where("assignments.entry_id", "=", entryId)
    .where("reviews.status", "=", "submitted")
    .execute();
  const byJudge = new Map<number, Record<string, number>>();
  for (const r of rows) {
    if (r.value === null) continue;
    byJudge.set(r.judgeId, { ...(byJudge.get(r.judgeId) ?? {}), [String(r.criterionId)]: r.value });
  }
  return [...byJudge.entries()].flatMap(([judgeId, scores]) => {
    const total = weightedTotal(scores, rubric);
    return total === null ? [] : [{ judgeId, total }];
  });
}

/** One step of the show, by the organiser at the desk. */
export async function controlRoadshow(
  ctx: ServiceContext,
  contestId: number,
  sessionId: number,
  action: RoadshowAction,
): Promise<Result<{ version: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const session = await findSession(ctx.db, sessionId);
  if (!session || session.contestId !== contestId) return fail("not_found");
  const slots = await listSlots(ctx.db, sessionId);
  const current = slots.find((s) => s.id === session.current_slot_id) ?? null;
  const at = ctx.now.toISOString();
  const changes: { session?: Record<string, unknown>; slot?: Record<string, unknown> } = {};
  if (action === "start") {
    if (session.status !== "planned") return fail("roadshow_bad_step");
    changes.session = { status: "live", started_at: at, current_slot_id: slots[0]!.id };
  } else if (action === "next") {
    if (session.status !== "live" || !current || current.phase !== "closed") return fail("roadshow_bad_step");
    const next = slots.find((s) => s.position > current.position);
    if (!next) return fail("roadshow_no_next");
    changes.session = { current_slot_id: next.id };
  } else if (action === "finish") {
    if (session.status !== "live" || slots.some((s) => s.phase !== "closed" && s.phase !== "waiting"))
      return fail("roadshow_bad_step");
    changes.session = { status: "finished", finished_at: at };
  } else {
    if (session.status !== "live" || !current || !canStart(action, current.phase)) return fail("roadshow_bad_step");
    changes.slot = { phase: phaseOf(action), phase_started_at: at };
    if (action === "close") {
      const totals = await submittedTotals(ctx.db, session.round_id, current.entry_id, session.rubricId);
      const result = aggregateEntry(
        totals.map((t) => t.total),
        isEntryMethod(session.method) ? session.method : "mean",
      );
      changes.slot = { ...changes.slot, result: result.value, judges_counted: result.counted, closed_at: at };
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    // The version in the WHERE: two clicks racing from two desks cannot both apply.
    const bumped = await trx
      .updateTable("roadshow_sessions")
      .set({ ...(changes.session ?? {}), version: session.version + 1 })
      .where("id", "=", sessionId)
      .where("version", "=", session.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    if (changes.slot && current) await trx.updateTable("roadshow_slots").set(changes.slot).where("id", "=", current.id).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: `roadshow.${action}`,
      subjectType: "roadshow",
      subjectId: sessionId,
      contestId,
      after: {
        slotId: current?.id ?? null,
        entryId: current?.entry_id ?? null,
        ...(changes.slot ?? {}),
        ...(changes.session ?? {}),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ version: session.version + 1 });
  });
}

/**
 * What the live screens show. The organiser's screen: the running order, the current finalist and
 * phase, who has scored, and each closed finalist's result. A judge of the panel: the current
 * finalist and their own review of it, nothing of the other judges.
 */
export async function roadshowState(ctx: ServiceContext, sessionId: number) {
  if (!ctx.actor) return fail("not_found");
  const session = await findSession(ctx.db, sessionId);
  if (!session) return fail("not_found");
  const organiser = can(ctx.actor, { type: "contest.manage", contestId: session.contestId });
  if (!organiser && !hasContestRole(ctx.actor, session.contestId, ["judge"])) return fail("not_found");
  const slots = await listSlots(ctx.db, sessionId);
  const current = slots.find((s) => s.id === session.current_slot_id) ?? null;
  const blind = session.blind === 1;
  const panel = current
    ? await ctx.db
        .selectFrom("assignments")
        .innerJoin("users", "users.id", "assignments.judge_id")
        .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
        .select(["assignments.id as assignmentId", "users.id as judgeId", "users.name", "reviews.status"])
        .where("assignments.round_id", "=", session.round_id)
        .where("assignments.entry_id", "=", current.entry_id)
        .orderBy("users.name")
        .execute()
    : [];
  const mine = panel.find((p) => p.judgeId === ctx.actor!.userId) ?? null;
  if (!organiser && !mine && !(await isPanelJudge(ctx.db, session.round_id, sessionId, ctx.actor.userId)))
    return fail("not_found");
  const show = (s: (typeof slots)[number]) => ({
    id: s.id,
    position: s.position,
    code: s.code,
    team: blind ? null : s.teamName,
    phase: s.phase,
    phaseStartedAt: s.phase_started_at,
    ...(organiser ? { result: s.result, judgesCounted: s.judges_counted } : {}),
  });
  return ok({
    sessionId,
    contestId: session.contestId,
    version: session.version,
    status: session.status,
    roundName: parseLocalizedJson(session.roundName) ?? { en: "" },
    format: { pitchMinutes: session.pitchMinutes, qaMinutes: session.qaMinutes },
    method: session.method,
    current: current ? show(current) : null,
    ...(organiser
      ? {
          role: "organiser" as const,
          slots: slots.map(show),
          panel: panel.map((p) => ({ judgeId: p.judgeId, name: p.name, scored: p.status === "submitted" })),
        }
      : {
          role: "judge" as const,
          myAssignmentId: mine?.assignmentId ?? null,
          myStatus: mine ? (mine.status ?? "not_started") : null,
        }),
  });
}

async function isPanelJudge(db: DB, roundId: number, sessionId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom("assignments")
    .innerJoin("roadshow_slots", "roadshow_slots.entry_id", "assignments.entry_id")
    .select("assignments.id")
    .where("roadshow_slots.session_id", "=", sessionId)
    .where("assignments.round_id", "=", roundId)
    .where("assignments.judge_id", "=", userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** A cheap mark that changes whenever a live screen should refresh: a step, or a score arriving. */
export async function roadshowFingerprint(db: DB, sessionId: number): Promise<string | null> {
  const session = await db
    .selectFrom("roadshow_sessions")
    .select(["version", "current_slot_id", "round_id"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!session) return null;
  const scored = await db
    .selectFrom("roadshow_slots")
    .innerJoin("assignments", (j) =>
      j.onRef("assignments.entry_id", "=", "roadshow_slots.entry_id").on("assignments.round_id", "=", session.round_id),
    )
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("roadshow_slots.id", "=", session.current_slot_id ?? -1)
    .where("reviews.status", "=", "submitted")
    .executeTakeFirstOrThrow();
  return `${session.version}:${Number(scored.n)}`;
}

/** A finalist's score sheet: every judge's scores per criterion, totals, and the result. */
export async function scoreSheet(ctx: ServiceContext, contestId: number, sessionId: number, slotId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const session = await findSession(ctx.db, sessionId);
  if (!session || session.contestId !== contestId) return fail("not_found");
  const slot = (await listSlots(ctx.db, sessionId)).find((s) => s.id === slotId);
  if (!slot) return fail("not_found");
  const criteria = session.rubricId
    ? await ctx.db.selectFrom("criteria").selectAll().where("rubric_id", "=", session.rubricId).orderBy("position").execute()
    : [];
  const reviews = await ctx.db
    .selectFrom("assignments")
    .innerJoin("users", "users.id", "assignments.judge_id")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select(["reviews.id", "users.id as judgeId", "users.name", "reviews.submitted_at as submittedAt"])
    .where("assignments.round_id", "=", session.round_id)
    .where("assignments.entry_id", "=", slot.entry_id)
    .where("reviews.status", "=", "submitted")
    .orderBy("users.name")
    .execute();
  const scores = reviews.length
    ? await ctx.db
        .selectFrom("criterion_scores")
        .selectAll()
        .where(
          "review_id",
          "in",
          reviews.map((r) => r.id),
        )
        .execute()
    : [];
  const totals = await submittedTotals(ctx.db, session.round_id, slot.entry_id, session.rubricId);
  const result = aggregateEntry(
    totals.map((t) => t.total),
    isEntryMethod(session.method) ? session.method : "mean",
  );
  return ok({
    code: slot.code,
    team: slot.teamName,
    roundName: parseLocalizedJson(session.roundName) ?? { en: "" },
    method: session.method,
    criteria: criteria.map((c) => ({ id: c.id, name: parseLocalizedJson(c.name_i18n) ?? { en: c.key }, weight: c.weight })),
    judges: reviews.map((r) => ({
      name: r.name,
      submittedAt: r.submittedAt,
      scores: Object.fromEntries(scores.filter((s) => s.review_id === r.id).map((s) => [s.criterion_id, s.value])),
      total: totals.find((t) => t.judgeId === r.judgeId)?.total ?? null,
    })),
    result,
  });
}

/** What the organiser picks from to set up a session: registered entries, active judges, and the sessions so far. */
export async function roadshowSetup(ctx: ServiceContext, contestId: number, roundId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await ctx.db
    .selectFrom("rounds")
    .select(["id"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  if (!round) return fail("not_found");
  const [entries, judges, sessions] = await Promise.all([
    ctx.db
      .selectFrom("entries")
      .innerJoin("teams", "teams.id", "entries.team_id")
      .select(["entries.id", "entries.code", "teams.name as teamName"])
      .where("entries.contest_id", "=", contestId)
      .where("entries.status", "=", "registered")
      .where(whereTakesPart(roundId))
      .orderBy("entries.code")
      .execute(),
    ctx.db
      .selectFrom("judge_profiles")
      .innerJoin("users", "users.id", "judge_profiles.user_id")
      .select(["users.id", "users.name", "users.email"])
      .where("judge_profiles.contest_id", "=", contestId)
      .where("judge_profiles.status", "=", "active")
      .orderBy("users.name")
      .execute(),
    ctx.db
      .selectFrom("roadshow_sessions")
      .select((eb) => [
        "roadshow_sessions.id",
        "roadshow_sessions.status",
        "roadshow_sessions.created_at as createdAt",
        eb
          .selectFrom("roadshow_slots")
          .select((s) => s.fn.countAll<number>().as("n"))
          .whereRef("roadshow_slots.session_id", "=", "roadshow_sessions.id")
          .as("finalists"),
      ])
      .where("round_id", "=", roundId)
      .orderBy("roadshow_sessions.id", "desc")
      .execute(),
  ]);
  return ok({
    entries,
    judges,
    sessions: sessions.map((s) => ({ ...s, finalists: Number(s.finalists ?? 0) })),
  });
}

/** The live sessions the signed-in judge sits on the panel of (for a link on their home page). */
export async function liveRoadshowsForJudge(ctx: ServiceContext) {
  if (!ctx.actor) return [];
  return ctx.db
    .selectFrom("roadshow_sessions")
    .innerJoin("roadshow_slots", "roadshow_slots.session_id", "roadshow_sessions.id")
    .innerJoin("assignments", (j) =>
      j
        .onRef("assignments.entry_id", "=", "roadshow_slots.entry_id")
        .onRef("assignments.round_id", "=", "roadshow_sessions.round_id"),
    )
    .select(["roadshow_sessions.id as sessionId", "roadshow_sessions.round_id as roundId"])
    .distinct()
    .where("roadshow_sessions.status", "=", "live")
    .where("assignments.judge_id", "=", ctx.actor.userId)
    .execute();
}

/**
 * A judge's scores from the phone. Accepted while the judge's finalist is on stage (pitch,
 * questions or scoring); before that and after the result is revealed only a resend of a score
 * already taken is acknowledged, so a late phone cannot change a result that was announced.
 */
export async function submitRoadshowScore(
  ctx: ServiceContext,
  sessionId: number,
  input: { assignmentId: number; version: number; submitKey: string; scores: Record<number, number | null> },
): Promise<Result<{ version: number; status: ReviewStage }>> {
  if (!ctx.actor) return fail("not_found");
  const slot = await ctx.db
    .selectFrom("assignments")
    .innerJoin("roadshow_sessions", "roadshow_sessions.round_id", "assignments.round_id")
    .innerJoin("roadshow_slots", (j) =>
      j
        .onRef("roadshow_slots.session_id", "=", "roadshow_sessions.id")
        .onRef("roadshow_slots.entry_id", "=", "assignments.entry_id"),
    )
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select(["roadshow_slots.phase", "reviews.status"])
    .where("roadshow_sessions.id", "=", sessionId)
    .where("assignments.id", "=", input.assignmentId)
    .where("assignments.judge_id", "=", ctx.actor.userId)
    .executeTakeFirst();
  if (!slot) return fail("not_found");
  const onStage = slot.phase === "pitch" || slot.phase === "qa" || slot.phase === "scoring";
  if (!onStage && slot.status !== "submitted") return fail("roadshow_bad_step");
  return saveReview(
    ctx,
    input.assignmentId,
    {
      version: input.version,
      scores: Object.fromEntries(Object.entries(input.scores).map(([id, value]) => [id, { value, comment: "" }])),
      feedback: "",
      note: "",
      confidence: null,
    },
    { submit: true, submitKey: input.submitKey },
  );
}
