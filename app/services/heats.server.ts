// Heats feeding a final (issue 11). A heat is a contest whose parent is the final: it has its own
// organisers, judges, rounds, deadlines and time zone, and its tracks map onto the final's tracks.
// A heat finishes when it publishes results; its latest publication is its ranking. The final's
// organisers (who organise every heat too, see loadRoles) set the quota, settle ties at a heat's cut
// line, add wild cards with a written reason, and send the finalists into the final. A heat's own
// organisers see their heat's part of the roll-up only.
import {
  MAX_QUOTA_PLACES as MAX_QUOTA,
  rollUpHeats,
  type HeatRollUp,
  type QuotaRule,
  type TieDecision,
  type WildCard,
} from "#app/domain/heats";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { parseSnapshot } from "#app/domain/publication";
import type { RankedEntry } from "#app/domain/ranking";
import { MIN_REASON_LENGTH } from "#app/domain/advancement";
import { isPubliclyVisible } from "#app/domain/contest-state";
import { findContest, findContestBySlug, listTracks } from "#app/data/contests.server";
import {
  countHeatEntries,
  findHeat,
  findParentOf,
  listHeatEntriesById,
  listHeatOrganisers,
  listHeatPublications,
  listHeats,
  listHeatTracks,
  listPendingHeatInvitations,
  listQuotaRules,
  listSentEntries,
  listTieDecisions,
  listWildCards,
} from "#app/data/heats.server";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";

const localized = (json: string | null | undefined, fallback: string): LocalizedText =>
  parseLocalizedJson(json) ?? { en: fallback };

export interface HeatSummary {
  id: number;
  slug: string;
  name: LocalizedText;
  timeZone: string;
  state: string;
  entries: number;
  organisers: Array<{ userId: number; name: string; email: string }>;
  /** The publication the roll-up reads; null while the heat has not published results. */
  published: { roundName: LocalizedText | null; version: number; publishedAt: string } | null;
}

export interface EntryLabel {
  entryId: number;
  code: string;
  teamName: string;
  heatId: number;
  /** The final's track it competes for. */
  trackId: number;
  rank: number | null;
  score: number | null;
}

export interface HeatsPage {
  role: "final";
  final: { id: number; heatQuota: number };
  heats: HeatSummary[];
  tracks: Array<{ id: number; name: LocalizedText }>;
  rules: Array<{ id: number; heatId: number | null; trackId: number | null; places: number }>;
  rollUp: HeatRollUp;
  entries: EntryLabel[];
  wildCards: Array<{ id: number; entryId: number; reason: string }>;
  /** Heat entries already entered in the final. */
  sent: number[];
  /** Entries below a cut line that could still come in as a wild card. */
  candidates: EntryLabel[];
  /** Open invitations to organise a heat; an expired one stays listed (and revocable) until answered or withdrawn. */
  invitations: Array<{ id: number; heatId: number; email: string; name: string | null; expiresAt: string; expired: boolean }>;
}

export interface HeatOwnPage {
  role: "heat";
  final: { id: number; name: LocalizedText };
  heat: HeatSummary;
  tracks: Array<{ id: number; name: LocalizedText }>;
  result: HeatRollUp["heats"][number] | null;
  entries: EntryLabel[];
  sent: number[];
}

/** The final a contest feeds, or null for a contest that is not a heat. */
export async function parentOf(ctx: ServiceContext, contestId: number) {
  const parent = await findParentOf(ctx.db, contestId);
  return parent ? { id: parent.id, slug: parent.slug, name: localized(parent.name_i18n, parent.name) } : null;
}

interface Gathered {
  heats: HeatSummary[];
  tracks: Array<{ id: number; name: LocalizedText }>;
  rules: Awaited<ReturnType<typeof listQuotaRules>>;
  rollUp: HeatRollUp;
  entries: EntryLabel[];
  wildCards: Awaited<ReturnType<typeof listWildCards>>;
  sent: number[];
}

/** Everything the roll-up reads, from the database, for one final (or one heat of it). */
async function gather(db: DB, finalId: number, heatQuota: number, onlyHeat: number | null): Promise<Gathered> {
  const allHeats = await listHeats(db, finalId);
  const heatRows = onlyHeat === null ? allHeats : allHeats.filter((h) => h.id === onlyHeat);
  const heatIds = heatRows.map((h) => h.id);
  const [finalTracks, heatTracks, publications, organisers, counts, rules, decisions, wildCards, sentRows] = await Promise.all([
    listTracks(db, finalId),
    listHeatTracks(db, heatIds),
    listHeatPublications(db, heatIds),
    listHeatOrganisers(db, heatIds),
    countHeatEntries(db, heatIds),
    listQuotaRules(db, finalId),
    listTieDecisions(db, finalId),
    listWildCards(db, finalId),
    listSentEntries(db, finalId),
  ]);
  const latest = new Map<number, (typeof publications)[number]>();
  for (const p of publications) if (!latest.has(p.heatId)) latest.set(p.heatId, p);
  const finalTrackOf = new Map(heatTracks.map((t) => [t.id, t.finalTrackId]));

  const entries: EntryLabel[] = [];
  const rankings: Array<{ heatId: number; trackId: number; ranking: RankedEntry[] }> = [];
  for (const heat of heatRows) {
    const publication = latest.get(heat.id);
    if (!publication) continue;
    const snapshot = parseSnapshot(publication.snapshotJson);
    const byFinalTrack = new Map<number, RankedEntry[]>();
    for (const track of snapshot.tracks) {
      // A heat track that feeds no track of the final sends nobody.
      const finalTrackId = finalTrackOf.get(track.trackId);
      if (finalTrackId == null) continue;
      const list = byFinalTrack.get(finalTrackId) ?? [];
      for (const e of track.entries) {
        list.push({
          entryId: e.entryId,
          trackId: finalTrackId,
          score: e.score,
          criterionMeans: e.criterionMeans,
          completedReviews: e.reviews,
          rank: e.rank,
          tied: e.tied,
          above: null,
          below: null,
        });
        entries.push({
          entryId: e.entryId,
          code: e.code,
          teamName: e.teamName,
          heatId: heat.id,
          trackId: finalTrackId,
          rank: e.rank,
          score: e.score,
        });
      }
      byFinalTrack.set(finalTrackId, list);
    }
    for (const [trackId, ranking] of byFinalTrack) rankings.push({ heatId: heat.id, trackId, ranking });
  }

  const known = new Set(entries.map((e) => e.entryId));
  const placeOf = new Map(entries.map((e) => [e.entryId, e]));
  const rollUp = rollUpHeats({
    rankings,
    quota: {
      default: heatQuota,
      rules: rules.map((r): QuotaRule => ({
        ...(r.heatId !== null ? { heatId: r.heatId } : {}),
        ...(r.trackId !== null ? { trackId: r.trackId } : {}),
        places: r.places,
      })),
    },
    decisions: decisions
      .filter((d) => known.has(d.entryId))
      .map((d): TieDecision => ({ entryId: d.entryId, action: d.action, reason: d.reason })),
    wildCards: wildCards
      .filter((w) => known.has(w.entryId))
      .map((w): WildCard => {
        const place = placeOf.get(w.entryId)!;
        return { heatId: place.heatId, trackId: place.trackId, entryId: w.entryId, reason: w.reason };
      }),
  });

  const countOf = new Map(counts.map((c) => [c.heatId, Number(c.n)]));
  const heats = heatRows.map((h): HeatSummary => {
    const p = latest.get(h.id);
    return {
      id: h.id,
      slug: h.slug,
      name: localized(h.name_i18n, h.name),
      timeZone: h.time_zone,
      state: h.state,
      entries: countOf.get(h.id) ?? 0,
      organisers: organisers.filter((o) => o.heatId === h.id).map(({ userId, name, email }) => ({ userId, name, email })),
      published: p ? { roundName: parseLocalizedJson(p.roundNameJson), version: p.version, publishedAt: p.publishedAt } : null,
    };
  });
  return {
    heats,
    tracks: finalTracks.map((t) => ({ id: t.id, name: localized(t.name_i18n, `#${t.id}`) })),
    rules,
    rollUp,
    entries,
    wildCards,
    sent: sentRows.map((s) => s.heatEntryId!).filter((id) => known.has(id)),
  };
}

/** The final `finalId`, when the actor organises it (a heat's own organisers do not). */
export async function requireFinal(ctx: ServiceContext, finalId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId: finalId })) return fail("forbidden");
  const final = await findContest(ctx.db, finalId);
  if (!final) return fail("not_found");
  // A heat has no heats of its own: one level, heats feeding one final.
  if (final.parent_contest_id !== null) return fail("heats.not_a_final");
  return ok(final);
}

/**
 * The heats page. For the final's organisers: every heat and the whole roll-up. For a heat's own
 * organisers (who may manage the heat but not the final): their heat's part only.
 */
export async function heatsPage(ctx: ServiceContext, contestId: number): Promise<Result<HeatsPage | HeatOwnPage>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  if (contest.parent_contest_id !== null) {
    const parent = (await findContest(ctx.db, contest.parent_contest_id))!;
    const g = await gather(ctx.db, parent.id, parent.heat_quota, contest.id);
    return ok({
      role: "heat",
      final: { id: parent.id, name: localized(parent.name_i18n, parent.name) },
      heat: g.heats[0]!,
      tracks: g.tracks,
      result: g.rollUp.heats.find((h) => h.heatId === contest.id) ?? null,
      entries: g.entries,
      sent: g.sent,
    });
  }
  const g = await gather(ctx.db, contest.id, contest.heat_quota, null);
  const invitations = await listPendingHeatInvitations(
    ctx.db,
    g.heats.map((h) => h.id),
  );
  const through = new Set(g.rollUp.final.flatMap((t) => t.finalists.map((f) => f.entryId)));
  const tied = new Set(g.rollUp.heats.flatMap((h) => h.tracks.flatMap((t) => t.tie?.entries.map((e) => e.entryId) ?? [])));
  return ok({
    role: "final",
    final: { id: contest.id, heatQuota: contest.heat_quota },
    heats: g.heats,
    tracks: g.tracks,
    rules: g.rules,
    rollUp: g.rollUp,
    entries: g.entries,
    wildCards: g.wildCards,
    sent: g.sent,
    candidates: g.entries.filter((e) => e.rank !== null && !through.has(e.entryId) && !tied.has(e.entryId)),
    invitations: invitations.map(({ id, heatId, email, name, expiresAt }) => ({
      id,
      heatId,
      email,
      name,
      expiresAt,
      expired: Date.parse(expiresAt) <= ctx.now.getTime(),
    })),
  });
}

export interface NewHeat {
  name: LocalizedText;
  slug: string;
  timeZone: string;
  countries: string[];
}

/** A new heat of the final: a draft contest with the final's tracks, terms and settings, in its own time zone. */
export async function createHeat(ctx: ServiceContext, finalId: number, input: NewHeat): Promise<Result<{ id: number }>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  if (await findContestBySlug(ctx.db, input.slug)) return fail("slug_taken", "slug");
  const f = final.value;
  const at = ctx.now.toISOString();
  const tracks = await listTracks(ctx.db, finalId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const heat = await trx
      .insertInto("contests")
      .values({
        slug: input.slug,
        name: input.name.en,
        name_i18n: JSON.stringify(input.name),
        time_zone: input.timeZone,
        state: "draft",
        description_i18n: f.description_i18n,
        terms_i18n: f.terms_i18n,
        declaration_i18n: f.declaration_i18n,
        prizes_i18n: f.prizes_i18n,
        faq_i18n: f.faq_i18n,
        judge_agreement_i18n: f.judge_agreement_i18n,
        eligible_countries: JSON.stringify(input.countries.length ? input.countries : JSON.parse(f.eligible_countries)),
        team_min: f.team_min,
        team_max: f.team_max,
        contact_email: f.contact_email,
        tie_breakers_json: f.tie_breakers_json,
        parent_contest_id: finalId,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (tracks.length)
      await trx
        .insertInto("tracks")
        .values(
          tracks.map((t) => ({
            contest_id: heat.id,
            position: t.position,
            name_i18n: t.name_i18n,
            description_i18n: t.description_i18n,
            women_led_only: t.women_led_only,
            final_track_id: t.id,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.created",
      subjectType: "contest",
      subjectId: heat.id,
      contestId: finalId,
      after: { heatId: heat.id, slug: input.slug, name: input.name, timeZone: input.timeZone, countries: input.countries },
      ip: ctx.ip,
      now: ctx.now,
    });
    return heat.id;
  });
  return ok({ id });
}

/** Null when the number of places is fine; otherwise the refusal. */
function placesProblem(n: number) {
  if (!Number.isInteger(n) || n < 0) return fail("heats.quota_invalid", "places");
  if (n > MAX_QUOTA) return fail("heats.quota_above_max", "places", { max: MAX_QUOTA });
  return null;
}

/** The final's default quota: places per heat per track. */
export async function setDefaultQuota(ctx: ServiceContext, finalId: number, places: number): Promise<Result<null>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  const problem = placesProblem(places);
  if (problem) return problem;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("contests")
      .set({ heat_quota: places, updated_at: ctx.now.toISOString() })
      .where("id", "=", finalId)
      .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.quota_set",
      subjectType: "contest",
      subjectId: finalId,
      contestId: finalId,
      before: { places: final.value.heat_quota },
      after: { places },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

/** A quota for one heat, one track, or one heat's track; null places removes the rule. */
export async function setQuotaRule(
  ctx: ServiceContext,
  finalId: number,
  input: { heatId: number | null; trackId: number | null; places: number | null },
): Promise<Result<null>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  if (input.heatId === null && input.trackId === null) return fail("heats.rule_needs_scope", "heatId");
  if (input.heatId !== null && !(await findHeat(ctx.db, finalId, input.heatId))) return fail("invalid_choice", "heatId");
  if (input.trackId !== null && !(await listTracks(ctx.db, finalId)).some((t) => t.id === input.trackId))
    return fail("invalid_choice", "trackId");
  const problem = input.places === null ? null : placesProblem(input.places);
  if (problem) return problem;
  const at = ctx.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    let remove = trx.deleteFrom("heat_quota_rules").where("final_contest_id", "=", finalId);
    remove =
      input.heatId === null ? remove.where("heat_contest_id", "is", null) : remove.where("heat_contest_id", "=", input.heatId);
    remove =
      input.trackId === null ? remove.where("final_track_id", "is", null) : remove.where("final_track_id", "=", input.trackId);
    await remove.execute();
    if (input.places !== null)
      await trx
        .insertInto("heat_quota_rules")
        .values({
          final_contest_id: finalId,
          heat_contest_id: input.heatId,
          final_track_id: input.trackId,
          places: input.places,
          created_by: ctx.actor!.userId,
          created_at: at,
        })
        .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: input.places === null ? "heat.quota_rule_removed" : "heat.quota_rule_set",
      subjectType: "contest",
      subjectId: finalId,
      contestId: finalId,
      after: input,
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

/** Include or exclude one entry tied across its heat's cut line, with a written reason. */
export async function decideTie(
  ctx: ServiceContext,
  finalId: number,
  input: { entryId: number; action: "include" | "exclude"; reason: string },
): Promise<Result<null>> {
  const page = await finalPage(ctx, finalId);
  if (!page.ok) return page;
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) return fail("heats.reason_too_short", "reason", { min: MIN_REASON_LENGTH });
  const atCut = page.value.rollUp.heats.some((h) =>
    h.tracks.some((t) => t.tie?.entries.some((e) => e.entryId === input.entryId)),
  );
  if (!atCut) return fail("heats.decision_not_at_cut", "entryId");
  if (page.value.sent.includes(input.entryId)) return fail("heats.already_sent", "entryId");
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("heat_tie_decisions")
      .values({
        final_contest_id: finalId,
        entry_id: input.entryId,
        action: input.action,
        reason,
        decided_by: ctx.actor!.userId,
        decided_at: ctx.now.toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(["final_contest_id", "entry_id"]).doUpdateSet({
          action: input.action,
          reason,
          decided_by: ctx.actor!.userId,
          decided_at: ctx.now.toISOString(),
        }),
      )
      .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.tie_decided",
      subjectType: "entry",
      subjectId: input.entryId,
      contestId: finalId,
      after: { action: input.action, reason },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

async function finalPage(ctx: ServiceContext, finalId: number): Promise<Result<HeatsPage>> {
  const final = await requireFinal(ctx, finalId);
  if (!final.ok) return final;
  const page = await heatsPage(ctx, finalId);
  if (!page.ok) return page;
  return ok(page.value as HeatsPage);
}

/** Bring in an entry from below its heat's cut line, with a written reason. */
export async function addWildCard(
  ctx: ServiceContext,
  finalId: number,
  input: { entryId: number; reason: string },
): Promise<Result<null>> {
  const page = await finalPage(ctx, finalId);
  if (!page.ok) return page;
  const reason = input.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) return fail("heats.reason_too_short", "reason", { min: MIN_REASON_LENGTH });
  const entry = page.value.entries.find((e) => e.entryId === input.entryId);
  if (!entry) return fail("heats.wild_card_unknown", "entryId");
  if (page.value.wildCards.some((w) => w.entryId === input.entryId)) return fail("heats.entry_twice", "entryId");
  if (!page.value.candidates.some((c) => c.entryId === input.entryId)) return fail("heats.wild_card_already_in", "entryId");
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("heat_wild_cards")
      .values({
        final_contest_id: finalId,
        entry_id: input.entryId,
        reason,
        chosen_by: ctx.actor!.userId,
        chosen_at: ctx.now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.wild_card_added",
      subjectType: "entry",
      subjectId: input.entryId,
      contestId: finalId,
      after: { wildCardId: row.id, heatId: entry.heatId, code: entry.code, reason },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

/** Take back a wild card that has not been sent to the final yet. */
export async function removeWildCard(ctx: ServiceContext, finalId: number, wildCardId: number): Promise<Result<null>> {
  const page = await finalPage(ctx, finalId);
  if (!page.ok) return page;
  const card = page.value.wildCards.find((w) => w.id === wildCardId);
  if (!card) return fail("not_found");
  if (page.value.sent.includes(card.entryId)) return fail("heats.already_sent");
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("heat_wild_cards").where("id", "=", wildCardId).where("final_contest_id", "=", finalId).execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.wild_card_removed",
      subjectType: "entry",
      subjectId: card.entryId,
      contestId: finalId,
      before: { reason: card.reason },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}

/**
 * Enter the finalists of every finished heat in the final: one final entry per finalist, in the
 * final's track its heat track feeds, remembering the heat entry. Heats still without results wait;
 * sending again later adds only who is new. Refused while anything is refused or undecided.
 */
export async function sendFinalists(ctx: ServiceContext, finalId: number): Promise<Result<{ added: number; skipped: number }>> {
  const page = await finalPage(ctx, finalId);
  if (!page.ok) return page;
  const { rollUp, sent } = page.value;
  if (rollUp.undecided > 0) return fail("heats.ties_undecided", undefined, { n: rollUp.undecided });
  if (rollUp.refusals.length) return fail("heats.roll_up_refused");
  const finalists = rollUp.final.flatMap((t) => t.finalists).filter((f) => !sent.includes(f.entryId));
  if (!finalists.length) return fail("heats.nothing_to_send");
  const final = (await findContest(ctx.db, finalId))!;
  const sources = new Map(
    (
      await listHeatEntriesById(
        ctx.db,
        finalists.map((f) => f.entryId),
      )
    ).map((e) => [e.id, e]),
  );
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let added = 0;
    let skipped = 0;
    const addedEntries: Array<{ heatEntryId: number; entryId: number; code: string }> = [];
    // The final's teams and codes, read once: a team enters the final once, and codes stay unique.
    const existing = await trx.selectFrom("entries").select(["team_id", "code"]).where("contest_id", "=", finalId).execute();
    const teamsIn = new Set(existing.map((e) => e.team_id));
    const codes = new Set(existing.map((e) => e.code));
    for (const f of finalists) {
      const source = sources.get(f.entryId);
      // Withdrawn from the heat since it published, or already in the final through another heat.
      if (!source || source.status !== "registered" || teamsIn.has(source.teamId)) {
        skipped++;
        continue;
      }
      let code = source.code;
      for (let n = 2; codes.has(code); n++) code = `${source.code}-${n}`;
      teamsIn.add(source.teamId);
      codes.add(code);
      const row = await trx
        .insertInto("entries")
        .values({
          contest_id: finalId,
          team_id: source.teamId,
          track_id: f.trackId,
          code,
          status: "registered",
          answers_json: source.answersJson,
          terms_version: final.terms_version,
          terms_accepted_at: source.termsAcceptedAt,
          registered_by: null,
          registered_at: at,
          updated_at: at,
          materials_language: source.materialsLanguage,
          heat_entry_id: source.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      added++;
      addedEntries.push({ heatEntryId: source.id, entryId: row.id, code });
    }
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "heat.finalists_sent",
      subjectType: "contest",
      subjectId: finalId,
      contestId: finalId,
      after: {
        added: addedEntries,
        skipped,
        wildCards: finalists.filter((f) => f.basis.kind === "wild_card").map((f) => f.entryId),
        waitingHeats: page.value.heats.filter((h) => !h.published).map((h) => h.id),
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ added, skipped });
  });
}

/** What a contest's public page says of heats: the final a heat feeds, or a final's visible heats. */
export async function publicHeatLinks(ctx: ServiceContext, contestId: number) {
  const [parent, heats] = await Promise.all([findParentOf(ctx.db, contestId), listHeats(ctx.db, contestId)]);
  return {
    final: parent ? { slug: parent.slug, name: localized(parent.name_i18n, parent.name) } : null,
    heats: heats
      .filter((h) => isPubliclyVisible(h.state))
      .map((h) => ({ slug: h.slug, name: localized(h.name_i18n, h.name), timeZone: h.time_zone })),
  };
}

/**
 * The heat result of each of a final's entries that came from a heat: its score in its heat's latest
 * publication, keyed by the final's entry id. Scores of different heats come from different panels.
 */
export async function heatScoresOfFinal(db: DB, finalId: number): Promise<Map<number, number>> {
  const sent = await listSentEntries(db, finalId);
  if (!sent.length) return new Map();
  const heatIds = (await listHeats(db, finalId)).map((h) => h.id);
  const latest = new Map<number, string>();
  for (const p of await listHeatPublications(db, heatIds)) if (!latest.has(p.heatId)) latest.set(p.heatId, p.snapshotJson);
  const scoreOf = new Map<number, number>();
  for (const json of latest.values())
    for (const track of parseSnapshot(json).tracks)
      for (const e of track.entries) if (e.score !== null) scoreOf.set(e.entryId, e.score);
  const out = new Map<number, number>();
  for (const s of sent) {
    const score = scoreOf.get(s.heatEntryId!);
    if (score !== undefined) out.set(s.id, score);
  }
  return out;
}
