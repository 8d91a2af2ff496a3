import { describe, expect, it } from "vitest";
import {
  acceptsRegistrations,
  canTransition,
  CONTEST_STATES,
  type ContestState,
  isContestState,
  isEditableConfiguration,
  isPubliclyVisible,
  nextStates,
} from "#app/domain/contest-state";

const none = { entryCount: 0 };
const some = { entryCount: 3 };

describe("canTransition", () => {
  it.each<[ContestState, ContestState]>([
    ["draft", "registration_open"],
    ["registration_open", "draft"],
    ["registration_open", "running"],
    ["running", "finished"],
    ["finished", "archived"],
    ["finished", "running"],
    ["archived", "finished"],
  ])("allows %s → %s", (from, to) => {
    expect(canTransition(from, to, none)).toEqual({ ok: true });
  });

  it.each<[ContestState, ContestState]>([
    ["draft", "running"],
    ["draft", "finished"],
    ["draft", "archived"],
    ["registration_open", "finished"],
    ["registration_open", "archived"],
    ["running", "draft"],
    ["running", "registration_open"],
    ["running", "archived"],
    ["finished", "draft"],
    ["finished", "registration_open"],
    ["archived", "draft"],
    ["archived", "running"],
    ["archived", "registration_open"],
  ])("forbids %s → %s", (from, to) => {
    expect(canTransition(from, to, none)).toEqual({ ok: false, code: "transition_not_allowed" });
    expect(canTransition(from, to, some)).toEqual({ ok: false, code: "transition_not_allowed" });
  });

  it.each([...CONTEST_STATES])("forbids staying in %s as a transition", (state) => {
    expect(canTransition(state, state, none)).toEqual({ ok: false, code: "transition_not_allowed" });
  });

  it("blocks registration_open → draft once a team has entered", () => {
    expect(canTransition("registration_open", "draft", { entryCount: 1 })).toEqual({ ok: false, code: "contest_has_entries" });
    expect(canTransition("registration_open", "draft", { entryCount: 0 })).toEqual({ ok: true });
  });

  it("lets entries not block other moves", () => {
    expect(canTransition("registration_open", "running", some)).toEqual({ ok: true });
    expect(canTransition("finished", "running", some)).toEqual({ ok: true });
  });
});

describe("nextStates", () => {
  it("lists the reachable states in life-cycle order", () => {
    expect(nextStates("draft", none)).toEqual(["registration_open"]);
    expect(nextStates("registration_open", none)).toEqual(["draft", "running"]);
    expect(nextStates("registration_open", some)).toEqual(["running"]);
    expect(nextStates("running", some)).toEqual(["finished"]);
    expect(nextStates("finished", some)).toEqual(["running", "archived"]);
    expect(nextStates("archived", some)).toEqual(["finished"]);
  });
});

describe("what each state allows", () => {
  it.each<[ContestState, boolean, boolean, boolean]>([
    // state, publicly visible, accepts registrations, editable configuration
    ["draft", false, false, true],
    ["registration_open", true, true, true],
    ["running", true, false, true],
    ["finished", true, false, false],
    ["archived", true, false, false],
  ])("%s", (state, visible, registrations, editable) => {
    expect(isPubliclyVisible(state)).toBe(visible);
    expect(acceptsRegistrations(state)).toBe(registrations);
    expect(isEditableConfiguration(state)).toBe(editable);
  });

  it("recognises state names", () => {
    expect(CONTEST_STATES.every(isContestState)).toBe(true);
    expect(isContestState("open")).toBe(false);
    expect(isContestState("Draft")).toBe(false);
  });
});
