// Publishing a round's results. Nothing about results reaches teams or the public before the first
// publication; publishing freezes the ranking (by the round's method), awards and the judges' feedback
// into an immutable snapshot, issues certificates for the awards, and tells the teams. Later score
// changes leave the snapshot alone: a correction is a new publication with a reason, audited.
import { randomBytes } from "node:crypto";
import { MIN_REASON_LENGTH } from "#app/domain/advancement";
import { isLanguage, type Language } from "#app/domain/locale";
import { parseLocalizedJson, pickLocalized, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import {
  anonymousComments,
  certificateCode,
  normaliseCertificateCode,
  parseSnapshot,
  planCertificates,
  publicView,
  teamView,
  trackCriterionMeans,
  type PublicRoundView,
  type Snapshot,
  type TeamResultView,
} from "#app/domain/publication";
import { audit } from "#app/infra/audit.server";
import { enqueueMail } from "#app/infra/mail/outbox.server";
import { findRoundWithNext, listEntryMembers, listEntryRoundStatuses } from "#app/data/advancement.server";
import { findContestBySlug } from "#app/data/contests.server";
import {
  findCertificate,
  listEntryCertificates,
  listLatestPublications,
  listPublications,
  listRoundFeedback,
  listValidCertificates,
} from "#app/data/publications.server";
import { isPubliclyVisible } from "#app/domain/contest-state";
import { renderCertificatePdf } from "#app/infra/pdf/certificate.server";
import { awardsForSnapshot } from "./awards.server";
import type { ServiceContext } from "./context.server";
import { fail, ok, type Result } from "./result";
import { roundResults } from "./results.server";

// A publication never changes, so its parsed snapshot can be kept: team and public pages read the
// same few publications over and over. A handful is enough (one per recently published round).
// Kept per database handle, as ids are only unique within one database.
const SNAPSHOT_CACHE_SIZE = 16;
const parsedSnapshots = new WeakMap<object, Map<number, Snapshot>>();

function snapshotOf(db: object, publicationId: number, json: string): Snapshot {
  const cache = parsedSnapshots.get(db) ?? new Map<number, Snapshot>();
  parsedSnapshots.set(db, cache);
  const cached = cache.get(publicationId);
  if (cached) return cached;
  const snapshot = parseSnapshot(json);
  if (cache.size >= SNAPSHOT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(publicationId, snapshot);
  return snapshot;
}

/** The snapshot the round would publish now: results by the round's method, awards, feedback. */
async function buildSnapshot(ctx: ServiceContext, contestId: number, roundId: number): Promise<Result<Snapshot>> {
  const round = await findRoundWithNext(ctx.db, contestId, roundId);
  if (!round) return fail("not_found");
  const results = await roundResults(ctx, contestId, roundId);
  if (!results.ok) return results;
  const [awards, feedback, statuses] = await Promise.all([
    awardsForSnapshot(ctx.db, roundId),
    listRoundFeedback(ctx.db, roundId),
    listEntryRoundStatuses(ctx.db, roundId),
  ]);
  const statusOf = new Map(statuses.map((s) => [s.entryId, s.status]));
  const keys = results.value.criteria.map((c) => c.key);
  const commentsByEntry = new Map<number, Array<string | null>>();
  for (const f of feedback) commentsByEntry.set(f.entryId, [...(commentsByEntry.get(f.entryId) ?? []), f.feedback]);
  const inRound = new Set(results.value.tracks.flatMap((t) => t.entries.map((e) => e.entryId)));
  const method = results.value.method;

  return ok({
    schema: 1,
    method,
    roundName: results.value.roundName,
    nextRoundName: parseLocalizedJson(round.nextNameJson),
    criteria: results.value.criteria,
    tracks: results.value.tracks.map((track) => ({
      trackId: track.trackId,
      name: track.name,
      criterionMeans: trackCriterionMeans(track.entries, keys),
      entries: track.entries.map((e) => {
        const status = statusOf.get(e.entryId);
        return {
          entryId: e.entryId,
          code: e.code,
          teamName: e.teamName,
          rank: e.rank,
          tied: e.tied,
          score: e.scores[method],
          reviews: e.reviews.length,
          criterionMeans: e.criterionMeans,
          advanced: status === "advanced" ? true : status === "eliminated" ? false : null,
        };
      }),
    })),
    awards: awards.map((a) => ({
      awardId: a.awardId,
      name: a.name,
      description: a.description,
      grants: a.grants.filter((g) => inRound.has(g.entryId)),
    })),
    feedback: [...commentsByEntry]
      .filter(([entryId]) => inRound.has(entryId))
      .map(([entryId, comments]) => ({ entryId, comments: anonymousComments(comments) })),
  });
}

export interface PublicationPage {
  roundName: LocalizedText | null;
  method: Snapshot["method"];
  preview: Snapshot;
  history: Awaited<ReturnType<typeof listPublications>>;
}

/** The organiser's publication page: what would be published now, and every publication so far. */
export async function publicationPage(ctx: ServiceContext, contestId: number, roundId: number): Promise<Result<PublicationPage>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const snapshot = await buildSnapshot(ctx, contestId, roundId);
  if (!snapshot.ok) return snapshot;
  return ok({
    roundName: snapshot.value.roundName,
    method: snapshot.value.method,
    preview: snapshot.value,
    history: await listPublications(ctx.db, roundId),
  });
}

/** Publish (version 1) or publish a correction (a later version, with a reason). */
export async function publishRound(
  ctx: ServiceContext,
  contestId: number,
  roundId: number,
  input: { reason: string | null },
): Promise<Result<{ publicationId: number; version: number; issued: number; revoked: number }>> {
  if (!can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const built = await buildSnapshot(ctx, contestId, roundId);
  if (!built.ok) return built;
  const snapshot = built.value;
  const round = (await findRoundWithNext(ctx.db, contestId, roundId))!;
  const nowIso = ctx.now.toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("publications")
      .select((eb) => eb.fn.max("version").as("version"))
      .where("round_id", "=", roundId)
      .executeTakeFirst();
    const version = (last?.version ?? 0) + 1;
    const reason = input.reason?.trim() || null;
    if (version > 1 && (reason?.length ?? 0) < MIN_REASON_LENGTH)
      return fail("publish_reason_required", "reason", { min: MIN_REASON_LENGTH });
    const publication = await trx
      .insertInto("publications")
      .values({
        contest_id: contestId,
        round_id: roundId,
        version,
        snapshot_json: JSON.stringify(snapshot),
        reason: version > 1 ? reason : null,
        published_by: ctx.actor!.userId,
        published_at: nowIso,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    // Certificates: the team and each member of every awarded entry.
    const granted = snapshot.awards.flatMap((a) => a.grants.map((g) => ({ awardId: a.awardId, entryId: g.entryId })));
    const members = await listEntryMembers(trx, [...new Set(granted.map((g) => g.entryId))]);
    const wanted = granted.flatMap((g) => [
      { ...g, userId: null },
      ...members.filter((m) => m.entryId === g.entryId).map((m) => ({ ...g, userId: m.userId })),
    ]);
    const plan = planCertificates(await listValidCertificates(trx, roundId), wanted);
    const teamNameOf = new Map(snapshot.tracks.flatMap((t) => t.entries.map((e) => [e.entryId, e.teamName] as const)));
    const nameOf = new Map(members.map((m) => [m.userId, m.name]));
    if (plan.issue.length)
      await trx
        .insertInto("certificates")
        .values(
          plan.issue.map((h) => ({
            code: certificateCode(randomBytes(8)),
            publication_id: publication.id,
            award_id: h.awardId,
            entry_id: h.entryId,
            user_id: h.userId,
            recipient_name: h.userId === null ? null : (nameOf.get(h.userId) ?? null),
            team_name: teamNameOf.get(h.entryId) ?? "",
            issued_at: nowIso,
          })),
        )
        .execute();
    if (plan.revoke.length)
      await trx
        .updateTable("certificates")
        .set({ revoked_at: nowIso, revoked_publication_id: publication.id })
        .where(
          "id",
          "in",
          plan.revoke.map((c) => c.id),
        )
        .execute();
    await trx.updateTable("contests").set({ results_published_at: nowIso }).where("id", "=", contestId).execute();

    // Teams hear about the first publication; a correction is shown on the pages with its reason.
    if (version === 1) {
      const contestName = parseLocalizedJson(round.contestNameJson) ?? { en: round.contestName };
      const roundName = snapshot.roundName ?? { en: "" };
      const entryIds = snapshot.tracks.flatMap((t) => t.entries.map((e) => e.entryId));
      for (const m of await listEntryMembers(trx, entryIds)) {
        const language: Language = isLanguage(m.language) ? m.language : "en";
        await enqueueMail(trx, {
          kind: "results_published",
          to: { address: m.email, name: m.name, language },
          params: {
            name: m.name,
            team: m.teamName,
            contest: pickLocalized(contestName, language),
            round: pickLocalized(roundName, language),
            url: `${ctx.appUrl}/entries/${m.entryId}/results/${roundId}`,
          },
          now: ctx.now,
        });
      }
    }
    await audit(trx, {
      actorUserId: ctx.actor!.userId,
      action: version === 1 ? "results.published" : "results.corrected",
      subjectType: "round",
      subjectId: roundId,
      contestId,
      after: {
        publicationId: publication.id,
        version,
        reason,
        method: snapshot.method,
        awards: snapshot.awards.map((a) => ({ awardId: a.awardId, entries: a.grants.map((g) => g.entryId) })),
        certificatesIssued: plan.issue.length,
        certificatesRevoked: plan.revoke.length,
      },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ publicationId: publication.id, version, issued: plan.issue.length, revoked: plan.revoke.length });
  });
}

export interface PublishedRound extends PublicRoundView {
  roundId: number;
  roundName: LocalizedText | null;
  version: number;
  publishedAt: string;
  /** Why the latest publication corrected an earlier one; null for a first publication. */
  correction: string | null;
}

/** The public results page of a contest: every published round, latest version, in round order. */
export async function publicResults(
  ctx: ServiceContext,
  slug: string,
): Promise<Result<{ contest: { id: number; slug: string; name: LocalizedText; timeZone: string }; rounds: PublishedRound[] }>> {
  const contest = await findContestBySlug(ctx.db, slug);
  if (!contest || !isPubliclyVisible(contest.state)) return fail("not_found");
  const rows = await listLatestPublications(ctx.db, contest.id);
  return ok({
    contest: {
      id: contest.id,
      slug: contest.slug,
      name: parseLocalizedJson(contest.name_i18n) ?? { en: contest.name },
      timeZone: contest.time_zone,
    },
    rounds: rows.map((row) => ({
      roundId: row.roundId,
      roundName: parseLocalizedJson(row.roundNameJson),
      version: row.version,
      publishedAt: row.publishedAt,
      correction: row.reason,
      ...publicView(snapshotOf(ctx.db, row.id, row.snapshotJson)),
    })),
  });
}

export interface EntryResults {
  entryId: number;
  code: string;
  teamId: number;
  teamName: string;
  contest: { slug: string; name: LocalizedText; timeZone: string };
  roundId: number;
  roundName: LocalizedText | null;
  version: number;
  publishedAt: string;
  correction: string | null;
  /** The method the published ranking and score came from. */
  method: Snapshot["method"];
  /** The round an advanced entry went on to (null when the round was the last). */
  nextRoundName: LocalizedText | null;
  view: TeamResultView;
  /** Valid certificates for this entry in this round: the team's and each member's. */
  certificates: Array<{ code: string; awardName: LocalizedText | null; recipientName: string | null; mine: boolean }>;
}

/** A team's private results of one published round: its place, criteria against the track, feedback. */
export async function entryResults(ctx: ServiceContext, entryId: number, roundId: number): Promise<Result<EntryResults>> {
  if (!ctx.actor) return fail("unauthorised");
  const entry = await ctx.db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("contests", "contests.id", "entries.contest_id")
    .select([
      "entries.id",
      "entries.code",
      "entries.contest_id as contestId",
      "teams.id as teamId",
      "teams.name as teamName",
      "contests.slug",
      "contests.name as contestName",
      "contests.name_i18n as contestNameJson",
      "contests.time_zone as timeZone",
    ])
    .where("entries.id", "=", entryId)
    .executeTakeFirst();
  // Another team's entry does not exist for this actor.
  const member = entry && ctx.actor.teams.some((t) => t.teamId === entry.teamId);
  if (!entry || !(member || can(ctx.actor, { type: "contest.manage", contestId: entry.contestId }))) return fail("not_found");
  const [publication] = await listLatestPublications(ctx.db, entry.contestId, roundId);
  if (!publication) return fail("not_published");
  const snapshot = snapshotOf(ctx.db, publication.id, publication.snapshotJson);
  const view = teamView(snapshot, entryId);
  if (!view) return fail("not_found");
  const certificates = (await listEntryCertificates(ctx.db, entryId)).filter((c) => c.roundId === roundId);
  return ok({
    entryId,
    code: entry.code,
    teamId: entry.teamId,
    teamName: entry.teamName,
    contest: {
      slug: entry.slug,
      name: parseLocalizedJson(entry.contestNameJson) ?? { en: entry.contestName },
      timeZone: entry.timeZone,
    },
    roundId,
    roundName: parseLocalizedJson(publication.roundNameJson),
    version: publication.version,
    publishedAt: publication.publishedAt,
    correction: publication.reason,
    method: snapshot.method,
    nextRoundName: snapshot.nextRoundName,
    view,
    certificates: certificates.map((c) => ({
      code: c.code,
      awardName: parseLocalizedJson(c.awardNameJson),
      recipientName: c.recipientName,
      mine: c.userId === ctx.actor!.userId,
    })),
  });
}

/** The published rounds an entry appears in, for links from the team's pages. */
export async function publishedRoundsOf(ctx: ServiceContext, entryId: number, contestId: number) {
  const rows = await listLatestPublications(ctx.db, contestId);
  return rows
    .filter((row) =>
      snapshotOf(ctx.db, row.id, row.snapshotJson).tracks.some((t) => t.entries.some((e) => e.entryId === entryId)),
    )
    .map((row) => ({ roundId: row.roundId, roundName: parseLocalizedJson(row.roundNameJson) }));
}

export interface CertificateFactsView {
  code: string;
  valid: boolean;
  revokedAt: string | null;
  issuedAt: string;
  recipientName: string | null;
  teamName: string;
  awardName: LocalizedText | null;
  roundName: LocalizedText | null;
  contest: { slug: string; name: LocalizedText; timeZone: string };
  /** May this viewer download the PDF: a member of the team, the organiser. */
  mayDownload: boolean;
}

/** The public verification of a certificate code: what it certifies, and whether it still stands. */
export async function verifyCertificate(ctx: ServiceContext, rawCode: string): Promise<Result<CertificateFactsView>> {
  const cert = await findCertificate(ctx.db, normaliseCertificateCode(rawCode));
  if (!cert) return fail("not_found");
  const mayDownload =
    !!ctx.actor &&
    (ctx.actor.teams.some((t) => t.teamId === cert.teamId) ||
      can(ctx.actor, { type: "contest.manage", contestId: cert.contestId }));
  return ok({
    code: cert.code,
    valid: cert.revokedAt === null,
    revokedAt: cert.revokedAt,
    issuedAt: cert.issuedAt,
    recipientName: cert.recipientName,
    teamName: cert.teamName,
    awardName: parseLocalizedJson(cert.awardNameJson),
    roundName: parseLocalizedJson(cert.roundNameJson),
    contest: {
      slug: cert.contestSlug,
      name: parseLocalizedJson(cert.contestNameJson) ?? { en: cert.contestName },
      timeZone: cert.timeZone,
    },
    mayDownload,
  });
}

/**
 * A certificate as a PDF for a member of its team (or the organiser). It is printed in the holder's
 * language first, then English and Simplified Chinese, the contest's working languages, each once.
 */
export async function certificatePdf(
  ctx: ServiceContext,
  rawCode: string,
  viewerLanguage: Language,
): Promise<Result<{ bytes: Uint8Array; filename: string }>> {
  if (!ctx.actor) return fail("not_found");
  const cert = await findCertificate(ctx.db, normaliseCertificateCode(rawCode));
  const allowed =
    cert &&
    (ctx.actor.teams.some((t) => t.teamId === cert.teamId) ||
      can(ctx.actor, { type: "contest.manage", contestId: cert.contestId }));
  if (!cert || !allowed) return fail("not_found");
  if (cert.revokedAt) return fail("certificate_revoked");
  const holder =
    cert.userId === null
      ? null
      : await ctx.db.selectFrom("users").select("preferred_language").where("id", "=", cert.userId).executeTakeFirst();
  const first = holder && isLanguage(holder.preferred_language) ? holder.preferred_language : viewerLanguage;
  const languages = [...new Set<Language>([first, "en", "zh-CN"])];
  const bytes = await renderCertificatePdf({
    languages,
    contestName: parseLocalizedJson(cert.contestNameJson) ?? { en: cert.contestName },
    awardName: parseLocalizedJson(cert.awardNameJson) ?? { en: "" },
    roundName: parseLocalizedJson(cert.roundNameJson),
    teamName: cert.teamName,
    personName: cert.recipientName,
    issuedAt: new Date(cert.issuedAt),
    timeZone: cert.timeZone,
    code: cert.code,
    verifyUrl: `${ctx.appUrl}/certificates/${cert.code}`,
  });
  return ok({ bytes, filename: `${cert.contestSlug}-${cert.entryCode}-${cert.code}.pdf` });
}
