// Heats feeding a final: each heat's ranking of a track is cut at that heat's quota, an entry tied
// across a cut waits for the final's organisers to include or exclude it with a reason, and wild cards
// join with a written reason. The result is seen twice: per heat (who went through from here) and for
// the final (every finalist with their heat). Pure and deterministic: the same input in any order
// gives the same output.
import { MIN_REASON_LENGTH } from "./advancement";
import { cutLine, type RankedEntry } from "./ranking";

/** One heat's ranking of one track, as rankTrack returns it (best first, unranked last). */
export interface HeatTrackRanking {
  heatId: number;
  trackId: number;
  ranking: readonly RankedEntry[];
}

/** A quota for one heat, one track, or one heat's track; a missing id means "every". */
export interface QuotaRule {
  heatId?: number;
  trackId?: number;
  places: number;
}

/**
 * How many places each heat sends per track. The most specific rule wins: heat and track, then the
 * heat, then the track, then the default ("top 3 of each heat per track" is `{ default: 3 }`).
 */
export interface QuotaPlan {
  default: number;
  rules?: readonly QuotaRule[];
}

/** The final's organisers settle one entry tied across its heat's cut line. */
export interface TieDecision {
  entryId: number;
  action: "include" | "exclude";
  reason: string;
}

/** An entry the final's organisers bring in from below a heat's cut line. */
export interface WildCard {
  heatId: number;
  trackId: number;
  entryId: number;
  reason: string;
}

/** The most places one heat may send per track. */
export const MAX_QUOTA_PLACES = 100;

export const HEAT_REFUSAL_CODES = [
  "heats.wild_card_already_in",
  "heats.wild_card_unknown",
  "heats.wild_card_in_tie",
  "heats.reason_too_short",
  "heats.entry_twice",
  "heats.quota_invalid",
  "heats.quota_twice",
  "heats.decision_not_at_cut",
] as const;
export type HeatRefusalCode = (typeof HEAT_REFUSAL_CODES)[number];

export interface HeatRefusal {
  code: HeatRefusalCode;
  /** Which list of the input the refusal is about, and the position in it (null for the default quota). */
  subject: "ranking" | "quota" | "decision" | "wildCard";
  index: number | null;
  heatId: number | null;
  trackId: number | null;
  entryId: number | null;
  params?: Record<string, number>;
}

export type FinalistBasis =
  /** Within the quota by the heat's ranking; place is the rank (tied entries share it). */
  | { kind: "quota"; place: number }
  /** Tied across the cut and included by the organisers' written decision. */
  | { kind: "tie"; place: number; reason: string }
  | { kind: "wild_card"; place: number | null; reason: string };

export interface Finalist {
  entryId: number;
  heatId: number;
  trackId: number;
  score: number | null;
  basis: FinalistBasis;
}

/** Entries sharing the places across a heat's cut line, and what the organisers decided for each. */
export interface TieAtCut {
  heatId: number;
  trackId: number;
  /** The places the tied entries share: two entries tied third of a top-3 quota share places 3 to 4. */
  places: { from: number; to: number };
  /** How many of them the quota has room for. */
  seats: number;
  entries: Array<{ entryId: number; score: number | null; decision: "include" | "exclude" | null; reason: string | null }>;
}

export interface HeatTrackResult {
  trackId: number;
  quota: number;
  /** Entries with a rank in this heat's track. */
  ranked: number;
  /** Fewer ranked entries than the quota: every ranked entry goes through. */
  short: boolean;
  /** The quota rule that set the quota (its index in the plan), or null for the default. */
  rule: number | null;
  /** From this heat: by place, then wild cards by entry id. */
  finalists: Finalist[];
  tie: TieAtCut | null;
}

export interface HeatResult {
  heatId: number;
  tracks: HeatTrackResult[];
}

export interface FinalTrack {
  trackId: number;
  /** By quota (heat, place, entry), then wild cards (heat, entry). */
  finalists: Finalist[];
  /** Ties at a cut with entries still undecided, by heat. */
  undecided: TieAtCut[];
}

export interface HeatRollUp {
  heats: HeatResult[];
  final: FinalTrack[];
  refusals: HeatRefusal[];
  /** Entries tied across a cut that no decision settles yet. */
  undecided: number;
  /** Nothing refused and nothing undecided: the finalists can be confirmed. */
  ready: boolean;
}

export interface HeatRollUpInput {
  rankings: readonly HeatTrackRanking[];
  quota: QuotaPlan;
  decisions?: readonly TieDecision[];
  wildCards?: readonly WildCard[];
}

const byIds = (a: { heatId: number; trackId: number }, b: { heatId: number; trackId: number }) =>
  a.heatId - b.heatId || a.trackId - b.trackId;
const isQuota = (n: number) => Number.isInteger(n) && n >= 0;
const reasonOk = (reason: string) => reason.trim().length >= MIN_REASON_LENGTH;

/** The quota of one heat's track and the rule that set it (null for the default). */
function quotaFor(plan: QuotaPlan, heatId: number, trackId: number): { places: number; rule: number | null } {
  const rules = plan.rules ?? [];
  const specificity = (r: QuotaRule) => (r.heatId !== undefined ? 2 : 0) + (r.trackId !== undefined ? 1 : 0);
  let best: { places: number; rule: number | null; level: number } = { places: plan.default, rule: null, level: -1 };
  rules.forEach((r, i) => {
    const applies = (r.heatId === undefined || r.heatId === heatId) && (r.trackId === undefined || r.trackId === trackId);
    if (applies && specificity(r) > best.level) best = { places: r.places, rule: i, level: specificity(r) };
  });
  return { places: best.places, rule: best.rule };
}

function quotaRefusals(plan: QuotaPlan): HeatRefusal[] {
  const refusals: HeatRefusal[] = [];
  const base = { subject: "quota" as const, entryId: null };
  if (!isQuota(plan.default)) refusals.push({ ...base, code: "heats.quota_invalid", index: null, heatId: null, trackId: null });
  const seen = new Set<string>();
  (plan.rules ?? []).forEach((r, index) => {
    const scope = { ...base, index, heatId: r.heatId ?? null, trackId: r.trackId ?? null };
    const key = `${r.heatId ?? "*"}:${r.trackId ?? "*"}`;
    if (!isQuota(r.places)) refusals.push({ ...scope, code: "heats.quota_invalid" });
    else if (seen.has(key)) refusals.push({ ...scope, code: "heats.quota_twice" });
    seen.add(key);
  });
  return refusals;
}

/** Cut every heat's track at its quota, apply the decisions and wild cards, and roll the result up. */
export function rollUpHeats(input: HeatRollUpInput): HeatRollUp {
  const refusals = quotaRefusals(input.quota);
  const rankings = [...input.rankings].sort(byIds);
  for (let i = 1; i < rankings.length; i++) {
    // Two rankings for one heat's track is a caller's bug, not something a user can fix.
    if (byIds(rankings[i - 1]!, rankings[i]!) === 0)
      throw new Error(`Heat ${rankings[i]!.heatId} track ${rankings[i]!.trackId} is ranked twice`);
  }

  // Where each entry stands: its heat's track and whether it is within the quota, tied at the cut or below.
  interface Place {
    heatId: number;
    trackId: number;
    entry: RankedEntry;
    standing: "in" | "tie" | "out";
  }
  const places = new Map<number, Place>();
  const tracks: Array<
    HeatTrackRanking & { quota: number; rule: number | null; ranked: number; tie: TieAtCut | null; inQuota: RankedEntry[] }
  > = [];
  for (const { heatId, trackId, ranking } of rankings) {
    const { places: requested, rule } = quotaFor(input.quota, heatId, trackId);
    const quota = isQuota(requested) ? requested : 0;
    // A heat with fewer ranked entries than its quota sends all of them: "top 3" of two is both.
    // It is marked short so the page can say so; it does not stop the roll-up.
    const ranked = ranking.filter((e) => e.rank !== null).length;
    const line = cutLine(ranking, { kind: "top", n: quota });
    const unique = (entry: RankedEntry, standing: Place["standing"]) => {
      if (places.has(entry.entryId)) {
        refusals.push({ code: "heats.entry_twice", subject: "ranking", index: null, heatId, trackId, entryId: entry.entryId });
        return false;
      }
      places.set(entry.entryId, { heatId, trackId, entry, standing });
      return true;
    };
    const inQuota = line.advancing.filter((e) => unique(e, "in"));
    const tied = line.tiedAtCut.filter((e) => unique(e, "tie"));
    [...line.notAdvancing, ...line.unranked].forEach((e) => unique(e, "out"));
    const from = tied[0]?.rank ?? 0;
    const tie: TieAtCut | null = tied.length
      ? {
          heatId,
          trackId,
          places: { from, to: from + line.tiedAtCut.length - 1 },
          seats: line.seatsInTie ?? 0,
          entries: tied.map((e) => ({ entryId: e.entryId, score: e.score, decision: null, reason: null })),
        }
      : null;
    tracks.push({ heatId, trackId, ranking, quota, rule, ranked, tie, inQuota });
  }
  const tieOf = new Map(tracks.flatMap((t) => (t.tie ? t.tie.entries.map((e) => [e.entryId, e] as const) : [])));

  const decided = new Set<number>();
  (input.decisions ?? []).forEach((d, index) => {
    const place = places.get(d.entryId);
    const refuse = (code: HeatRefusalCode, params?: Record<string, number>) =>
      refusals.push({
        code,
        subject: "decision",
        index,
        heatId: place?.heatId ?? null,
        trackId: place?.trackId ?? null,
        entryId: d.entryId,
        ...(params ? { params } : {}),
      });
    const slot = tieOf.get(d.entryId);
    if (!slot) return refuse("heats.decision_not_at_cut");
    if (decided.has(d.entryId)) return refuse("heats.entry_twice");
    decided.add(d.entryId);
    if (!reasonOk(d.reason)) return refuse("heats.reason_too_short", { min: MIN_REASON_LENGTH });
    slot.decision = d.action;
    slot.reason = d.reason.trim();
  });

  const wildCards = new Map<number, Finalist>();
  const named = new Set<number>();
  (input.wildCards ?? []).forEach((w, index) => {
    const refuse = (code: HeatRefusalCode, params?: Record<string, number>) =>
      refusals.push({
        code,
        subject: "wildCard",
        index,
        heatId: w.heatId,
        trackId: w.trackId,
        entryId: w.entryId,
        ...(params ? { params } : {}),
      });
    const place = places.get(w.entryId);
    if (!place || place.heatId !== w.heatId || place.trackId !== w.trackId) return refuse("heats.wild_card_unknown");
    if (named.has(w.entryId)) return refuse("heats.entry_twice");
    named.add(w.entryId);
    if (place.standing === "in" || tieOf.get(w.entryId)?.decision === "include") return refuse("heats.wild_card_already_in");
    if (place.standing === "tie") return refuse("heats.wild_card_in_tie");
    if (!reasonOk(w.reason)) return refuse("heats.reason_too_short", { min: MIN_REASON_LENGTH });
    wildCards.set(w.entryId, {
      entryId: w.entryId,
      heatId: w.heatId,
      trackId: w.trackId,
      score: place.entry.score,
      basis: { kind: "wild_card", place: place.entry.rank, reason: w.reason.trim() },
    });
  });

  const heats = new Map<number, HeatResult>();
  for (const t of tracks) {
    const byQuota: Finalist[] = t.inQuota.map((e) => ({
      entryId: e.entryId,
      heatId: t.heatId,
      trackId: t.trackId,
      score: e.score,
      basis: { kind: "quota", place: e.rank! },
    }));
    for (const e of t.tie?.entries ?? [])
      if (e.decision === "include")
        byQuota.push({
          entryId: e.entryId,
          heatId: t.heatId,
          trackId: t.trackId,
          score: e.score,
          basis: { kind: "tie", place: t.tie!.places.from, reason: e.reason! },
        });
    const wild = [...wildCards.values()]
      .filter((f) => f.heatId === t.heatId && f.trackId === t.trackId)
      .sort((a, b) => a.entryId - b.entryId);
    const heat = heats.get(t.heatId) ?? { heatId: t.heatId, tracks: [] };
    heat.tracks.push({
      trackId: t.trackId,
      quota: t.quota,
      rule: t.rule,
      ranked: t.ranked,
      short: t.ranked < t.quota,
      finalists: [...byQuota.sort(byPlace), ...wild],
      tie: t.tie,
    });
    heats.set(t.heatId, heat);
  }

  const trackIds = [...new Set(tracks.map((t) => t.trackId))].sort((a, b) => a - b);
  const heatList = [...heats.values()];
  const final = trackIds.map((trackId): FinalTrack => {
    const here = heatList.flatMap((h) => h.tracks.filter((t) => t.trackId === trackId));
    const all = here.flatMap((t) => t.finalists);
    return {
      trackId,
      finalists: [...all.filter((f) => f.basis.kind !== "wild_card"), ...all.filter((f) => f.basis.kind === "wild_card")],
      undecided: here.flatMap((t) => (t.tie && t.tie.entries.some((e) => e.decision === null) ? [t.tie] : [])),
    };
  });
  const undecided = [...tieOf.values()].filter((e) => e.decision === null).length;
  return { heats: heatList, final, refusals, undecided, ready: refusals.length === 0 && undecided === 0 };
}

const placeOf = (f: Finalist) => (f.basis.kind === "wild_card" ? Infinity : f.basis.place);
function byPlace(a: Finalist, b: Finalist) {
  return placeOf(a) - placeOf(b) || a.entryId - b.entryId;
}
