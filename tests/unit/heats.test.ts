import { describe, expect, it } from "vitest";
import { HEAT_REFUSAL_CODES, rollUpHeats, type HeatRollUp, type HeatRollUpInput, type HeatTrackRanking } from "#app/domain/heats";
import { rankTrack, type RankingFacts } from "#app/domain/ranking";
import { resources } from "#locales/index";

// Entry ids say where an entry is: 1xy is heat 1, 2xy heat 2, 3xy heat 3; track 10 or 20.
function heatTrack(heatId: number, trackId: number, scores: Record<number, number | null>): HeatTrackRanking {
  const facts = Object.entries(scores).map(([id, score]): RankingFacts => ({
    entryId: Number(id),
    trackId,
    score,
    criterionMeans: {},
    completedReviews: 2,
  }));
  return { heatId, trackId, ranking: rankTrack(facts, []) };
}

// Heat 1, track 10: 90, 85, 85, 70 (a tie above a top-3 cut). Heat 1, track 20: 80, 75, 70, 70, 60
// (a tie across a top-3 cut). Heat 2, track 10: 88, 77, 66, 55. Heat 2, track 20: 91, 81, 71.
const h1t10 = heatTrack(1, 10, { 101: 90, 102: 85, 103: 85, 104: 70 });
const h1t20 = heatTrack(1, 20, { 111: 80, 112: 75, 113: 70, 114: 70, 115: 60 });
const h2t10 = heatTrack(2, 10, { 201: 88, 202: 77, 203: 66, 204: 55 });
const h2t20 = heatTrack(2, 20, { 211: 91, 212: 81, 213: 71 });
const rankings = [h1t10, h1t20, h2t10, h2t20];

const finalists = (roll: HeatRollUp, trackId: number) =>
  roll.final.find((t) => t.trackId === trackId)!.finalists.map((f) => f.entryId);
const fromHeat = (roll: HeatRollUp, heatId: number, trackId: number) =>
  roll.heats.find((h) => h.heatId === heatId)!.tracks.find((t) => t.trackId === trackId)!;

describe("rollUpHeats: the quota", () => {
  it("sends the top 3 of each heat per track; a tie above the cut sends both", () => {
    const roll = rollUpHeats({ rankings: [h1t10, h2t10, h2t20], quota: { default: 3 } });
    expect(finalists(roll, 10)).toEqual([101, 102, 103, 201, 202, 203]);
    expect(finalists(roll, 20)).toEqual([211, 212, 213]);
    expect(fromHeat(roll, 1, 10).finalists.map((f) => [f.entryId, f.basis])).toEqual([
      [101, { kind: "quota", place: 1 }],
      [102, { kind: "quota", place: 2 }],
      [103, { kind: "quota", place: 2 }],
    ]);
    expect(roll).toMatchObject({ refusals: [], undecided: 0, ready: true });
  });

  it("leaves a tie across the cut undecided with its heat, places and seats, and does not choose by order", () => {
    const roll = rollUpHeats({ rankings, quota: { default: 3 } });
    expect(finalists(roll, 20)).toEqual([111, 112, 211, 212, 213]);
    const track = roll.final.find((t) => t.trackId === 20)!;
    expect(track.undecided).toEqual([
      {
        heatId: 1,
        trackId: 20,
        places: { from: 3, to: 4 },
        seats: 1,
        entries: [
          { entryId: 113, score: 70, decision: null, reason: null },
          { entryId: 114, score: 70, decision: null, reason: null },
        ],
      },
    ]);
    expect(roll).toMatchObject({ undecided: 2, ready: false, refusals: [] });
  });

  it("settles the tie with written decisions: the included one goes through with its reason", () => {
    const roll = rollUpHeats({
      rankings,
      quota: { default: 3 },
      decisions: [
        { entryId: 114, action: "exclude", reason: "Seat given to T-113 by the jury" },
        { entryId: 113, action: "include", reason: "  Higher market score in the heat  " },
      ],
    });
    expect(finalists(roll, 20)).toEqual([111, 112, 113, 211, 212, 213]);
    expect(fromHeat(roll, 1, 20).finalists[2]).toEqual({
      entryId: 113,
      heatId: 1,
      trackId: 20,
      score: 70,
      basis: { kind: "tie", place: 3, reason: "Higher market score in the heat" },
    });
    expect(fromHeat(roll, 1, 20).tie?.entries.map((e) => [e.entryId, e.decision])).toEqual([
      [113, "include"],
      [114, "exclude"],
    ]);
    expect(roll.final.find((t) => t.trackId === 20)!.undecided).toEqual([]);
    expect(roll).toMatchObject({ undecided: 0, ready: true });
  });

  it("keeps the rest of a tie undecided when only one of it is decided", () => {
    const roll = rollUpHeats({
      rankings,
      quota: { default: 3 },
      decisions: [{ entryId: 113, action: "include", reason: "Stronger pilot data" }],
    });
    expect(finalists(roll, 20)).toContain(113);
    expect(roll.final.find((t) => t.trackId === 20)!.undecided[0]!.entries.map((e) => e.decision)).toEqual(["include", null]);
    expect(roll).toMatchObject({ undecided: 1, ready: false });
  });

  it("a tie can straddle the cut of one heat but not of another with the same scores", () => {
    const north = heatTrack(1, 10, { 101: 90, 102: 80, 103: 80, 104: 70 });
    const south = heatTrack(2, 10, { 201: 90, 202: 80, 203: 80, 204: 70 });
    // Top 2 cuts north's 80s in two; top 3 takes both of south's.
    const roll = rollUpHeats({ rankings: [north, south], quota: { default: 3, rules: [{ heatId: 1, places: 2 }] } });
    expect(fromHeat(roll, 1, 10).tie).toMatchObject({ places: { from: 2, to: 3 }, seats: 1 });
    expect(fromHeat(roll, 2, 10).tie).toBeNull();
    expect(finalists(roll, 10)).toEqual([101, 201, 202, 203]);
    expect(roll.final[0]!.undecided.map((t) => t.heatId)).toEqual([1]);
  });

  it("takes the most specific quota: heat and track, then heat, then track, then the default", () => {
    const h3t10 = heatTrack(3, 10, { 301: 99, 302: 89, 303: 79 });
    const roll = rollUpHeats({
      rankings: [...rankings, h3t10],
      quota: {
        default: 3,
        rules: [
          { trackId: 20, places: 2 },
          { heatId: 2, places: 1 },
          { heatId: 2, trackId: 20, places: 3 },
        ],
      },
    });
    expect(fromHeat(roll, 1, 10).quota).toBe(3); // default
    expect(fromHeat(roll, 1, 20).quota).toBe(2); // track 20
    expect(fromHeat(roll, 2, 10).quota).toBe(1); // heat 2
    expect(fromHeat(roll, 2, 20).quota).toBe(3); // heat 2, track 20
    expect(fromHeat(roll, 3, 10).quota).toBe(3);
    expect(finalists(roll, 10)).toEqual([101, 102, 103, 201, 301, 302, 303]);
    // With track 20 at 2, heat 1's tie at 70 is below the cut: nothing undecided.
    expect(finalists(roll, 20)).toEqual([111, 112, 211, 212, 213]);
    expect(roll).toMatchObject({ refusals: [], ready: true });
  });

  it("sends every ranked entry of a heat with fewer entries than its quota, and marks the track short", () => {
    const small = heatTrack(3, 10, { 301: 70, 302: 65, 303: null });
    const roll = rollUpHeats({ rankings: [h1t10, small], quota: { default: 3 } });
    expect(roll.refusals).toEqual([]);
    expect(fromHeat(roll, 3, 10)).toMatchObject({ quota: 3, ranked: 2, short: true, rule: null });
    expect(fromHeat(roll, 1, 10)).toMatchObject({ short: false });
    // The entry without a score never goes through by the quota.
    expect(fromHeat(roll, 3, 10).finalists.map((f) => f.entryId)).toEqual([301, 302]);
    expect(roll.ready).toBe(true);

    const ruled = rollUpHeats({
      rankings: [h1t10, small],
      quota: { default: 3, rules: [{ heatId: 3, trackId: 10, places: 1 }] },
    });
    expect(fromHeat(ruled, 3, 10)).toMatchObject({ quota: 1, rule: 0, short: false });
    expect(fromHeat(ruled, 3, 10).finalists.map((f) => f.entryId)).toEqual([301]);
  });

  it("refuses a quota that is not a whole number of 0 or more, and two rules for the same heat and track", () => {
    const roll = rollUpHeats({
      rankings: [h2t10],
      quota: {
        default: -1,
        rules: [
          { heatId: 2, places: 1.5 },
          { heatId: 2, trackId: 10, places: 1 },
          { heatId: 2, trackId: 10, places: 2 },
        ],
      },
    });
    expect(roll.refusals.map((r) => [r.code, r.index])).toEqual([
      ["heats.quota_invalid", null],
      ["heats.quota_invalid", 0],
      ["heats.quota_twice", 2],
    ]);
  });

  it("refuses the same entry in two heats' rankings", () => {
    const again = heatTrack(2, 10, { 201: 88, 101: 50 });
    const roll = rollUpHeats({ rankings: [h1t10, again], quota: { default: 1 } });
    expect(roll.refusals).toMatchObject([{ code: "heats.entry_twice", subject: "ranking", heatId: 2, entryId: 101 }]);
    expect(roll.ready).toBe(false);
  });
});

describe("rollUpHeats: wild cards and decisions", () => {
  const base: HeatRollUpInput = { rankings, quota: { default: 3 } };

  it("accepts a wild card from below a heat's cut with its reason, listed after the quota finalists", () => {
    const roll = rollUpHeats({
      ...base,
      decisions: [
        { entryId: 113, action: "include", reason: "Stronger pilot data" },
        { entryId: 114, action: "exclude", reason: "Seat taken by T-113" },
      ],
      wildCards: [{ heatId: 1, trackId: 10, entryId: 104, reason: "Only entry on water access" }],
    });
    expect(finalists(roll, 10)).toEqual([101, 102, 103, 201, 202, 203, 104]);
    expect(fromHeat(roll, 1, 10).finalists.at(-1)).toEqual({
      entryId: 104,
      heatId: 1,
      trackId: 10,
      score: 70,
      basis: { kind: "wild_card", place: 4, reason: "Only entry on water access" },
    });
    expect(roll).toMatchObject({ refusals: [], ready: true });
  });

  it("refuses wild cards that are already in, unknown, in a tie, too briefly argued or given twice", () => {
    const roll = rollUpHeats({
      ...base,
      decisions: [{ entryId: 113, action: "include", reason: "Stronger pilot data" }],
      wildCards: [
        { heatId: 1, trackId: 10, entryId: 101, reason: "Best in the heat" },
        { heatId: 1, trackId: 20, entryId: 113, reason: "Already included at the cut" },
        { heatId: 9, trackId: 10, entryId: 104, reason: "No such heat" },
        { heatId: 1, trackId: 30, entryId: 104, reason: "No such track" },
        { heatId: 2, trackId: 10, entryId: 104, reason: "Entry is in heat 1" },
        { heatId: 1, trackId: 20, entryId: 114, reason: "Tied at the cut" },
        { heatId: 2, trackId: 10, entryId: 204, reason: " ok  " },
        { heatId: 1, trackId: 10, entryId: 104, reason: "Water access" },
        { heatId: 1, trackId: 10, entryId: 104, reason: "Water access again" },
      ],
    });
    expect(roll.refusals.map((r) => [r.code, r.index, r.entryId])).toEqual([
      ["heats.wild_card_already_in", 0, 101],
      ["heats.wild_card_already_in", 1, 113],
      ["heats.wild_card_unknown", 2, 104],
      ["heats.wild_card_unknown", 3, 104],
      ["heats.wild_card_unknown", 4, 104],
      ["heats.wild_card_in_tie", 5, 114],
      ["heats.reason_too_short", 6, 204],
      ["heats.entry_twice", 8, 104],
    ]);
    expect(roll.refusals[6]!.params).toEqual({ min: 5 });
    // Only the one good wild card joins; the refused ones change nothing.
    expect(finalists(roll, 10)).toEqual([101, 102, 103, 201, 202, 203, 104]);
    expect(finalists(roll, 20)).toEqual([111, 112, 113, 211, 212, 213]);
    expect(roll.ready).toBe(false);
  });

  it("refuses a decision for an entry not tied at a cut, a second decision, and a short reason", () => {
    const roll = rollUpHeats({
      ...base,
      decisions: [
        { entryId: 104, action: "include", reason: "Below the cut, not tied" },
        { entryId: 999, action: "include", reason: "Not in any heat" },
        { entryId: 114, action: "include", reason: "why" },
        { entryId: 113, action: "exclude", reason: "Weaker pilot data" },
        { entryId: 113, action: "include", reason: "Changed our mind" },
      ],
    });
    expect(roll.refusals.map((r) => [r.code, r.subject, r.index, r.heatId])).toEqual([
      ["heats.decision_not_at_cut", "decision", 0, 1],
      ["heats.decision_not_at_cut", "decision", 1, null],
      ["heats.reason_too_short", "decision", 2, 1],
      ["heats.entry_twice", "decision", 4, 1],
    ]);
    // The first decision for 113 stands; 114's refused one leaves it undecided.
    expect(fromHeat(roll, 1, 20).tie?.entries.map((e) => e.decision)).toEqual(["exclude", null]);
    expect(finalists(roll, 20)).toEqual([111, 112, 211, 212, 213]);
    expect(roll.undecided).toBe(1);
  });
});

describe("rollUpHeats: deterministic output", () => {
  it("gives the same roll-up whatever the order of its input", () => {
    const input: HeatRollUpInput = {
      rankings,
      quota: { default: 3, rules: [{ heatId: 2, trackId: 10, places: 2 }] },
      decisions: [
        { entryId: 113, action: "include", reason: "Stronger pilot data" },
        { entryId: 114, action: "include", reason: "Both are strong enough" },
      ],
      wildCards: [
        { heatId: 2, trackId: 10, entryId: 204, reason: "Youngest founders" },
        { heatId: 1, trackId: 10, entryId: 104, reason: "Water access" },
        { heatId: 2, trackId: 10, entryId: 203, reason: "Export ready" },
      ],
    };
    const forward = rollUpHeats(input);
    const backward = rollUpHeats({
      ...input,
      rankings: [...input.rankings].reverse(),
      decisions: [...input.decisions!].reverse(),
      wildCards: [...input.wildCards!].reverse(),
    });
    expect(backward).toEqual(forward);
    expect(forward.heats.map((h) => [h.heatId, h.tracks.map((t) => t.trackId)])).toEqual([
      [1, [10, 20]],
      [2, [10, 20]],
    ]);
    // Quota finalists by heat, place and entry; then wild cards by heat and entry.
    expect(finalists(forward, 10)).toEqual([101, 102, 103, 201, 202, 104, 203, 204]);
    // Both tied entries included: the heat sends four on a quota of three, each with its reason.
    expect(finalists(forward, 20)).toEqual([111, 112, 113, 114, 211, 212, 213]);
    expect(fromHeat(forward, 1, 20)).toMatchObject({ quota: 3 });
    expect(forward.ready).toBe(true);
  });

  it("refuses two rankings of one heat's track as a caller's mistake", () => {
    expect(() => rollUpHeats({ rankings: [h1t10, h1t10], quota: { default: 3 } })).toThrow(/ranked twice/);
  });
});

describe("heat refusal codes", () => {
  it("each has a message in the errors catalog", () => {
    const heats = (resources.en.errors as Record<string, unknown>).heats as Record<string, string>;
    for (const code of HEAT_REFUSAL_CODES) expect(heats[code.replace(/^heats\./, "")], code).toMatch(/\w{3}/);
  });
});
