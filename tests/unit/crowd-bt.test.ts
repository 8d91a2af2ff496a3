import { describe, expect, it } from "vitest";
import { seededRandom } from "#app/domain/assignment";
import {
  createState,
  digamma,
  expectedGain,
  judgeBelief,
  logGamma,
  nextPair,
  normalCdf,
  pairKey,
  ranking,
  recordComparison,
  reliability,
  settleTop,
  type CrowdBtState,
} from "#app/domain/crowd-bt";
import { kendallTauB } from "#app/domain/rank-metrics";

const A = 1;
const B = 2;

describe("recordComparison", () => {
  it("moves the winner up and the loser down from the priors, as computed by hand", () => {
    // Priors μ = 0, σ² = 1, α = 10, β = 1. Judge 7 says A beats B. x = y = e⁰ = 1:
    //   p = 1/2, q = αx/(αx + βy) = 10/11, g = q − p = 9/22, h = q(1−q) − p(1−p) = 10/121 − 1/4 = −81/484.
    //   μ_A = 0 + 1·9/22 = 9/22 ≈ 0.409090909, μ_B = −9/22.
    //   σ² = 1·max(1 + 1·(−81/484), 1e-4) = 403/484 ≈ 0.832644628 for both.
    // Judge: 1 − 2p = 0, so C1 = 1/2, C = (½·10 + ½·1)/11 = 1/2 (the answer was a coin toss to the model);
    //   E[η] = (½·10·11 + ½·10·1)/(½·11·12) = 10/11, E[η²] = (½·10·11·12 + ½·10·11·1)/(½·11·12·13) = 5/6,
    //   var = 5/6 − 100/121 = 5/726, α = (10/11 − 5/6)(10/11)/(5/726) = 10, β = (5/66)(1/11)/(5/726) = 1:
    //   an answer the model could not predict teaches nothing about the judge.
    const state = recordComparison(createState([A, B]), { judgeId: 7, winnerId: A, loserId: B });
    expect(state.entries.get(A)!.mu).toBeCloseTo(9 / 22, 9);
    expect(state.entries.get(B)!.mu).toBeCloseTo(-9 / 22, 9);
    expect(state.entries.get(A)!.sigmaSq).toBeCloseTo(403 / 484, 9);
    expect(state.entries.get(B)!.sigmaSq).toBeCloseTo(403 / 484, 9);
    const judge = state.judges.get(7)!;
    expect(judge.alpha).toBeCloseTo(10, 9);
    expect(judge.beta).toBeCloseTo(1, 9);
    expect(judge.compared.has(pairKey(B, A))).toBe(true);
    expect(state.entries.get(A)!.comparisons).toBe(1);
  });

  it("lowers the reliability of a judge who disagrees with what the model already believes", () => {
    // Continuing: judge 8 (fresh, α = 10, β = 1) says B beats A, with μ_B = −9/22, μ_A = 9/22, σ² = 403/484.
    //   p = e^μB/(e^μB + e^μA) = 1/(1 + e^(9/11)) = 0.306149745669, q = 10/(10 + e^(9/11)) = 0.815236748306,
    //   g = q − p = 0.509087002637, h = q(1−q) − p(1−p) = −0.061796286378.
    //   μ_B = −9/22 + (403/484)·g = 0.014797648890, μ_A = −0.014797648890 (B now just ahead),
    //   σ² = (403/484)(1 + (403/484)·h) = 0.789801443402.
    //   C1 = p + ½(2·403/484)·p(1−p)(1−2p) = 0.374723149925 (B is more likely the weaker, so the judge
    //   more likely erred), C = (10·C1 + (1 − C1))/11 = 0.397500759029,
    //   E[η] = (C1·10·11 + (1−C1)·10·1)/(C·11·12) = 0.904749844557 (down from 10/11 ≈ 0.909),
    //   E[η²] = (C1·10·11·12 + (1−C1)·10·11·1)/(C·11·12·13) = 0.825986916429,
    //   α = (E[η] − E[η²])·E[η]/var = 9.610823057421, β = (E[η] − E[η²])(1 − E[η])/var = 1.011807181470.
    let state = recordComparison(createState([A, B]), { judgeId: 7, winnerId: A, loserId: B });
    state = recordComparison(state, { judgeId: 8, winnerId: B, loserId: A });
    expect(state.entries.get(B)!.mu).toBeCloseTo(0.01479764889, 9);
    expect(state.entries.get(A)!.mu).toBeCloseTo(-0.01479764889, 9);
    expect(state.entries.get(A)!.sigmaSq).toBeCloseTo(0.789801443402, 9);
    expect(state.entries.get(B)!.sigmaSq).toBeCloseTo(0.789801443402, 9);
    const judge = state.judges.get(8)!;
    expect(judge.alpha).toBeCloseTo(9.610823057421, 9);
    expect(judge.beta).toBeCloseTo(1.01180718147, 9);
    expect(reliability(judge)).toBeCloseTo(0.904749844557, 9);
    expect(reliability(judge)).toBeLessThan(10 / 11);
    // Judge 7 is untouched by judge 8's answer.
    expect(state.judges.get(7)!.alpha).toBeCloseTo(10, 9);
  });

  it("records 'cannot tell' without moving any belief, and does not ask the judge that pair again", () => {
    const start = recordComparison(createState([A, B, 3]), { judgeId: 7, winnerId: A, loserId: B });
    const state = recordComparison(start, { judgeId: 8, cannotTell: true, entryIds: [A, 3] });
    expect(state.entries).toEqual(start.entries);
    const judge = state.judges.get(8)!;
    expect(judge.alpha).toBe(10);
    expect(judge.beta).toBe(1);
    expect(judge.cannotTell).toBe(1);
    expect(state.log).toHaveLength(2);
    expect(state.log[1]).toEqual({ judgeId: 8, cannotTell: true, entryIds: [A, 3] });
    // Judge 8 may still be asked (A, B) or (B, 3), never (A, 3).
    const next = nextPair(state, 8, { seed: 1 })!;
    expect(pairKey(...next.pair)).not.toBe(pairKey(A, 3));
    expect(() => recordComparison(state, { judgeId: 8, winnerId: 3, loserId: A })).toThrow(/already compared/);
  });

  it("leaves the state it was given unchanged and rejects unknown or identical entries", () => {
    const state = createState([A, B]);
    recordComparison(state, { judgeId: 7, winnerId: A, loserId: B });
    expect(state.entries.get(A)).toEqual({ mu: 0, sigmaSq: 1, comparisons: 0 });
    expect(state.judges.size).toBe(0);
    expect(() => recordComparison(state, { judgeId: 7, winnerId: A, loserId: 9 })).toThrow(/not in this round/);
    expect(() => recordComparison(state, { judgeId: 7, winnerId: A, loserId: A })).toThrow(/itself/);
  });
});

describe("special functions", () => {
  it("match known values", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.log(2), 12);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });
});

/** A run where judges answer by the true order, with `wrong` the chance a judge flips the answer. */
function run(
  truth: ReadonlyMap<number, number>,
  judges: ReadonlyMap<number, number>,
  comparisons: number,
  seed: number,
  onStep?: (state: CrowdBtState, step: number) => void,
): CrowdBtState {
  const random = seededRandom(seed);
  let state = createState([...truth.keys()]);
  const judgeIds = [...judges.keys()];
  for (let step = 0; step < comparisons; step++) {
    const judgeId = judgeIds[step % judgeIds.length]!;
    const choice = nextPair(state, judgeId, { seed });
    if (!choice) continue;
    const [a, b] = choice.pair;
    const right = truth.get(a)! > truth.get(b)!;
    const aWins = random() < judges.get(judgeId)! ? !right : right;
    state = recordComparison(state, { judgeId, winnerId: aWins ? a : b, loserId: aWins ? b : a });
    onStep?.(state, step);
  }
  return state;
}

describe("nextPair", () => {
  const ids = Array.from({ length: 12 }, (_, i) => i + 1);

  it("gives the same pair for the same state, judge and seed, and breaks the priors' ties by the seed", () => {
    const state = createState(ids);
    expect(nextPair(state, 5, { seed: 42 })).toEqual(nextPair(state, 5, { seed: 42 }));
    const pairs = new Set(Array.from({ length: 10 }, (_, seed) => pairKey(...nextPair(state, 5, { seed })!.pair)));
    expect(pairs.size).toBeGreaterThan(1);
    const truth = new Map(ids.map((id) => [id, id]));
    const judges = new Map([
      [5, 0.1],
      [6, 0.1],
    ]);
    expect(run(truth, judges, 30, 9).log).toEqual(run(truth, judges, 30, 9).log);
  });

  it("never repeats a judge's pair nor shows an excluded entry, and stops when nothing is left", () => {
    const excluded = new Set([3, 8]);
    let state = createState(ids);
    const seen = new Set<string>();
    const random = seededRandom(3);
    // 10 eligible entries: 45 pairs, then null.
    for (let step = 0; step < 45; step++) {
      const choice = nextPair(state, 5, { seed: 11, excluded })!;
      expect(choice).not.toBeNull();
      const [a, b] = choice.pair;
      expect(excluded.has(a) || excluded.has(b)).toBe(false);
      expect(seen.has(pairKey(a, b))).toBe(false);
      seen.add(pairKey(a, b));
      state =
        random() < 0.1
          ? recordComparison(state, { judgeId: 5, cannotTell: true, entryIds: [a, b] })
          : recordComparison(state, { judgeId: 5, winnerId: Math.max(a, b), loserId: Math.min(a, b) });
    }
    expect(nextPair(state, 5, { seed: 11, excluded })).toBeNull();
    // Another judge still has every pair open.
    expect(nextPair(state, 6, { seed: 11, excluded })).not.toBeNull();
  });

  it("chains from the judge's previous entry and shows entries no one has compared first", () => {
    let state = createState(ids);
    const first = nextPair(state, 5, { seed: 1 })!;
    state = recordComparison(state, { judgeId: 5, winnerId: first.pair[0], loserId: first.pair[1] });
    const shownLast = judgeBelief(state, 5).previous!;
    expect(first.pair).toContain(shownLast);
    const second = nextPair(state, 5, { seed: 1 })!;
    expect(second.pair[0]).toBe(shownLast);
    expect(state.entries.get(second.pair[1])!.comparisons).toBe(0);
    // The same holds in a large pool, where the first pair is anchored on the least-compared entry.
    const large = createState(ids);
    const anchored = nextPair(large, 5, { seed: 1, fullSearchLimit: 4 })!;
    expect(anchored.pair[0]).not.toBe(anchored.pair[1]);
  });

  it("pairs entries of the same group (track) only, and never an entry outside every group", () => {
    // Odd ids in track 1, even ids in track 2; entry 12 belongs to no track.
    const groups = new Map(ids.filter((id) => id !== 12).map((id) => [id, id % 2 ? 1 : 2]));
    let state = createState(ids);
    const seen = new Set<string>();
    // Track 1 has 6 entries (15 pairs), track 2 has 5 (10 pairs): 25 pairs in all, then null.
    for (let step = 0; step < 25; step++) {
      const choice = nextPair(state, 5, { seed: 4, groups })!;
      expect(choice).not.toBeNull();
      const [a, b] = choice.pair;
      expect(groups.get(a)).toBe(groups.get(b));
      expect([a, b]).not.toContain(12);
      seen.add(pairKey(a, b));
      state = recordComparison(state, { judgeId: 5, winnerId: Math.max(a, b), loserId: Math.min(a, b) });
    }
    expect(seen.size).toBe(25);
    expect(nextPair(state, 5, { seed: 4, groups })).toBeNull();
    // Without groups, the cross-track pairs are still open.
    expect(nextPair(state, 5, { seed: 4 })).not.toBeNull();
  });

  it("expects less from a judge the model has learned is unreliable", () => {
    const state = createState(ids);
    const reliable = expectedGain(state, { alpha: 20, beta: 1 }, 1, 2);
    const random = expectedGain(state, { alpha: 10, beta: 10 }, 1, 2);
    expect(reliable).toBeGreaterThan(0.01);
    // E[η] = ½: either answer is as likely from a coin toss, so nothing is learned about the entries.
    expect(random).toBeCloseTo(0, 9);
  });
});

describe("ranking", () => {
  it("recovers a known order from many comparisons (Kendall τ > 0.9) and finds the unreliable judge", () => {
    const entryIds = Array.from({ length: 20 }, (_, i) => i + 1);
    const truth = new Map(entryIds.map((id) => [id, (id * 37) % 20]));
    // Five judges wrong 10% of the time, one who answers at random.
    const judges = new Map([
      [101, 0.1],
      [102, 0.1],
      [103, 0.1],
      [104, 0.1],
      [105, 0.1],
      [106, 0.5],
    ]);
    const state = run(truth, judges, 600, 4);
    const estimate = new Map(ranking(state).map((r) => [r.entryId, r.mu]));
    expect(kendallTauB(estimate, truth)).toBeGreaterThan(0.9);
    const ranked = ranking(state);
    expect(ranked.map((r) => r.place)).toEqual(entryIds);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.mu).toBeLessThanOrEqual(ranked[i - 1]!.mu);
    const careful = [101, 102, 103, 104, 105].map((id) => reliability(state.judges.get(id)!));
    expect(reliability(state.judges.get(106)!)).toBeLessThan(Math.min(...careful));
  });
});

describe("ranking a subset", () => {
  it("ranks and settles one track's entries on their own places", () => {
    let state = createState([1, 2, 3, 4]);
    state = recordComparison(state, { judgeId: 7, winnerId: 1, loserId: 3 });
    state = recordComparison(state, { judgeId: 7, winnerId: 4, loserId: 2 });
    const odd = new Set([1, 3]);
    expect(ranking(state, odd).map((r) => [r.entryId, r.place])).toEqual([
      [1, 1],
      [3, 2],
    ]);
    const settled = settleTop(state, 5, odd);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ place: 1, higherId: 1, lowerId: 3 });
    expect(ranking(state)).toHaveLength(4);
  });
});

describe("settleTop", () => {
  it("says nothing is settled before any comparison", () => {
    const places = settleTop(createState([A, B, 3]), 2);
    expect(places).toHaveLength(2);
    for (const place of places) {
      expect(place.probability).toBeCloseTo(0.5, 6);
      expect(place.moreComparisons).toBeNull();
    }
  });

  it("grows more certain, and needs fewer comparisons, as consistent answers accumulate", () => {
    // One entry keeps beating the other, each time by a new judge.
    let state = createState([A, B]);
    let last = { probability: 0.5, more: Infinity };
    for (let judgeId = 1; judgeId <= 30; judgeId++) {
      state = recordComparison(state, { judgeId, winnerId: A, loserId: B });
      const [top] = settleTop(state, 1);
      expect(top!.higherId).toBe(A);
      expect(top!.probability).toBeGreaterThan(last.probability);
      const more = top!.moreComparisons ?? Infinity;
      expect(more).toBeLessThanOrEqual(last.more);
      last = { probability: top!.probability, more };
    }
    expect(last.probability).toBeGreaterThan(0.95);
    expect(last.more).toBe(0);
  });

  it("checks the top places of a longer run at checkpoints: more certain and fewer comparisons needed", () => {
    const entryIds = Array.from({ length: 10 }, (_, i) => i + 1);
    const truth = new Map(entryIds.map((id) => [id, id * 10]));
    const judges = new Map([
      [101, 0],
      [102, 0],
      [103, 0],
    ]);
    const checkpoints: Array<{ probability: number; more: number }> = [];
    run(truth, judges, 135, 2, (state, step) => {
      if ((step + 1) % 45 !== 0) return;
      const places = settleTop(state, 2);
      checkpoints.push({
        probability: Math.min(...places.map((p) => p.probability)),
        more: places.reduce((sum, p) => sum + (p.moreComparisons ?? Infinity), 0),
      });
    });
    expect(checkpoints).toHaveLength(3);
    for (let i = 1; i < checkpoints.length; i++) {
      expect(checkpoints[i]!.probability).toBeGreaterThanOrEqual(checkpoints[i - 1]!.probability);
      expect(checkpoints[i]!.more).toBeLessThanOrEqual(checkpoints[i - 1]!.more);
    }
  });
});
