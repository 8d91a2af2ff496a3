// Tracks, rounds and the materials each round asks for: the skeleton organisers give a contest.
import { isEditableConfiguration } from "#app/domain/contest-state";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { utcToZonedLocal, zonedLocalToUtc } from "#app/domain/time";
import type { MaterialInput, RoundInput, TrackInput } from "#app/forms/contest";
import type { MaterialKind } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { countEntries, findContest, listMaterials, listRounds, listTracks, nextPosition } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result, type ServiceError } from "./result";

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

export interface TrackView {
  id: number;
  position: number;
  name: LocalizedText;
  description: LocalizedText | null;
  womenLedOnly: boolean;
}

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
  version: number;
  materials: MaterialView[];
}

/** Tracks and rounds with their materials, as anyone allowed to see the contest sees them. */
export async function loadStructure(
  ctx: ServiceContext,
  contestId: number,
): Promise<{ tracks: TrackView[]; rounds: RoundView[] }> {
  const [tracks, rounds] = await Promise.all([listTracks(ctx.db, contestId), listRounds(ctx.db, contestId)]);
  const materials = await listMaterials(
    ctx.db,
    rounds.map((r) => r.id),
  );
  return {
    tracks: tracks.map((t) => ({
      id: t.id,
      position: t.position,
      name: parseLocalizedJson(t.name_i18n) ?? { en: `#${t.id}` },
      description: parseLocalizedJson(t.description_i18n),
      womenLedOnly: t.women_led_only === 1,
    })),
    rounds: rounds.map((r) => ({
      id: r.id,
      position: r.position,
      name: parseLocalizedJson(r.name_i18n) ?? { en: `#${r.id}` },
      submissionOpensAt: r.submission_opens_at,
      submissionClosesAt: r.submission_closes_at,
      reviewOpensAt: r.review_opens_at,
      reviewClosesAt: r.review_closes_at,
      blindReview: r.blind_review === 1,
      judgesPerEntry: r.judges_per_entry,
      rubricId: r.rubric_id,
      version: r.version,
      materials: materials
        .filter((m) => m.round_id === r.id)
        .map((m) => ({
          id: m.id,
          kind: m.kind,
          label: parseLocalizedJson(m.label_i18n) ?? { en: m.kind },
          help: parseLocalizedJson(m.help_i18n),
          required: m.required === 1,
          maxSizeMb: m.max_size_mb,
          maxPages: m.max_pages,
          maxChars: m.max_chars,
        })),
    })),
  };
}

/** Checks the actor may change this contest's configuration now; returns the contest. */
async function editable(
  ctx: ServiceContext,
  contestId: number,
): Promise<{ error: ServiceError } | { contest: NonNullable<Awaited<ReturnType<typeof findContest>>>; actorId: number }> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return { error: { code: "forbidden" } };
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return { error: { code: "not_found" } };
  if (!isEditableConfiguration(contest.state)) return { error: { code: "contest_read_only" } };
  return { contest, actorId: ctx.actor.userId };
}

export async function addTrack(ctx: ServiceContext, contestId: number, input: TrackInput): Promise<Result<{ id: number }>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  const at = ctx.now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("tracks")
      .values({
        contest_id: contestId,
        position: await nextPosition(trx, "tracks", contestId),
        name_i18n: json(input.name)!,
        description_i18n: json(input.description),
        women_led_only: input.womenLedOnly ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "track.created",
      subjectType: "track",
      subjectId: row.id,
      contestId,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return row.id;
  });
  return ok({ id });
}

export async function updateTrack(
  ctx: ServiceContext,
  contestId: number,
  trackId: number,
  input: TrackInput,
): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tracks")
      .selectAll()
      .where("id", "=", trackId)
      .where("contest_id", "=", contestId)
      .executeTakeFirst();
    if (!before) return fail("not_found");
    await trx
      .updateTable("tracks")
      .set({
        name_i18n: json(input.name)!,
        description_i18n: json(input.description),
        women_led_only: input.womenLedOnly ? 1 : 0,
        updated_at: ctx.now.toISOString(),
      })
      .where("id", "=", trackId)
      .execute();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "track.updated",
      subjectType: "track",
      subjectId: trackId,
      contestId,
      before,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

export async function deleteTrack(ctx: ServiceContext, contestId: number, trackId: number): Promise<Result<null>> {
  const check = await editable(ctx, contestId);
  if ("error" in check) return { ok: false, error: check.error };
  if ((await countEntries(ctx.db, contestId, { trackId })) > 0) return fail("track_has_entries");
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("tracks")
      .selectAll()
      .where("id", "=", trackId)
      .where("contest_id", "=", contestId)
      .executeTakeFirst();
    if (!before) return fail("not_found");
    await trx.deleteFrom("tracks").where("id", "=", trackId).execute();
    await audit(trx, {
      actorUserId: check.actorId,
      action: "track.deleted",
      subjectType: "track",
      subjectId: trackId,
      contestId,
      before,
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
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
        name_i18n: json(input.name)!,
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
  input: RoundInput & { version: number },
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
    const result = await trx
      .updateTable("rounds")
      .set({
        name_i18n: json(input.name)!,
        ...times.value,
        blind_review: input.blindReview ? 1 : 0,
        judges_per_entry: input.judgesPerEntry,
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
        label_i18n: json(input.label)!,
        help_i18n: json(input.help),
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
