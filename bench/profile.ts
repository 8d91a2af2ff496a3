// Summarises a V8 CPU profile (`npm run bench -- --profile` writes one per scenario): where the
// server's time went, by package or app folder and by function (self time).
// `npx tsx bench/profile.ts bench/.data/profiles/judge_home [top]` (a folder of one scenario's profiles, or one file)
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the system a script belongs to: a package, a folder of the app, node itself. */
export function areaOf(url: string): string {
  if (!url) return "(native / idle)";
  if (url.startsWith("node:")) return "node core";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (/\/\.?build\/server\//.test(url)) return "app (built server bundle)";
  const app = /\/(app\/[^/]+|server|db|bench)\//.exec(url);
  if (app) return app[1]!;
  return url.replace(/^file:\/\//, "");
}

export function summarise(profile: CpuProfile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = profile.timeDeltas.reduce((s, d) => s + d, 0);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    const area = ["(idle)", "(program)", "(garbage collector)"].includes(name) ? name : areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
    const key = `${name}  ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/work\/main\//, "")}:${lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return { totalMs: total / 1000, areas: rows(byArea), functions: rows(byFunction) };
}

/** The profile of the thread that did the work: a folder holds one per thread. */
export function busiestProfile(target: string): { file: string; profile: CpuProfile } {
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => path.join(target, f))
    : [target];
  const busy = (p: CpuProfile) => {
    const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
    return p.samples.filter((id) => !idle.has(id)).length;
  };
  const loaded = files.map((file) => ({ file, profile: JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile }));
  if (!loaded.length) throw new Error(`No .cpuprofile in ${target}`);
  return loaded.sort((a, b) => busy(b.profile) - busy(a.profile))[0]!;
}

if (process.argv[1]?.endsWith("profile.ts") && process.argv[2]) {
  const { file, profile } = busiestProfile(process.argv[2]);
  const { totalMs, areas, functions } = summarise(profile, Number(process.argv[3] ?? 25));
  console.log(`${file}: ${(totalMs / 1000).toFixed(1)} s sampled\n\nBy area (self time):`);
  console.log(areas.join("\n"));
  console.log("\nBy function (self time):");
  console.log(functions.join("\n"));
}
