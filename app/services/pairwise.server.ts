// Pairwise judging (issue 11): in a pairwise round a judge is shown two entries and says which is
// stronger, or that they cannot tell; every judge's answers feed one Crowd Bradley–Terry model
// (app/domain/crowd-bt.ts), which picks each judge's next pair and gives the organiser a ranking with
// its uncertainty. A judge sees only their own pair and count, never another judge's answers.
import {
  createState,
  judgeBelief,
  nextPair,
  ranking,
  recordComparison as recordInModel,
  reliability,
  settleTop,
  type CrowdBtState,
} from "#app/domain/crowd-bt";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { kendallTauB } from "#app/domain/rank-metrics";
import { isActiveJudge } from "#app/data/assignments.server";
import { findJudgeProfile, listConflicts } from "#app/data/judges.server";
import {
  countJudgeComparisons,
  findPairwiseRound,
  findPreviousRubricRound,
  hasCompared,
  insertComparison,
  listEntriesForComparison,
  listJudgeNames,
  listRoundComparisons,
  roundHasJudgingWork,
} from "#app/data/pairwise.server";
import { listTracks } from "#app/data/contests.server";
import { listRoundParticipants } from "#app/data/participation.server";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import type { PairwiseAnswer } from "#db/schema";
import { cachedUntilChanged } from "./change-cache.server";
import { heatScoresOfFinal } from "./heats.server";
import type { ServiceContext } from "./context.server";
import { entryTextViews, judgeViewer, type EntryTextView } from "./entry-texts.server";
import { judgeIsCleared } from "./judges.server";
import { fail, ok, type Result } from "./result";
import { roundMethod, roundTable } from "./results.server";
import { reviewWindow } from "./reviews.server";

export const PAIRWISE_ANSWERS: readonly PairwiseAnswer[] = ["first", "second", "cannot_tell"];

/** How many top places the organiser's page says how settled they are. */
export const SETTLE_PLACES = 5;

type PairwiseRound = NonNullable<Awaited<ReturnType<typeof findPairwiseRound>>>;

/** The Crowd-BT state of a round from its stored comparisons, every judge's, in the order given. */
async function roundModel(db: DB, contestId: number, roundId: number) {
  const [participants, comparisons] = await Promise.all([
    listRoundParticipants(db, contestId, roundId),
    listRoundComparisons(db, roundId),
  ]);
  let state = createState(participants.map((p) => p.id));
  for (const c of comparisons) {
    // An entry withdrawn since, or no longer taking part, leaves the model with its comparisons.
    if (!state.entries.has(c.firstId) || !state.entries.has(c.secondId)) continue;
    state = recordInModel(
      state,
      c.answer === "cannot_tell"
        ? { judgeId: c.judgeId, cannotTell: true, entryIds: [c.firstId, c.secondId] }
        : c.answer === "first"
          ? { judgeId: c.judgeId, winnerId: c.firstId, loserId: c.secondId }
          : { judgeId: c.judgeId, winnerId: c.secondId, loserId: c.firstId },
    );
  }
  return { participants, state, comparisons: comparisons.length };
}

/**
 * The round, if the actor is a judge who may compare in it now: the round is pairwise and its review
 * window open, the judge active and signed the current agreement. With the entries they may see: the
 * round's participants in the judge's tracks (all tracks when they have none), less their conflicts.
 */
async function judgeAccess(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
): Promise<Result<{ round: PairwiseRound; judgeId: number; eligible: Set<number>; trackOf: Map<number, number> }>> {
  if (!ctx.actor) return fail("forbidden");
  const judgeId = ctx.actor.userId;
  const round = await findPairwiseRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const [active, cleared, profile] = await Promise.all([
    isActiveJudge(ctx.db, contestId, judgeId),
    judgeIsCleared(ctx.db, contestId, judgeId),
    findJudgeProfile(ctx.db, contestId, judgeId),
  ]);
  if (!active || !cleared || !profile) return fail("not_found");
  if (round.mode !== "pairwise") return fail("pairwise.not_pairwise");
  const window = reviewWindow(round.reviewOpensAt, round.reviewClosesAt, ctx.now);
  if (window !== "open") return fail(window === "closed" ? "review_closed" : "review_not_open");
  const tracks = new Set(JSON.parse(profile.track_ids_json) as number[]);
  const [participants, conflicts] = await Promise.all([
    listRoundParticipants(ctx.db, contestId, roundId),
    listConflicts(ctx.db, contestId, judgeId),
  ]);
  const conflicted = new Set(conflicts.map((c) => c.entryId));
  const eligible = new Set(
    participants.filter((p) => (tracks.size === 0 || tracks.has(p.trackId)) && !conflicted.has(p.id)).map((p) => p.id),
  );
  // Each track is ranked on its own: only entries of one track are ever paired.
  const trackOf = new Map(participants.map((p) => [p.id, p.trackId]));
  return ok({ round, judgeId, eligible, trackOf });
}

export interface ComparisonEntry {
  id: number;
  code: string;
  track: LocalizedText | null;
  pitch: string | null;
  /** The pitch in a version the judge reads, with its other languages (entry-texts.server.ts). */
  pitchText: EntryTextView | null;
  /** Null in a blind round. */
  team: { name: string; organisation: string | null; country: string } | null;
}

export interface NextComparison {
  contest: { slug: string; name: LocalizedText; timeZone: string };
  round: { id: number; name: LocalizedText; blind: boolean; reviewClosesAt: string | null };
  /** The two entries to compare, as shown (first = "A"); null when this judge has compared every pair they may. */
  pair: readonly [ComparisonEntry, ComparisonEntry] | null;
  /** How many comparisons this judge has made in the round. */
  made: number;
}

/** The judge's next pair in a pairwise round: the one whose answer teaches the model most. */
export async function nextComparison(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  view: { uiLanguage: string; requested?: string | null } = { uiLanguage: "en" },
): Promise<Result<NextComparison>> {
  const access = await judgeAccess(ctx, contestId, roundId);
  if (!access.ok) return access;
  const { round, judgeId, eligible, trackOf } = access.value;
  const [{ state }, made] = await Promise.all([
    roundModel(ctx.db, contestId, roundId),
    countJudgeComparisons(ctx.db, roundId, judgeId),
  ]);
  const excluded = new Set([...state.entries.keys()].filter((id) => !eligible.has(id)));
  const choice = nextPair(state, judgeId, { seed: roundId, excluded, groups: trackOf });
  const blind = round.blind === 1;
  let pair: NextComparison["pair"] = null;
  if (choice) {
    const rows = await listEntriesForComparison(ctx.db, contestId, choice.pair);
    const texts = await entryTextViews(ctx.db, choice.pair, await judgeViewer(ctx.db, { contestId, judgeId, ...view }));
    const show = (id: number): ComparisonEntry => {
      const e = rows.find((r) => r.id === id)!;
      return {
        id: e.id,
        code: e.code,
        track: parseLocalizedJson(e.trackNameJson),
        pitch: e.pitch,
        pitchText: texts.get(e.id)?.pitch ?? null,
        team: blind ? null : { name: e.teamName, organisation: e.teamOrganisation, country: e.teamCountry },
      };
    };
    pair = [show(choice.pair[0]), show(choice.pair[1])];
  }
  return ok({
    contest: { slug: round.contestSlug, name: parseLocalizedJson(round.contestNameJson) ?? { en: "" }, timeZone: round.timeZone },
    round: { id: round.id, name: parseLocalizedJson(round.nameJson) ?? { en: "" }, blind, reviewClosesAt: round.reviewClosesAt },
    pair,
    made,
  });
}

export interface ComparisonInput {
  first: number;
  second: number;
  answer: PairwiseAnswer;
}

/** A judge's answer about a pair they may compare (both entries eligible, not compared by them before). Audited. */
export async function recordComparison(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: ComparisonInput,
): Promise<Result<{ id: number }>> {
  if (!PAIRWISE_ANSWERS.includes(input.answer)) return fail("invalid_input", "answer");
  if (!Number.isInteger(input.first) || !Number.isInteger(input.second) || input.first === input.second) {
    return fail("pairwise.pair_not_allowed");
  }
  const access = await judgeAccess(ctx, contestId, roundId);
  if (!access.ok) return access;
  const { judgeId, eligible, trackOf } = access.value;
  if (!eligible.has(input.first) || !eligible.has(input.second)) return fail("pairwise.pair_not_allowed");
  if (trackOf.get(input.first) !== trackOf.get(input.second)) return fail("pairwise.pair_not_allowed");
  return ctx.db.transaction().execute(async (trx) => {
    if (await hasCompared(trx, roundId, judgeId, input.first, input.second)) return fail("pairwise.already_compared");
    const { id } = await insertComparison(trx, {
      roundId,
      judgeId,
      firstId: input.first,
      secondId: input.second,
      answer: input.answer,
      now: ctx.now,
    });
    await audit(trx, {
      actorUserId: judgeId,
      action: "pairwise.compared",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      after: { comparisonId: id, first: input.first, second: input.second, answer: input.answer },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ id });
  });
}

export interface PairwiseRankingRow {
  entryId: number;
  code: string;
  teamName: string;
  trackId: number;
  place: number;
  mu: number;
  sigma: number;
  comparisons: number;
  /** The entry's rubric score (0–100) by that round's method, when one is compared. */
  rubricScore: number | null;
  rubricPlace: number | null;
}

/** One track's ranking: entries are only ever compared within their track, so each track stands alone. */
export interface PairwiseTrackRanking {
  trackId: number;
  name: LocalizedText | null;
  /** Places and rubric places within the track. */
  entries: PairwiseRankingRow[];
  settle: Array<{ place: number; higherId: number; lowerId: number; probability: number; moreComparisons: number | null }>;
  /** Kendall τ between this track's pairwise and rubric rankings, over the entries that have both; null with fewer than 2. */
  rubric: { entries: number; tau: number | null } | null;
}

export interface PairwiseRanking {
  round: { id: number; name: LocalizedText | null; mode: "rubric" | "pairwise" };
  comparisons: number;
  tracks: PairwiseTrackRanking[];
  judges: Array<{ id: number; name: string; comparisons: number; cannotTell: number; reliability: number }>;
  /**
   * The rubric scores compared with: this round's own reviews, the previous rubric round's, or for a
   * final fed by heats the heats' published scores; null when none.
   */
  rubric: { kind: "round"; roundId: number; roundName: LocalizedText | null } | { kind: "heats" } | null;
}

/** Rubric scores of a round's entries by its method, for the entries that have one. */
async function rubricScores(db: DB, contestId: number, round: { id: number; rubricId: number | null; method: string }) {
  const table = await roundTable(db, contestId, round.id, round.rubricId);
  const method = roundMethod(round.method);
  const scores = new Map<number, number>();
  for (const row of table.rowsById.values()) {
    const score = row.scores[method];
    if (score !== null) scores.set(row.entryId, score);
  }
  return scores;
}

async function computeRanking(db: DB, contestId: number, round: PairwiseRound): Promise<PairwiseRanking> {
  const { participants, state, comparisons } = await roundModel(db, contestId, round.id);
  const byId = new Map(participants.map((p) => [p.id, p]));

  // The rubric ranking to compare with: this round's own reviews, else the latest rubric round before it.
  let rubricRound: { id: number; rubricId: number | null; method: string; nameJson: string } | null = null;
  let scores = new Map<number, number>();
  if (round.rubricId !== null) {
    scores = await rubricScores(db, contestId, round);
    if (scores.size) rubricRound = { id: round.id, rubricId: round.rubricId, method: round.method, nameJson: round.nameJson };
  }
  if (!rubricRound) {
    const previous = await findPreviousRubricRound(db, contestId, round.position);
    if (previous) {
      scores = await rubricScores(db, contestId, previous);
      if (scores.size) rubricRound = previous;
    }
  }
  // A final fed by heats and without a rubric round of its own: the heats' scores of the same entries.
  let fromHeats = false;
  if (!rubricRound) {
    scores = await heatScoresOfFinal(db, contestId);
    fromHeats = scores.size > 0;
  }
  const trackNames = new Map(
    (await listTracks(db, contestId)).map((t, i) => [t.id, { name: parseLocalizedJson(t.name_i18n), order: i }]),
  );
  const trackIds = [...new Set(participants.map((p) => p.trackId))].sort(
    (a, b) => (trackNames.get(a)?.order ?? Infinity) - (trackNames.get(b)?.order ?? Infinity) || a - b,
  );
  const tracks = trackIds.map((trackId): PairwiseTrackRanking => {
    const ids = new Set(participants.filter((p) => p.trackId === trackId && state.entries.has(p.id)).map((p) => p.id));
    const common = [...ids].filter((id) => scores.has(id));
    const rubricPlaces = new Map(
      [...common].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b).map((id, i) => [id, i + 1] as const),
    );
    let tau: number | null = null;
    if (common.length >= 2) {
      const t = kendallTauB(
        new Map(common.map((id) => [id, state.entries.get(id)!.mu])),
        new Map(common.map((id) => [id, scores.get(id)!])),
      );
      tau = Number.isNaN(t) ? null : t;
    }
    return {
      trackId,
      name: trackNames.get(trackId)?.name ?? null,
      entries: ranking(state, ids).map((r) => {
        const p = byId.get(r.entryId)!;
        return {
          ...r,
          code: p.code,
          teamName: p.teamName,
          trackId,
          rubricScore: scores.get(r.entryId) ?? null,
          rubricPlace: rubricPlaces.get(r.entryId) ?? null,
        };
      }),
      settle: settleTop(state, SETTLE_PLACES, ids),
      rubric: rubricRound || fromHeats ? { entries: common.length, tau } : null,
    };
  });

  const judgeIds = [...state.judges.keys()];
  const names = new Map((await listJudgeNames(db, judgeIds)).map((u) => [u.id, u.name]));
  const counts = countByJudge(state);
  return {
    round: { id: round.id, name: parseLocalizedJson(round.nameJson), mode: round.mode },
    comparisons,
    tracks,
    judges: judgeIds
      .map((id) => {
        const j = judgeBelief(state, id);
        return {
          id,
          name: names.get(id) ?? "",
          comparisons: counts.get(id) ?? 0,
          cannotTell: j.cannotTell,
          reliability: reliability(j),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
    rubric: rubricRound
      ? { kind: "round", roundId: rubricRound.id, roundName: parseLocalizedJson(rubricRound.nameJson) }
      : fromHeats
        ? { kind: "heats" }
        : null,
  };
}

function countByJudge(state: CrowdBtState): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of state.log) counts.set(c.judgeId, (counts.get(c.judgeId) ?? 0) + 1);
  return counts;
}

/** The organiser's view of a pairwise round: the ranking with its uncertainty, judges' reliability, and the rubric ranking beside it. */
export async function pairwiseRanking(ctx: ServiceContext, contestId: number, roundId: number): Promise<Result<PairwiseRanking>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findPairwiseRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const value = await cachedUntilChanged(ctx.db, "results", `pairwise-ranking:${contestId}:${roundId}`, () =>
    computeRanking(ctx.db, contestId, round),
  );
  return ok(value);
}

/** Whether a round's judging mode may still change: no review and no comparison yet. */
export function judgingModeLocked(db: DB, roundId: number): Promise<boolean> {
  return roundHasJudgingWork(db, roundId);
}

export interface OpenPairwiseRound {
  contestId: number;
  contestName: LocalizedText;
  contestTimeZone: string;
  roundId: number;
  roundName: LocalizedText;
  closesAt: string | null;
}

/** The pairwise rounds a judge may compare in now: a contest they judge, cleared, the window open. */
export async function openPairwiseRoundsForJudge(ctx: ServiceContext): Promise<OpenPairwiseRound[]> {
  if (!ctx.actor) return [];
  const contestIds = ctx.actor.contestRoles.filter((r) => r.role === "judge").map((r) => r.contestId);
  if (!contestIds.length) return [];
  const rounds = await ctx.db
    .selectFrom("rounds")
    .innerJoin("contests", "contests.id", "rounds.contest_id")
    .select([
      "rounds.id as roundId",
      "rounds.contest_id as contestId",
      "rounds.name_i18n as roundName",
      "rounds.review_opens_at as opensAt",
      "rounds.review_closes_at as closesAt",
      "contests.name_i18n as contestName",
      "contests.name as contestFallback",
      "contests.time_zone as contestTimeZone",
    ])
    .where("rounds.contest_id", "in", contestIds)
    .where("rounds.judging_mode", "=", "pairwise")
    .orderBy("rounds.contest_id")
    .orderBy("rounds.position")
    .execute();
  const open: OpenPairwiseRound[] = [];
  for (const r of rounds) {
    if (reviewWindow(r.opensAt, r.closesAt, ctx.now) !== "open") continue;
    if (!(await judgeIsCleared(ctx.db, r.contestId, ctx.actor.userId))) continue;
    open.push({
      contestId: r.contestId,
      contestName: parseLocalizedJson(r.contestName) ?? { en: r.contestFallback },
      contestTimeZone: r.contestTimeZone,
      roundId: r.roundId,
      roundName: parseLocalizedJson(r.roundName) ?? { en: "" },
      closesAt: r.closesAt,
    });
  }
  return open;
}
