// How a round turns one entry's review totals (each out of 100) into its result. Issue 7 adds the
// methods that need the whole round (standardised and calibrated scores); these need one entry only.

export const ENTRY_METHODS = ["mean", "trimmed_mean", "median"] as const;
export type EntryMethod = (typeof ENTRY_METHODS)[number];
export const isEntryMethod = (v: string): v is EntryMethod => (ENTRY_METHODS as readonly string[]).includes(v);

/** Every method a round's results can be shown by: the per-entry ones and the whole-round ones. */
export const RESULT_METHODS = [...ENTRY_METHODS, "standardised", "calibrated"] as const;
export type ResultMethod = (typeof RESULT_METHODS)[number];
export const isResultMethod = (v: string): v is ResultMethod => (RESULT_METHODS as readonly string[]).includes(v);
/** docs/judging-methods.md recommends calibration, with the mean beside it. */
export const DEFAULT_RESULT_METHOD: ResultMethod = "calibrated";

/** Drop the highest and the lowest review when there are at least this many (Chinese national rule). */
export const TRIM_FROM = 5;

export interface EntryResult {
  /** Null when there is no review to count. */
  value: number | null;
  /** How many reviews the value is made of. */
  counted: number;
  /** Reviews left out (the highest and lowest, for a trimmed mean). */
  dropped: number[];
}

export function aggregateEntry(totals: readonly number[], method: EntryMethod): EntryResult {
  const sorted = [...totals].sort((a, b) => a - b);
  if (sorted.length === 0) return { value: null, counted: 0, dropped: [] };
  if (method === "median") {
    const mid = Math.floor(sorted.length / 2);
    const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return { value, counted: sorted.length, dropped: [] };
  }
  const trim = method === "trimmed_mean" && sorted.length >= TRIM_FROM;
  const kept = trim ? sorted.slice(1, -1) : sorted;
  return {
    value: kept.reduce((sum, v) => sum + v, 0) / kept.length,
    counted: kept.length,
    dropped: trim ? [sorted[0]!, sorted[sorted.length - 1]!] : [],
  };
}

// The live roadshow's running order for one finalist: pitch, questions, scoring, closed.
export type Phase = "waiting" | "pitch" | "qa" | "scoring" | "closed";
export type PhaseAction = "pitch" | "qa" | "scoring" | "close";

const NEXT: Record<PhaseAction, readonly Phase[]> = {
  // Each action names the phase it starts and the phases it may start from.
  pitch: ["waiting"],
  qa: ["pitch"],
  scoring: ["waiting", "pitch", "qa"],
  close: ["pitch", "qa", "scoring"],
};

export function canStart(action: PhaseAction, current: Phase): boolean {
  return NEXT[action].includes(current);
}

export const phaseOf = (action: PhaseAction): Phase => (action === "close" ? "closed" : action);

/** Seconds left in a timed phase (negative once over time), or null for an untimed one. */
export function secondsLeft(
  phase: Phase,
  startedAt: string | null,
  format: { pitchMinutes: number | null; qaMinutes: number | null },
  now: Date,
): number | null {
  const minutes = phase === "pitch" ? format.pitchMinutes : phase === "qa" ? format.qaMinutes : null;
  if (minutes === null || !startedAt) return null;
  return Math.round((Date.parse(startedAt) + minutes * 60_000 - now.getTime()) / 1000);
}

/** "8+7" → { pitchMinutes: 8, qaMinutes: 7 }; null when it is not that shape. */
export function parseFormat(text: string): { pitchMinutes: number; qaMinutes: number } | null {
  const match = /^\s*(\d{1,2})\s*\+\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const pitchMinutes = Number(match[1]);
  const qaMinutes = Number(match[2]);
  if (pitchMinutes < 1 || qaMinutes < 0) return null;
  return { pitchMinutes, qaMinutes };
}
