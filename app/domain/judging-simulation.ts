// Which aggregation method to trust: simulated rounds where each entry's true quality is known, judged
// by lenient and harsh judges with noise, scored by every method and compared with the truth. Pure and
// seeded, so a seed always gives the same table; `npm run judging:simulate` prints it. Beside the rubric
// methods it runs pairwise Crowd-BT (issue 11) with the same judges at the same judge effort.
import { aggregateEntry, type EntryMethod } from "./aggregation";
import { assignJudges, seededRandom } from "./assignment";
import { createState, nextPair, ranking, recordComparison } from "./crowd-bt";
import { calibrate, standardisedScores, type PanelReview } from "./panel-methods";
import { kendallTauB, topOverlap } from "./rank-metrics";

/** The rubric methods, computed in every trial. */
export const SIMULATED_METHODS = [
  "mean",
  "trimmed_mean",
  "median",
  "standardised",
  "calibrated",
  "calibrated_confidence",
] as const;
export type SimulatedMethod = (typeof SIMULATED_METHODS)[number];

/**
 * The confidence a simulated judge gives with a review. This mapping is the simulation's own (the app's
 * confidence levels live elsewhere): a judge's review at each level is assumed to have this multiple of
 * the scenario's noise (σ), so a "low" review has about twice the variance of a "medium" one and a
 * "high" one about half. Calibration with confidence weighs each review by 1/variance (MacKay et al.
 * 2017 put each review's weight at the inverse of its declared variance): high ≈ 2, medium 1, low ≈ 0.5.
 */
export const CONFIDENCE_LEVELS = ["low", "medium", "high"] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];
export const CONFIDENCE_NOISE: Record<ConfidenceLevel, number> = { low: 1.4, medium: 1, high: 0.7 };
export const CONFIDENCE_WEIGHT: Record<ConfidenceLevel, number> = {
  low: 1 / CONFIDENCE_NOISE.low ** 2,
  medium: 1,
  high: 1 / CONFIDENCE_NOISE.high ** 2,
};
/** How often a judge's reviews are at each level (low, medium, high): careful judges, careless judges. */
const LEVEL_ODDS: Record<"careful" | "careless", readonly [number, number, number]> = {
  careful: [0.2, 0.5, 0.3],
  careless: [0.5, 0.4, 0.1],
};
/** A judge names the level their review is really at this often; otherwise a neighbouring level. */
const CONFIDENCE_HONESTY = 0.7;

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
  /**
   * When true, a review's noise depends on how sure the judge was (`CONFIDENCE_NOISE`), and the judge's
   * stated confidence tracks it. When absent, every review has the same noise and the stated
   * confidence says nothing about it (the judges still state one, so weighing by it can only cost).
   */
  confidenceTracksNoise?: boolean;
  /** A share of the judges is careless: `factor` times the noise, and more often unsure. */
  careless?: { share: number; factor: number };
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
  {
    ...TYPICAL,
    name: "confidence-tracks-noise",
    description: "as typical, but a review's noise depends on how sure the judge was, and the judge says so",
    confidenceTracksNoise: true,
  },
  {
    ...TYPICAL,
    name: "careless-judges",
    description: "as confidence-tracks-noise, and one judge in five is careless (3× the noise)",
    confidenceTracksNoise: true,
    careless: { share: 0.2, factor: 3 },
  },
];

export interface SimulationOptions {
  seed: number;
  trials: number;
  /** The n of top-n overlap. */
  topN: number;
  /** Passed to `calibrate`; its default (1e-9) is more than a ranking needs. */
  calibrationTolerance: number;
  /**
   * Pairwise Crowd-BT at equal judge effort, once per value: N comparisons for each rubric review the
   * judge would have written (a judge with 15 reviews makes 15·N comparisons). Empty: no pairwise rows.
   */
  comparisonsPerReview?: readonly number[];
  /** Pairwise runs only in the first this many trials of each scenario (it is the slow part). */
  pairwiseTrials?: number;
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  seed: 20260701,
  trials: 200,
  topN: 10,
  calibrationTolerance: 1e-6,
  comparisonsPerReview: [3, 1],
  pairwiseTrials: 20,
};

export interface MethodSummary {
  method: SimulatedMethod | "pairwise";
  /** Pairwise rows only: comparisons per rubric review of judge effort. */
  comparisonsPerReview?: number;
  /** Trials this row averages over. */
  trials: number;
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

export interface PairwiseResult {
  comparisonsPerReview: number;
  comparisons: number;
  estimate: Map<number, number>;
  tau: number;
  top: number;
  /** Each judge's learned reliability E[η], to check that careless judges are found out. */
  reliability: Map<number, number>;
}

export interface TrialResult {
  truth: Map<number, number>;
  /** Reviews as entered, without weights (the confidence-weighted copy is built from `confidence`). */
  reviews: PanelReview[];
  /** The confidence each review's judge stated, in the order of `reviews`. */
  confidence: ConfidenceLevel[];
  /** The judges simulated as careless. */
  careless: Set<number>;
  pairwise: PairwiseResult[];
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

/** A level drawn with the given odds (low, medium, high). */
function drawLevel(odds: readonly [number, number, number], random: () => number): ConfidenceLevel {
  const u = random();
  return u < odds[0] ? "low" : u < odds[0] + odds[1] ? "medium" : "high";
}

/** What the judge says: the true level most of the time, otherwise a neighbouring one. */
function statedLevel(level: ConfidenceLevel, random: () => number): ConfidenceLevel {
  if (random() < CONFIDENCE_HONESTY) return level;
  if (level === "medium") return random() < 0.5 ? "low" : "high";
  return "medium";
}

interface SimulatedJudge {
  bias: number;
  scale: number;
  /** Multiplies the scenario's noise: `careless.factor` for a careless judge, else 1. */
  noise: number;
  careless: boolean;
}

/**
 * Pairwise Crowd-BT with the rubric round's judges and truth. Each judge makes N comparisons per rubric
 * review they were assigned, taking turns (a stand-in for judges working side by side), each asking
 * `nextPair` for their next pair. A judge's impression of an entry is its true quality times their
 * scale plus noise drawn as for a review (their leniency cancels in a comparison); they pick the entry
 * that made the better impression, never "cannot tell".
 */
function simulatePairwise(
  scenario: Scenario,
  truth: ReadonlyMap<number, number>,
  judges: ReadonlyMap<number, SimulatedJudge>,
  load: ReadonlyMap<number, number>,
  n: number,
  seed: number,
  topN: number,
): PairwiseResult {
  const random = seededRandom(seed);
  let state = createState([...truth.keys()]);
  const quota = new Map([...load].map(([id, reviews]) => [id, reviews * n]));
  const impression = (judge: SimulatedJudge, entryId: number) => {
    const level = scenario.confidenceTracksNoise
      ? drawLevel(LEVEL_ODDS[judge.careless ? "careless" : "careful"], random)
      : "medium";
    const sigma = scenario.noiseSpread * judge.noise * (scenario.confidenceTracksNoise ? CONFIDENCE_NOISE[level] : 1);
    return (truth.get(entryId)! - TRUE_MEAN) * judge.scale + sigma * normal(random);
  };
  let comparisons = 0;
  for (let active = true; active;) {
    active = false;
    for (const [judgeId, left] of quota) {
      if (left <= 0) continue;
      const choice = nextPair(state, judgeId, { seed });
      if (!choice) {
        quota.set(judgeId, 0);
        continue;
      }
      active = true;
      quota.set(judgeId, left - 1);
      const judge = judges.get(judgeId)!;
      const [a, b] = choice.pair;
      const aWins = impression(judge, a) > impression(judge, b);
      state = recordComparison(state, { judgeId, winnerId: aWins ? a : b, loserId: aWins ? b : a });
      comparisons++;
    }
  }
  const estimate = new Map(ranking(state).map((r) => [r.entryId, r.mu]));
  return {
    comparisonsPerReview: n,
    comparisons,
    estimate,
    tau: kendallTauB(estimate, truth),
    top: topOverlap(estimate, truth, topN),
    reliability: new Map([...state.judges].map(([id, j]) => [id, j.alpha / (j.alpha + j.beta)])),
  };
}

/** One simulated round: truth, a balanced mixed panel, reviews, every method's estimate and its scores. */
export function simulateTrial(
  scenario: Scenario,
  seed: number,
  options: Pick<SimulationOptions, "topN" | "calibrationTolerance" | "comparisonsPerReview">,
): TrialResult {
  const random = seededRandom(seed);
  // Confidence, carelessness and pairwise draws come from their own stream, so that the rubric
  // methods see exactly the reviews they saw before these were added.
  const extra = seededRandom(seed ^ 0x5bd1e995);
  const entryIds = Array.from({ length: scenario.entries }, (_, i) => i + 1);
  const judgeIds = Array.from({ length: scenario.judges }, (_, i) => 10_001 + i);
  const truth = new Map(entryIds.map((id) => [id, clamp(TRUE_MEAN + TRUE_SPREAD * normal(random))]));
  const careless = new Set(judgeIds.filter(() => scenario.careless !== undefined && extra() < scenario.careless.share));
  const judges = new Map<number, SimulatedJudge>(
    judgeIds.map((id) => [
      id,
      {
        bias: scenario.biasSpread * normal(random),
        scale: Math.exp((scenario.scaleSpread ?? 0) * normal(random)),
        noise: careless.has(id) ? scenario.careless!.factor : 1,
        careless: careless.has(id),
      },
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
  const confidence: ConfidenceLevel[] = [];
  const reviews: PanelReview[] = assignments.map(({ judgeId, entryId }) => {
    const judge = judges.get(judgeId)!;
    const level = drawLevel(LEVEL_ODDS[judge.careless ? "careless" : "careful"], extra);
    confidence.push(statedLevel(level, extra));
    const noise = scenario.noiseSpread * judge.noise * (scenario.confidenceTracksNoise ? CONFIDENCE_NOISE[level] : 1);
    const seen = TRUE_MEAN + (truth.get(entryId)! - TRUE_MEAN) * judge.scale + judge.bias + noise * normal(random);
    return { judgeId, entryId, total: round(clamp(seen)) };
  });

  const totals = new Map<number, number[]>(entryIds.map((id) => [id, []]));
  for (const r of reviews) totals.get(r.entryId)!.push(r.total);
  const perEntry = (method: EntryMethod) =>
    new Map(entryIds.map((id) => [id, aggregateEntry(totals.get(id)!, method).value ?? 0]));
  const calibration = calibrate(reviews, { tolerance: options.calibrationTolerance });
  const weighted = reviews.map((r, i) => ({ ...r, weight: CONFIDENCE_WEIGHT[confidence[i]!] }));
  const estimates: Record<SimulatedMethod, Map<number, number>> = {
    mean: perEntry("mean"),
    trimmed_mean: perEntry("trimmed_mean"),
    median: perEntry("median"),
    standardised: standardisedScores(reviews),
    calibrated: calibration.entries,
    calibrated_confidence: calibrate(weighted, { tolerance: options.calibrationTolerance }).entries,
  };
  const tau = {} as Record<SimulatedMethod, number>;
  const top = {} as Record<SimulatedMethod, number>;
  for (const method of SIMULATED_METHODS) {
    tau[method] = kendallTauB(estimates[method], truth);
    top[method] = topOverlap(estimates[method], truth, options.topN);
  }
  const load = new Map(judgeIds.map((id) => [id, 0]));
  for (const r of reviews) load.set(r.judgeId, load.get(r.judgeId)! + 1);
  const pairwise = (options.comparisonsPerReview ?? []).map((n) =>
    simulatePairwise(scenario, truth, judges, load, n, Math.floor(extra() * 2 ** 32), options.topN),
  );
  return {
    truth,
    reviews,
    confidence,
    careless,
    pairwise,
    estimates,
    tau,
    top,
    calibrationWarning: !calibration.converged || calibration.parts > 1,
  };
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
  const perReview = options.comparisonsPerReview ?? [];
  const pairwiseTrials = Math.min(options.trials, options.pairwiseTrials ?? options.trials);
  const summarise = (values: { tau: number[]; top: number[] }) => ({
    trials: values.tau.length,
    tauMean: average(values.tau),
    tauP10: quantile(values.tau, 0.1),
    topMean: average(values.top),
    topP10: quantile(values.top, 0.1),
  });
  const summaries = scenarios.map((scenario, scenarioIndex): ScenarioSummary => {
    const rubric = new Map(SIMULATED_METHODS.map((m) => [m, { tau: [] as number[], top: [] as number[] }]));
    const pairwise = perReview.map(() => ({ tau: [] as number[], top: [] as number[] }));
    let calibrationWarnings = 0;
    for (let trial = 0; trial < options.trials; trial++) {
      const result = simulateTrial(scenario, trialSeed(options.seed, scenarioIndex, trial), {
        ...options,
        comparisonsPerReview: trial < pairwiseTrials ? perReview : [],
      });
      for (const method of SIMULATED_METHODS) {
        rubric.get(method)!.tau.push(result.tau[method]);
        rubric.get(method)!.top.push(result.top[method]);
      }
      result.pairwise.forEach((p, i) => {
        pairwise[i]!.tau.push(p.tau);
        pairwise[i]!.top.push(p.top);
      });
      if (result.calibrationWarning) calibrationWarnings++;
    }
    return {
      scenario,
      reviewsPerJudge: (scenario.entries * scenario.judgesPerEntry) / scenario.judges,
      methods: [
        ...SIMULATED_METHODS.map((method): MethodSummary => ({ method, ...summarise(rubric.get(method)!) })),
        ...perReview.map((n, i): MethodSummary => ({ method: "pairwise", comparisonsPerReview: n, ...summarise(pairwise[i]!) })),
      ],
      calibrationWarnings,
    };
  });
  return { options, scenarios: summaries };
}

export const METHOD_LABELS: Record<SimulatedMethod | "pairwise", string> = {
  mean: "Mean",
  trimmed_mean: "Trimmed mean",
  median: "Median",
  standardised: "Standardised",
  calibrated: "Calibrated",
  calibrated_confidence: "Calibrated with confidence",
  pairwise: "Pairwise Crowd-BT",
};

function methodLabel(m: MethodSummary): string {
  if (m.method !== "pairwise") return METHOD_LABELS[m.method];
  const n = m.comparisonsPerReview!;
  return `${METHOD_LABELS.pairwise}, ${n} comparison${n === 1 ? "" : "s"} per review (${m.trials} trials)`;
}

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
        (scenario.confidenceTracksNoise ? ", noise by stated confidence" : "") +
        (scenario.careless
          ? `, ${Math.round(scenario.careless.share * 100)}% careless judges (${scenario.careless.factor}× noise)`
          : "") +
        `, about ${fixed(reviewsPerJudge, 1)} reviews per judge.` +
        (calibrationWarnings ? ` Calibration warned in ${calibrationWarnings} trials (not converged or not connected).` : "");
      const best = Math.max(...methods.map((m) => m.tauMean));
      const rows = methods.map((m) => {
        const name = m.tauMean === best ? `**${methodLabel(m)}**` : methodLabel(m);
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
