// The organiser's results of a round, read-only: each submitted review's total, every entry's score by
// all five methods side by side, disagreement flags, and a ranking per track by the chosen method with
// the reason for every place. Nothing here is shown to teams.
import { aggregateEntry, DEFAULT_RESULT_METHOD, isResultMethod, type ResultMethod } from "#app/domain/aggregation";
import { flagDisagreement, type DisagreementFlag } from "#app/domain/disagreement";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { calibrate, standardisedScores, type PanelReview } from "#app/domain/panel-methods";
import { can } from "#app/domain/permissions";
import { rankByTrack, unknownTieBreakerKeys, type RankComparison, type RankingFacts, type TieBreaker } from "#app/domain/ranking";
import { weightedTotal, type RubricDefinition } from "#app/domain/rubric";
import { findRoundForResults, listResultCriteria, listRoundEntries, listSubmittedScores } from "#app/data/results.server";
import { findContest } from "#app/data/contests.server";
import { audit } from "#app/infra/audit.server";
import { cachedUntilChanged } from "./change-cache.server";
import type { ServiceContext } from "./context.server";
import { parseTieBreakers } from "./contests.server";

export type { ResultMethod };
import { fail, ok, type Result } from "./result";
import { reviewWeight } from "#app/domain/confidence";

// Confidence is 1–5 (see app/forms/review.ts). A review without one counts as the middle of that
// scale, so leaving the field empty neither silences a judge nor outweighs a judge who said "sure".

export interface ResultReview {
  judgeId: number;
  total: number;
  confidence: number | null;
}

/** Against a neighbour in the ranking, with the neighbour's code so the page can name it. */
export type RankReason = RankComparison & { otherCode: string };

export interface EntryResultRow {
  entryId: number;
  code: string;
  teamName: string;
  trackId: number;
  /** The entry's score by each method (0–100); null when no review could be counted. */
  scores: Record<ResultMethod, number | null>;
  /** Submitted reviews with a complete total, by judge id. */
  reviews: ResultReview[];
  criterionMeans: Record<string, number | null>;
  disagreement: DisagreementFlag | null;
  rank: number | null;
  tied: boolean;
  above: RankReason | null;
  below: RankReason | null;
}

export interface TrackResults {
  trackId: number;
  name: LocalizedText | null;
  /** Connected parts of the judge–entry graph among this track's entries; above 1, calibration compared within each. */
  parts: number;
  entries: EntryResultRow[];
}

export interface RoundResults {
  roundId: number;
  roundName: LocalizedText | null;
  method: ResultMethod;
  roundMethod: ResultMethod;
  /** The contest's tie-breakers this round applies, in order. */
  tieBreakers: readonly TieBreaker[];
  /** Criterion keys the contest breaks ties by that this round's rubric lacks: those tie-breakers are skipped here. */
  unknownTieBreakerKeys: string[];
  criteria: Array<{ key: string; name: LocalizedText | null }>;
  tracks: TrackResults[];
}

/** The method a round decides by: its stored choice, or the recommended one if that is not a known method. */
export const roundMethod = (stored: string): ResultMethod => (isResultMethod(stored) ? stored : DEFAULT_RESULT_METHOD);

export async function roundResults(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  options: { method?: ResultMethod } = {},
): Promise<Result<RoundResults>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findRoundForResults(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  // The round's own method unless the organiser is comparing another on screen.
  const method = options.method ?? roundMethod(round.method);
  // Everything but the ranking itself is the same for every method and tie-breaker: computed once
  // and kept until a review, score, entry, team, track or the rubric changes.
  const table = await cachedUntilChanged(ctx.db, "results", `round-table:${contestId}:${roundId}:${round.rubricId}`, () =>
    roundTable(ctx.db, contestId, roundId, round.rubricId),
  );
  const { criteria } = table;

  // The contest's tie-breakers, less any naming a criterion this round's rubric does not have.
  const contestTieBreakers = parseTieBreakers((await findContest(ctx.db, contestId))?.tie_breakers_json);
  const skippedKeys = unknownTieBreakerKeys(
    contestTieBreakers,
    criteria.map((c) => c.key),
  );
  const tieBreakers = contestTieBreakers.filter((tb) => tb.kind !== "criterion" || !skippedKeys.includes(tb.key));

  // The ranking itself, per method and tie-breakers, is kept too: the results page, its exports,
  // advancement and publication all ask for the same one until something changes.
  const rankingKey = `round-ranking:${contestId}:${roundId}:${round.rubricId}:${method}:${JSON.stringify(tieBreakers)}`;
  const tracks = await cachedUntilChanged(ctx.db, "results", rankingKey, async () => rankTable(table, method, tieBreakers));

  return ok({
    roundId: round.id,
    roundName: parseLocalizedJson(round.nameJson),
    method,
    /** The method the round decides by (advancement and publication use it). */
    roundMethod: roundMethod(round.method),
    tieBreakers,
    unknownTieBreakerKeys: skippedKeys,
    criteria: criteria.map((c) => ({ key: c.key, name: parseLocalizedJson(c.nameJson) })),
    tracks,
  });
}

type EntryScores = Omit<EntryResultRow, "rank" | "tied" | "above" | "below">;

/**
 * The round's results before ranking: each entry's reviews, its score by every method, its
 * criterion means and disagreement flag, in entry order; with the tracks and the calibration's
 * connected parts. The same for every method and tie-breaker, so it can be kept.
 */
export async function roundTable(db: ServiceContext["db"], contestId: number, roundId: number, rubricId: number | null) {
  const criteria = rubricId ? await listResultCriteria(db, rubricId) : [];
  // Scores are stored by criterion id, as the roadshow totals them; tie-breakers name criteria by key.
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
  const keyOf = new Map(criteria.map((c) => [c.id, c.key]));

  const entries = await listRoundEntries(db, contestId, roundId);
  const entryIds = new Set(entries.map((e) => e.id));
  const rows = await listSubmittedScores(db, roundId);

  const byReview = new Map<
    number,
    { entryId: number; judgeId: number; confidence: number | null; scores: Record<string, number> }
  >();
  for (const row of rows) {
    if (!entryIds.has(row.entryId)) continue;
    const review = byReview.get(row.reviewId) ?? {
      entryId: row.entryId,
      judgeId: row.judgeId,
      confidence: row.confidence,
      scores: {},
    };
    if (row.value !== null) review.scores[String(row.criterionId)] = row.value;
    byReview.set(row.reviewId, review);
  }

  const reviewsByEntry = new Map<number, ResultReview[]>();
  const valuesByEntry = new Map<number, Map<string, number[]>>();
  const panel: PanelReview[] = [];
  for (const review of byReview.values()) {
    const total = weightedTotal(review.scores, rubric);
    // A review missing a score has no total; it counts neither in the methods nor as completed.
    if (total === null) continue;
    const list = reviewsByEntry.get(review.entryId);
    const counted = { judgeId: review.judgeId, total, confidence: review.confidence };
    if (list) list.push(counted);
    else reviewsByEntry.set(review.entryId, [counted]);
    panel.push({
      judgeId: review.judgeId,
      entryId: review.entryId,
      total,
      // Low, medium, high (stored 1–5) weigh 0.5, 1, 2: the inverse of the noise each stands for.
      weight: reviewWeight(review.confidence),
    });
    const values = valuesByEntry.get(review.entryId) ?? new Map<string, number[]>();
    for (const [criterionId, value] of Object.entries(review.scores)) {
      const key = keyOf.get(Number(criterionId));
      if (key === undefined) continue;
      const sofar = values.get(key);
      if (sofar) sofar.push(value);
      else values.set(key, [value]);
    }
    valuesByEntry.set(review.entryId, values);
  }

  // Both whole-round methods see every track at once: a judge's leniency shows across tracks too.
  const standardised = standardisedScores(panel);
  const calibration = calibrate(panel);
  const totalsByEntry = new Map([...reviewsByEntry].map(([id, list]) => [id, list.map((r) => r.total)]));
  const flags = new Map(flagDisagreement(totalsByEntry).map((f) => [f.entryId, f]));

  const rowsById = new Map<number, EntryScores>();
  for (const entry of entries) {
    const reviews = (reviewsByEntry.get(entry.id) ?? []).sort((a, b) => b.total - a.total || a.judgeId - b.judgeId);
    const totals = reviews.map((r) => r.total);
    const values = valuesByEntry.get(entry.id);
    rowsById.set(entry.id, {
      entryId: entry.id,
      code: entry.code,
      teamName: entry.teamName,
      trackId: entry.trackId,
      scores: {
        mean: aggregateEntry(totals, "mean").value,
        trimmed_mean: aggregateEntry(totals, "trimmed_mean").value,
        median: aggregateEntry(totals, "median").value,
        standardised: standardised.get(entry.id) ?? null,
        calibrated: calibration.entries.get(entry.id) ?? null,
      },
      reviews,
      criterionMeans: Object.fromEntries(
        criteria.map((c) => {
          const list = values?.get(c.key) ?? [];
          return [c.key, list.length ? list.reduce((s, v) => s + v, 0) / list.length : null];
        }),
      ),
      disagreement: flags.get(entry.id) ?? null,
    });
  }
  const trackInfo = new Map(entries.map((e) => [e.trackId, { name: e.trackNameJson, position: e.trackPosition }]));
  return { criteria, rowsById, trackInfo, partOf: calibration.partOf };
}

/** The organiser picks the method the round decides by (advancement and publication use it). Audited. */
export async function chooseRoundMethod(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  method: ResultMethod,
): Promise<Result<null>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  return ctx.db.transaction().execute(async (trx) => {
    const round = await findRoundForResults(trx, contestId, roundId);
    if (!round) return fail("not_found");
    if (round.method === method) return ok(null);
    await trx
      .updateTable("rounds")
      .set((eb) => ({ aggregation_method: method, updated_at: ctx.now.toISOString(), version: eb("version", "+", 1) }))
      .where("id", "=", roundId)
      .execute();
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: "round.method_chosen",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      before: { method: round.method },
      after: { method },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok(null);
  });
}

/** Every track's ranking by `method` and `tieBreakers`, with the reason for each place. */
function rankTable(table: Awaited<ReturnType<typeof roundTable>>, method: ResultMethod, tieBreakers: TieBreaker[]) {
  const { rowsById, trackInfo, partOf } = table;
  const facts: RankingFacts[] = [...rowsById.values()].map((row) => ({
    entryId: row.entryId,
    trackId: row.trackId,
    score: row.scores[method],
    criterionMeans: row.criterionMeans,
    completedReviews: row.reviews.length,
  }));
  const codeOf = (id: number) => rowsById.get(id)?.code ?? String(id);
  const reason = (comparison: RankComparison | null): RankReason | null =>
    comparison ? { ...comparison, otherCode: codeOf(comparison.otherEntryId) } : null;

  return rankByTrack(facts, tieBreakers)
    .map(({ trackId, entries: ranked }) => ({
      trackId,
      name: parseLocalizedJson(trackInfo.get(trackId)?.name),
      parts: new Set(ranked.flatMap((e) => (partOf.has(e.entryId) ? [partOf.get(e.entryId)!] : []))).size,
      entries: ranked.map((r) => ({
        ...rowsById.get(r.entryId)!,
        rank: r.rank,
        tied: r.tied,
        above: reason(r.above),
        below: reason(r.below),
      })),
    }))
    .sort(
      (a, b) => (trackInfo.get(a.trackId)?.position ?? 0) - (trackInfo.get(b.trackId)?.position ?? 0) || a.trackId - b.trackId,
    );
}
