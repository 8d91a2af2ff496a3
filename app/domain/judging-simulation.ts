// Which aggregation method to trust: simulated rounds where each entry's true quality is known, judged
// by lenient and harsh judges with noise, scored by every method and compared with the truth. Pure and
// seeded, so a seed always gives the same table; `npm run judging:simulate` prints it.
import { aggregateEntry, type EntryMethod } from "./aggregation";
import { assignJudges, seededRandom } from "./assignment";
import { calibrate, standardisedScores, type PanelReview } from "./panel-methods";
import { kendallTauB, topOverlap } from "./rank-metrics";

export const SIMULATED_METHODS = ["mean", "trimmed_mean", "median", "standardised", "calibrated"] as const;
export type SimulatedMethod = (typeof SIMULATED_METHODS)[number];

export interface Scenario {
  name: string;
  /** One line for the table, in an organiser's words. */
  description: string;
  entries: number;
  judges: number;
  judgesPerEntry: number;
  /** Spread of the judges' leniency (points out of 100): a judge adds the same bias to every review. */
  biasSpread: number;
  /** Spread of each review's own noise (points out of 100). */
  noiseSpread: number;
  /** Spread of the judges' scale as a log factor (0.3 ≈ some judges use 35% more or less of the scale); 0 when absent. */
  scaleSpread?: number;
  /** The rubric's precision: totals are rounded to this step; 0 keeps them unrounded. */
  step: number;
  /**
   * Who judges what: "app" is the app's own `assignJudges` (balanced, fit preferred, a seeded draw
   * among equally good judges); "shuffled" gives each entry the k least-loaded judges, ties drawn at
   * random, as a reference design. Defaults to "app".
   */
  panels?: "app" | "shuffled";
}

/** True quality is normal(60, 12) clamped to 0–100. */
export const TRUE_MEAN = 60;
export const TRUE_SPREAD = 12;

// 200 entries, 40 judges, 3 per entry (15 reviews per judge); bias and noise of 5 points each.
const TYPICAL = { entries: 200, judges: 40, judgesPerEntry: 3, biasSpread: 5, noiseSpread: 5, step: 0.5 } as const;

export const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { ...TYPICAL, name: "typical", description: "200 entries, 40 judges, 3 per entry" },
  { ...TYPICAL, name: "five-per-entry", description: "200 entries, 40 judges, 5 per entry", judgesPerEntry: 5 },
  { ...TYPICAL, name: "strong-bias", description: "3 per entry, judges far apart in leniency", biasSpread: 10 },
  { ...TYPICAL, name: "noisy", description: "3 per entry, little bias, more noise", biasSpread: 2, noiseSpread: 10 },
  { ...TYPICAL, name: "few-per-judge", description: "200 entries, 120 judges, 3 per entry (5 reviews each)", judges: 120 },
  {
    ...TYPICAL,
    name: "uneven-scale",
    description: "3 per entry, judges also differ in how much of the scale they use",
    scaleSpread: 0.3,
  },
  { ...TYPICAL, name: "typical-shuffled", description: "as typical, judges shuffled across entries", panels: "shuffled" },
  {
    ...TYPICAL,
    name: "strong-bias-shuffled",
    description: "as strong-bias, judges shuffled across entries",
    biasSpread: 10,
    panels: "shuffled",
  },
  {
    ...TYPICAL,
    name: "few-per-judge-shuffled",
    description: "as few-per-judge, judges shuffled across entries",
    judges: 120,
    panels: "shuffled",
  },
];

export interface SimulationOptions {
  seed: number;
  trials: number;
  /** The n of top-n overlap. */
  topN: number;
  /** Passed to `calibrate`; its default (1e-9) is more than a ranking needs. */
  calibrationTolerance: number;
}

export const DEFAULT_OPTIONS: SimulationOptions = { seed: 20260701, trials: 200, topN: 10, calibrationTolerance: 1e-6 };

export interface MethodSummary {
  method: SimulatedMethod;
  tauMean: number;
  /** The 10th percentile over trials: how bad a bad round gets. */
  tauP10: number;
  topMean: number;
  topP10: number;
}

export interface ScenarioSummary {
  scenario: Scenario;
  /** Reviews per judge, on average. */
  reviewsPerJudge: number;
  methods: MethodSummary[];
  /** Trials in which calibration did not converge or the judge–entry graph was not connected. */
  calibrationWarnings: number;
}

export interface SimulationReport {
  options: SimulationOptions;
  scenarios: ScenarioSummary[];
}

export interface TrialResult {
  truth: Map<number, number>;
  reviews: PanelReview[];
  estimates: Record<SimulatedMethod, Map<number, number>>;
  tau: Record<SimulatedMethod, number>;
  top: Record<SimulatedMethod, number>;
  calibrationWarning: boolean;
}

/** A standard normal draw (Box–Muller) from a uniform source. */
function normal(random: () => number): number {
  const u = 1 - random(); // (0, 1], so the logarithm is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const clamp = (v: number) => Math.min(100, Math.max(0, v));

/** Mixes seed, scenario and trial into one 32-bit seed, so adding a scenario does not move the others. */
export function trialSeed(seed: number, scenarioIndex: number, trial: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (scenarioIndex + 0x27d4eb2f), 0xc2b2ae35);
  h = Math.imul(h ^ (trial + 0x165667b1), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Each entry in turn gets the k least-loaded judges, equal loads in random order: balanced and well mixed. */
function shuffledPanels(entryIds: readonly number[], judgeIds: readonly number[], k: number, random: () => number) {
  const load = new Map(judgeIds.map((id) => [id, 0]));
  const assignments: Array<{ judgeId: number; entryId: number }> = [];
  for (const entryId of entryIds) {
    const order = judgeIds.map((id) => ({ id, draw: random() }));
    order.sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.draw - b.draw);
    for (const { id } of order.slice(0, k)) {
      assignments.push({ judgeId: id, entryId });
      load.set(id, load.get(id)! + 1);
    }
  }
  return assignments;
}

/** One simulated round: truth, a balanced mixed panel, reviews, every method's estimate and its scores. */
export function simulateTrial(
  scenario: Scenario,
  seed: number,
  options: Pick<SimulationOptions, "topN" | "calibrationTolerance">,
): TrialResult {
  const random = seededRandom(seed);
  const entryIds = Array.from({ length: scenario.entries }, (_, i) => i + 1);
  const judgeIds = Array.from({ length: scenario.judges }, (_, i) => 10_001 + i);
  const truth = new Map(entryIds.map((id) => [id, clamp(TRUE_MEAN + TRUE_SPREAD * normal(random))]));
  const judges = new Map(
    judgeIds.map((id) => [
      id,
      { bias: scenario.biasSpread * normal(random), scale: Math.exp((scenario.scaleSpread ?? 0) * normal(random)) },
    ]),
  );
  const assignments =
    scenario.panels === "shuffled"
      ? shuffledPanels(entryIds, judgeIds, scenario.judgesPerEntry, random)
      : assignJudges({
          entries: entryIds.map((id) => ({ id, trackId: 1 })),
          judges: judgeIds.map((id) => ({ id, trackIds: [], languages: [] })),
          judgesPerEntry: scenario.judgesPerEntry,
          conflicts: [],
          seed: Math.floor(random() * 2 ** 32),
        }).assignments;
  const round = (v: number) => (scenario.step > 0 ? Math.round(v / scenario.step) * scenario.step : v);
  const reviews: PanelReview[] = assignments.map(({ judgeId, entryId }) => {
    const judge = judges.get(judgeId)!;
    const seen = TRUE_MEAN + (truth.get(entryId)! - TRUE_MEAN) * judge.scale + judge.bias + scenario.noiseSpread * normal(random);
    return { judgeId, entryId, total: round(clamp(seen)) };
  });

  const totals = new Map<number, number[]>(entryIds.map((id) => [id, []]));
  for (const r of reviews) totals.get(r.entryId)!.push(r.total);
  const perEntry = (method: EntryMethod) =>
    new Map(entryIds.map((id) => [id, aggregateEntry(totals.get(id)!, method).value ?? 0]));
  const calibration = calibrate(reviews, { tolerance: options.calibrationTolerance });
  const estimates: Record<SimulatedMethod, Map<number, number>> = {
    mean: perEntry("mean"),
    trimmed_mean: perEntry("trimmed_mean"),
    median: perEntry("median"),
    standardised: standardisedScores(reviews),
    calibrated: calibration.entries,
  };
  const tau = {} as Record<SimulatedMethod, number>;
  const top = {} as Record<SimulatedMethod, number>;
  for (const method of SIMULATED_METHODS) {
    tau[method] = kendallTauB(estimates[method], truth);
    top[method] = topOverlap(estimates[method], truth, options.topN);
  }
  return { truth, reviews, estimates, tau, top, calibrationWarning: !calibration.converged || calibration.parts > 1 };
}

/** The p-quantile with linear interpolation between order statistics (p in 0–1). */
export function quantile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

const average = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

export function simulate(scenarios: readonly Scenario[], options: SimulationOptions = DEFAULT_OPTIONS): SimulationReport {
  const summaries = scenarios.map((scenario, scenarioIndex): ScenarioSummary => {
    const tau = new Map<SimulatedMethod, number[]>(SIMULATED_METHODS.map((m) => [m, []]));
    const top = new Map<SimulatedMethod, number[]>(SIMULATED_METHODS.map((m) => [m, []]));
    let calibrationWarnings = 0;
    for (let trial = 0; trial < options.trials; trial++) {
      const result = simulateTrial(scenario, trialSeed(options.seed, scenarioIndex, trial), options);
      for (const method of SIMULATED_METHODS) {
        tau.get(method)!.push(result.tau[method]);
        top.get(method)!.push(result.top[method]);
      }
      if (result.calibrationWarning) calibrationWarnings++;
    }
    return {
      scenario,
      reviewsPerJudge: (scenario.entries * scenario.judgesPerEntry) / scenario.judges,
      methods: SIMULATED_METHODS.map((method) => ({
        method,
        tauMean: average(tau.get(method)!),
        tauP10: quantile(tau.get(method)!, 0.1),
        topMean: average(top.get(method)!),
        topP10: quantile(top.get(method)!, 0.1),
      })),
      calibrationWarnings,
    };
  });
  return { options, scenarios: summaries };
}

export const METHOD_LABELS: Record<SimulatedMethod, string> = {
  mean: "Mean",
  trimmed_mean: "Trimmed mean",
  median: "Median",
  standardised: "Standardised",
  calibrated: "Calibrated",
};

/** The report as Markdown tables, one per scenario: what the script prints and the docs quote. */
export function reportTables(report: SimulationReport): string {
  const n = report.options.topN;
  const fixed = (v: number, digits: number) => (Number.isNaN(v) ? "n/a" : v.toFixed(digits));
  return report.scenarios
    .map(({ scenario, reviewsPerJudge, methods, calibrationWarnings }) => {
      const heading =
        `### ${scenario.name}: ${scenario.description}\n\n` +
        `Judge bias σ ${scenario.biasSpread}, review noise σ ${scenario.noiseSpread}` +
        (scenario.scaleSpread ? `, judge scale log-σ ${scenario.scaleSpread}` : "") +
        `, about ${fixed(reviewsPerJudge, 1)} reviews per judge.` +
        (calibrationWarnings ? ` Calibration warned in ${calibrationWarnings} trials (not converged or not connected).` : "");
      const best = Math.max(...methods.map((m) => m.tauMean));
      const rows = methods.map((m) => {
        const name = m.tauMean === best ? `**${METHOD_LABELS[m.method]}**` : METHOD_LABELS[m.method];
        return `| ${name} | ${fixed(m.tauMean, 3)} | ${fixed(m.tauP10, 3)} | ${fixed(m.topMean * n, 2)} | ${fixed(m.topP10 * n, 1)} |`;
      });
      return [
        heading,
        "",
        `| method | τ mean | τ 10th pct | top-${n} found (mean) | top-${n} found (10th pct) |`,
        "|---|---:|---:|---:|---:|",
        ...rows,
      ].join("\n");
    })
    .join("\n\n");
}
