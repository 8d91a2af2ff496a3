import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cutLine,
  cutRuleSchema,
  rankByTrack,
  rankTrack,
  tieBreakerSchema,
  tieBreakersSchema,
  unknownTieBreakerKeys,
  type RankedEntry,
  type RankingFacts,
  type TieBreaker,
} from "#app/domain/ranking";

const facts = (
  entryId: number,
  score: number | null,
  { team = null, reviews = 3, trackId = 1 }: { team?: number | null; reviews?: number; trackId?: number } = {},
): RankingFacts => ({ entryId, trackId, score, criterionMeans: { team }, completedReviews: reviews });

const TEAM_THEN_REVIEWS: TieBreaker[] = [{ kind: "criterion", key: "team" }, { kind: "reviews" }];

const ranks = (ranked: RankedEntry[]) => ranked.map((e) => [e.entryId, e.rank]);
const byId = (ranked: RankedEntry[], id: number) => ranked.find((e) => e.entryId === id)!;

describe("rankTrack", () => {
  it("orders by score, highest first, and says the score decided", () => {
    const ranked = rankTrack([facts(1, 80), facts(2, 90), facts(3, 85)], []);
    expect(ranks(ranked)).toEqual([
      [2, 1],
      [3, 2],
      [1, 3],
    ]);
    expect(byId(ranked, 3).above).toEqual({ otherEntryId: 2, decidedBy: "score", tieBreaker: null, own: 85, other: 90 });
    expect(byId(ranked, 3).below).toEqual({ otherEntryId: 1, decidedBy: "score", tieBreaker: null, own: 85, other: 80 });
    expect(byId(ranked, 2).above).toBeNull();
    expect(byId(ranked, 1).below).toBeNull();
    expect(ranked.every((e) => !e.tied)).toBe(true);
  });

  it("keeps true ties as ties with standard competition ranks (1, 2, 2, 4)", () => {
    const ranked = rankTrack([facts(4, 80), facts(3, 85), facts(1, 90), facts(2, 85)], []);
    expect(ranks(ranked)).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 4],
    ]);
    expect(ranked.map((e) => e.tied)).toEqual([false, true, true, false]);
    expect(byId(ranked, 3).above).toEqual({ otherEntryId: 2, decidedBy: "tie", tieBreaker: null, own: 85, other: 85 });
    expect(byId(ranked, 2).below).toEqual({ otherEntryId: 3, decidedBy: "tie", tieBreaker: null, own: 85, other: 85 });
    // The entry below a tie is compared with the last of the tied entries.
    expect(byId(ranked, 4).above).toEqual({ otherEntryId: 3, decidedBy: "score", tieBreaker: null, own: 80, other: 85 });
  });

  it("breaks an equal score on the named criterion and explains it with both values", () => {
    const ranked = rankTrack([facts(12, 85, { team: 8.0 }), facts(11, 85, { team: 8.5 })], TEAM_THEN_REVIEWS);
    expect(ranks(ranked)).toEqual([
      [11, 1],
      [12, 2],
    ]);
    // "T-0011 placed above T-0012 on a higher Team score (8.5 vs 8.0)".
    expect(byId(ranked, 11).below).toEqual({
      otherEntryId: 12,
      decidedBy: "tiebreak:0",
      tieBreaker: { kind: "criterion", key: "team" },
      own: 8.5,
      other: 8.0,
    });
    expect(byId(ranked, 12).above).toEqual({
      otherEntryId: 11,
      decidedBy: "tiebreak:0",
      tieBreaker: { kind: "criterion", key: "team" },
      own: 8.0,
      other: 8.5,
    });
  });

  it("goes on to the next tie-breaker when the first one is equal too", () => {
    const ranked = rankTrack([facts(1, 85, { team: 8, reviews: 3 }), facts(2, 85, { team: 8, reviews: 4 })], TEAM_THEN_REVIEWS);
    expect(ranks(ranked)).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(byId(ranked, 1).above).toEqual({
      otherEntryId: 2,
      decidedBy: "tiebreak:1",
      tieBreaker: { kind: "reviews" },
      own: 3,
      other: 4,
    });
  });

  it("breaks a three-way tie partly: one entry wins on the criterion, two stay tied on everything", () => {
    const ranked = rankTrack(
      [
        facts(3, 80, { team: 7, reviews: 3 }),
        facts(5, 70, { team: 9, reviews: 5 }),
        facts(2, 80, { team: 7, reviews: 3 }),
        facts(1, 80, { team: 9, reviews: 2 }),
      ],
      TEAM_THEN_REVIEWS,
    );
    expect(ranks(ranked)).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [5, 4],
    ]);
    expect(byId(ranked, 1).tied).toBe(false);
    expect(byId(ranked, 2).above).toMatchObject({ otherEntryId: 1, decidedBy: "tiebreak:0", own: 7, other: 9 });
    expect(byId(ranked, 3).above).toMatchObject({ otherEntryId: 2, decidedBy: "tie" });
    expect(byId(ranked, 5).above).toMatchObject({ otherEntryId: 3, decidedBy: "score", own: 70, other: 80 });
  });

  it("leaves entries without a score unranked and last, and puts a missing criterion mean below any value", () => {
    const ranked = rankTrack(
      [facts(9, null), facts(2, 75, { team: null }), facts(1, 75, { team: 4 }), facts(3, 75, { team: null }), facts(7, null)],
      [{ kind: "criterion", key: "team" }],
    );
    expect(ranks(ranked)).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [7, null],
      [9, null],
    ]);
    expect(byId(ranked, 2).above).toMatchObject({ otherEntryId: 1, decidedBy: "tiebreak:0", own: null, other: 4 });
    expect(byId(ranked, 3).above).toMatchObject({ otherEntryId: 2, decidedBy: "tie" });
    // The last ranked entry has nothing ranked below it; unranked entries carry no explanation.
    expect(byId(ranked, 3).below).toBeNull();
    expect(byId(ranked, 7)).toMatchObject({ rank: null, tied: false, above: null, below: null });
  });

  it("treats a criterion the entry's means do not mention as missing", () => {
    const ranked = rankTrack([facts(1, 60), facts(2, 60)], [{ kind: "criterion", key: "market" }]);
    expect(ranks(ranked)).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it("compares scores with an epsilon: a mean off by float rounding ties with the exact value", () => {
    const noisy = (70.1 + 70.3 + 99.6) / 3; // 80 on paper, 79.99999999999999 in floating point
    expect(noisy).not.toBe(80);
    const ranked = rankTrack([facts(1, 80, { team: 7 }), facts(2, noisy, { team: 7 }), facts(3, 79.99)], TEAM_THEN_REVIEWS);
    expect(ranks(ranked)).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
    // Tied entries are listed by id even when the float noise points the other way.
    expect(ranks(rankTrack([facts(2, 80), facts(1, noisy)], []))).toEqual([
      [1, 1],
      [2, 1],
    ]);
    // 0.1 + 0.2 is 0.30000000000000004; as a criterion mean it still equals 0.3.
    const tieBreak = rankTrack(
      [facts(1, 50, { team: 0.1 + 0.2, reviews: 2 }), facts(2, 50, { team: 0.3, reviews: 3 })],
      TEAM_THEN_REVIEWS,
    );
    expect(ranks(tieBreak)).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(byId(tieBreak, 1).above?.decidedBy).toBe("tiebreak:1");
    // A real difference of a thousandth still counts.
    expect(ranks(rankTrack([facts(1, 80), facts(2, 80.001)], []))).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it("ranks an empty track as empty", () => {
    expect(rankTrack([], TEAM_THEN_REVIEWS)).toEqual([]);
  });
});

describe("rankByTrack", () => {
  it("ranks each track on its own, tracks in id order", () => {
    const result = rankByTrack(
      [facts(1, 70, { trackId: 2 }), facts(2, 90, { trackId: 1 }), facts(3, 80, { trackId: 2 }), facts(4, 60, { trackId: 1 })],
      [],
    );
    expect(result.map((t) => [t.trackId, ranks(t.entries)])).toEqual([
      [
        1,
        [
          [2, 1],
          [4, 2],
        ],
      ],
      [
        2,
        [
          [3, 1],
          [1, 2],
        ],
      ],
    ]);
  });
});

describe("cutLine", () => {
  // Ranks 1, 2, 2, 4, 5 and one unranked entry.
  const ranked = rankTrack([facts(1, 90), facts(2, 85), facts(3, 85), facts(4, 80), facts(5, 79.99), facts(6, null)], []);
  const ids = (entries: RankedEntry[]) => entries.map((e) => e.entryId);

  it("advances the top n when the cut falls between ranks", () => {
    const line = cutLine(ranked, { kind: "top", n: 3 });
    expect(ids(line.advancing)).toEqual([1, 2, 3]);
    expect(line.tiedAtCut).toEqual([]);
    expect(line.seatsInTie).toBeNull();
    expect(ids(line.notAdvancing)).toEqual([4, 5]);
    expect(ids(line.unranked)).toEqual([6]);
  });

  it("lists every entry of a tie the top-n cut falls inside, with the seats left, instead of picking one", () => {
    const line = cutLine(ranked, { kind: "top", n: 2 });
    expect(ids(line.advancing)).toEqual([1]);
    expect(ids(line.tiedAtCut)).toEqual([2, 3]);
    expect(line.seatsInTie).toBe(1);
    expect(ids(line.notAdvancing)).toEqual([4, 5]);
  });

  it("finds a tie at the cut in the middle of a three-way tie", () => {
    const threeWay = rankTrack([facts(1, 90), facts(2, 80), facts(3, 80), facts(4, 80), facts(5, 70)], []);
    const line = cutLine(threeWay, { kind: "top", n: 3 });
    expect(ids(line.advancing)).toEqual([1]);
    expect(ids(line.tiedAtCut)).toEqual([2, 3, 4]);
    expect(line.seatsInTie).toBe(2);
    expect(ids(line.notAdvancing)).toEqual([5]);
  });

  it("advances everyone when n is at least the number of ranked entries, but never an unranked one", () => {
    const line = cutLine(ranked, { kind: "top", n: 10 });
    expect(ids(line.advancing)).toEqual([1, 2, 3, 4, 5]);
    expect(line.notAdvancing).toEqual([]);
    expect(ids(line.unranked)).toEqual([6]);
  });

  it("advances everyone at or above a score for the 'above' rule", () => {
    const line = cutLine(ranked, { kind: "above", score: 80 });
    expect(ids(line.advancing)).toEqual([1, 2, 3, 4]);
    expect(ids(line.notAdvancing)).toEqual([5]);
    expect(line.tiedAtCut).toEqual([]);
    expect(line.seatsInTie).toBeNull();
    expect(ids(cutLine(ranked, { kind: "above", score: 85.5 }).advancing)).toEqual([1]);
  });

  it("lets a score equal to the threshold up to float rounding advance", () => {
    const noisy = rankTrack([facts(1, (70.1 + 70.3 + 99.6) / 3), facts(2, 79.9)], []);
    const line = cutLine(noisy, { kind: "above", score: 80 });
    expect(ids(line.advancing)).toEqual([1]);
    expect(ids(line.notAdvancing)).toEqual([2]);
  });
});

describe("tie-breaker and cut-rule schemas", () => {
  it("reads the supported tie-breakers and rejects others with codes", () => {
    expect(tieBreakersSchema.parse([{ kind: "criterion", key: "team" }, { kind: "reviews" }])).toEqual(TEAM_THEN_REVIEWS);
    const messages = (input: unknown) => tieBreakerSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages({ kind: "coin_toss" })).toEqual(["invalid_choice"]);
    expect(messages({ kind: "criterion", key: "Team!" })).toEqual(["criterion_key_invalid"]);
    expect(messages({ kind: "criterion" })).toEqual(["criterion_key_invalid"]);
  });

  it("rejects the same tie-breaker twice", () => {
    const result = tieBreakersSchema.safeParse([
      { kind: "criterion", key: "team" },
      { kind: "reviews" },
      { kind: "criterion", key: "team" },
      { kind: "reviews" },
    ]);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [[2], "duplicate_criterion_key?key=team"],
      [[3], "invalid_choice"],
    ]);
  });

  it("names tie-breaker criteria the rubric does not have", () => {
    expect(unknownTieBreakerKeys([...TEAM_THEN_REVIEWS, { kind: "criterion", key: "impact" }], ["team", "market"])).toEqual([
      "impact",
    ]);
  });

  it("reads cut rules from form values", () => {
    expect(cutRuleSchema.parse({ kind: "top", n: "2" })).toEqual({ kind: "top", n: 2 });
    expect(cutRuleSchema.parse({ kind: "above", score: "72.5" })).toEqual({ kind: "above", score: 72.5 });
    const messages = (input: unknown) => cutRuleSchema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages({ kind: "top", n: "0" })).toEqual(["number_too_small?min=1"]);
    expect(messages({ kind: "top", n: "2.5" })).toEqual(["not_a_whole_number"]);
    expect(messages({ kind: "above", score: "abc" })).toEqual(["not_a_number"]);
    expect(messages({ kind: "above", score: "101" })).toEqual(["number_too_large?max=100"]);
    expect(messages({ kind: "bottom", n: 1 })).toEqual(["invalid_choice"]);
  });
});

describe("rankTrack properties", () => {
  // Few distinct values so that ties on every key are common.
  const value = fc.constantFrom(60, 70, 70.5, 80);
  const entries = fc.uniqueArray(
    fc.record({
      entryId: fc.integer({ min: 1, max: 500 }),
      score: fc.option(value, { nil: null, freq: 5 }),
      team: fc.option(fc.constantFrom(6, 7.5, 8), { nil: null, freq: 5 }),
      reviews: fc.integer({ min: 1, max: 3 }),
    }),
    { selector: (e) => e.entryId, maxLength: 25 },
  );
  const toFacts = (list: Array<{ entryId: number; score: number | null; team: number | null; reviews: number }>) =>
    list.map((e) => facts(e.entryId, e.score, { team: e.team, reviews: e.reviews }));
  const sameKeys = (a: RankingFacts, b: RankingFacts) =>
    a.score === b.score && a.criterionMeans.team === b.criterionMeans.team && a.completedReviews === b.completedReviews;

  it("gives non-decreasing ranks, equal ranks to equal entries, and does not depend on input order", () => {
    fc.assert(
      fc.property(entries, fc.infiniteStream(fc.nat()), (list, seeds) => {
        const input = toFacts(list);
        const ranked = rankTrack(input, TEAM_THEN_REVIEWS);
        expect(ranked).toHaveLength(input.length);
        const rankedOnly = ranked.filter((e) => e.rank !== null);
        expect(rankedOnly.length).toBe(input.filter((e) => e.score !== null).length);
        expect(ranked.slice(0, rankedOnly.length)).toEqual(rankedOnly);
        rankedOnly.forEach((e, i) => {
          if (i === 0) expect(e.rank).toBe(1);
          else expect(e.rank).toBeGreaterThanOrEqual(rankedOnly[i - 1]!.rank!);
          // Competition ranking: a rank is one more than the number of entries strictly ahead.
          expect(e.rank).toBe(rankedOnly.findIndex((other) => other.rank === e.rank) + 1);
        });
        for (const a of rankedOnly) for (const b of rankedOnly) expect(a.rank === b.rank).toBe(sameKeys(a, b));

        const keys = [...seeds.take(input.length)];
        const shuffled = input
          .map((e, i) => ({ e, k: keys[i]! }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.e);
        expect(rankTrack(shuffled, TEAM_THEN_REVIEWS)).toEqual(ranked);
      }),
    );
  });

  it("never ranks an entry above one with a higher score", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const ranked = rankTrack(toFacts(list), TEAM_THEN_REVIEWS).filter((e) => e.rank !== null);
        for (const a of ranked) for (const b of ranked) if (a.score! > b.score!) expect(a.rank!).toBeLessThan(b.rank!);
      }),
    );
  });
});
