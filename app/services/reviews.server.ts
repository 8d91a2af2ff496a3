// A judge's review of one assigned entry: drafts saved as often as the judge likes (a stale tab gets
// changed_by_someone_else instead of overwriting), a submit that checks every score and locks the
// review, and an organiser's audited reopen. Blind rounds never carry the team's identity.
import { parseLocalizedJson } from "#app/domain/localized";
import { countingVersions } from "#app/domain/round-materials";
import { isOnScale, type LevelDescriptor } from "#app/domain/rubric";
import { can } from "#app/domain/permissions";
import { reviewWaitsForCalibration, type CalibrationStanding } from "#app/domain/calibration-entry";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { findExtension } from "#app/data/submissions.server";
import { clearedAssignments, judgeMaySee } from "./assignments.server";
import { calibrationForReview, judgeCalibrationDuties, type CalibrationDuty } from "./calibration-entry.server";
import { entryTextViews, judgeViewer, materialTextViews } from "./entry-texts.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

export type ReviewStage = "not_started" | "draft" | "submitted";

function findAssignment(db: DB, assignmentId: number) {
  return db
    .selectFrom("assignments")
    .innerJoin("rounds", "rounds.id", "assignments.round_id")
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .innerJoin("contests", "contests.id", "rounds.contest_id")
    .select([
      "assignments.id",
      "assignments.judge_id as judgeId",
      "assignments.entry_id as entryId",
      "assignments.round_id as roundId",
      "rounds.contest_id as contestId",
      "rounds.name_i18n as roundName",
      "rounds.blind_review as blind",
      "rounds.rubric_id as rubricId",
      "rounds.submission_closes_at as closesAt",
      "rounds.review_opens_at as reviewOpensAt",
      "rounds.review_closes_at as reviewClosesAt",
      "entries.code",
      "entries.track_id as trackId",
      "entries.answers_json as answers",
      "tracks.name_i18n as trackName",
      "teams.name as teamName",
      "teams.organisation as teamOrganisation",
      "teams.country as teamCountry",
      "contests.time_zone as contestTimeZone",
      "contests.name_i18n as contestName",
      "contests.slug as contestSlug",
    ])
    .where("assignments.id", "=", assignmentId)
    .executeTakeFirst();
}

function findReview(db: DB, assignmentId: number) {
  return db.selectFrom("reviews").selectAll().where("assignment_id", "=", assignmentId).executeTakeFirst();
}

function listScores(db: DB, reviewId: number) {
  return db.selectFrom("criterion_scores").selectAll().where("review_id", "=", reviewId).execute();
}

function rubricCriteria(db: DB, rubricId: number) {
  return db.selectFrom("criteria").selectAll().where("rubric_id", "=", rubricId).orderBy("position").execute();
}

/** Is now inside the round's review window? Open-ended on a side that has no date. */
export function reviewWindow(opensAt: string | null, closesAt: string | null, now: Date): "open" | "not_yet_open" | "closed" {
  if (opensAt && now.getTime() < Date.parse(opensAt)) return "not_yet_open";
  if (closesAt && now.getTime() >= Date.parse(closesAt)) return "closed";
  return "open";
}

/** The judge's own assignment, if they are still cleared to see the entry. */
async function ownAssignment(ctx: ServiceContext, assignmentId: number) {
  if (!ctx.actor) return null;
  const assignment = await findAssignment(ctx.db, assignmentId);
  if (!assignment || assignment.judgeId !== ctx.actor.userId) return null;
  if (!(await judgeMaySee(ctx.db, ctx.actor.userId, assignment.entryId, assignment.roundId))) return null;
  return assignment;
}

/**
 * Calibration on the scoring page: this is the judge's calibration review (with how their total
 * sits against the panel once submitted), or a review that waits until that one is submitted.
 */
export type ReviewCalibration =
  { kind: "entry"; standing: CalibrationStanding } | { kind: "waits"; assignmentId: number; code: string } | null;

/**
 * Everything the scoring page shows. The team's identity only when the round is not blind. A review
 * that waits for the judge's calibration review shows nothing of the entry but its code and track.
 */
export async function reviewPage(
  ctx: ServiceContext,
  assignmentId: number,
  view: { uiLanguage: string; requested?: string | null } = { uiLanguage: "en" },
) {
  const assignment = await ownAssignment(ctx, assignmentId);
  if (!assignment) return fail("not_found");
  const found = await calibrationForReview(ctx.db, assignment.judgeId, assignment);
  const calibration: ReviewCalibration =
    found === null
      ? null
      : found.kind === "entry"
        ? { kind: "entry", standing: found.duty.standing }
        : { kind: "waits", assignmentId: found.assignmentId, code: found.code };
  const waits = calibration?.kind === "waits";
  const [requirements, versions, extension, criteria, review] = await Promise.all([
    ctx.db
      .selectFrom("material_requirements")
      .selectAll()
      .where("round_id", "=", assignment.roundId)
      .orderBy("position")
      .execute(),
    ctx.db
      .selectFrom("submissions")
      .select([
        "id",
        "requirement_id as requirementId",
        "version",
        "created_at as createdAt",
        "kind",
        "text_value as text",
        "url_value as url",
        "pages",
        "size_bytes as size",
        "content_type as contentType",
        "language",
      ])
      .where("entry_id", "=", assignment.entryId)
      .where("round_id", "=", assignment.roundId)
      .execute(),
    findExtension(ctx.db, assignment.entryId, assignment.roundId),
    assignment.rubricId ? rubricCriteria(ctx.db, assignment.rubricId) : Promise.resolve([]),
    findReview(ctx.db, assignmentId),
  ]);
  const counting = countingVersions(versions, { closesAt: assignment.closesAt, extensionUntil: extension?.until ?? null });
  const scores = review ? await listScores(ctx.db, review.id) : [];
  const blind = assignment.blind === 1;
  // The pitch, description and text answers in a version the judge reads (entry-texts.server.ts);
  // content only, no identity, and nothing while the calibration review waits.
  const viewer = await judgeViewer(ctx.db, { contestId: assignment.contestId, judgeId: assignment.judgeId, ...view });
  const entryTexts = waits ? undefined : (await entryTextViews(ctx.db, [assignment.entryId], viewer)).get(assignment.entryId);
  const materialTexts = waits
    ? {}
    : await materialTextViews(
        ctx.db,
        assignment.entryId,
        [...counting.values()].map((v) => ({
          requirementId: v.requirementId,
          text: v.kind === "text" ? v.text : null,
          language: v.language,
        })),
        viewer,
      );
  return ok({
    assignmentId,
    contest: {
      slug: assignment.contestSlug,
      name: parseLocalizedJson(assignment.contestName) ?? { en: "" },
      timeZone: assignment.contestTimeZone,
    },
    round: {
      name: parseLocalizedJson(assignment.roundName) ?? { en: "" },
      blind,
      reviewClosesAt: assignment.reviewClosesAt,
      window: reviewWindow(assignment.reviewOpensAt, assignment.reviewClosesAt, ctx.now),
    },
    entry: {
      code: assignment.code,
      track: parseLocalizedJson(assignment.trackName) ?? { en: "" },
      texts: entryTexts ? { pitch: entryTexts.pitch, description: entryTexts.description } : null,
      team:
        blind || waits
          ? null
          : { name: assignment.teamName, organisation: assignment.teamOrganisation, country: assignment.teamCountry },
    },
    // Held back until the calibration review is in: nothing of the entry beyond its code and track.
    materials: (waits ? [] : requirements).map((r) => {
      const v = counting.get(r.id);
      return {
        id: r.id,
        kind: r.kind,
        label: parseLocalizedJson(r.label_i18n) ?? { en: r.kind },
        submission: v
          ? {
              id: v.id,
              kind: v.kind,
              text: v.text,
              url: v.url,
              pages: v.pages,
              size: v.size,
              isPdf: v.contentType === "application/pdf",
              language: v.language,
              textView: materialTexts[r.id] ?? null,
            }
          : null,
      };
    }),
    criteria: (waits ? [] : criteria).map((c) => ({
      id: c.id,
      name: parseLocalizedJson(c.name_i18n) ?? { en: c.key },
      description: parseLocalizedJson(c.description_i18n),
      weight: c.weight,
      scale: { min: c.scale_min, max: c.scale_max, step: c.scale_step },
      levels: (JSON.parse(c.levels_json) as LevelDescriptor[]) ?? [],
    })),
    review: {
      status: (review?.status ?? "not_started") as ReviewStage,
      version: review?.version ?? 0,
      feedback: review?.feedback ?? "",
      note: review?.note ?? "",
      confidence: review?.confidence ?? null,
      submittedAt: review?.submitted_at ?? null,
      scores: Object.fromEntries(scores.map((s) => [s.criterion_id, { value: s.value, comment: s.comment ?? "" }])),
    },
    calibration,
  });
}

export interface ReviewInput {
  /** The version the judge's page was showing; 0 before the first save. */
  version: number;
  scores: Record<number, { value: number | null; comment: string }>;
  feedback: string;
  note: string;
  confidence: number | null;
}

/**
 * Saves the judge's review as a draft, or submits it (every criterion scored, then locked). A score
 * off the scale or the step is refused and nothing changes.
 */
export async function saveReview(
  ctx: ServiceContext,
  assignmentId: number,
  input: ReviewInput,
  options: { submit: boolean; submitKey?: string },
): Promise<Result<{ version: number; status: ReviewStage }>> {
  const assignment = await ownAssignment(ctx, assignmentId);
  if (!assignment) return fail("not_found");
  const window = reviewWindow(assignment.reviewOpensAt, assignment.reviewClosesAt, ctx.now);
  if (window !== "open") return fail(window === "closed" ? "review_closed" : "review_not_open");
  if (!assignment.rubricId) return fail("round_has_no_rubric");
  // The calibration entry comes first: checked here, not only on the page, so no post gets round it.
  const calibration = await calibrationForReview(ctx.db, assignment.judgeId, assignment, { standing: false });
  if (calibration?.kind === "waits") return fail("calibration.first", undefined, { code: calibration.code });
  const criteria = await rubricCriteria(ctx.db, assignment.rubricId);
  for (const c of criteria) {
    const value = input.scores[c.id]?.value;
    if (value === null || value === undefined) {
      if (options.submit) return fail("score_missing", `score-${c.id}`);
      continue;
    }
    const scale = { min: c.scale_min, max: c.scale_max, step: c.scale_step };
    if (value < c.scale_min || value > c.scale_max)
      return fail("score_out_of_scale", `score-${c.id}`, { min: c.scale_min, max: c.scale_max });
    if (!isOnScale(value, scale)) return fail("score_off_step", `score-${c.id}`, { step: c.scale_step });
  }
  if (input.confidence !== null && (!Number.isInteger(input.confidence) || input.confidence < 1 || input.confidence > 5))
    return fail("confidence_invalid", "confidence");
  const actorId = ctx.actor!.userId;
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findReview(trx, assignmentId);
    // A submit resent with the same key (a phone that lost the answer) is acknowledged, not refused.
    if (current?.status === "submitted" && options.submit && options.submitKey && current.submit_key === options.submitKey)
      return ok({ version: current.version, status: "submitted" as const });
    if (current?.status === "submitted") return fail("review_locked");
    if ((current?.version ?? 0) !== input.version) return fail("changed_by_someone_else");
    const status: ReviewStage = options.submit ? "submitted" : "draft";
    const fields = {
      status: status as "draft" | "submitted",
      feedback: input.feedback.trim() || null,
      note: input.note.trim() || null,
      confidence: input.confidence,
      updated_at: at,
      submitted_at: options.submit ? at : null,
      submit_key: options.submit ? (options.submitKey ?? null) : null,
    };
    let reviewId: number;
    if (current) {
      // The version in the WHERE makes two saves racing from two tabs safe: one wins, one is told.
      const updated = await trx
        .updateTable("reviews")
        .set({ ...fields, version: current.version + 1 })
        .where("id", "=", current.id)
        .where("version", "=", current.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
      reviewId = current.id;
    } else {
      const inserted = await trx
        .insertInto("reviews")
        .values({ assignment_id: assignmentId, ...fields, version: 1, created_at: at })
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return fail("changed_by_someone_else");
      reviewId = inserted.id;
    }
    const before = await listScores(trx, reviewId);
    await trx.deleteFrom("criterion_scores").where("review_id", "=", reviewId).execute();
    const rows = criteria
      .filter((c) => input.scores[c.id])
      .map((c) => ({
        review_id: reviewId,
        criterion_id: c.id,
        value: input.scores[c.id]!.value,
        comment: input.scores[c.id]!.comment.trim() || null,
      }));
    if (rows.length) await trx.insertInto("criterion_scores").values(rows).execute();
    const summary = (list: Array<{ criterion_id: number; value: number | null }>) =>
      Object.fromEntries(list.map((s) => [s.criterion_id, s.value]));
    const changed = JSON.stringify(summary(before)) !== JSON.stringify(summary(rows)) || options.submit;
    if (changed)
      await audit(trx, {
        actorUserId: actorId,
        action: options.submit ? "review.submitted" : "review.scores_saved",
        subjectType: "assignment",
        subjectId: assignmentId,
        contestId: assignment.contestId,
        before: { scores: summary(before), status: current?.status ?? null },
        after: { scores: summary(rows), status },
        ip: ctx.ip,
        now: ctx.now,
      });
    return ok({ version: (current?.version ?? 0) + 1, status });
  });
}

/** An organiser reopens a submitted review so the judge can change it; the reason is audited. */
export async function reopenReview(
  ctx: ServiceContext,
  contestId: number,
  assignmentId: number,
  reason: string,
): Promise<Result<null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const assignment = await findAssignment(ctx.db, assignmentId);
  if (!assignment || assignment.contestId !== contestId) return fail("not_found");
  if (!reason.trim()) return fail("reason_required", "reason");
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("reviews")
      .set((eb) => ({ status: "draft", submitted_at: null, updated_at: ctx.now.toISOString(), version: eb("version", "+", 1) }))
      .where("assignment_id", "=", assignmentId)
      .where("status", "=", "submitted")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return fail("review_not_submitted");
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "review.reopened",
      subjectType: "assignment",
      subjectId: assignmentId,
      contestId,
      before: { status: "submitted" },
      after: { status: "draft", reason: reason.trim() },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** The judge's home: every assignment in every contest they judge, with its status and deadline. */
export async function judgeHome(ctx: ServiceContext) {
  if (!ctx.actor) return fail("unauthorised");
  const contestIds = ctx.actor.contestRoles.filter((r) => r.role === "judge").map((r) => r.contestId);
  if (!contestIds.length) return ok({ contests: [], assignments: [], calibrations: [] });
  const userId = ctx.actor.userId;
  // Each contest judged: its name and zone for the deadlines, and whether the judge may see entries yet.
  const contests = await ctx.db
    .selectFrom("contests")
    .leftJoin("judge_profiles", (j) =>
      j.onRef("judge_profiles.contest_id", "=", "contests.id").on("judge_profiles.user_id", "=", userId),
    )
    .select((eb) => [
      "contests.id",
      "contests.slug",
      "contests.name_i18n as name",
      "contests.time_zone as timeZone",
      "contests.judge_agreement_version as agreementVersion",
      "judge_profiles.status as profileStatus",
      eb
        .selectFrom("agreement_acceptances")
        .select((s) => s.fn.max("agreement_acceptances.agreement_version").as("v"))
        .whereRef("agreement_acceptances.contest_id", "=", "contests.id")
        .where("agreement_acceptances.user_id", "=", userId)
        .as("signedVersion"),
    ])
    .where("contests.id", "in", contestIds)
    .orderBy("contests.id")
    .execute();
  const rows = await clearedAssignments(ctx.db, userId)
    .innerJoin("entries", "entries.id", "assignments.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id",
      "rounds.contest_id as contestId",
      "rounds.id as roundId",
      "rounds.name_i18n as roundName",
      "rounds.blind_review as blind",
      "rounds.review_closes_at as reviewClosesAt",
      "assignments.entry_id as entryId",
      "entries.code",
      "entries.track_id as trackId",
      "tracks.name_i18n as trackName",
      "teams.name as teamName",
      "reviews.status",
    ])
    .where("rounds.contest_id", "in", contestIds)
    .orderBy("rounds.position")
    .orderBy("entries.code")
    .execute();
  // Hundreds of rows share a few rounds and tracks: each name is parsed once and shared, which also
  // lets the page's data carry it once instead of once per row.
  const names = new Map<string, ReturnType<typeof parseLocalizedJson>>();
  const localized = (json: string) => {
    if (!names.has(json)) names.set(json, parseLocalizedJson(json));
    return names.get(json);
  };
  // Calibration entries the judge scores first, in the rounds and tracks they judge.
  const tracksByRound = new Map<number, Set<number>>();
  for (const r of rows) tracksByRound.set(r.roundId, (tracksByRound.get(r.roundId) ?? new Set()).add(r.trackId));
  const duties = await judgeCalibrationDuties(ctx.db, userId, tracksByRound);
  const dutyOf = (r: (typeof rows)[number]) => duties.find((d) => d.roundId === r.roundId && d.trackId === r.trackId);
  return ok({
    contests: contests.map((c) => ({
      id: c.id,
      slug: c.slug,
      name: parseLocalizedJson(c.name) ?? { en: c.slug },
      timeZone: c.timeZone,
      withdrawn: c.profileStatus === "withdrawn",
      signed: c.signedVersion !== null && Number(c.signedVersion) >= c.agreementVersion,
    })),
    assignments: rows.map((r) => ({
      id: r.id,
      contestId: r.contestId,
      roundId: r.roundId,
      roundName: localized(r.roundName) ?? { en: "" },
      reviewClosesAt: r.reviewClosesAt,
      code: r.code,
      track: localized(r.trackName) ?? { en: "" },
      teamName: r.blind === 1 ? null : r.teamName,
      status: (r.status ?? "not_started") as ReviewStage,
      calibration: calibrationMark(r.entryId, dutyOf(r)),
    })),
    calibrations: duties.map((d) => ({
      roundId: d.roundId,
      trackId: d.trackId,
      assignmentId: d.assignmentId,
      code: d.code,
      status: d.status,
      standing: d.standing,
    })),
  });
}

/** How one row of the judge's list relates to calibration: the calibration entry itself, or waiting for it. */
function calibrationMark(
  entryId: number,
  duty: CalibrationDuty | undefined,
): { kind: "entry" } | { kind: "waits"; assignmentId: number; code: string } | null {
  if (!duty) return null;
  if (duty.entryId === entryId) return { kind: "entry" };
  return reviewWaitsForCalibration({ entryId, calibrationEntryId: duty.entryId, calibrationStatus: duty.status })
    ? { kind: "waits", assignmentId: duty.assignmentId, code: duty.code }
    : null;
}
