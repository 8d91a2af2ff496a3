// The people's choice award: verified accounts vote once per track inside the contest's voting
// window; organisers see live counts and bursts from one address, void votes with a reason and
// publish the counts. Until then nobody else sees a count.
import { parseLocalizedJson, type LocalizedText } from "#app/domain/localized";
import { can } from "#app/domain/permissions";
import { VOTES_PER_ACCOUNT, VOTES_PER_IP } from "#app/domain/rate-limit";
import { zonedLocalToUtc } from "#app/domain/time";
import { countVotes, detectBursts, votingWindow, type Burst, type VotingWindow } from "#app/domain/votes";
import { audit } from "#app/infra/audit.server";
import {
  findEntryForVote,
  findLiveVote,
  findVotingContest,
  findVotingContestBySlug,
  insertVote,
  countVoteList,
  listContestVotes,
  listLiveVotesFor,
  listVoteListPage,
  listVotableEntries,
  listVoterLiveVotes,
  listVotingTracks,
  markVotesVoided,
  setVotingPublished,
  updateVotingSettings,
} from "#app/data/votes.server";
import type { ServiceContext } from "./context.server";
import { entryTextViews, type EntryTextView, type TextViewer } from "./entry-texts.server";
import { spend } from "./limits.server";
import { fail, ok, type Result } from "./result";
import { VOID_REASON_MIN } from "#app/domain/votes";

type VotingContest = NonNullable<Awaited<ReturnType<typeof findVotingContest>>>;

const windowOf = (contest: VotingContest, now: Date): VotingWindow =>
  votingWindow(
    { enabled: contest.enabled === 1, opensAt: contest.opensAt, closesAt: contest.closesAt, timeZone: contest.timeZone },
    now,
  );

const isUniqueViolation = (error: unknown) =>
  error instanceof Error && "code" in error && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";

export interface VoteEntryView {
  id: number;
  code: string;
  teamName: string;
  pitch: string | null;
  /** The pitch in a version the viewer reads, with the languages it is in (entry-texts.server.ts). */
  pitchText: EntryTextView | null;
  /** Null until the counts are published (or for an organiser, always a number). */
  votes: number | null;
}

export interface VoteTrackView {
  id: number;
  name: LocalizedText;
  entries: VoteEntryView[];
  /** The entry the viewer voted for in this track, if any. */
  myVote: number | null;
}

export interface VotingPage {
  contest: { id: number; slug: string; name: LocalizedText; timeZone: string };
  window: VotingWindow;
  publishedAt: string | null;
  /** Whether the viewer may press "Vote" now: signed in, verified, window open. */
  canVote: boolean;
  signedIn: boolean;
  emailVerified: boolean;
  tracks: VoteTrackView[];
}

async function tracksWithEntries(
  ctx: ServiceContext,
  contestId: number,
  counts: Map<number, number> | null,
  viewer: TextViewer = { uiLanguage: "en" },
) {
  const [tracks, entries, mine] = await Promise.all([
    listVotingTracks(ctx.db, contestId),
    listVotableEntries(ctx.db, contestId),
    ctx.actor ? listVoterLiveVotes(ctx.db, contestId, ctx.actor.userId) : Promise.resolve([]),
  ]);
  const texts = await entryTextViews(
    ctx.db,
    entries.map((e) => e.id),
    viewer,
  );
  return tracks.map((track): VoteTrackView => ({
    id: track.id,
    name: parseLocalizedJson(track.nameJson) ?? { en: `#${track.id}` },
    entries: entries
      .filter((e) => e.trackId === track.id)
      .map((e) => ({
        id: e.id,
        code: e.code,
        teamName: e.teamName,
        pitch: e.pitch,
        pitchText: texts.get(e.id)?.pitch ?? null,
        votes: counts ? (counts.get(e.id) ?? 0) : null,
      })),
    myVote: mine.find((v) => v.trackId === track.id)?.entryId ?? null,
  }));
}

/** The public vote page of a contest with people's choice switched on; counts only once published. */
export async function votingPage(
  ctx: ServiceContext,
  slug: string,
  viewer: TextViewer = { uiLanguage: "en" },
): Promise<Result<VotingPage>> {
  const contest = await findVotingContestBySlug(ctx.db, slug);
  if (!contest || contest.state === "draft" || contest.enabled !== 1) return fail("not_found");
  const window = windowOf(contest, ctx.now);
  const counts = contest.publishedAt ? countVotes(await listContestVotes(ctx.db, contest.id)) : null;
  return ok({
    contest: {
      id: contest.id,
      slug: contest.slug,
      name: parseLocalizedJson(contest.nameJson) ?? { en: contest.slug },
      timeZone: contest.timeZone,
    },
    window,
    publishedAt: contest.publishedAt,
    canVote: Boolean(ctx.actor?.emailVerified) && window.phase === "open",
    signedIn: ctx.actor !== null,
    emailVerified: Boolean(ctx.actor?.emailVerified),
    tracks: await tracksWithEntries(ctx, contest.id, counts, viewer),
  });
}

/** Whether the contest page should link to the vote page: voting open, or its counts published. */
export async function votingLinkVisible(ctx: ServiceContext, contestId: number): Promise<boolean> {
  const contest = await findVotingContest(ctx.db, contestId);
  if (!contest || contest.enabled !== 1) return false;
  return windowOf(contest, ctx.now).phase === "open" || contest.publishedAt !== null;
}

export async function castVote(
  ctx: ServiceContext,
  contestId: number,
  trackId: number,
  entryId: number,
): Promise<Result<{ voteId: number }>> {
  const actor = ctx.actor;
  if (!actor) return fail("unauthorised");
  if (!actor.emailVerified) return fail("email_not_verified");
  const contest = await findVotingContest(ctx.db, contestId);
  if (!contest || contest.state === "draft" || contest.enabled !== 1) return fail("not_found");
  const phase = windowOf(contest, ctx.now).phase;
  if (phase === "not_yet") return fail("votes.not_open");
  if (phase !== "open") return fail("votes.closed");
  // Every attempt inside the window counts, refused ones too: guessing at ids costs the same.
  const refusal =
    (await spend(ctx, `vote:account:${actor.userId}`, VOTES_PER_ACCOUNT)) ??
    (await spend(ctx, `vote:ip:${ctx.ip ?? "unknown"}`, VOTES_PER_IP));
  if (refusal) return refusal;
  const entry = await findEntryForVote(ctx.db, contestId, entryId);
  if (!entry || entry.trackId !== trackId || entry.status !== "registered") return fail("votes.entry_not_eligible", "entryId");
  if (await findLiveVote(ctx.db, contestId, trackId, actor.userId)) return fail("votes.vote_already_cast", "trackId");
  const at = ctx.now.toISOString();
  try {
    const voteId = await ctx.db.transaction().execute(async (trx) => {
      const row = await insertVote(trx, { contestId, trackId, entryId, voterId: actor.userId, ip: ctx.ip, at });
      await audit(trx, {
        actorUserId: actor.userId,
        action: "vote.cast",
        subjectType: "vote",
        subjectId: row.id,
        contestId,
        after: { trackId, entryId },
        ip: ctx.ip,
        now: ctx.now,
      });
      return row.id;
    });
    return ok({ voteId });
  } catch (error) {
    // Two votes from one account at the same moment: the partial unique index lets one through.
    if (isUniqueViolation(error)) return fail("votes.vote_already_cast", "trackId");
    throw error;
  }
}

export interface VoteCounts {
  window: VotingWindow;
  enabled: boolean;
  publishedAt: string | null;
  tracks: VoteTrackView[];
  /** Organisers only; empty for everyone else. */
  bursts: Burst[];
  totalVotes: number;
  voidedVotes: number;
  /** For the settings form: the window's instants in UTC. */
  opensAt: string | null;
  closesAt: string | null;
}

/**
 * Organisers see live counts and the bursts; anyone else sees the counts only once published.
 */
export async function voteCounts(ctx: ServiceContext, contestId: number): Promise<Result<VoteCounts>> {
  const contest = await findVotingContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  const organiser = can(ctx.actor, { type: "contest.manage", contestId });
  if (!organiser) {
    if (contest.state === "draft" || contest.enabled !== 1) return fail("not_found");
    if (!contest.publishedAt) return fail("forbidden");
  }
  const votes = await listContestVotes(ctx.db, contestId);
  const counts = countVotes(votes);
  return ok({
    window: windowOf(contest, ctx.now),
    enabled: contest.enabled === 1,
    publishedAt: contest.publishedAt,
    tracks: await tracksWithEntries(ctx, contestId, counts),
    bursts: organiser ? detectBursts(votes) : [],
    totalVotes: votes.filter((v) => !v.voidedAt).length,
    voidedVotes: votes.filter((v) => v.voidedAt).length,
    opensAt: contest.opensAt,
    closesAt: contest.closesAt,
  });
}

/** The organisers' list of votes shows this many a page. */
export const VOTE_LIST_PAGE_SIZE = 50;

export interface VoteListFilter {
  trackId: number | null;
  /** Only votes that are part of a burst from one address. */
  burstOnly: boolean;
  /** 1-based; a page past the end shows the last one. */
  page: number;
}

export interface VoteListRow {
  id: number;
  createdAt: string;
  trackId: number;
  trackName: LocalizedText;
  entryId: number;
  entryCode: string;
  teamName: string;
  voterName: string;
  voterEmail: string;
  ip: string | null;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface VoteList {
  rows: VoteListRow[];
  page: number;
  pages: number;
  total: number;
}

/**
 * The votes themselves, newest first, with who cast them and from where: organisers only, because
 * it names the voters. The burst filter uses the same rule as the counts page (domain/votes.ts).
 */
export async function listVotesForOrganisers(
  ctx: ServiceContext,
  contestId: number,
  filter: VoteListFilter,
): Promise<Result<VoteList>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  if (!(await findVotingContest(ctx.db, contestId))) return fail("not_found");
  const onlyIds = filter.burstOnly ? detectBursts(await listContestVotes(ctx.db, contestId)).flatMap((b) => b.voteIds) : null;
  const query = { contestId, trackId: filter.trackId, onlyIds };
  const total = await countVoteList(ctx.db, query);
  const pages = Math.max(1, Math.ceil(total / VOTE_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(filter.page) || 1), pages);
  const rows = await listVoteListPage(ctx.db, query, {
    limit: VOTE_LIST_PAGE_SIZE,
    offset: (page - 1) * VOTE_LIST_PAGE_SIZE,
  });
  return ok({
    rows: rows.map(({ trackNameJson, ...row }) => ({
      ...row,
      trackName: parseLocalizedJson(trackNameJson) ?? { en: `#${row.trackId}` },
    })),
    page,
    pages,
    total,
  });
}

export type VoidTarget = { voteIds: number[] } | { ip: string };

export async function voidVotes(
  ctx: ServiceContext,
  contestId: number,
  target: VoidTarget,
  reason: string,
): Promise<Result<{ count: number }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  const why = reason.trim();
  if (why.length < VOID_REASON_MIN) return fail("votes.reason_too_short", "reason", { min: VOID_REASON_MIN });
  if ("voteIds" in target && target.voteIds.length === 0) return fail("votes.nothing_to_void");
  if (!(await findVotingContest(ctx.db, contestId))) return fail("not_found");
  return ctx.db.transaction().execute(async (trx) => {
    const ids = (await listLiveVotesFor(trx, contestId, target)).map((v) => v.id);
    if (ids.length === 0) return fail("votes.nothing_to_void");
    const at = ctx.now.toISOString();
    await markVotesVoided(trx, ids, { by: actorId, reason: why, at });
    await audit(trx, {
      actorUserId: actorId,
      action: "votes.voided",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      after: { count: ids.length, voteIds: ids, ...("ip" in target ? { ip: target.ip } : {}), reason: why },
      ip: ctx.ip,
      now: ctx.now,
    });
    return ok({ count: ids.length });
  });
}

/** Makes the counts public. Only once voting has closed: live counts would sway the voters. */
export async function publishPeoplesChoice(ctx: ServiceContext, contestId: number): Promise<Result<{ publishedAt: string }>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  const contest = await findVotingContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  if (contest.enabled !== 1) return fail("votes.not_enabled");
  if (contest.publishedAt) return fail("votes.already_published");
  if (windowOf(contest, ctx.now).phase !== "closed") return fail("votes.window_not_closed");
  const at = ctx.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await setVotingPublished(trx, contestId, at);
    await audit(trx, {
      actorUserId: actorId,
      action: "peoples_choice.published",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      after: { publishedAt: at },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok({ publishedAt: at });
}

export interface VotingSettingsInput {
  enabled: boolean;
  /** "YYYY-MM-DDTHH:mm" on the contest's wall clock, or empty. */
  opensLocal: string;
  closesLocal: string;
}

/** Switches people's choice on or off and sets its window, entered in the contest's time zone. */
export async function updatePeoplesChoiceSettings(
  ctx: ServiceContext,
  contestId: number,
  input: VotingSettingsInput,
): Promise<Result<null>> {
  if (!ctx.actor || !can(ctx.actor, { type: "contest.manage", contestId })) return fail("forbidden");
  const actorId = ctx.actor.userId;
  const contest = await findVotingContest(ctx.db, contestId);
  if (!contest) return fail("not_found");
  if (contest.publishedAt) return fail("votes.already_published");
  const toUtc = (local: string, field: string) => {
    if (!local.trim()) return { value: null };
    const date = zonedLocalToUtc(local.trim(), contest.timeZone);
    return date ? { value: date.toISOString() } : { error: fail("invalid_datetime", field) };
  };
  const opens = toUtc(input.opensLocal, "opensAt");
  if ("error" in opens && opens.error) return opens.error;
  const closes = toUtc(input.closesLocal, "closesAt");
  if ("error" in closes && closes.error) return closes.error;
  const opensAt = opens.value ?? null;
  const closesAt = closes.value ?? null;
  if (input.enabled && (!opensAt || !closesAt)) return fail("votes.window_required", opensAt ? "closesAt" : "opensAt");
  if (opensAt && closesAt && closesAt <= opensAt) return fail("votes.window_invalid", "closesAt");
  const at = ctx.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await updateVotingSettings(trx, contestId, { enabled: input.enabled, opensAt, closesAt, at });
    await audit(trx, {
      actorUserId: actorId,
      action: "peoples_choice.updated",
      subjectType: "contest",
      subjectId: contestId,
      contestId,
      before: { enabled: contest.enabled === 1, opensAt: contest.opensAt, closesAt: contest.closesAt },
      after: { enabled: input.enabled, opensAt, closesAt },
      ip: ctx.ip,
      now: ctx.now,
    });
  });
  return ok(null);
}
