// `npm run judging:simulate [-- --seed N --trials N --scenario NAME --out PATH]`: runs every aggregation
// method on simulated rounds with known true quality, prints Kendall τ and top-10 overlap per method
// and scenario, and writes the same to docs/judging-methods.json (the table docs/judging-methods.md quotes).
// Pairwise Crowd-BT runs at equal judge effort (N comparisons per rubric review, N = 3 and 1) in the first
// `pairwiseTrials` trials of each scenario only: it is the slow part.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_OPTIONS, DEFAULT_SCENARIOS, reportTables, simulate } from "#app/domain/judging-simulation";

function wholeNumber(text: string | undefined, fallback: number, name: string, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return value;
}

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    trials: { type: "string" },
    scenario: { type: "string", multiple: true },
    out: { type: "string", default: "docs/judging-methods.json" },
  },
});
const options = {
  ...DEFAULT_OPTIONS,
  seed: wholeNumber(values.seed, DEFAULT_OPTIONS.seed, "seed", 0),
  trials: wholeNumber(values.trials, DEFAULT_OPTIONS.trials, "trials", 1),
};
const wanted = values.scenario;
const scenarios = wanted ? DEFAULT_SCENARIOS.filter((s) => wanted.includes(s.name)) : DEFAULT_SCENARIOS;
if (!scenarios.length) {
  console.error(`No such scenario. Known: ${DEFAULT_SCENARIOS.map((s) => s.name).join(", ")}`);
  process.exit(2);
}

const started = performance.now();
const report = simulate(scenarios, options);
const seconds = (performance.now() - started) / 1000;
console.log(
  `Judging methods against known true quality: seed ${options.seed}, ${options.trials} trials per scenario, ` +
    `Kendall τ-b and how many of the true top ${options.topN} each method puts in its own top ${options.topN}. ` +
    `Pairwise Crowd-BT at equal judge effort (N comparisons per rubric review), ` +
    `over the first ${Math.min(options.trials, options.pairwiseTrials ?? options.trials)} trials.\n`,
);
console.log(reportTables(report));
writeFileSync(values.out, JSON.stringify(report, null, 2) + "\n");
console.log(`\nWrote ${values.out} in ${seconds.toFixed(1)} s.`);
