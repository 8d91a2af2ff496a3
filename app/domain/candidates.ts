// Which judges could still take one entry, best first: the list an organiser picks from to add a
// judge by hand (assignments page) or to ask one more judge about a disputed entry (results page).
// Pure: the caller decides who is in the pool (e.g. active, signed) and who is excluded.

export interface CandidateJudge {
  id: number;
  name: string;
  /** Assignments the judge already has in the round. */
  load: number;
  /** Track ids the judge knows; empty means any. */
  trackIds: readonly number[];
  /** Language codes the judge reads; empty means unknown. Left out when the list ignores language. */
  languages?: readonly string[];
}

export interface CandidateEntry {
  trackId: number;
  /** The language of the entry's materials; null or left out when unknown (everyone fits). */
  language?: string | null;
}

export interface Candidate {
  id: number;
  name: string;
  load: number;
  knowsTrack: boolean;
  readsLanguage: boolean;
}

/**
 * The pool less `excluded` (judges already on the entry, in conflict with it), ordered: those who
 * know the entry's track first, then those who read its materials' language, then the least busy,
 * then by name so the order is stable. The same fit rules as automatic assignment
 * (app/domain/assignment.ts `preferenceCost`), applied as an order instead of a cost.
 */
export function rankCandidates(
  pool: readonly CandidateJudge[],
  entry: CandidateEntry,
  excluded: ReadonlySet<number>,
): Candidate[] {
  return pool
    .filter((j) => !excluded.has(j.id))
    .map((j) => ({
      id: j.id,
      name: j.name,
      load: j.load,
      knowsTrack: j.trackIds.length === 0 || j.trackIds.includes(entry.trackId),
      readsLanguage: !entry.language || j.languages === undefined || j.languages.includes(entry.language),
    }))
    .sort(
      (a, b) =>
        Number(b.knowsTrack) - Number(a.knowsTrack) ||
        Number(b.readsLanguage) - Number(a.readsLanguage) ||
        a.load - b.load ||
        a.name.localeCompare(b.name) ||
        a.id - b.id,
    );
}
