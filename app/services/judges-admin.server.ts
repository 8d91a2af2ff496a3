// What organisers see of a contest's judges: each judge with agreement, conflicts and load, the
// pending invitations, a bulk invitation from a CSV file, and one page of a round's assignments.
import { parseJudgeCsv, type CsvProblem } from "#app/domain/judging";
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { findContest, listTracks } from "#app/data/contests.server";
import { listConflicts, listJudgeProfiles, listPendingJudgeInvitations } from "#app/data/judges.server";
import type { ServiceContext } from "./context.server";
import { inviteJudges } from "./judges.server";
import { roundAssignments } from "./assignments.server";
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

export interface AssignmentsQuery {
  trackId: number | null;
  page: number;
}

/**
 * One page of a round's entries with their judges, the judges each entry could still get (active,
 * not on it, no conflict; those who know the entry's track first), and every judge's load.
 */
export async function assignmentsPage(ctx: ServiceContext, contestId: number, roundId: number, query: AssignmentsQuery) {
  const view = await roundAssignments(ctx, contestId, roundId);
  if (!view.ok) return view;
  const [profiles, conflicts] = await Promise.all([listJudgeProfiles(ctx.db, contestId), listConflicts(ctx.db, contestId)]);
  const { round, tracks, judges, entries } = view.value;
  const trackId = tracks.some((t) => t.id === query.trackId) ? query.trackId : null;
  const selected = trackId === null ? entries : entries.filter((e) => e.trackId === trackId);
  const pages = Math.max(1, Math.ceil(selected.length / ASSIGNMENTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const conflicted = new Set(conflicts.map((c) => `${c.userId}:${c.entryId}`));
  const profileOf = new Map(profiles.map((p) => [p.userId, p]));
  const nameOf = new Map(judges.map((j) => [j.id, j.name]));
  const active = judges.filter((j) => j.status === "active");
  const rows = selected.slice((page - 1) * ASSIGNMENTS_PAGE_SIZE, page * ASSIGNMENTS_PAGE_SIZE).map((e) => {
    const on = new Set(e.assignments.map((a) => a.judgeId));
    const candidates = active
      .filter((j) => !on.has(j.id) && !conflicted.has(`${j.id}:${e.id}`))
      .map((j) => {
        const known = parseIds(profileOf.get(j.id)?.trackIdsJson ?? "[]");
        return { id: j.id, name: j.name, load: j.load, knowsTrack: known.length === 0 || known.includes(e.trackId) };
      })
      .sort((a, b) => Number(b.knowsTrack) - Number(a.knowsTrack) || a.load - b.load || a.name.localeCompare(b.name));
    return {
      id: e.id,
      code: e.code,
      teamName: e.teamName,
      trackId: e.trackId,
      judges: e.assignments.map((a) => ({
        assignmentId: a.id,
        judgeId: a.judgeId,
        name: nameOf.get(a.judgeId) ?? "",
        reviewStatus: a.reviewStatus ?? ("not_started" as const),
      })),
      candidates,
    };
  });
  return ok({
    round,
    tracks: tracks as Array<{ id: number; name: LocalizedText }>,
    trackId,
    page,
    pages,
    total: selected.length,
    short: selected.filter((e) => e.assignments.length < round.judgesPerEntry).length,
    rows,
    judges,
  });
}

export type AssignmentsPage = Extract<Awaited<ReturnType<typeof assignmentsPage>>, { ok: true }>["value"];
export type ContestJudges = Extract<Awaited<ReturnType<typeof contestJudges>>, { ok: true }>["value"];
