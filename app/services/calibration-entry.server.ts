// Calibration entries: the organiser names, per round and track, an entry every judge of the
// track's panel scores first (app/domain/calibration-entry.ts has the rules). Choosing one, and any
// later assignment to the track, gives each panel judge an assignment to it (never a conflicted
// judge); the scoring service holds a judge's other reviews back until theirs is submitted; then the
// judge sees how their total sits against the panel, and the organiser sees every judge's offset.
import {
  calibrationMayChange,
  calibrationOffsets,
  calibrationStanding,
  judgesToCalibrate,
  reviewWaitsForCalibration,
  type CalibrationStanding,
} from "#app/domain/calibration-entry";
import type { ReviewTotal } from "#app/domain/judge-calibration";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { weightedTotal, type RubricDefinition } from "#app/domain/rubric";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import {
  countSubmittedInTrack,
  findCalibrationEntry,
  listEntryAssignments,
  listEntrySubmittedScores,
  listJudgeCalibrationDuties,
  listPanelJudgeIds,
  listRoundCalibrationEntries,
} from "#app/data/calibration.server";
import { listCriteria, listTracks } from "#app/data/contests.server";
import { listConflicts } from "#app/data/judges.server";
import { listRoundParticipants, whereTakesPart } from "#app/data/participation.server";
import type { ServiceContext } from "./context.server";
import { syncDetectedConflicts } from "./judges.server";
import { fail, ok, type Result } from "./result";

type Ctx = Pick<ServiceContext, "now" | "ip" | "actor">;

function findRound(db: DB, contestId: number, roundId: number) {
  return db.selectFrom("rounds").selectAll().where("id", "=", roundId).where("contest_id", "=", contestId).executeTakeFirst();
}

async function activeJudgeIds(db: DB, contestId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom("judge_profiles")
    .innerJoin("contest_roles", (j) =>
      j
        .onRef("contest_roles.user_id", "=", "judge_profiles.user_id")
        .onRef("contest_roles.contest_id", "=", "judge_profiles.contest_id")
        .on("contest_roles.role", "=", "judge"),
    )
    .select("judge_profiles.user_id as id")
    .where("judge_profiles.contest_id", "=", contestId)
    .where("judge_profiles.status", "=", "active")
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives every judge of each calibrated track's panel in the round (or only `trackId`'s) an assignment
 * to the calibration entry when they have none, skipping withdrawn judges and any judge with a
 * declared or detected conflict with it (detected conflicts are recorded first, as when adding a
 * judge by hand). `scope` narrows it to one track or to some judges. Runs inside the caller's
 * transaction; audited when it adds anyone.
 */
export async function ensureCalibrationAssignments(
  trx: DB,
  ctx: Ctx,
  contestId: number,
  roundId: number,
  scope: { trackId?: number; judgeIds?: readonly number[] } = {},
): Promise<number> {
  const chosen = (await listRoundCalibrationEntries(trx, roundId)).filter(
    (c) => scope.trackId === undefined || c.trackId === scope.trackId,
  );
  if (!chosen.length) return 0;
  let added = 0;
  for (const choice of chosen) {
    const panel = (await listPanelJudgeIds(trx, roundId, choice.trackId)).filter(
      (id) => !scope.judgeIds || scope.judgeIds.includes(id),
    );
    if (!panel.length) continue;
    await syncDetectedConflicts(trx, contestId, panel, ctx);
    const [active, conflicts, onEntry] = await Promise.all([
      activeJudgeIds(trx, contestId),
      listConflicts(trx, contestId),
      listEntryAssignments(trx, roundId, choice.entryId),
    ]);
    const judgeIds = judgesToCalibrate({
      panel,
      active,
      conflicted: new Set(conflicts.filter((c) => c.entryId === choice.entryId).map((c) => c.userId)),
      alreadyAssigned: new Set(onEntry.map((a) => a.judgeId)),
    });
    if (!judgeIds.length) continue;
    await trx
      .insertInto("assignments")
      .values(
        judgeIds.map((judgeId) => ({
          round_id: roundId,
          entry_id: choice.entryId,
          judge_id: judgeId,
          source: "auto" as const,
          assigned_by: ctx.actor?.userId ?? null,
          created_at: ctx.now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await audit(trx, {
      actorUserId: ctx.actor?.userId ?? null,
      action: "calibration.assignments_added",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      after: { trackId: choice.trackId, entryId: choice.entryId, judgeIds },
      ip: ctx.ip,
      now: ctx.now,
    });
    added += judgeIds.length;
  }
  return added;
}

/**
 * The organiser chooses (entryId) or clears (null) a track's calibration entry for a round. Refused
 * once any judge has submitted a review of another entry in that round and track: by then scoring
 * has started and a judge can no longer score the calibration entry first.
 */
export async function chooseCalibrationEntry(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { trackId: number; entryId: number | null },
): Promise<Result<{ added: number; changed: boolean }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  if (round.judging_mode !== "rubric" || round.rubric_id === null) return fail("calibration.rubric_only");
  const track = await ctx.db
    .selectFrom("tracks")
    .select("id")
    .where("id", "=", input.trackId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  if (!track) return fail("not_found", "trackId");
  if (input.entryId !== null) {
    const entry = await ctx.db
      .selectFrom("entries")
      .select("id")
      .where("id", "=", input.entryId)
      .where("contest_id", "=", contestId)
      .where("track_id", "=", input.trackId)
      .where("status", "=", "registered")
      .where(whereTakesPart(roundId))
      .executeTakeFirst();
    if (!entry) return fail("calibration.not_in_track", "entryId");
  }
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findCalibrationEntry(trx, roundId, input.trackId);
    if ((current?.entry_id ?? null) === input.entryId) return ok({ added: 0, changed: false });
    const started = await countSubmittedInTrack(trx, roundId, input.trackId, current?.entry_id ?? null);
    if (!calibrationMayChange(started)) return fail("calibration.scoring_started", "entryId");
    const at = ctx.now.toISOString();
    if (current) await trx.deleteFrom("round_calibration_entries").where("id", "=", current.id).execute();
    if (input.entryId !== null)
      await trx
        .insertInto("round_calibration_entries")
        .values({
          round_id: roundId,
          track_id: input.trackId,
          entry_id: input.entryId,
          chosen_by: ctx.actor!.userId,
          chosen_at: at,
        })
        .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: input.entryId === null ? "calibration.entry_cleared" : "calibration.entry_chosen",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      before: current ? { trackId: input.trackId, entryId: current.entry_id } : null,
      after: input.entryId === null ? null : { trackId: input.trackId, entryId: input.entryId },
      ip: ctx.ip,
      now: ctx.now,
    });
    const added =
      input.entryId === null ? 0 : await ensureCalibrationAssignments(trx, ctx, contestId, roundId, { trackId: input.trackId });
    return ok({ added, changed: true });
  });
}

/** The total (out of 100) of each submitted review of one entry in a round. */
async function entryTotals(db: DB, roundId: number, entryId: number, rubricId: number | null): Promise<ReviewTotal[]> {
  if (rubricId === null) return [];
  const [criteria, scores] = await Promise.all([
    listCriteria(db, [rubricId]),
    listEntrySubmittedScores(db, roundId, entryId, rubricId),
  ]);
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
  const byJudge = new Map<number, Record<string, number>>();
  for (const s of scores) {
    const own = byJudge.get(s.judgeId) ?? {};
    if (s.value !== null) own[s.key] = s.value;
    byJudge.set(s.judgeId, own);
  }
  const totals: ReviewTotal[] = [];
  for (const [judgeId, values] of byJudge) {
    const total = weightedTotal(values, rubric);
    if (total !== null) totals.push({ judgeId, entryId, total });
  }
  return totals;
}

/** What the round's assignments page shows of calibration, per track: the choice and every judge's offset. */
export async function calibrationOverview(ctx: ServiceContext, contestId: number, roundId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const [tracks, chosen, participants] = await Promise.all([
    listTracks(ctx.db, contestId),
    listRoundCalibrationEntries(ctx.db, roundId),
    listRoundParticipants(ctx.db, contestId, roundId),
  ]);
  const perTrack = await Promise.all(
    tracks.map(async (track) => {
      const choice = chosen.find((c) => c.trackId === track.id) ?? null;
      const [started, judges, totals] = await Promise.all([
        countSubmittedInTrack(ctx.db, roundId, track.id, choice?.entryId ?? null),
        choice ? listEntryAssignments(ctx.db, roundId, choice.entryId) : Promise.resolve([]),
        choice ? entryTotals(ctx.db, roundId, choice.entryId, round.rubric_id) : Promise.resolve([]),
      ]);
      const offsets = calibrationOffsets(
        judges.map((j) => j.judgeId),
        totals,
      );
      return {
        id: track.id,
        name: parseLocalizedJson(track.name_i18n) ?? ({ en: "" } as LocalizedText),
        locked: !calibrationMayChange(started),
        choice: choice ? { entryId: choice.entryId, code: choice.code, teamName: choice.teamName } : null,
        entries: participants
          .filter((p) => p.trackId === track.id)
          .map((p) => ({ id: p.id, code: p.code, teamName: p.teamName })),
        judges: judges.map((j, i) => ({
          judgeId: j.judgeId,
          name: j.name,
          status: j.reviewStatus ?? ("not_started" as const),
          total: offsets[i]!.total,
          panelMean: offsets[i]!.panelMean,
          difference: offsets[i]!.difference,
          leaning: offsets[i]!.leaning,
        })),
      };
    }),
  );
  return ok({ available: round.judging_mode === "rubric" && round.rubric_id !== null, tracks: perTrack });
}

export type CalibrationOverview = Extract<Awaited<ReturnType<typeof calibrationOverview>>, { ok: true }>["value"];

/** A judge's calibration duty in one round and track, as the judge's pages show it. */
export interface CalibrationDuty {
  roundId: number;
  trackId: number;
  entryId: number;
  code: string;
  /** The judge's assignment to the calibration entry. */
  assignmentId: number;
  status: "not_started" | "draft" | "submitted";
  standing: CalibrationStanding;
}

/**
 * The judge's calibration duties in the given rounds, only for tracks where the judge is on the
 * panel and has an assignment to the calibration entry (a conflicted judge has none, and owes none).
 * `tracksByRound` is where the judge has assignments. Standings only for submitted calibration reviews.
 */
export async function judgeCalibrationDuties(
  db: DB,
  judgeId: number,
  tracksByRound: ReadonlyMap<number, ReadonlySet<number>>,
  options: { standing: boolean } = { standing: true },
): Promise<CalibrationDuty[]> {
  if (!tracksByRound.size) return [];
  const rows = await listJudgeCalibrationDuties(db, judgeId, [...tracksByRound.keys()]);
  const duties: CalibrationDuty[] = [];
  for (const row of rows) {
    if (row.assignmentId === null || !tracksByRound.get(row.roundId)?.has(row.trackId)) continue;
    const status = row.reviewStatus ?? "not_started";
    const standing =
      status === "submitted" && options.standing
        ? calibrationStanding(judgeId, await entryTotals(db, row.roundId, row.entryId, row.rubricId))
        : ({ status: "not_submitted" } as const);
    duties.push({
      roundId: row.roundId,
      trackId: row.trackId,
      entryId: row.entryId,
      code: row.code,
      assignmentId: row.assignmentId,
      status,
      standing,
    });
  }
  return duties;
}

/**
 * For the scoring page and the save: is this review the judge's calibration review, or held back
 * until the calibration review is submitted? Null when calibration does not concern it.
 */
export async function calibrationForReview(
  db: DB,
  judgeId: number,
  assignment: { roundId: number; trackId: number; entryId: number },
  options: { standing: boolean } = { standing: true },
): Promise<{ kind: "entry"; duty: CalibrationDuty } | { kind: "waits"; assignmentId: number; code: string } | null> {
  const [duty] = await judgeCalibrationDuties(
    db,
    judgeId,
    new Map([[assignment.roundId, new Set([assignment.trackId])]]),
    options,
  );
  if (!duty) return null;
  if (duty.entryId === assignment.entryId) return { kind: "entry", duty };
  const waits = reviewWaitsForCalibration({
    entryId: assignment.entryId,
    calibrationEntryId: duty.entryId,
    calibrationStatus: duty.status,
  });
  return waits ? { kind: "waits", assignmentId: duty.assignmentId, code: duty.code } : null;
}
