// How long automatic assignment takes at contest scale (2,000 entries in 8 tracks, 200 judges, 3
// judges per entry, a conflict on one entry in seven), the median of 5 runs. Run with
// `npx tsx scripts/measure-assignment.ts`; `npm run bench` (issue 9) will carry it from then on.
import { assignJudges } from "#app/domain/assignment";

const entries = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, trackId: 1 + (i % 8), language: i % 3 ? "en" : "zh" }));
const judges = Array.from({ length: 200 }, (_, i) => ({
  id: 10_000 + i,
  trackIds: [1 + (i % 8)],
  languages: ["en", ...(i % 16 < 8 ? ["zh"] : [])],
}));
const conflicts = entries.filter((e) => e.id % 7 === 0).map((e) => [10_000 + (e.id % 200), e.id] as const);

const times: number[] = [];
let problems = 0;
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  const result = assignJudges({ entries, judges, judgesPerEntry: 3, conflicts, seed: run + 1 });
  times.push(performance.now() - started);
  problems += result.problems.length;
}
times.sort((a, b) => a - b);
console.log(
  `assignment 2000 entries × 200 judges × 3: median ${times[2]!.toFixed(0)} ms over 5 runs; problems reported: ${problems}`,
);
