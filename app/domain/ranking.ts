// Ranking one track's entries by score and the contest's tie-breakers, with true ties kept as ties and a
// reason for every place, and the advancement cut line drawn on that ranking. Pure: no storage.
import { z } from "zod";

/** What ranking needs to know about one entry, already aggregated by the round's method. */
export interface RankingFacts {
  entryId: number;
  trackId: number;
  /** The entry's result (0–100); null when it has no review to count, which leaves it unranked. */
  score: number | null;
  /** Mean per criterion key; null when no review scored that criterion. */
  criterionMeans: Record<string, number | null>;
  completedReviews: number;
}

// The tie-breaker schema lives here rather than in app/forms because the list is stored in the
// contest's settings and re-read by services on every ranking, not only posted by a form; one schema
// beside the rule keeps the stored shape and the type in step. New kinds join the union.
const withCode = (message: string) => ({ errorMap: () => ({ message }) });

export const tieBreakerSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("criterion"),
      key: z.string(withCode("criterion_key_invalid")).regex(/^[a-z][a-z0-9_]{0,39}$/, "criterion_key_invalid"),
    }),
    z.object({ kind: z.literal("reviews") }),
  ],
  withCode("invalid_choice"),
);
export type TieBreaker = z.infer<typeof tieBreakerSchema>;

/** The contest's tie-breakers in order; the same one twice is a mistake (the second never decides). */
export const tieBreakersSchema = z.array(tieBreakerSchema, withCode("invalid_choice")).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((tb, index) => {
    const id = tb.kind === "criterion" ? `criterion:${tb.key}` : tb.kind;
    if (seen.has(id)) {
      const issue = tb.kind === "criterion" ? `duplicate_criterion_key?key=${tb.key}` : "invalid_choice";
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: issue, path: [index] });
    }
    seen.add(id);
  });
});

/** Criterion keys named by tie-breakers that the round's rubric does not have. */
export function unknownTieBreakerKeys(tieBreakers: readonly TieBreaker[], criterionKeys: readonly string[]): string[] {
  return tieBreakers.flatMap((tb) => (tb.kind === "criterion" && !criterionKeys.includes(tb.key) ? [tb.key] : []));
}

/**
 * Scores are means of decimals (e.g. (8.1 + 8.2 + 8.3) / 3 is 8.200000000000001 in binary floating
 * point), so two values closer than this are the same value. Sorted values each within epsilon of
 * the next form one tie; real scores on a 0–100 scale are never that close without being equal.
 */
export const SCORE_EPSILON = 1e-6;

/** The key that set an entry's place against a neighbour: the score, tie-breaker i, or nothing. */
export type DecidedBy = "score" | `tiebreak:${number}` | "tie";

export interface RankComparison {
  otherEntryId: number;
  decidedBy: DecidedBy;
  /** The deciding tie-breaker when decidedBy is tiebreak:i. */
  tieBreaker: TieBreaker | null;
  /** This entry's and the neighbour's values on the deciding key (the scores for a tie). */
  own: number | null;
  other: number | null;
}

export interface RankedEntry extends RankingFacts {
  /** Standard competition rank (1, 2, 2, 4); null for an entry without a score. */
  rank: number | null;
  /** Shares its rank with another entry. */
  tied: boolean;
  /** Against the entry just above: "placed below T-0011 on a lower Team score (8.0 vs 8.5)". */
  above: RankComparison | null;
  /** Against the entry just below: "placed above T-0012 on a higher Team score (8.5 vs 8.0)". */
  below: RankComparison | null;
}

const usable = (v: number | null | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Level 0 is the score, level i + 1 is tie-breaker i. */
function keyValue(entry: RankingFacts, level: number, tieBreakers: readonly TieBreaker[]): number | null {
  if (level === 0) return usable(entry.score);
  const tb = tieBreakers[level - 1]!;
  return tb.kind === "criterion" ? usable(entry.criterionMeans[tb.key]) : entry.completedReviews;
}

interface Group {
  members: RankingFacts[];
  /** The level that separated this group from the one before it; null for the first group. */
  decidedBy: number | null;
}

// Sort by one key (higher first, missing last), cut into runs of equal values, then split each run by
// the next key. Sorting by value before chaining makes the groups independent of the input order.
function split(
  members: RankingFacts[],
  level: number,
  decidedBy: number | null,
  tieBreakers: readonly TieBreaker[],
  out: Group[],
) {
  if (level > tieBreakers.length) {
    // Values within epsilon may still differ in their last digits; a tie is listed by entry id.
    out.push({ members: [...members].sort((a, b) => a.entryId - b.entryId), decidedBy });
    return;
  }
  const withValues = members
    .map((entry) => ({ entry, value: keyValue(entry, level, tieBreakers) }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.entry.entryId - b.entry.entryId);
  const runs: RankingFacts[][] = [];
  let previous: number | null | undefined;
  for (const { entry, value } of withValues) {
    const same =
      previous !== undefined && (value === null ? previous === null : previous !== null && previous - value <= SCORE_EPSILON);
    if (same) runs[runs.length - 1]!.push(entry);
    else runs.push([entry]);
    previous = value;
  }
  runs.forEach((run, i) => split(run, level + 1, i === 0 ? decidedBy : level, tieBreakers, out));
}

function compare(
  own: RankingFacts,
  other: RankingFacts,
  level: number | null,
  tieBreakers: readonly TieBreaker[],
): RankComparison {
  const key = level ?? 0;
  return {
    otherEntryId: other.entryId,
    decidedBy: level === null ? "tie" : level === 0 ? "score" : `tiebreak:${level - 1}`,
    tieBreaker: level === null || level === 0 ? null : tieBreakers[level - 1]!,
    own: keyValue(own, key, tieBreakers),
    other: keyValue(other, key, tieBreakers),
  };
}

/**
 * One track's ranking: highest score first, then the tie-breakers in order; entries equal on every
 * key share a rank and are listed by entry id. Entries without a score follow, unranked.
 */
export function rankTrack(entries: readonly RankingFacts[], tieBreakers: readonly TieBreaker[]): RankedEntry[] {
  const scored = entries.filter((e) => usable(e.score) !== null);
  const groups: Group[] = [];
  if (scored.length) split(scored, 0, null, tieBreakers, groups);

  const result: RankedEntry[] = [];
  let rank = 1;
  groups.forEach((group, g) => {
    const previous = groups[g - 1];
    const next = groups[g + 1];
    group.members.forEach((entry, i) => {
      const abovePeer = group.members[i - 1];
      const belowPeer = group.members[i + 1];
      result.push({
        ...entry,
        rank,
        tied: group.members.length > 1,
        above: abovePeer
          ? compare(entry, abovePeer, null, tieBreakers)
          : previous
            ? compare(entry, previous.members[previous.members.length - 1]!, group.decidedBy, tieBreakers)
            : null,
        below: belowPeer
          ? compare(entry, belowPeer, null, tieBreakers)
          : next
            ? compare(entry, next.members[0]!, next.decidedBy, tieBreakers)
            : null,
      });
    });
    rank += group.members.length;
  });

  const unranked = entries.filter((e) => usable(e.score) === null).sort((a, b) => a.entryId - b.entryId);
  for (const entry of unranked) result.push({ ...entry, rank: null, tied: false, above: null, below: null });
  return result;
}

/** Every track ranked on its own, tracks by id (an array, so a loader can send it as JSON). */
export function rankByTrack(
  entries: readonly RankingFacts[],
  tieBreakers: readonly TieBreaker[],
): Array<{ trackId: number; entries: RankedEntry[] }> {
  const byTrack = new Map<number, RankingFacts[]>();
  for (const entry of entries) byTrack.set(entry.trackId, [...(byTrack.get(entry.trackId) ?? []), entry]);
  return [...byTrack.keys()]
    .sort((a, b) => a - b)
    .map((trackId) => ({ trackId, entries: rankTrack(byTrack.get(trackId)!, tieBreakers) }));
}

// ---- Advancement ---------------------------------------------------------------------------------

export const cutRuleSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("top"),
      n: z.coerce
        .number(withCode("not_a_number"))
        .int("not_a_whole_number")
        .min(1, "number_too_small?min=1")
        .max(10_000, "number_too_large?max=10000"),
    }),
    z.object({
      kind: z.literal("above"),
      score: z.coerce
        .number(withCode("not_a_number"))
        .finite("not_a_number")
        .min(0, "number_too_small?min=0")
        .max(100, "number_too_large?max=100"),
    }),
  ],
  withCode("invalid_choice"),
);
/** Advance the best n, or everyone scoring at least `score` (the threshold itself advances). */
export type CutRule = z.infer<typeof cutRuleSchema>;

export interface CutLine {
  advancing: RankedEntry[];
  /** A tie the rule cuts through: all of them are listed and the organiser decides. */
  tiedAtCut: RankedEntry[];
  /** For a top-n rule cut inside a tie, how many of tiedAtCut can still advance; null otherwise. */
  seatsInTie: number | null;
  notAdvancing: RankedEntry[];
  /** Entries without a score never advance by rule. */
  unranked: RankedEntry[];
}

/** Where a rule cuts one track's ranking (as returned by rankTrack), without choosing inside a tie. */
export function cutLine(ranked: readonly RankedEntry[], rule: CutRule): CutLine {
  const line: CutLine = { advancing: [], tiedAtCut: [], seatsInTie: null, notAdvancing: [], unranked: [] };
  const groups: RankedEntry[][] = [];
  for (const entry of ranked) {
    if (entry.rank === null) line.unranked.push(entry);
    else if (groups.length && groups[groups.length - 1]![0]!.rank === entry.rank) groups[groups.length - 1]!.push(entry);
    else groups.push([entry]);
  }
  let position = 0;
  for (const group of groups) {
    const passing = group.filter((entry, i) =>
      rule.kind === "top" ? position + i < rule.n : (entry.score ?? -Infinity) >= rule.score - SCORE_EPSILON,
    ).length;
    if (passing === group.length) line.advancing.push(...group);
    else if (passing === 0) line.notAdvancing.push(...group);
    else {
      line.tiedAtCut.push(...group);
      if (rule.kind === "top") line.seatsInTie = rule.n - position;
    }
    position += group.length;
  }
  return line;
}
