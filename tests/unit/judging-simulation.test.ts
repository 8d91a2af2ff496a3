import { describe, expect, it } from "vitest";
import {
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
    expect(first.scenarios.map((s) => s.methods.map((m) => m.method))).toEqual([
      ["mean", "trimmed_mean", "median", "standardised", "calibrated"],
      ["mean", "trimmed_mean", "median", "standardised", "calibrated"],
    ]);
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
