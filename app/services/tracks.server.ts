// A contest's tracks: organisers add, rename and remove them while its configuration is editable.
import type { LocalizedText } from "#app/domain/localized";
import type { TrackInput } from "#app/forms/contest";
import { audit } from "#app/infra/audit.server";
import { countEntries, nextPosition } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import { editable, jsonOrNull } from "./contest-structure.server";
import { fail, ok, type Result } from "./result";

export interface TrackView {
  id: number;
  position: number;
  name: LocalizedText;
  description: LocalizedText | null;
  womenLedOnly: boolean;
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
        name_i18n: jsonOrNull(input.name)!,
        description_i18n: jsonOrNull(input.description),
        women_led_only: input.womenLedOnly ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A final's new track reaches its heats too, so each heat can send entries to it.
    const heats = await trx.selectFrom("contests").select("id").where("parent_contest_id", "=", contestId).execute();
    for (const heat of heats)
      await trx
        .insertInto("tracks")
        .values({
          contest_id: heat.id,
          position: await nextPosition(trx, "tracks", heat.id),
          name_i18n: jsonOrNull(input.name)!,
          description_i18n: jsonOrNull(input.description),
          women_led_only: input.womenLedOnly ? 1 : 0,
          final_track_id: row.id,
          created_at: at,
          updated_at: at,
        })
        .execute();
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
        name_i18n: jsonOrNull(input.name)!,
        description_i18n: jsonOrNull(input.description),
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
    // A heat's copy of a final's track stays with the heat (it may hold entries) and feeds nothing.
    await trx.updateTable("tracks").set({ final_track_id: null }).where("final_track_id", "=", trackId).execute();
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
