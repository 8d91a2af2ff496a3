// Pairwise judging with Crowd Bradley–Terry (Chen, Bennett, Collins-Thompson & Horvitz, "Pairwise
// ranking aggregation in a crowdsourced setting", WSDM 2013): each entry has a Gaussian belief about its
// strength s ~ N(μ, σ²), each judge a Beta(α, β) belief about their reliability η (the chance that they
// pick the stronger entry rather than the other one). A comparison updates both by moment matching; the
// next pair for a judge is the one whose answer is expected to teach the model most. Pure and seeded.
import { seededRandom } from "./assignment";

export interface CrowdBtParams {
  /** Prior mean and variance of an entry's strength (the paper's 0 and 1). */
  mu0: number;
  sigmaSq0: number;
  /** Prior Beta(α, β) of a judge's reliability (the paper's 10 and 1: most judges mostly agree with the crowd). */
  alpha0: number;
  beta0: number;
  /** Floor on the factor by which one comparison may shrink a variance, so σ² never reaches 0. */
  kappa: number;
  /** Weight of what a comparison teaches about the judge against what it teaches about the entries. */
  gamma: number;
}

export const DEFAULT_CROWD_BT_PARAMS: CrowdBtParams = {
  mu0: 0,
  sigmaSq0: 1,
  alpha0: 10,
  beta0: 1,
  kappa: 1e-4,
  gamma: 0.1,
};

export interface EntryBelief {
  mu: number;
  sigmaSq: number;
  /** Comparisons with a winner this entry took part in (not "cannot tell"). */
  comparisons: number;
}

export interface JudgeBelief {
  alpha: number;
  beta: number;
  /** The entry the judge saw last: the next pair pits a new entry against it, so the judge reads one new entry per comparison. */
  previous: number | null;
  /** Pairs this judge has already answered (winner or "cannot tell"), as `pairKey`s. */
  compared: ReadonlySet<string>;
  cannotTell: number;
}

export type Comparison =
  | { judgeId: number; winnerId: number; loserId: number }
  | { judgeId: number; cannotTell: true; entryIds: readonly [number, number] };

export interface CrowdBtState {
  params: CrowdBtParams;
  entries: ReadonlyMap<number, EntryBelief>;
  judges: ReadonlyMap<number, JudgeBelief>;
  /** Every answer in the order given, "cannot tell" included. */
  log: readonly Comparison[];
}

/** The same key for (a, b) and (b, a). */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export function createState(entryIds: readonly number[], params: Partial<CrowdBtParams> = {}): CrowdBtState {
  const full = { ...DEFAULT_CROWD_BT_PARAMS, ...params };
  return {
    params: full,
    entries: new Map(entryIds.map((id) => [id, { mu: full.mu0, sigmaSq: full.sigmaSq0, comparisons: 0 }])),
    judges: new Map(),
    log: [],
  };
}

/** A judge seen for the first time starts from the prior. */
export function judgeBelief(state: CrowdBtState, judgeId: number): JudgeBelief {
  return (
    state.judges.get(judgeId) ?? {
      alpha: state.params.alpha0,
      beta: state.params.beta0,
      previous: null,
      compared: new Set(),
      cannotTell: 0,
    }
  );
}

/** A judge's expected reliability E[η] = α / (α + β). */
export function reliability(judge: Pick<JudgeBelief, "alpha" | "beta">): number {
  return judge.alpha / (judge.alpha + judge.beta);
}

export interface UpdateResult {
  winner: { mu: number; sigmaSq: number };
  loser: { mu: number; sigmaSq: number };
  alpha: number;
  beta: number;
  /** The probability, before the answer, that this judge would say the winner is stronger. */
  probability: number;
}

/**
 * The paper's moment-matching update for "the judge says `winner` is stronger than `loser`", from the
 * beliefs before the answer (all four beliefs use the old values, as the paper does). With
 * x = e^μw, y = e^μl, p = x / (x + y):
 * - the judge's answer is right with chance η, so with η integrated out the likelihood in the strengths
 *   is ∝ (αx + βy) / (x + y). The means move by σ² times its log-gradient,
 *   g = αx / (αx + βy) − p (winner up, loser down);
 * - the variances shrink by its curvature, σ² ← σ² · max(1 + σ² h, κ) with
 *   h = αβxy / (αx + βy)² − xy / (x + y)² (h > 0 after a big upset: the belief widens);
 * - for the judge, the chance the winner really is stronger is E[p] ≈ C1 = p + ½(σw² + σl²) p(1−p)(1−2p)
 *   (second-order expansion around the means); the posterior of η ∝ (C1 η + (1−C1)(1−η)) · Beta(α, β),
 *   whose first two moments give the new Beta(α, β). C = (C1 α + (1−C1) β) / (α + β) is the
 *   probability of this answer.
 */
export function updateBeliefs(
  winner: { mu: number; sigmaSq: number },
  loser: { mu: number; sigmaSq: number },
  judge: { alpha: number; beta: number },
  kappa: number,
): UpdateResult {
  const { alpha, beta } = judge;
  // Shift both exponents by the larger mean: the ratios are unchanged and e^μ cannot overflow.
  const top = Math.max(winner.mu, loser.mu);
  const x = Math.exp(winner.mu - top);
  const y = Math.exp(loser.mu - top);
  const p = x / (x + y);
  const q = (alpha * x) / (alpha * x + beta * y);
  const g = q - p;
  const h = q * (1 - q) - p * (1 - p);

  const c1 = p + 0.5 * (winner.sigmaSq + loser.sigmaSq) * p * (1 - p) * (1 - 2 * p);
  const c2 = 1 - c1;
  const n = alpha + beta;
  const c = (c1 * alpha + c2 * beta) / n;
  // E[η] and E[η²] under the posterior, from Beta moments E[η^k] and E[η^k (1 − η)].
  const m1 = (c1 * alpha * (alpha + 1) + c2 * alpha * beta) / (c * n * (n + 1));
  const m2 = (c1 * alpha * (alpha + 1) * (alpha + 2) + c2 * alpha * (alpha + 1) * beta) / (c * n * (n + 1) * (n + 2));
  const variance = m2 - m1 * m1;
  return {
    winner: { mu: winner.mu + winner.sigmaSq * g, sigmaSq: winner.sigmaSq * Math.max(1 + winner.sigmaSq * h, kappa) },
    loser: { mu: loser.mu - loser.sigmaSq * g, sigmaSq: loser.sigmaSq * Math.max(1 + loser.sigmaSq * h, kappa) },
    alpha: ((m1 - m2) * m1) / variance,
    beta: ((m1 - m2) * (1 - m1)) / variance,
    probability: c,
  };
}

function requireEntry(state: CrowdBtState, id: number): EntryBelief {
  const entry = state.entries.get(id);
  if (!entry) throw new Error(`crowd-bt: entry ${id} is not in this round`);
  return entry;
}

function withJudge(state: CrowdBtState, judgeId: number, judge: JudgeBelief): Map<number, JudgeBelief> {
  const judges = new Map(state.judges);
  judges.set(judgeId, judge);
  return judges;
}

/**
 * Of two entries, the one to show as the new one of a fresh pair (and to chain from afterwards): the
 * one with fewer comparisons, then the wider belief, then the higher id. `nextPair` and
 * `recordComparison` use the same rule, so the judge's chain continues from the entry they read last.
 */
function newerOf(state: CrowdBtState, a: number, b: number): number {
  const ea = state.entries.get(a)!;
  const eb = state.entries.get(b)!;
  if (ea.comparisons !== eb.comparisons) return ea.comparisons < eb.comparisons ? a : b;
  if (ea.sigmaSq !== eb.sigmaSq) return ea.sigmaSq > eb.sigmaSq ? a : b;
  return a > b ? a : b;
}

/**
 * The state after one answer; the input state is not changed. A judge answers a pair at most once.
 * The judge's previous entry becomes the entry of the pair that was not already their previous one
 * (for a fresh pair, `newerOf`): the one they read last.
 */
export function recordComparison(state: CrowdBtState, comparison: Comparison): CrowdBtState {
  const [a, b] = "cannotTell" in comparison ? comparison.entryIds : [comparison.winnerId, comparison.loserId];
  if (a === b) throw new Error("crowd-bt: an entry cannot be compared with itself");
  const first = requireEntry(state, a);
  const second = requireEntry(state, b);
  const judge = judgeBelief(state, comparison.judgeId);
  const key = pairKey(a, b);
  if (judge.compared.has(key)) throw new Error(`crowd-bt: judge ${comparison.judgeId} already compared ${key}`);
  const compared = new Set(judge.compared).add(key);
  const log = [...state.log, comparison];
  const previous = judge.previous === a ? b : judge.previous === b ? a : newerOf(state, a, b);

  // "Cannot tell" is kept (the organiser sees how often, and the judge is not asked the pair again) but
  // moves nothing: Crowd-BT has no tie outcome, and counting it as half a win each would both pull the
  // entries together and make a careful judge look like a random one.
  if ("cannotTell" in comparison) {
    const next = { ...judge, compared, previous, cannotTell: judge.cannotTell + 1 };
    return { ...state, judges: withJudge(state, comparison.judgeId, next), log };
  }
  const result = updateBeliefs(first, second, judge, state.params.kappa);
  const entries = new Map(state.entries);
  entries.set(a, { ...result.winner, comparisons: first.comparisons + 1 });
  entries.set(b, { ...result.loser, comparisons: second.comparisons + 1 });
  const next = { ...judge, alpha: result.alpha, beta: result.beta, compared, previous };
  return { ...state, entries, judges: withJudge(state, comparison.judgeId, next), log };
}

// ——— Expected information gain ———

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: recurrence up to x ≥ 10, then Stirling's series (error below 1e-15 there). */
export function logGamma(x: number): number {
  let product = 1;
  while (x < 10) {
    product *= x;
    x += 1;
  }
  const shift = Math.log(product);
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - shift;
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return Math.log(x) - 0.5 / x - series - shift;
}

/** KL(N(μ1, s1) ‖ N(μ0, s0)) with variances s1, s0. */
function klGaussian(mu1: number, s1: number, mu0: number, s0: number): number {
  return 0.5 * (Math.log(s0 / s1) + (s1 + (mu1 - mu0) ** 2) / s0 - 1);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** KL(Beta(a1, b1) ‖ Beta(a0, b0)), given ln B(a0, b0) (the same for every candidate pair of a judge). */
function klBeta(a1: number, b1: number, a0: number, b0: number, logBeta0: number): number {
  return logBeta0 - logBeta(a1, b1) + (a1 - a0) * digamma(a1) + (b1 - b0) * digamma(b1) + (a0 - a1 + b0 - b1) * digamma(a1 + b1);
}

/**
 * The paper's expected information gain of asking `judge` about (a, b): over the two answers, weighted
 * by how likely the judge is to give each, the KL divergence from the current beliefs to the updated
 * ones, for both entries plus γ times that for the judge. An unreliable judge (E[η] near ½) teaches
 * little about the entries, so their gain is small everywhere.
 */
export function expectedGain(state: CrowdBtState, judge: Pick<JudgeBelief, "alpha" | "beta">, a: number, b: number): number {
  return pairGain(state, { alpha: judge.alpha, beta: judge.beta, logBeta: logBeta(judge.alpha, judge.beta) }, a, b);
}

type JudgePrior = { alpha: number; beta: number; logBeta: number };

function pairGain(state: CrowdBtState, judge: JudgePrior, a: number, b: number): number {
  const first = requireEntry(state, a);
  const second = requireEntry(state, b);
  const { kappa, gamma } = state.params;
  return weightedGain(first, second, judge, kappa, gamma) + weightedGain(second, first, judge, kappa, gamma);
}

/** P(this answer) × what it would teach. */
function weightedGain(winner: EntryBelief, loser: EntryBelief, judge: JudgePrior, kappa: number, gamma: number): number {
  const r = updateBeliefs(winner, loser, judge, kappa);
  const gain =
    klGaussian(r.winner.mu, r.winner.sigmaSq, winner.mu, winner.sigmaSq) +
    klGaussian(r.loser.mu, r.loser.sigmaSq, loser.mu, loser.sigmaSq) +
    gamma * klBeta(r.alpha, r.beta, judge.alpha, judge.beta, judge.logBeta);
  return r.probability * gain;
}

export interface NextPairOptions {
  /** Makes tie-breaks reproducible: the same state, judge and seed always give the same pair. */
  seed: number;
  /** Entries this judge may not see (conflicts of interest, their own team's entry). */
  excluded?: ReadonlySet<number>;
  /**
   * Without a previous entry to chain from, every eligible pair is scored when there are at most this
   * many eligible entries (a shortlist or a final); above it the least-compared eligible entry is the
   * anchor and only its partner is chosen by gain, which keeps the search linear. Default 80.
   */
  fullSearchLimit?: number;
  /**
   * Each entry's group (a track): when given, only entries of the same group are paired, so a round
   * with several tracks ranks each track on its own comparisons. An entry missing from the map is
   * never paired.
   */
  groups?: ReadonlyMap<number, number>;
}

export interface PairChoice {
  /** The entry the judge already knows (the previous one, when chaining) and the new one. */
  pair: readonly [number, number];
  expectedGain: number;
}

function mix(seed: number, a: number, b: number): number {
  let h = Math.imul(seed ^ 0x2545f491, 0x9e3779b1);
  h = Math.imul(h ^ (a + 0x7f4a7c15), 0x85ebca6b);
  h = Math.imul(h ^ (b + 0x165667b1), 0xc2b2ae35);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * The next pair for a judge, or null when they have compared every pair they may see. As in Gavel, a
 * judge who has a previous entry gets it against the new entry with the largest expected gain, so they
 * read one new entry per comparison; a judge without one (or whose previous entry has no partner left)
 * gets the best pair overall (see `fullSearchLimit`). Exploration: while some eligible entries have not
 * been compared by anyone, the new entry is one of them, so every entry enters the ranking. Ties (within
 * 1e-12) go to a draw seeded by the seed, the judge and the number of answers so far.
 */
export function nextPair(state: CrowdBtState, judgeId: number, options: NextPairOptions): PairChoice | null {
  const judge = judgeBelief(state, judgeId);
  const prior = { alpha: judge.alpha, beta: judge.beta, logBeta: logBeta(judge.alpha, judge.beta) };
  const excluded = options.excluded ?? new Set<number>();
  const eligible = [...state.entries.keys()].filter((id) => !excluded.has(id)).sort((a, b) => a - b);
  const random = seededRandom(mix(options.seed, judgeId, state.log.length));
  const draws = new Map(eligible.map((id) => [id, random()]));
  const groups = options.groups;
  const sameGroup = (a: number, b: number) => !groups || (groups.has(a) && groups.get(a) === groups.get(b));
  const open = (a: number, b: number) => a !== b && sameGroup(a, b) && !judge.compared.has(pairKey(a, b));
  const unseen = new Set(eligible.filter((id) => state.entries.get(id)!.comparisons === 0));

  let best: PairChoice | null = null;
  let bestDraw = Infinity;
  const consider = (known: number, fresh: number, draw: number) => {
    const gain = pairGain(state, prior, known, fresh);
    const margin = best ? gain - best.expectedGain : Infinity;
    if (margin > 1e-12 || (Math.abs(margin) <= 1e-12 && draw < bestDraw)) {
      best = { pair: [known, fresh], expectedGain: gain };
      bestDraw = draw;
    }
  };
  // Partners of `known` to consider: unseen ones first, if any are open.
  const partners = (known: number) => {
    const openOnes = eligible.filter((id) => open(known, id));
    const fresh = openOnes.filter((id) => unseen.has(id));
    return fresh.length ? fresh : openOnes;
  };

  const previous = judge.previous;
  if (previous !== null && state.entries.has(previous) && !excluded.has(previous)) {
    for (const id of partners(previous)) consider(previous, id, draws.get(id)!);
    if (best) return best;
  }
  if (eligible.length <= (options.fullSearchLimit ?? 80)) {
    const anyUnseen = eligible.some((a) => unseen.has(a) && eligible.some((b) => open(a, b)));
    for (const a of eligible) {
      for (const b of eligible) {
        if (b <= a || !open(a, b)) continue;
        if (anyUnseen && !unseen.has(a) && !unseen.has(b)) continue;
        const fresh = newerOf(state, a, b);
        consider(fresh === a ? b : a, fresh, draws.get(a)! + draws.get(b)!);
      }
    }
    return best;
  }
  // Large pools: anchor on the least-compared entry that still has a partner (ties by draw).
  const anchors = eligible
    .filter((id) => eligible.some((other) => open(id, other)))
    .sort((a, b) => state.entries.get(a)!.comparisons - state.entries.get(b)!.comparisons || draws.get(a)! - draws.get(b)!);
  const anchor = anchors[0];
  if (anchor === undefined) return null;
  for (const id of partners(anchor)) consider(anchor, id, draws.get(id)!);
  return best;
}

// ——— Ranking and how settled it is ———

export interface RankedEntry {
  entryId: number;
  place: number;
  mu: number;
  sigma: number;
  comparisons: number;
}

/** Entries by μ, highest first (equal μ: lower id first), with σ = √σ²; `only` ranks a subset (one track). */
export function ranking(state: CrowdBtState, only?: ReadonlySet<number>): RankedEntry[] {
  return [...state.entries]
    .filter(([id]) => !only || only.has(id))
    .sort(([idA, a], [idB, b]) => b.mu - a.mu || idA - idB)
    .map(([entryId, e], i) => ({ entryId, place: i + 1, mu: e.mu, sigma: Math.sqrt(e.sigmaSq), comparisons: e.comparisons }));
}

/** Φ, the standard normal distribution function (Abramowitz & Stegun 7.1.26 erf, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** z with Φ(z) = 0.95. */
const Z95 = 1.6448536269514722;

export interface PlaceSettlement {
  /** The entries at place `place` and `place + 1`. */
  place: number;
  higherId: number;
  lowerId: number;
  /** P(the higher-placed entry really is stronger) = Φ((μ₁ − μ₂) / √(σ₁² + σ₂²)). */
  probability: number;
  /**
   * A rough estimate of how many more comparisons (involving either entry) would lift `probability`
   * above 0.95, or null when no number of comparisons of this kind would (equal means, or more than
   * 10 000). See `settleTop`.
   */
  moreComparisons: number | null;
}

/**
 * For the top k places, how sure the model is that each adjacent pair is in the right order, and a
 * rough estimate of the comparisons still needed to be 95% sure.
 *
 * The estimate holds the gap μ₁ − μ₂ fixed (it will move as answers come in) and asks when
 * σ₁² + σ₂² ≤ (gap / 1.645)². Each comparison of an entry adds about c to its precision 1/σ², where
 * c = −h is the curvature of the update above (1/(σ²(1 + σ²h)) ≈ 1/σ² − h), taken for the two entries'
 * own means and a judge of the panel's average α and β so far. Comparisons go to whichever of the two
 * is less certain, one at a time. It is a planning figure for the organiser ("about 12 more"), not a
 * promise: upsets widen beliefs, and the gap itself changes.
 */
export function settleTop(state: CrowdBtState, k: number, only?: ReadonlySet<number>): PlaceSettlement[] {
  const ranked = ranking(state, only);
  const judges = [...state.judges.values()];
  const alpha = judges.length ? judges.reduce((s, j) => s + j.alpha, 0) / judges.length : state.params.alpha0;
  const beta = judges.length ? judges.reduce((s, j) => s + j.beta, 0) / judges.length : state.params.beta0;
  const out: PlaceSettlement[] = [];
  for (let i = 0; i < Math.min(k, ranked.length - 1); i++) {
    const hi = state.entries.get(ranked[i]!.entryId)!;
    const lo = state.entries.get(ranked[i + 1]!.entryId)!;
    const gap = hi.mu - lo.mu;
    const probability = normalCdf(gap / Math.sqrt(hi.sigmaSq + lo.sigmaSq));
    let moreComparisons: number | null = 0;
    if (probability < 0.95) {
      const target = (gap / Z95) ** 2;
      const x = Math.exp(hi.mu - Math.max(hi.mu, lo.mu));
      const y = Math.exp(lo.mu - Math.max(hi.mu, lo.mu));
      const p = x / (x + y);
      const q = (alpha * x) / (alpha * x + beta * y);
      const c = p * (1 - p) - q * (1 - q);
      moreComparisons = null;
      if (gap > 0 && c > 0) {
        let precHi = 1 / hi.sigmaSq;
        let precLo = 1 / lo.sigmaSq;
        for (let n = 1; n <= 10_000; n++) {
          if (precHi <= precLo) precHi += c;
          else precLo += c;
          if (1 / precHi + 1 / precLo <= target) {
            moreComparisons = n;
            break;
          }
        }
      }
    }
    out.push({ place: i + 1, higherId: ranked[i]!.entryId, lowerId: ranked[i + 1]!.entryId, probability, moreComparisons });
  }
  return out;
}
