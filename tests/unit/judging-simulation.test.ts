import { describe, expect, it } from "vitest";
import { calibrate } from "#app/domain/panel-methods";
import {
  CONFIDENCE_WEIGHT,
  DEFAULT_SCENARIOS,
  quantile,
  reportTables,
  simulate,
  simulateTrial,
  trialSeed,
  type Scenario,
} from "#app/domain/judging-simulation";

const tiny: Scenario = {
  name: "tiny",
  description: "30 entries, 8 judges, 3 per entry",
  entries: 30,
  judges: 8,
  judgesPerEntry: 3,
  biasSpread: 5,
  noiseSpread: 5,
  step: 0.5,
};
const options = { seed: 7, trials: 4, topN: 5, calibrationTolerance: 1e-6 };

describe("simulate", () => {
  it("gives the same report for the same seed, run twice in one process", () => {
    const scenarios = [tiny, { ...tiny, name: "tiny-shuffled", panels: "shuffled" as const }];
    const first = simulate(scenarios, options);
    const second = simulate(scenarios, options);
    expect(second).toEqual(first);
    expect(reportTables(second)).toBe(reportTables(first));
    const rubric = ["mean", "trimmed_mean", "median", "standardised", "calibrated", "calibrated_confidence"];
    expect(first.scenarios.map((s) => s.methods.map((m) => m.method))).toEqual([rubric, rubric]);
  });

  it("gives another report for another seed", () => {
    expect(simulate([tiny], { ...options, seed: 8 })).not.toEqual(simulate([tiny], options));
  });

  it("keeps a scenario's trials where they are when another scenario comes before it", () => {
    expect(trialSeed(7, 0, 0)).not.toBe(trialSeed(7, 1, 0));
    expect(trialSeed(7, 0, 0)).not.toBe(trialSeed(7, 0, 1));
    expect(trialSeed(7, 0, 0)).not.toBe(trialSeed(8, 0, 0));
    const alone = simulateTrial(tiny, trialSeed(7, 1, 2), options);
    const again = simulateTrial(tiny, trialSeed(7, 1, 2), options);
    expect(again.tau).toEqual(alone.tau);
    expect(again.reviews).toEqual(alone.reviews);
  });
});

describe("simulateTrial", () => {
  it("builds balanced panels of k distinct judges with totals on the rubric's step", () => {
    for (const panels of ["app", "shuffled"] as const) {
      const { reviews } = simulateTrial({ ...tiny, panels }, 11, options);
      expect(reviews).toHaveLength(30 * 3);
      const perEntry = new Map<number, Set<number>>();
      const perJudge = new Map<number, number>();
      for (const r of reviews) {
        perEntry.set(r.entryId, (perEntry.get(r.entryId) ?? new Set()).add(r.judgeId));
        perJudge.set(r.judgeId, (perJudge.get(r.judgeId) ?? 0) + 1);
        expect(r.total * 2).toBe(Math.round(r.total * 2));
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
      }
      expect([...perEntry.values()].every((judges) => judges.size === 3)).toBe(true);
      // 90 reviews over 8 judges: 11 or 12 each.
      expect(Math.min(...perJudge.values())).toBe(11);
      expect(Math.max(...perJudge.values())).toBe(12);
    }
  });

  it("recovers the truth exactly when judges have neither bias nor noise", () => {
    const exact = { ...tiny, biasSpread: 0, noiseSpread: 0, step: 0 };
    const result = simulateTrial(exact, 3, options);
    for (const method of ["mean", "trimmed_mean", "median"] as const) {
      expect(result.tau[method]).toBe(1);
      expect(result.top[method]).toBe(1);
    }
    expect(result.tau.calibrated).toBeCloseTo(1, 9);
    for (const [id, value] of result.truth) expect(result.estimates.calibrated.get(id)).toBeCloseTo(value, 4);
  });

  it("lets calibration beat the plain mean when judges differ a lot in leniency and meet many others", () => {
    const scenario = { ...tiny, entries: 60, judges: 12, biasSpread: 12, noiseSpread: 2, panels: "shuffled" as const };
    const report = simulate([scenario], { ...options, trials: 6 });
    const tau = new Map(report.scenarios[0]!.methods.map((m) => [m.method, m.tauMean]));
    expect(tau.get("calibrated")!).toBeGreaterThan(tau.get("mean")! + 0.05);
  });
});

describe("confidence and pairwise", () => {
  it("leaves the rubric methods' reviews and scores as they were when pairwise runs beside them", () => {
    const plain = simulateTrial(tiny, 5, options);
    const both = simulateTrial(tiny, 5, { ...options, comparisonsPerReview: [2] });
    expect(both.reviews).toEqual(plain.reviews);
    expect(both.tau).toEqual(plain.tau);
    expect(plain.pairwise).toEqual([]);
  });

  it("weighs each review by its stated confidence in 'calibrated with confidence'", () => {
    const result = simulateTrial({ ...tiny, confidenceTracksNoise: true }, 5, options);
    expect(new Set(result.confidence)).toEqual(new Set(["low", "medium", "high"]));
    const weighted = result.reviews.map((r, i) => ({ ...r, weight: CONFIDENCE_WEIGHT[result.confidence[i]!] }));
    const expected = calibrate(weighted, { tolerance: options.calibrationTolerance }).entries;
    for (const [id, value] of expected) expect(result.estimates.calibrated_confidence.get(id)).toBeCloseTo(value, 9);
    expect(CONFIDENCE_WEIGHT.high).toBeGreaterThan(CONFIDENCE_WEIGHT.medium);
    expect(CONFIDENCE_WEIGHT.medium).toBeGreaterThan(CONFIDENCE_WEIGHT.low);
  });

  it("spends N comparisons per rubric review, ranks better with more and finds careless judges out", () => {
    const scenario: Scenario = { ...tiny, entries: 40, judges: 10, careless: { share: 0.3, factor: 20 } };
    const result = simulateTrial(scenario, 21, { ...options, comparisonsPerReview: [3, 1] });
    expect(result.pairwise.map((p) => [p.comparisonsPerReview, p.comparisons])).toEqual([
      [3, 40 * 3 * 3],
      [1, 40 * 3],
    ]);
    const [three, one] = result.pairwise;
    expect(three!.tau).toBeGreaterThan(0.6);
    expect(three!.tau).toBeGreaterThan(one!.tau);
    expect(result.careless.size).toBeGreaterThan(0);
    const learned = [...three!.reliability];
    const careless = learned.filter(([id]) => result.careless.has(id)).map(([, r]) => r);
    const careful = learned.filter(([id]) => !result.careless.has(id)).map(([, r]) => r);
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean(careless)).toBeLessThan(mean(careful));
  });

  it("reports pairwise rows over the first pairwiseTrials trials", () => {
    const report = simulate([tiny], { ...options, comparisonsPerReview: [2], pairwiseTrials: 2 });
    const rows = report.scenarios[0]!.methods;
    expect(rows.at(-1)).toMatchObject({ method: "pairwise", comparisonsPerReview: 2, trials: 2 });
    expect(rows[0]!.trials).toBe(4);
    expect(reportTables(report)).toContain("Pairwise Crowd-BT, 2 comparisons per review (2 trials)");
  });
});

describe("quantile", () => {
  it("interpolates between order statistics", () => {
    // 10 values 1..10: the 10th percentile sits at position 0.9 → 1 + 0.9 = 1.9; the median at 5.5.
    const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(quantile(values, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantile(values, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile([4], 0.1)).toBe(4);
    expect(quantile([], 0.1)).toBeNaN();
  });
});

describe("DEFAULT_SCENARIOS", () => {
  it("have unique names, so --scenario can pick them", () => {
    const names = DEFAULT_SCENARIOS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
