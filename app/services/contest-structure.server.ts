// The skeleton organisers give a contest, as read: its tracks and its rounds with their materials;
// and the check that its configuration may be changed now, shared by tracks and rounds.
import { isEditableConfiguration } from "#app/domain/contest-state";
import { parseLocalizedJson } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { findContest, listMaterials, listRounds, listTracks } from "#app/data/contests.server";
import type { ServiceContext } from "./context.server";
import type { ServiceError } from "./result";
import type { RoundView } from "./rounds.server";
import type { TrackView } from "./tracks.server";

/** A value as stored in a JSON column; a missing one (null or undefined) stays NULL. */
export const jsonOrNull = (value: unknown) => (value == null ? null : JSON.stringify(value));

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
      aggregationMethod: r.aggregation_method,
      pitchMinutes: r.pitch_minutes,
      qaMinutes: r.qa_minutes,
      judgingMode: r.judging_mode,
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
export async function editable(
  ctx: ServiceContext,
  contestId: number,
): Promise<{ error: ServiceError } | { contest: NonNullable<Awaited<ReturnType<typeof findContest>>>; actorId: number }> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return { error: { code: "forbidden" } };
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return { error: { code: "not_found" } };
  if (!isEditableConfiguration(contest.state)) return { error: { code: "contest_read_only" } };
  return { contest, actorId: ctx.actor.userId };
}
