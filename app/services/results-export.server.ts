// The organisers' downloads of a round's results: the rankings per track by a chosen method, and every
// review of the round (drafts too), each as CSV or XLSX in the organiser's language. Every download is audited.
import { levelOfStored, type ConfidenceLevel } from "#app/domain/confidence";
import type { Readable } from "node:stream";
import { RESULT_METHODS, type ResultMethod } from "#app/domain/aggregation";
import { countryName } from "#app/domain/countries";
import { flagDisagreement } from "#app/domain/disagreement";
import { parseLocalizedJson, pickLocalized } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { weightedTotal, type RubricDefinition } from "#app/domain/rubric";
import type { EntryStatus, ReviewStatus } from "#db/schema";
import { audit } from "#app/infra/audit.server";
import { spreadsheet, onePage, type Cell, type SheetPlan, type SpreadsheetFormat } from "#app/infra/spreadsheet.server";
import { findContest } from "#app/data/contests.server";
import {
  findRoundForResults,
  listResultCriteria,
  listRoundEntryCountries,
  listRoundReviewsForExport,
} from "#app/data/results.server";
import { findContestRound } from "#app/data/round-materials.server";
import type { ServiceContext } from "./context.server";
import type { ExportViewer } from "./registrations-export.server";
import { roundResults, type EntryResultRow } from "./results.server";
import { fail, ok, type Result } from "./result";

export const RESULTS_EXPORTS = ["rankings", "reviews"] as const;
export type ResultsExportKind = (typeof RESULTS_EXPORTS)[number];

export interface ResultsExportRequest {
  what: ResultsExportKind;
  format: SpreadsheetFormat;
  /** Rankings only: the method that ranks; the results page's default when not given. */
  method?: ResultMethod;
}

export interface ResultsExport {
  body: Readable;
  filename: string;
  contentType: string;
  /** Data rows in the file (the heading not counted). */
  rows: number;
}

// Scores are shown to two decimals: finer digits are noise from the methods' arithmetic and would
// make two tied entries look different.
const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

interface Built<Row> {
  rows: Row[];
  plan: SheetPlan<Row>;
  sheet: string;
  /** The method that ranked the rows; null for the reviews. */
  method: ResultMethod | null;
}

type RankingRow = EntryResultRow & { trackName: string };

async function rankingsSheet(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  asked: ResultMethod | undefined,
  viewer: ExportViewer,
): Promise<Result<Built<RankingRow>>> {
  // Without a method asked for, the results page's own default ranks, so the file matches the page.
  const results = await roundResults(ctx, contestId, roundId, asked ? { method: asked } : {});
  if (!results.ok) return results;
  const { t, language } = viewer;
  const { criteria, tracks, method } = results.value;
  const countries = new Map(
    (await listRoundEntryCountries(ctx.db, contestId, roundId)).map((r) => [r.entryId, countryName(r.country, language)]),
  );
  const rows = tracks.flatMap((track) => {
    const trackName = track.name ? pickLocalized(track.name, language) : String(track.trackId);
    return track.entries.map((entry) => ({ ...entry, trackName }));
  });
  // Range and spread of every entry with two or more reviews, not only the flagged ones: with no
  // threshold to pass, the domain rule reports them all, computed the one way the flag is.
  const spread = new Map(
    flagDisagreement(new Map(rows.map((r) => [r.entryId, r.reviews.map((x) => x.total)])), { maxRange: -1, maxSd: -1 }).map(
      (f) => [f.entryId, f],
    ),
  );
  const c = (key: string, params?: Record<string, string>) => t(`resultsExport.col.${key}`, params);
  const methodName = (m: ResultMethod) => t(`resultsExport.method.${m}`);
  const yes = t("resultsExport.yes");
  const plan: SheetPlan<RankingRow> = {
    headings: [
      c("track"),
      c("rank"),
      c("tied"),
      c("code"),
      c("team"),
      c("country"),
      ...RESULT_METHODS.map((m) => (m === method ? c("rankedBy", { method: methodName(m) }) : methodName(m))),
      c("completedReviews"),
      c("disagreement"),
      c("range"),
      c("sd"),
      ...criteria.map((cr) => c("criterionMean", { criterion: cr.key })),
    ],
    widths: [24, 8, 8, 10, 28, 18, ...RESULT_METHODS.map(() => 14), 10, 12, 10, 10, ...criteria.map(() => 14)],
    cells: (row) => [
      row.trackName,
      row.rank,
      row.tied ? yes : null,
      row.code,
      row.teamName,
      countries.get(row.entryId) ?? null,
      ...RESULT_METHODS.map((m) => round2(row.scores[m])),
      row.reviews.length,
      row.disagreement ? yes : null,
      round2(spread.get(row.entryId)?.range ?? null),
      round2(spread.get(row.entryId)?.sd ?? null),
      ...criteria.map((cr) => round2(row.criterionMeans[cr.key] ?? null)),
    ],
  };
  return ok({ rows, plan, sheet: t("resultsExport.sheet.rankings"), method });
}

interface ReviewRow {
  code: string;
  teamName: string;
  entryStatus: EntryStatus;
  trackName: string;
  judgeName: string;
  judgeEmail: string;
  status: ReviewStatus;
  submittedAt: string | null;
  confidence: number | null;
  scores: Map<number, { value: number | null; comment: string | null }>;
  total: number | null;
  feedback: string | null;
  note: string | null;
}

async function reviewsSheet(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  viewer: ExportViewer,
): Promise<Result<Built<ReviewRow>>> {
  const round = await findRoundForResults(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const { t, language } = viewer;
  const [criteria, read] = await Promise.all([
    round.rubricId ? listResultCriteria(ctx.db, round.rubricId) : Promise.resolve([]),
    listRoundReviewsForExport(ctx.db, contestId, roundId),
  ]);
  // Totalled as the results page totals them: scores keyed by criterion id.
  const rubric: RubricDefinition = {
    criteria: criteria.map((cr) => ({
      key: String(cr.id),
      name: { en: cr.key },
      description: null,
      weight: cr.weight,
      scale: { min: cr.scale_min, max: cr.scale_max, step: cr.scale_step },
      levels: [],
    })),
  };
  const scoresByReview = new Map<number, ReviewRow["scores"]>();
  for (const s of read.scores) {
    const scores = scoresByReview.get(s.reviewId) ?? new Map();
    scores.set(s.criterionId, { value: s.value, comment: s.comment });
    scoresByReview.set(s.reviewId, scores);
  }
  const trackNames = new Map<string, string>();
  const trackName = (json: string) => {
    let name = trackNames.get(json);
    if (name === undefined) {
      const localized = parseLocalizedJson(json);
      trackNames.set(json, (name = localized ? pickLocalized(localized, language) : ""));
    }
    return name;
  };
  const rows: ReviewRow[] = read.reviews.map((r) => {
    const scores = scoresByReview.get(r.reviewId) ?? new Map();
    const numbers: Record<string, number> = {};
    for (const [criterionId, s] of scores) if (s.value !== null) numbers[String(criterionId)] = s.value;
    return {
      code: r.code,
      teamName: r.teamName,
      entryStatus: r.entryStatus,
      trackName: trackName(r.trackNameJson),
      judgeName: r.judgeName,
      judgeEmail: r.judgeEmail,
      status: r.status,
      submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
      confidence: r.confidence,
      scores,
      total: weightedTotal(numbers, rubric),
      feedback: r.feedback,
      note: r.note,
    };
  });
  const c = (key: string, params?: Record<string, string>) => t(`resultsExport.col.${key}`, params);
  const statusText: Record<ReviewStatus, string> = {
    draft: t("resultsExport.reviewStatus.draft"),
    submitted: t("resultsExport.reviewStatus.submitted"),
  };
  // The judge chose low, medium or high; older reviews stored 1–5, read as the same three levels.
  const confidenceText = (level: ConfidenceLevel | null) => (level ? t(`calibration.confidence.level.${level}`) : null);
  const entryStatusText: Record<EntryStatus, string> = {
    registered: t("resultsExport.entryStatus.registered"),
    withdrawn: t("resultsExport.entryStatus.withdrawn"),
  };
  const plan: SheetPlan<ReviewRow> = {
    headings: [
      c("code"),
      c("team"),
      c("entryStatus"),
      c("track"),
      c("judge"),
      c("judgeEmail"),
      c("status"),
      c("submittedAtUtc"),
      c("confidence"),
      ...criteria.flatMap((cr) => [c("criterionScore", { criterion: cr.key }), c("criterionComment", { criterion: cr.key })]),
      c("total"),
      c("feedback"),
      c("note"),
    ],
    widths: [10, 28, 12, 24, 24, 28, 12, 26, 10, ...criteria.flatMap(() => [10, 32]), 10, 48, 48],
    cells: (row): Cell[] => [
      row.code,
      row.teamName,
      entryStatusText[row.entryStatus],
      row.trackName,
      row.judgeName,
      row.judgeEmail,
      statusText[row.status],
      row.submittedAt,
      row.confidence === null ? null : confidenceText(levelOfStored(row.confidence)),
      ...criteria.flatMap((cr) => {
        const score = row.scores.get(cr.id);
        return [score?.value ?? null, score?.comment ?? null];
      }),
      round2(row.total),
      row.feedback,
      row.note,
    ],
  };
  return ok({ rows, plan, sheet: t("resultsExport.sheet.reviews"), method: null });
}

/**
 * One round's rankings or all its reviews as a file, in the viewer's language. Organisers only; each
 * download writes an audit event (what, format, method, rows) before the file is handed over.
 */
export async function exportRoundResults(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  request: ResultsExportRequest,
  viewer: ExportViewer,
): Promise<Result<ResultsExport>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const [contest, round] = await Promise.all([findContest(ctx.db, contestId), findContestRound(ctx.db, contestId, roundId)]);
  if (!contest || !round) return fail("not_found");
  const actorId = ctx.actor.userId;
  const date = ctx.now.toISOString().slice(0, 10);
  const base = `${contest.slug}-round-${round.position}`;

  async function deliver<Row>(built: Result<Built<Row>>): Promise<Result<ResultsExport>> {
    if (!built.ok) return built;
    const { rows, plan, sheet, method } = built.value;
    await ctx.db.transaction().execute(async (trx) => {
      await audit(trx, {
        actorUserId: actorId,
        action: "round.results_exported",
        subjectType: "round",
        subjectId: roundId,
        contestId,
        after: { what: request.what, format: request.format, method, rows: rows.length },
        ip: ctx.ip,
        now: ctx.now,
      });
    });
    const what = method === null ? "reviews" : `rankings-${method.replace(/_/g, "-")}`;
    return ok({
      ...spreadsheet(request.format, onePage(rows), plan, sheet),
      filename: `${base}-${what}-${date}.${request.format}`,
      rows: rows.length,
    });
  }

  if (request.what === "reviews") return deliver(await reviewsSheet(ctx, contestId, roundId, viewer));
  return deliver(await rankingsSheet(ctx, contestId, roundId, request.method, viewer));
}
