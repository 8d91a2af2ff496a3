// A contest's life cycle as a small state machine: which moves an organiser may make, and what each
// state allows (being seen by the public, taking registrations, changing configuration).

export const CONTEST_STATES = ["draft", "registration_open", "running", "finished", "archived"] as const;

export type ContestState = (typeof CONTEST_STATES)[number];

/** Facts about the contest that some transitions depend on. */
export interface ContestTransitionFacts {
  /** Every entry row of the contest, withdrawn ones included: a withdrawn team still registered once. */
  entryCount: number;
}

export type TransitionCheck = { ok: true } | { ok: false; code: "transition_not_allowed" | "contest_has_entries" };

// Backward moves exist for real needs: closing registration again before anyone entered, re-opening a
// finished contest for a correction, and unarchiving.
const ALLOWED: Readonly<Record<ContestState, readonly ContestState[]>> = {
  draft: ["registration_open"],
  registration_open: ["draft", "running"],
  running: ["finished"],
  finished: ["archived", "running"],
  archived: ["finished"],
};

export function isContestState(value: string): value is ContestState {
  return (CONTEST_STATES as readonly string[]).includes(value);
}

export function canTransition(from: ContestState, to: ContestState, facts: ContestTransitionFacts): TransitionCheck {
  if (!ALLOWED[from].includes(to)) return { ok: false, code: "transition_not_allowed" };
  // Going back to draft would hide the contest from teams that have already entered it.
  if (from === "registration_open" && to === "draft" && facts.entryCount > 0) {
    return { ok: false, code: "contest_has_entries" };
  }
  return { ok: true };
}

/** The states reachable from `from` in one move, given the facts, in CONTEST_STATES order. */
export function nextStates(from: ContestState, facts: ContestTransitionFacts): ContestState[] {
  return CONTEST_STATES.filter((to) => canTransition(from, to, facts).ok);
}

export function isPubliclyVisible(state: ContestState): boolean {
  return state !== "draft";
}

export function acceptsRegistrations(state: ContestState): boolean {
  return state === "registration_open";
}

/** Finished and archived contests are read-only: their results must stay what was published. */
export function isEditableConfiguration(state: ContestState): boolean {
  return state === "draft" || state === "registration_open" || state === "running";
}
