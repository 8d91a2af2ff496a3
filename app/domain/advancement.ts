// Who advances out of a round: the rule's cut line on each track's ranking, then the organiser's
// written changes (add an entry below the line, remove one above it). An entry tied across the cut
// stays undecided until the organiser adds or removes it, so nobody is cut by the sort order alone.
import type { CutLine, RankedEntry } from "./ranking";

export interface AdvancementChange {
  entryId: number;
  action: "add" | "remove";
  reason: string;
}

/** rule: placed by the cut line; added/removed: by a written change; tie/unranked: where the rule left it. */
export type DecisionSource = "rule" | "added" | "removed" | "tie";

export interface AdvancementDecision {
  entry: RankedEntry;
  /** null while undecided (tied across the cut with no change written). */
  advances: boolean | null;
  source: DecisionSource;
  reason: string | null;
}

export interface TrackAdvancement {
  decisions: AdvancementDecision[];
  advancing: number;
  undecided: number;
  /** For a top-n rule cut inside a tie: how many of the tied can still advance by the rule. */
  seatsInTie: number | null;
}

/** Apply written changes to one track's cut line; decisions keep the ranking's order. */
export function decideTrack(
  ranked: readonly RankedEntry[],
  line: CutLine,
  changes: ReadonlyMap<number, AdvancementChange>,
): TrackAdvancement {
  const byRule = new Map<number, boolean | null>();
  for (const e of line.advancing) byRule.set(e.entryId, true);
  for (const e of line.tiedAtCut) byRule.set(e.entryId, null);
  for (const e of [...line.notAdvancing, ...line.unranked]) byRule.set(e.entryId, false);

  const decisions = ranked.map((entry): AdvancementDecision => {
    const rule = byRule.has(entry.entryId) ? byRule.get(entry.entryId)! : false;
    const change = changes.get(entry.entryId);
    if (change?.action === "add" && rule !== true) return { entry, advances: true, source: "added", reason: change.reason };
    if (change?.action === "remove" && rule !== false)
      return { entry, advances: false, source: "removed", reason: change.reason };
    return { entry, advances: rule, source: rule === null ? "tie" : "rule", reason: null };
  });
  return {
    decisions,
    advancing: decisions.filter((d) => d.advances === true).length,
    undecided: decisions.filter((d) => d.advances === null).length,
    seatsInTie: line.seatsInTie,
  };
}

/** A written reason must say something: at least this many characters once trimmed. */
export const MIN_REASON_LENGTH = 5;
