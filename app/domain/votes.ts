// People's choice rules, pure: whether a contest's voting window is open, which network addresses
// cast suspiciously many votes in a short time, and the counts per entry that voided votes leave.

export type VotingPhase = "disabled" | "not_yet" | "open" | "closed";

export interface VotingWindowInput {
  enabled: boolean;
  opensAt: string | null;
  closesAt: string | null;
  /** The contest's IANA zone: instants are stored in UTC and shown in this zone. */
  timeZone: string;
}

export interface VotingWindow {
  phase: VotingPhase;
  opensAt: string | null;
  closesAt: string | null;
  timeZone: string;
}

/**
 * The window is [opensAt, closesAt): a vote at the closing instant is late. A contest with people's
 * choice switched off, or without both instants, never opens.
 */
export function votingWindow(input: VotingWindowInput, now: Date): VotingWindow {
  const base = { opensAt: input.opensAt, closesAt: input.closesAt, timeZone: input.timeZone };
  const opens = input.opensAt ? Date.parse(input.opensAt) : NaN;
  const closes = input.closesAt ? Date.parse(input.closesAt) : NaN;
  if (!input.enabled || !Number.isFinite(opens) || !Number.isFinite(closes)) return { ...base, phase: "disabled" };
  const t = now.getTime();
  if (t < opens) return { ...base, phase: "not_yet" };
  if (t >= closes) return { ...base, phase: "closed" };
  return { ...base, phase: "open" };
}

/**
 * A burst: more than `maxVotes` votes from one network address inside any `windowMinutes` span.
 * Ten votes in ten minutes is generous for a household or an office behind one address voting in
 * several tracks, and far below what a script does. Voided votes still count here: an organiser
 * who voids part of a burst should still see the address it came from.
 */
export interface BurstPolicy {
  maxVotes: number;
  windowMinutes: number;
}

export const VOTE_BURST: BurstPolicy = { maxVotes: 10, windowMinutes: 10 };

export interface VoteSighting {
  id: number;
  ip: string | null;
  createdAt: string;
}

export interface Burst {
  ip: string;
  /** Every vote from the address that falls in a span over the limit. */
  voteIds: number[];
  firstAt: string;
  lastAt: string;
  /** The most votes seen inside one window span. */
  peak: number;
}

export function detectBursts(votes: readonly VoteSighting[], policy: BurstPolicy = VOTE_BURST): Burst[] {
  const spanMs = policy.windowMinutes * 60_000;
  const byIp = new Map<string, Array<{ id: number; at: number; createdAt: string }>>();
  for (const v of votes) {
    if (!v.ip) continue;
    const at = Date.parse(v.createdAt);
    if (!Number.isFinite(at)) continue;
    const list = byIp.get(v.ip) ?? [];
    list.push({ id: v.id, at, createdAt: v.createdAt });
    byIp.set(v.ip, list);
  }
  const bursts: Burst[] = [];
  for (const [ip, list] of byIp) {
    list.sort((a, b) => a.at - b.at || a.id - b.id);
    const flagged = new Set<number>();
    let peak = 0;
    let start = 0;
    // Sliding window over votes in time order: [start, end] spans less than `spanMs`.
    for (let end = 0; end < list.length; end++) {
      while (list[end]!.at - list[start]!.at >= spanMs) start++;
      const size = end - start + 1;
      if (size > policy.maxVotes) {
        peak = Math.max(peak, size);
        for (let i = start; i <= end; i++) flagged.add(i);
      }
    }
    if (flagged.size === 0) continue;
    const members = [...flagged].sort((a, b) => a - b).map((i) => list[i]!);
    bursts.push({
      ip,
      voteIds: members.map((m) => m.id),
      firstAt: members[0]!.createdAt,
      lastAt: members[members.length - 1]!.createdAt,
      peak,
    });
  }
  return bursts.sort((a, b) => b.peak - a.peak || a.ip.localeCompare(b.ip));
}

export interface CountableVote {
  entryId: number;
  voidedAt: string | null;
}

/** Live votes per entry id; voided votes do not count. Entries without votes are absent. */
export function countVotes(votes: readonly CountableVote[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of votes) {
    if (v.voidedAt) continue;
    counts.set(v.entryId, (counts.get(v.entryId) ?? 0) + 1);
  }
  return counts;
}

/** The shortest reason an organiser may give for voiding votes (pages and the service share it). */
export const VOID_REASON_MIN = 5;
