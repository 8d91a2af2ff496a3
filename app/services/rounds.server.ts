// A contest's rounds, with their submission and review windows on the contest's clock, and the
// materials each round asks for.
import type { EntryMethod } from "#app/domain/aggregation";
import type { LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { utcToZonedLocal, zonedLocalToUtc } from "#app/domain/time";
import type { MaterialInput, RoundInput } from "#app/forms/contest";
import type { JudgingMode, MaterialKind } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { nextPosition } from "#app/data/contests.server";
import { roundHasJudgingWork } from "#app/data/pairwise.server";
import type { ServiceContext } from "./context.server";
import { editable, jsonOrNull } from "./contest-structure.server";
import { fail, ok, type Result } from "./result";

export interface MaterialView {
  id: number;
  kind: MaterialKind;
  label: LocalizedText;
  help: LocalizedText | null;
  required: boolean;
  maxSizeMb: number | null;
  maxPages: number | null;
  maxChars: number | null;
}

export interface RoundView {
  id: number;
  position: number;
  name: LocalizedText;
  submissionOpensAt: string | null;
  submissionClosesAt: string | null;
  reviewOpensAt: string | null;
  reviewClosesAt: string | null;
  blindReview: boolean;
  judgesPerEntry: number;
  rubricId: number | null;
  /** The live final's counting method and timing (minutes of pitch and of questions). */
  aggregationMethod: string;
  pitchMinutes: number | null;
  qaMinutes: number | null;
  /** Rubric scoring or pairwise comparisons; fixed once the round has a review or a comparison. */
  judgingMode: JudgingMode;
  version: number;
  materials: MaterialView[];
}

function roundTimes(
  input: RoundInput,
  timeZone: string,
): Result<Record<"submission_opens_at" | "submission_closes_at" | "review_opens_at" | "review_closes_at", string | null>> {
  const out: Record<string, string | null> = {};
  const fields = [
    ["submissionOpensAt", "submission_opens_at"],
    ["submissionClosesAt", "submission_closes_at"],
    ["reviewOpensAt", "review_opens_at"],
    ["reviewClosesAt", "review_closes_at"],
  ] as const;
  for (const [field, column] of fields) {
    const local = input[field];
    if (!local) {
      out[column] = null;
      continue;
    }
    const utc = zonedLocalToUtc(local, timeZone);
    if (!utc) return fail("invalid_datetime", field);
    out[column] = utc.toISOString();
  }
  return ok(out as Record<(typeof fields)[number][1], string | null>);
}

export function roundFormValues(round: RoundView, timeZone: string) {
  const local = (iso: string | null) => (iso ? utcToZonedLocal(iso, timeZone) : "");
  return {
    name: round.name,
    submissionOpensAt: local(round.submissionOpensAt),
    submissionClosesAt: local(round.submissionClosesAt),
    reviewOpensAt: local(round.reviewOpensAt),
    reviewClosesAt: local(round.reviewClosesAt),
    blindReview: round.blindReview ? "on" : "",
    judgesPerEntry: round.judgesPerEntry,
    aggregationMethod: round.aggregationMethod,
    pitchFormat: round.pitchMinutes !== null ? `${round.pitchMinutes}+${round.qaMinutes ?? 0}` : "",
    judgingMode: round.judgingMode,
    version: round.version,
  };
}

export async function addRound(ctx: ServiceContext, contestId: number, input: RoundInput): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  const times = roundTimes(input, check.contest.time_zone);
  if (!times.ok) return times;
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("rounds")
      .values({
        contest_id: contestId,
        position: await nextPosition(trx, "rounds", contestId),
        name_i18n: jsonOrNull(input.name)!,
        ...times.value,
        blind_review: input.blindReview ? 1 : 0,
        judges_per_entry: input.judgesPerEntry,
        rubric_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "round.created",
      subjectType: "round",
      subjectId: row.id,
      contestId,
      after: { ...input, ...times.value },
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return ok({ id });
}

export async function updateRound(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: RoundInput & {
    version: number;
    show?: { method: EntryMethod; format: { pitchMinutes: number; qaMinutes: number } | null };
    /** Left out, the round keeps its mode. */
    judgingMode?: JudgingMode;
  },
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  const times = roundTimes(input, check.contest.time_zone);
  if (!times.ok) return times;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("rounds")
      .selectAll()
      .where("id", "=", roundId)
      .where("contest_id", "=", contestId)
      .executeTakeFirst();
    if (!before) return fail("not_found");
    const judgingMode = input.judgingMode ?? before.judging_mode;
    if (judgingMode !== before.judging_mode && (await roundHasJudgingWork(trx, roundId))) {
      return fail("pairwise.mode_locked", "judgingMode");
    }
    const result = await trx
      .updateTable("rounds")
      .set({
        name_i18n: jsonOrNull(input.name)!,
        ...times.value,
        blind_review: input.blindReview ? 1 : 0,
        judges_per_entry: input.judgesPerEntry,
        judging_mode: judgingMode,
        ...(input.show
          ? {
              aggregation_method: input.show.method,
              pitch_minutes: input.show.format?.pitchMinutes ?? null,
              qa_minutes: input.show.format?.qaMinutes ?? null,
            }
          : {}),
        updated_at: ctx.now.toISOString(),
        version: input.version + 1,
      })
      .where("id", "=", roundId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return fail("changed_by_someone_else");
    await audit(trx, {
      actorUserId: check.actorId,
      action: "round.updated",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      before,
      after: { ...input, ...times.value },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function addMaterial(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: MaterialInput,
): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const round = await trx
      .selectFrom("rounds")
      .select("id")
      .where("id", "=", roundId)
      .where("contest_id", "=", contestId)
      .executeTakeFirst();
    if (!round) return fail("not_found");
    const last = await trx
      .selectFrom("material_requirements")
      .select((eb) => eb.fn.max<number | null>("position").as("max"))
      .where("round_id", "=", roundId)
      .executeTakeFirst();
    const isFile = input.kind === "pitch_deck" || input.kind === "business_plan";
    const row = await trx
      .insertInto("material_requirements")
      .values({
        round_id: roundId,
        position: (last?.max ?? 0) + 1,
        kind: input.kind,
        label_i18n: jsonOrNull(input.label)!,
        help_i18n: jsonOrNull(input.help),
        required: input.required ? 1 : 0,
        // Limits only where they mean something: size and pages for files, length for text.
        max_size_mb: isFile ? (input.maxSizeMb ?? 20) : null,
        max_pages: isFile ? (input.maxPages ?? null) : null,
        max_chars: input.kind === "text_answer" ? (input.maxChars ?? 2000) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "material.created",
      subjectType: "material_requirement",
      subjectId: row.id,
      contestId,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ id: row.id });
  });
}

export async function deleteMaterial(ctx: ServiceContext, contestId: number, materialId: number): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("material_requirements")
      .innerJoin("rounds", "rounds.id", "material_requirements.round_id")
      .selectAll("material_requirements")
      .where("material_requirements.id", "=", materialId)
      .where("rounds.contest_id", "=", contestId)
      .executeTakeFirst();
    if (!before) return fail("not_found");
    await trx.deleteFrom("material_requirements").where("id", "=", materialId).execute();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "material.deleted",
      subjectType: "material_requirement",
      subjectId: materialId,
      contestId,
      before,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Whether the round's judging mode can no longer change: it has a review or a comparison. */
export async function judgingModeLocked(ctx: ServiceContext, contestId: number, roundId: number): Promise<boolean> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return true;
  return roundHasJudgingWork(ctx.db, roundId);
}
