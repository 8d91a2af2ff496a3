// What organisers see of a contest's judges: each judge with agreement, conflicts and load, the
// pending invitations, a bulk invitation from a CSV file, and one page of a round's progress.
import { rankCandidates } from "#app/domain/candidates";
import { parseJudgeCsv, type CsvProblem } from "#app/domain/judging";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { findContest, listTracks } from "#app/data/contests.server";
import { listConflicts, listJudgeProfiles, listPendingJudgeInvitations } from "#app/data/judges.server";
import {
  countProgressEntries,
  findContestRound,
  listAssignmentsForEntries,
  listConflictsForEntries,
  listProgressEntries,
  listRoundJudges,
  progressSummary,
  type ProgressFilter,
  type ProgressStatus,
} from "#app/data/assignments.server";
import { cachedUntilChanged } from "./change-cache.server";
import type { ServiceContext } from "./context.server";
import { inviteJudges } from "./judges.server";
import { roundCalibration } from "./judging-progress.server";
import { reviewWindow } from "./reviews.server";
import { fail, ok, type ServiceError } from "./result";

export const ASSIGNMENTS_PAGE_SIZE = 50;

const parseIds = (json: string) => JSON.parse(json) as number[];
const parseStrings = (json: string) => JSON.parse(json) as string[];

/** Every judge of the contest (active and withdrawn) and the invitations nobody answered yet. */
export async function contestJudges(ctx: ServiceContext, contestId: number) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const contest = await findContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const [profiles, invitations, tracks, signed, conflicts, loads] = await Promise.all([
    listJudgeProfiles(ctx.db, contestId),
    listPendingJudgeInvitations(ctx.db, contestId, ctx.now),
    listTracks(ctx.db, contestId),
    ctx.db
      .selectFrom("agreement_acceptances")
      .select(["user_id as userId", (eb) => eb.fn.max("agreement_version").as("version")])
      .where("contest_id", "=", contestId)
      .groupBy("user_id")
      .execute(),
    listConflicts(ctx.db, contestId),
    ctx.db
      .selectFrom("assignments")
      .innerJoin("rounds", "rounds.id", "assignments.round_id")
      .leftJoin("reviews", "reviews.assignment_id", "assignments.id")
      .select((eb) => [
        "assignments.judge_id as judgeId",
        eb.fn.countAll<number>().as("assigned"),
        eb.fn.sum<number>(eb.case().when("reviews.status", "=", "submitted").then(1).else(0).end()).as("submitted"),
      ])
      .where("rounds.contest_id", "=", contestId)
      .groupBy("assignments.judge_id")
      .execute(),
  ]);
  const version = contest.judge_agreement_version;
  const signedVersion = new Map(signed.map((s) => [s.userId, s.version]));
  const loadOf = new Map(loads.map((l) => [l.judgeId, l]));
  const conflictEntries = (userId: number, source: "declared" | "detected") =>
    new Set(conflicts.filter((c) => c.userId === userId && c.source === source).map((c) => c.entryId)).size;
  return ok({
    agreementVersion: version,
    tracks: tracks.map((t) => ({ id: t.id, position: t.position, name: parseLocalizedJson(t.name_i18n) ?? { en: "" } })),
    judges: profiles.map((p) => ({
      userId: p.userId,
      name: p.name,
      email: p.email,
      organisation: p.organisation,
      country: p.country,
      trackIds: parseIds(p.trackIdsJson),
      languages: parseStrings(p.languagesJson),
      status: p.status,
      signed: (signedVersion.get(p.userId) ?? 0) >= version,
      conflicts: { declared: conflictEntries(p.userId, "declared"), detected: conflictEntries(p.userId, "detected") },
      assigned: Number(loadOf.get(p.userId)?.assigned ?? 0),
      submitted: Number(loadOf.get(p.userId)?.submitted ?? 0),
    })),
    invitations,
  });
}

export type CsvInviteResult =
  { ok: true; value: { invited: number; skipped: number } } | { ok: false; error: ServiceError; problems: CsvProblem[] };

/** Invites everyone in a CSV file, or nobody when any line is wrong (every bad line is reported). */
export async function inviteJudgesFromCsv(ctx: ServiceContext, contestId: number, text: string): Promise<CsvInviteResult> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return { ...fail("forbidden"), problems: [] };
  const tracks = await listTracks(ctx.db, contestId);
  const parsed = parseJudgeCsv(
    text,
    tracks.map((t) => ({ id: t.id, position: t.position, names: Object.values(parseLocalizedJson(t.name_i18n) ?? {}) })),
  );
  if (parsed.problems.length) return { ...fail("csv_invalid"), problems: parsed.problems };
  const result = await inviteJudges(ctx, contestId, parsed.rows);
  return result.ok ? result : { ...result, problems: [] };
}

/** Which entries a round's progress view shows; every filter may be left empty. */
export interface AssignmentsQuery {
  trackId: number | null;
  judgeId?: number | null;
  status?: ProgressStatus | null;
  code?: string | null;
  page: number;
}

/** How many eligible judges each entry's "add" and "replace" lists offer: the most suitable first. */
export const CANDIDATES_SHOWN = 25;

/**
 * One page of a round's entries (filtered, counted and paged in SQL) with their judges and the
 * judges each entry could still get (active, not on it, no conflict; those who know the entry's
 * track first, then the least busy), and every judge's work in the round next to the panel's scores.
 */
export async function assignmentsPage(ctx: ServiceContext, contestId: number, roundId: number, query: AssignmentsQuery) {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findContestRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  // The round-wide parts (every judge's load, the summary, the calibration) read the whole round:
  // kept until a review, assignment, judge or entry changes (drafts saved over drafts do not count).
  const round_ = `${contestId}:${roundId}`;
  const [tracks, judgeRows] = await Promise.all([
    listTracks(ctx.db, contestId),
    cachedUntilChanged(ctx.db, "results", `round-judges:${round_}`, () => listRoundJudges(ctx.db, contestId, roundId)),
  ]);
  const trackId = tracks.some((t) => t.id === query.trackId) ? (query.trackId ?? null) : null;
  const judgeId = judgeRows.some((j) => j.id === query.judgeId) ? (query.judgeId ?? null) : null;
  const code = query.code?.trim().slice(0, 40) || null;
  const filter: ProgressFilter = {
    contestId,
    roundId,
    judgesPerEntry: round.judges_per_entry,
    trackId,
    judgeId,
    status: query.status ?? null,
    code,
  };
  const judgeIds = judgeRows.map((j) => j.id);
  const [total, summary, calibration] = await Promise.all([
    // Counting by review status looks at every entry of the round: kept per filter, like the summary.
    cachedUntilChanged(ctx.db, "results", `round-count:${round_}:${JSON.stringify(filter)}`, () =>
      countProgressEntries(ctx.db, filter),
    ),
    cachedUntilChanged(ctx.db, "results", `round-summary:${round_}:${round.judges_per_entry}`, () =>
      progressSummary(ctx.db, contestId, roundId, round.judges_per_entry),
    ),
    cachedUntilChanged(ctx.db, "results", `round-calibration:${round_}:${round.rubric_id}:${judgeIds.join(",")}`, () =>
      roundCalibration(ctx.db, roundId, round.rubric_id, judgeIds),
    ),
  ]);
  const pages = Math.max(1, Math.ceil(total / ASSIGNMENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const entries = await listProgressEntries(ctx.db, filter, {
    limit: ASSIGNMENTS_PAGE_SIZE,
    offset: (page - 1) * ASSIGNMENTS_PAGE_SIZE,
  });
  const entryIds = entries.map((e) => e.id);
  const [assignments, conflicts] = await Promise.all([
    listAssignmentsForEntries(ctx.db, roundId, entryIds),
    listConflictsForEntries(ctx.db, contestId, entryIds),
  ]);
  const conflicted = new Set(conflicts.map((c) => `${c.userId}:${c.entryId}`));
  const active = judgeRows
    .filter((j) => j.status === "active")
    .map((j) => ({ id: j.id, name: j.name, load: j.assigned, trackIds: parseIds(j.trackIdsJson) }));
  const rows = entries.map((e) => {
    const on = assignments.filter((a) => a.entryId === e.id);
    const onIds = new Set(on.map((a) => a.judgeId));
    const excluded = new Set(active.filter((j) => onIds.has(j.id) || conflicted.has(`${j.id}:${e.id}`)).map((j) => j.id));
    const eligible = rankCandidates(active, { trackId: e.trackId }, excluded);
    return {
      id: e.id,
      code: e.code,
      teamName: e.teamName,
      trackId: e.trackId,
      assigned: Number(e.assigned),
      submitted: Number(e.submitted),
      judges: on.map((a) => ({
        assignmentId: a.id,
        judgeId: a.judgeId,
        name: a.name,
        reviewStatus: a.reviewStatus ?? ("not_started" as const),
      })),
      candidates: eligible.slice(0, CANDIDATES_SHOWN),
      moreCandidates: Math.max(0, eligible.length - CANDIDATES_SHOWN),
    };
  });
  return ok({
    round: {
      id: round.id,
      name: parseLocalizedJson(round.name_i18n) ?? { en: "" },
      judgesPerEntry: round.judges_per_entry,
      blind: round.blind_review === 1,
      reviewClosesAt: round.review_closes_at,
      window: reviewWindow(round.review_opens_at, round.review_closes_at, ctx.now),
    },
    tracks: tracks.map((t) => ({ id: t.id, name: parseLocalizedJson(t.name_i18n) ?? ({ en: "" } as LocalizedText) })),
    trackId,
    judgeId,
    status: filter.status,
    code,
    page,
    pages,
    total,
    summary,
    short: summary.missing,
    rows,
    judges: judgeRows.map((j) => {
      const c = calibration.get(j.id);
      return {
        id: j.id,
        name: j.name,
        status: j.status,
        load: j.assigned,
        assigned: j.assigned,
        submitted: j.submitted,
        drafts: j.drafts,
        average: c?.average ?? null,
        compared: c?.compared ?? 0,
        averageOnCompared: c?.averageOnCompared ?? null,
        panelAverage: c?.panelAverage ?? null,
        difference: c?.difference ?? null,
        leaning: c?.leaning ?? null,
      };
    }),
  });
}

export type AssignmentsPage = Extract<Awaited<ReturnType<typeof assignmentsPage>>, { ok: true }>["value"];
export type ContestJudges = Extract<Awaited<ReturnType<typeof contestJudges>>, { ok: true }>["value"];
