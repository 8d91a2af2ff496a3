import { describe, expect, it } from "vitest";
import { decideTrack, type AdvancementChange } from "#app/domain/advancement";
import { cutLine, rankTrack, type RankingFacts } from "#app/domain/ranking";

const facts = (entryId: number, score: number | null): RankingFacts => ({
  entryId,
  trackId: 1,
  score,
  criterionMeans: {},
  completedReviews: 3,
});

// Scores 90, 80, 70, 70, 60 and one entry without a score.
const ranked = rankTrack([facts(1, 90), facts(2, 80), facts(3, 70), facts(4, 70), facts(5, 60), facts(6, null)], []);
const changes = (...list: AdvancementChange[]) => new Map(list.map((c) => [c.entryId, c]));
const verdicts = (t: ReturnType<typeof decideTrack>) =>
  Object.fromEntries(t.decisions.map((d) => [d.entry.entryId, [d.advances, d.source]]));

describe("decideTrack", () => {
  it("advances the top n by the rule when the cut falls between two scores", () => {
    const track = decideTrack(ranked, cutLine(ranked, { kind: "top", n: 2 }), changes());
    expect(verdicts(track)).toEqual({
      1: [true, "rule"],
      2: [true, "rule"],
      3: [false, "rule"],
      4: [false, "rule"],
      5: [false, "rule"],
      6: [false, "rule"],
    });
    expect(track).toMatchObject({ advancing: 2, undecided: 0, seatsInTie: null });
  });

  it("leaves a tie across the cut undecided until the organiser writes a change", () => {
    const line = cutLine(ranked, { kind: "top", n: 3 });
    const open = decideTrack(ranked, line, changes());
    expect(verdicts(open)[3]).toEqual([null, "tie"]);
    expect(verdicts(open)[4]).toEqual([null, "tie"]);
    expect(open).toMatchObject({ advancing: 2, undecided: 2, seatsInTie: 1 });

    const decided = decideTrack(
      ranked,
      line,
      changes(
        { entryId: 3, action: "add", reason: "Stronger pilot data" },
        { entryId: 4, action: "remove", reason: "Seat taken by T3" },
      ),
    );
    expect(verdicts(decided)[3]).toEqual([true, "added"]);
    expect(verdicts(decided)[4]).toEqual([false, "removed"]);
    expect(decided).toMatchObject({ advancing: 3, undecided: 0 });
    expect(decided.decisions.find((d) => d.entry.entryId === 3)?.reason).toBe("Stronger pilot data");
  });

  it("adds below the line and removes above it with their reasons; a change agreeing with the rule is no change", () => {
    const line = cutLine(ranked, { kind: "above", score: 75 });
    const track = decideTrack(
      ranked,
      line,
      changes(
        { entryId: 5, action: "add", reason: "Jury wild card" },
        { entryId: 2, action: "remove", reason: "Ineligible: company too old" },
        { entryId: 1, action: "add", reason: "Already above the line" },
      ),
    );
    expect(verdicts(track)).toMatchObject({ 1: [true, "rule"], 2: [false, "removed"], 5: [true, "added"] });
    expect(track.advancing).toBe(2);
  });

  it("an entry without a score advances only when added", () => {
    const line = cutLine(ranked, { kind: "top", n: 10 });
    expect(verdicts(decideTrack(ranked, line, changes()))[6]).toEqual([false, "rule"]);
    expect(
      verdicts(decideTrack(ranked, line, changes({ entryId: 6, action: "add", reason: "Scores lost at venue" })))[6],
    ).toEqual([true, "added"]);
  });
});
