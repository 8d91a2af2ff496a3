// Moderating disputed entries: when a round's reviews of an entry disagree too much (see
// app/domain/disagreement.ts), the organiser asks one more judge to review it. The judge is chosen
// from the same candidate list as on the assignments page, narrowed to judges who signed the
// current agreement; the assignment, the audit event and the judge's email are one transaction.
import { rankCandidates, type Candidate } from "#app/domain/candidates";
import { pickLocalized, parseLocalizedJson } from "#app/domain/localized";
import { isLanguage, type Language } from "#app/domain/locale";
import { can } from "#app/domain/permissions";
import { formatInstant } from "#app/domain/time";
import { audit } from "#app/infra/audit.server";
import type { DB } from "#app/infra/db.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import {
  findContestRound,
  listAssignmentsForEntries,
  listConflictsForEntries,
  listRoundJudges,
} from "#app/data/assignments.server";
import { findContest } from "#app/data/contests.server";
import {
  findJudgeContact,
  listModerationEntries,
  listPendingModeration,
  markModerationRequest,
  MODERATION_REQUESTED,
} from "#app/data/moderation.server";
import { assignJudgeIn } from "./assignments.server";
import type { ServiceContext } from "./context.server";
import { roundResults } from "./results.server";
import { reviewWindow } from "./reviews.server";
import { fail, ok, type Result, type ServiceError } from "./result";
import { cachedUntilChanged } from "./change-cache.server";

/** How many judges each flagged entry's list offers: the most suitable first (as on the assignments page). */
export const MODERATION_CANDIDATES_SHOWN = 25;

export interface ModerationRow {
  entryId: number;
  /** Judges asked for one more review that is not submitted yet. */
  pending: Array<{ judgeId: number; judgeName: string; requestedAt: string }>;
  candidates: Candidate[];
  moreCandidates: number;
}

export interface ModerationView {
  /** A judge can only be asked while the round's review period is open. */
  window: "open" | "not_yet_open" | "closed";
  rows: ModerationRow[];
}

const parseList = <T>(json: string): T[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
};

/**
 * For each entry, the judges who could review it now, best first: active, signed the current
 * agreement, no conflict with it, not on it in this round; those who know its track and read its
 * materials' language first, then the least busy (app/domain/candidates.ts).
 */
async function eligibleJudges(db: DB, contestId: number, roundId: number, entryIds: readonly number[]) {
  const [entries, judges, assignments, conflicts] = await Promise.all([
    listModerationEntries(db, contestId, entryIds),
    // Every judge's load reads the whole round: kept as the progress page keeps it (same key).
    cachedUntilChanged(db, "results", `round-judges:${contestId}:${roundId}`, () => listRoundJudges(db, contestId, roundId)),
    listAssignmentsForEntries(db, roundId, entryIds),
    listConflictsForEntries(db, contestId, entryIds),
  ]);
  const pool = judges
    .filter((j) => j.status === "active" && j.signed)
    .map((j) => ({
      id: j.id,
      name: j.name,
      load: j.assigned,
      trackIds: parseList<number>(j.trackIdsJson),
      languages: parseList<string>(j.languagesJson),
    }));
  return new Map(
    entries.map((e) => {
      const excluded = new Set([
        ...assignments.filter((a) => a.entryId === e.id).map((a) => a.judgeId),
        ...conflicts.filter((c) => c.entryId === e.id).map((c) => c.userId),
      ]);
      return [e.id, { entry: e, candidates: rankCandidates(pool, { trackId: e.trackId, language: e.language }, excluded) }];
    }),
  );
}

/** The moderation part of the results page for some (flagged) entries of a round. */
export async function moderationView(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  entryIds: readonly number[],
): Promise<Result<ModerationView>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const round = await findContestRound(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const [eligible, pending] = await Promise.all([
    eligibleJudges(ctx.db, contestId, roundId, entryIds),
    listPendingModeration(ctx.db, roundId, entryIds),
  ]);
  return ok({
    window: reviewWindow(round.review_opens_at, round.review_closes_at, ctx.now),
    rows: [...eligible.values()].map(({ entry, candidates }) => ({
      entryId: entry.id,
      pending: pending
        .filter((p) => p.entryId === entry.id)
        .map((p) => ({ judgeId: p.judgeId, judgeName: p.judgeName, requestedAt: p.requestedAt! })),
      candidates: candidates.slice(0, MODERATION_CANDIDATES_SHOWN),
      moreCandidates: Math.max(0, candidates.length - MODERATION_CANDIDATES_SHOWN),
    })),
  });
}

/** Carries a refusal out of the transaction so that everything it did is rolled back. */
class Refused extends Error {
  constructor(readonly result: { ok: false; error: ServiceError }) {
    super(result.error.code);
  }
}

/**
 * Asks one more judge to review a flagged entry: a manual assignment (assignJudge's own checks),
 * the audit event `moderation.requested` with the disagreement figures, and an email to the judge
 * naming the entry by its code only. Refused, changing nothing, when the entry is not flagged, a
 * request for it is still waiting, the judge is not eligible or the review period is not open.
 */
export async function requestModeration(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { entryId: number; judgeId: number },
): Promise<Result<{ assignmentId: number; judgeName: string; code: string }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [contest, round] = await Promise.all([findContest(ctx.db, contestId), findContestRound(ctx.db, contestId, roundId)]);
  if (!contest || !round) return fail("not_found");
  const window = reviewWindow(round.review_opens_at, round.review_closes_at, ctx.now);
  if (window !== "open") return fail(window === "closed" ? "moderation.review_closed" : "review_not_open");
  // Flagged by the same numbers the organiser sees on the results page.
  const results = await roundResults(ctx, contestId, roundId);
  if (!results.ok) return results;
  const row = results.value.tracks.flatMap((t) => t.entries).find((e) => e.entryId === input.entryId);
  if (!row) return fail("not_found", "entryId");
  const flag = row.disagreement;
  if (!flag) return fail("moderation.not_flagged", "entryId");

  const actorId = ctx.actor!.userId;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // Inside the transaction, so a double click cannot ask two judges at once.
      if ((await listPendingModeration(trx, roundId, [input.entryId])).length)
        return fail("moderation.already_requested", "judgeId");
      const eligible = (await eligibleJudges(trx, contestId, roundId, [input.entryId])).get(input.entryId);
      if (!eligible?.candidates.some((c) => c.id === input.judgeId)) return fail("moderation.judge_not_eligible", "judgeId");
      const judge = await findJudgeContact(trx, input.judgeId);
      if (!judge) return fail("moderation.judge_not_eligible", "judgeId");

      const assigned = await assignJudgeIn(trx, ctx, contestId, roundId, input);
      // Thrown, so that conflicts assignJudgeIn just recorded roll back with the refusal.
      if (!assigned.ok) throw new Refused(assigned);
      const { assignmentId } = assigned.value;
      await markModerationRequest(trx, assignmentId, ctx.now.toISOString());
      await audit(trx, {
        actorUserId: actorId,
        action: MODERATION_REQUESTED,
        subjectType: "assignment",
        subjectId: assignmentId,
        contestId,
        after: {
          roundId,
          entryId: input.entryId,
          code: row.code,
          judgeId: input.judgeId,
          disagreement: { reviews: flag.reviews, mean: flag.mean, range: flag.range, sd: flag.sd, exceeds: flag.exceeds },
        },
        ip: ctx.ip,
        now: ctx.now,
      });

      const language: Language = isLanguage(judge.language) ? judge.language : "en";
      const closesAt = round.review_closes_at;
      const contestName = parseLocalizedJson(contest.name_i18n) ?? { en: contest.name };
      const roundName = parseLocalizedJson(round.name_i18n) ?? { en: "" };
      await enqueueMail(trx, {
        kind: "moderation_request",
        to: { address: judge.email, name: judge.name, language },
        params: {
          name: judge.name,
          contest: pickLocalized(contestName, language),
          round: pickLocalized(roundName, language),
          code: row.code,
          deadline: closesAt ? formatInstant(closesAt, { locale: language, timeZone: judge.timeZone }) : "",
          url: `${ctx.appUrl}/reviews/${assignmentId}`,
          ...(closesAt ? {} : { context: "no_deadline" as const }),
        },
        now: ctx.now,
      });
      return ok({ assignmentId, judgeName: judge.name, code: row.code });
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}
