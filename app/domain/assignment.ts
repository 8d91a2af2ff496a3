// Automatic judge assignment for one round, as a minimum-cost flow.
//
// Why a flow and not a greedy: the hard rules (k distinct judges per entry, no conflicts) and the
// balance rule (every judge's load is ⌊T/m⌋ or ⌈T/m⌉, T = entries × k, m = judges) are capacities,
// and the flow is exact: when some assignment meets them all, the flow finds one; when none does,
// the flow still fills every entry that has enough eligible judges and we can say precisely which
// rule gave way. A greedy "least-loaded eligible judge" breaks balance on some conflict patterns and
// needs repair steps without a bound we could prove.
//
// The network: source → entry (capacity k minus the judges it keeps), entry → judge for every judge
// without a conflict (capacity 1, cost = preference: track and language fit), judge → sink in three
// segments: up to ⌊T/m⌋ at cost 0, up to ⌈T/m⌉ at cost BALANCE, beyond at cost OVERLOAD. The two
// penalties are larger than any total of smaller costs, so the minimum-cost maximum flow first
// fills entries, then avoids overloading, then balances, and only then prefers better fits.
//
// Mixing: edge costs carry a seeded draw below one unit of preference, so among equally good
// judges the flow spreads each judge over many co-judges (a judging simulation showed calibration
// losing to the plain mean when panels repeated the same trios; see docs/judging-methods.md).
// Closed sub-panels can still remain in a track; afterwards, while
// a track's judge-entry graph has more than one connected part, two assignments from different
// parts swap judges (e1–j1, e2–j2 become e1–j2, e2–j1): loads and judge counts are unchanged and
// the parts join. The seed orders entries and judges, so the same input and seed give the same
// result, and a different seed gives another of the equally good assignments.
import { FlowNetwork } from "./min-cost-flow";

export interface AssignmentEntry {
  id: number;
  trackId: number;
  /** The language of the entry's materials (a language code), if known. */
  language?: string | null;
}

export interface AssignmentJudge {
  id: number;
  /** Track ids the judge knows; empty means any. */
  trackIds: readonly number[];
  /** Language codes the judge reads; empty means unknown. */
  languages: readonly string[];
}

export interface AssignmentInput {
  entries: readonly AssignmentEntry[];
  judges: readonly AssignmentJudge[];
  judgesPerEntry: number;
  /** Pairs that must never meet: [judgeId, entryId]. */
  conflicts: ReadonlyArray<readonly [number, number]>;
  /** Assignments that stay as they are (e.g. reviews already started or finished). */
  keep?: ReadonlyArray<{ judgeId: number; entryId: number }>;
  seed: number;
}

export type AssignmentProblem =
  | { code: "no_judges" }
  | { code: "too_few_eligible"; trackId: number; entries: number; eligible: number; needed: number }
  | { code: "unbalanced"; most: number; least: number }
  | { code: "no_reader"; language: string; entries: number }
  | { code: "single_judge_panels"; trackId: number }
  | { code: "not_connected"; trackId: number; parts: number };

export interface AssignmentResult {
  /** Every assignment of the round: the kept ones and the new ones. */
  assignments: Array<{ judgeId: number; entryId: number }>;
  /** Only the new ones. */
  added: Array<{ judgeId: number; entryId: number }>;
  loads: Map<number, number>;
  problems: AssignmentProblem[];
}

/** Cost units per point of preference; the random mixing draw stays below one unit. */
const MIX = 8;

export const TRACK_MISMATCH_COST = 3;
export const LANGUAGE_MISMATCH_COST = 2;

/** How well a judge fits an entry: 0 is best. */
export function preferenceCost(judge: AssignmentJudge, entry: AssignmentEntry): number {
  let cost = 0;
  if (judge.trackIds.length > 0 && !judge.trackIds.includes(entry.trackId)) cost += TRACK_MISMATCH_COST;
  if (entry.language && !judge.languages.includes(entry.language)) cost += LANGUAGE_MISMATCH_COST;
  return cost;
}

/** A small deterministic generator (mulberry32), so a seed always gives the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pairKey = (judgeId: number, entryId: number) => `${judgeId}:${entryId}`;

export function assignJudges(input: AssignmentInput): AssignmentResult {
  const k = input.judgesPerEntry;
  const random = seededRandom(input.seed);
  const entries = shuffled(input.entries, random);
  const judges = shuffled(input.judges, random);
  const conflicted = new Set(input.conflicts.map(([j, e]) => pairKey(j, e)));
  const entryIds = new Set(entries.map((e) => e.id));
  const judgeIds = new Set(judges.map((j) => j.id));
  // Kept assignments count for their entry even when their judge is no longer in the pool (a
  // withdrawn judge's submitted review still counts); they add load only to judges in the pool.
  const kept = (input.keep ?? []).filter((a) => entryIds.has(a.entryId));
  const keptPairs = new Set(kept.map((a) => pairKey(a.judgeId, a.entryId)));
  const problems: AssignmentProblem[] = [];

  if (judges.length === 0) {
    if (entries.length > 0) problems.push({ code: "no_judges" });
    return { assignments: kept.slice(), added: [], loads: new Map(), problems };
  }

  const keptPerEntry = countBy(kept, (a) => a.entryId);
  const keptPerJudge = countBy(kept, (a) => a.judgeId);
  const totalSlots = entries.length * k;
  const floor = Math.floor(totalSlots / judges.length);
  const ceil = Math.ceil(totalSlots / judges.length);

  // Node numbers: 0 source, 1 sink, then entries, then judges.
  const source = 0;
  const sink = 1;
  const entryNode = new Map(entries.map((e, i) => [e.id, 2 + i]));
  const judgeNode = new Map(judges.map((j, i) => [j.id, 2 + entries.length + i]));
  const net = new FlowNetwork(2 + entries.length + judges.length);

  // Edge costs: the preference in units of MIX, plus a seeded draw below one unit. The draw never
  // outweighs a better fit, but among equally good judges it spreads each judge over different
  // co-judges, so panels overlap widely (what calibration needs) instead of repeating trios.
  const maxPreference = (TRACK_MISMATCH_COST + LANGUAGE_MISMATCH_COST) * MIX + (MIX - 1);
  const flowBound = Math.max(1, totalSlots);
  const BALANCE = flowBound * maxPreference + 1;
  const OVERLOAD = flowBound * (BALANCE + maxPreference) + 1;

  for (const entry of entries) {
    net.addEdge(source, entryNode.get(entry.id)!, Math.max(0, k - (keptPerEntry.get(entry.id) ?? 0)), 0);
  }
  const pairEdges: Array<{ edge: number; judgeId: number; entryId: number }> = [];
  for (const entry of entries) {
    for (const judge of judges) {
      const key = pairKey(judge.id, entry.id);
      if (conflicted.has(key) || keptPairs.has(key)) continue;
      const cost = preferenceCost(judge, entry) * MIX + Math.floor(random() * MIX);
      const edge = net.addEdge(entryNode.get(entry.id)!, judgeNode.get(judge.id)!, 1, cost);
      pairEdges.push({ edge, judgeId: judge.id, entryId: entry.id });
    }
  }
  for (const judge of judges) {
    const node = judgeNode.get(judge.id)!;
    const already = keptPerJudge.get(judge.id) ?? 0;
    net.addEdge(node, sink, Math.max(0, floor - already), 0);
    net.addEdge(node, sink, Math.max(0, ceil - Math.max(already, floor)), BALANCE);
    net.addEdge(node, sink, totalSlots, OVERLOAD);
  }
  net.minCostMaxFlow(source, sink);

  const added = pairEdges.filter((p) => net.flowOn(p.edge) > 0).map(({ judgeId, entryId }) => ({ judgeId, entryId }));
  const fixed = new Set(keptPairs);
  const assignments = [...kept, ...added];
  mixPanels(assignments, fixed, entries, conflicted, problems, k);

  // What could not be met, in words an organiser can act on.
  const perEntry = countBy(assignments, (a) => a.entryId);
  const short = new Map<number, { entries: number; eligible: number }>();
  for (const entry of entries) {
    if ((perEntry.get(entry.id) ?? 0) >= k) continue;
    const eligible = judges.filter((j) => !conflicted.has(pairKey(j.id, entry.id))).length;
    const row = short.get(entry.trackId) ?? { entries: 0, eligible };
    row.entries += 1;
    row.eligible = Math.min(row.eligible, eligible);
    short.set(entry.trackId, row);
  }
  for (const [trackId, row] of short) problems.unshift({ code: "too_few_eligible", trackId, needed: k, ...row });

  const loads = new Map(judges.map((j) => [j.id, 0]));
  for (const a of assignments) if (judgeIds.has(a.judgeId)) loads.set(a.judgeId, loads.get(a.judgeId)! + 1);
  const values = [...loads.values()];
  const most = Math.max(...values);
  const least = Math.min(...values);
  if (most - least > 1) problems.push({ code: "unbalanced", most, least });

  const unread = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.language) continue;
    const readable = judges.some((j) => j.languages.includes(entry.language!) && !conflicted.has(pairKey(j.id, entry.id)));
    if (!readable) unread.set(entry.language, (unread.get(entry.language) ?? 0) + 1);
  }
  for (const [language, count] of unread) problems.push({ code: "no_reader", language, entries: count });

  return { assignments, added, loads, problems };
}

/**
 * Joins each track's closed sub-panels by swapping judges between two assignments of different
 * parts. Kept assignments are never moved.
 */
function mixPanels(
  assignments: Array<{ judgeId: number; entryId: number }>,
  fixed: Set<string>,
  entries: readonly AssignmentEntry[],
  conflicted: Set<string>,
  problems: AssignmentProblem[],
  k: number,
) {
  const trackOf = new Map(entries.map((e) => [e.id, e.trackId]));
  const tracks = [...new Set(entries.map((e) => e.trackId))];
  const pairs = new Set(assignments.map((a) => pairKey(a.judgeId, a.entryId)));
  for (const trackId of tracks) {
    const inTrack = () => assignments.filter((a) => trackOf.get(a.entryId) === trackId);
    if (new Set(inTrack().map((a) => a.entryId)).size < 2) continue;
    if (k < 2) {
      if (new Set(inTrack().map((a) => a.judgeId)).size > 1) problems.push({ code: "single_judge_panels", trackId });
      continue;
    }
    for (;;) {
      const rows = inTrack();
      const parts = partCount(rows);
      if (parts <= 1) break;
      if (!joinTwoParts(rows, parts, fixed, conflicted, pairs)) {
        problems.push({ code: "not_connected", trackId, parts });
        break;
      }
    }
  }
}

/** How many connected parts the judge–entry graph has (union–find). */
function partCount(rows: ReadonlyArray<{ judgeId: number; entryId: number }>): number {
  return new Set(components(rows).values()).size;
}

/** The connected part of each entry in the judge–entry graph. */
function components(rows: ReadonlyArray<{ judgeId: number; entryId: number }>): Map<number, number> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const up = parent.get(cur)!;
      parent.set(cur, root);
      cur = up;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const { judgeId, entryId } of rows) {
    const j = `j${judgeId}`;
    const e = `e${entryId}`;
    add(j);
    add(e);
    parent.set(find(j), find(e));
  }
  const ids = new Map<string, number>();
  const part = new Map<number, number>();
  for (const { entryId } of rows) {
    const root = find(`e${entryId}`);
    if (!ids.has(root)) ids.set(root, ids.size);
    part.set(entryId, ids.get(root)!);
  }
  return part;
}

/** Tries swaps between two movable assignments of different parts until one lowers the count. */
const MAX_SWAP_TRIES = 5000;
function joinTwoParts(
  rows: Array<{ judgeId: number; entryId: number }>,
  parts: number,
  fixed: Set<string>,
  conflicted: Set<string>,
  pairs: Set<string>,
): boolean {
  const part = components(rows);
  const movable = rows.filter((r) => !fixed.has(pairKey(r.judgeId, r.entryId)));
  let tries = 0;
  for (const a of movable) {
    for (const b of movable) {
      if (part.get(a.entryId)! >= part.get(b.entryId)!) continue;
      const allowed =
        !conflicted.has(pairKey(b.judgeId, a.entryId)) &&
        !conflicted.has(pairKey(a.judgeId, b.entryId)) &&
        !pairs.has(pairKey(b.judgeId, a.entryId)) &&
        !pairs.has(pairKey(a.judgeId, b.entryId));
      if (!allowed) continue;
      if (++tries > MAX_SWAP_TRIES) return false;
      swapJudges(a, b, pairs);
      if (partCount(rows) < parts) return true;
      swapJudges(a, b, pairs);
    }
  }
  return false;
}

function swapJudges(a: { judgeId: number; entryId: number }, b: { judgeId: number; entryId: number }, pairs: Set<string>) {
  pairs.delete(pairKey(a.judgeId, a.entryId));
  pairs.delete(pairKey(b.judgeId, b.entryId));
  [a.judgeId, b.judgeId] = [b.judgeId, a.judgeId];
  pairs.add(pairKey(a.judgeId, a.entryId));
  pairs.add(pairKey(b.judgeId, b.entryId));
}

function countBy<T>(items: readonly T[], key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
