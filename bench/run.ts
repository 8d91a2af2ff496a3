// `npm run bench [-- --scale 0.01]`: builds the app into bench/.build (never build/), generates the
// synthetic contest into bench/.data, serves it with the built server in production mode, measures
// every scenario of issue 9 over HTTP with autocannon in a separate process, times the ranking
// in-process, measures the floor server, runs the deadline rush, then prints a table and writes
// bench/results.json (a run below full scale writes bench/.data/results.json instead, so a quick
// look never replaces the committed figures). Options: --scale, --duration (seconds per HTTP
// phase), --only a,b, --skip-build, --reuse-data, --profile (a CPU profile of the server per
// scenario), --port, --out, --strict (exit 1 on any refused request, lost upload or crash: the CI
// smoke run; never on timings).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { generate, type Manifest } from "./generate";
import type { LoadResult, LoadSpec, Plan } from "./load";
import { BUILD_DIR, memoryOf, ROOT, runLoadProcess, startApp, startFloor, watchMemory, type Running } from "./processes";
import type { RankingResult } from "./ranking";
import { formatTable, roundRow, type ResultRow, type Results, type RowNotes } from "./report";
import { RUSH_RATE, rushRequests, verifyRush } from "./rush";
import { floorPlanFor, OFFERED_RPS, planFor, type Measurement } from "./scenarios";

const MAX_CONNECTIONS = 32;
/** At a fixed rate: at most this many requests outstanding at once (see bench/load.ts). */
const RATE_CONNECTIONS = 100;
const HTTP_MEASUREMENTS: Measurement[] = [
  "judge_home",
  "scoring_page",
  "draft_save",
  "team_dashboard",
  "registration_list",
  "progress_matrix",
  "ranking_page",
];
const FLOORED = ["judge_home", "scoring_page", "draft_save"] as const;
const ALL = [...HTTP_MEASUREMENTS, "ranking_compute", "deadline_rush"];

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    duration: { type: "string" },
    only: { type: "string" },
    "skip-build": { type: "boolean", default: false },
    "reuse-data": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    port: { type: "string", default: "3990" },
    out: { type: "string" },
    strict: { type: "boolean", default: false },
  },
});

const scale = Number(args.scale);
if (!(scale > 0 && scale <= 1)) throw new Error("--scale must be a number above 0 and at most 1");
// Long enough for stable figures at full scale; short for the smoke run.
const duration = Number(args.duration ?? (scale >= 0.5 ? 10 : scale >= 0.1 ? 5 : 2));
const only = new Set(args.only ? args.only.split(",") : ALL);
for (const name of only) if (!ALL.includes(name)) throw new Error(`Unknown measurement ${name}; known: ${ALL.join(", ")}`);
const port = Number(args.port);
const DATA_DIR = path.join(ROOT, "bench/.data");
const PROFILE_DIR = path.join(DATA_DIR, "profiles");
const OUT = path.resolve(ROOT, args.out ?? (scale === 1 ? "bench/results.json" : "bench/.data/results.json"));
/** What --strict fails on: refused requests, lost uploads, a server that stopped. */
const problems: string[] = [];
const log = (line: string) => console.log(line);

function seconds(since: number) {
  return ((performance.now() - since) / 1000).toFixed(1);
}

async function build() {
  const started = performance.now();
  log(`Building the app into ${path.relative(ROOT, BUILD_DIR)}/ ...`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, TRELLIS_BUILD_DIR: BUILD_DIR, NODE_ENV: "production" },
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The build failed (exit ${code})`))));
  });
  // The server itself, compiled to JavaScript as `npm run build` does, next to the app it serves.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/build-server.mjs", path.join(BUILD_DIR, "server.js")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The server build failed (exit ${code})`))));
  });
  log(`Built in ${seconds(started)} s.`);
}

/** The draft reviews' versions as the database has them now (a reused database moved them on). */
function draftVersions(m: Manifest): number[] {
  const db = new SQLite(m.file, { readonly: true });
  const get = db.prepare("select version from reviews where assignment_id = ?").pluck();
  const versions = m.drafts.map((d) => (get.get(d.assignmentId) as number | undefined) ?? 0);
  db.close();
  return versions;
}

/**
 * Waits until the server answers its health check quickly three times in a row (requests still
 * queued from a finished load would delay it). Returns the seconds waited.
 */
async function waitUntilIdle(url: string, limitSeconds = 300): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - started < limitSeconds * 1000) {
    const t0 = performance.now();
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
    } catch {
      // still busy
    }
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    if (quick < 3) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (performance.now() - started) / 1000;
}

function childJson<T>(script: string, argv: string[]): Promise<T> {
  const out = path.join(DATA_DIR, `${path.basename(script, ".ts")}-result.json`);
  fs.rmSync(out, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...argv, out], { cwd: ROOT, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(fs.readFileSync(out, "utf8")) as T) : reject(new Error(`${script} failed (exit ${code})`)),
    );
  });
}

/** Responses other than 2xx are mistakes of the bench or the app, never of the load. */
function refusals(name: string, result: LoadResult) {
  const refused = Object.entries(result.statuses).filter(([code]) => !code.startsWith("2"));
  if (refused.length)
    problems.push(
      `${name}: ${refused.map(([code, n]) => `${n}×${code}`).join(", ")}${result.samples[0] ? ` (${result.samples[0].slice(0, 200)})` : ""}`,
    );
}

function describe(result: LoadResult): string {
  const codes = Object.entries(result.statuses)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  const late = result.unanswered ? `, ${result.unanswered} never answered` : "";
  return `${Math.round(result.okPerSecond)} ok/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, ${result.errors} errors${late} [${codes}]`;
}

async function main() {
  const started = performance.now();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!args["skip-build"] || !fs.existsSync(path.join(BUILD_DIR, "server.js"))) await build();

  let manifest: Manifest;
  const manifestFile = path.join(DATA_DIR, "manifest.json");
  const reusable = fs.existsSync(manifestFile) && (JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest).scale === scale;
  if (args["reuse-data"] && reusable) {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
    log(`Reusing the scale ${scale} data in ${path.relative(ROOT, manifest.file)}.`);
  } else {
    log(`Generating the contest at scale ${scale} ...`);
    manifest = await generate({ dir: DATA_DIR, scale, log });
    log(
      `Generated in ${manifest.seconds.toFixed(1)} s: ${Object.entries(manifest.counts)
        .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
        .join(", ")}.`,
    );
  }
  let versions = draftVersions(manifest);

  const rows: ResultRow[] = [];
  const notes = new Map<string, RowNotes>();
  const serverLog = path.join(DATA_DIR, "server.log");
  fs.rmSync(serverLog, { force: true });
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  if (args.profile) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const start = (profileName?: string) =>
    startApp({
      port,
      databasePath: manifest.file,
      uploadsDir: manifest.uploadsDir,
      logFile: serverLog,
      ...(profileName ? { profile: { dir: PROFILE_DIR, name: profileName } } : {}),
    });
  let app: Running = await start(args.profile ? "startup" : undefined);
  let memory = watchMemory(app.child.pid!);
  let serverPeak = 0;
  /** A server that died under a measurement (out of memory, say) is said so and started again. */
  const stillRunning = async (name: string): Promise<string | null> => {
    if (app.child.exitCode === null && app.child.signalCode === null) return null;
    const how = `the server stopped under ${name} (exit ${app.child.exitCode ?? app.child.signalCode}; see ${path.relative(ROOT, serverLog)})`;
    log(`  ${how}; starting it again`);
    memory.stop();
    app = await start();
    memory = watchMemory(app.child.pid!);
    return how;
  };
  const restartForProfile = async (name: string) => {
    if (!args.profile) return;
    serverPeak = Math.max(serverPeak, memoryOf(app.child.pid!)?.peak ?? 0);
    memory.stop();
    await app.stop();
    app = await start(name);
    memory = watchMemory(app.child.pid!);
  };

  const load = async (
    plan: Plan,
    options: {
      rate?: number;
      durationSeconds: number;
      timeoutSeconds?: number;
      url?: string;
      connections?: number;
      amount?: number;
    },
  ) => {
    const url = options.url ?? app.url;
    const spec: LoadSpec = {
      url,
      plan,
      connections: options.connections ?? (options.rate ? RATE_CONNECTIONS : MAX_CONNECTIONS),
      durationSeconds: options.durationSeconds,
      timeoutSeconds: options.timeoutSeconds ?? 10,
      ...(options.rate ? { rate: options.rate } : {}),
      ...(options.amount ? { amount: options.amount } : {}),
    };
    const result = await runLoadProcess(spec, DATA_DIR);
    // Requests cut off when the load stopped are still being served: let them finish, so they
    // neither slow the next measurement nor leave a draft's version unknown.
    const waited = await waitUntilIdle(url);
    if (waited > 2) log(`  (waited ${waited.toFixed(0)} s for the server to finish what was sent)`);
    versions = draftVersions(manifest);
    return result;
  };
  const warmUp = (plan: Plan, url?: string) => load(plan, { durationSeconds: Math.min(2, duration), ...(url ? { url } : {}) });
  /**
   * How many requests the max phase sends: about `duration` seconds' worth at the warm-up's pace.
   * A fixed number, every answer awaited, then divided by the time taken: a run cut off at a
   * deadline would drop the 32 requests in flight, a large share when a page takes long.
   */
  const maxAmount = (warm: LoadResult) => Math.max(MAX_CONNECTIONS * 2, Math.round(warm.okPerSecond * duration));
  let seed = 1;

  for (const name of HTTP_MEASUREMENTS) {
    if (!only.has(name)) continue;
    await restartForProfile(name);
    log(`\n${name}:`);
    const warm = await warmUp(planFor(name, manifest, app.url, versions, seed++));
    memory.take();
    const max = await load(planFor(name, manifest, app.url, versions, seed++), {
      durationSeconds: duration,
      timeoutSeconds: 60,
      amount: maxAmount(warm),
    });
    log(`  max (${MAX_CONNECTIONS} connections): ${describe(max)}`);
    if (max.samples.length) log(`  refused, e.g. ${max.samples[0]}`);
    const offered = OFFERED_RPS[name];
    const rated = await load(planFor(name, manifest, app.url, versions, seed++), {
      rate: offered,
      durationSeconds: duration,
    });
    log(`  at ${offered}/s: ${describe(rated)}`);
    if (rated.samples.length) log(`  refused, e.g. ${rated.samples[0]}`);
    rows.push({
      name,
      rps_max: max.okPerSecond,
      offered_rps: offered,
      p50_ms: rated.p50,
      p95_ms: rated.p95,
      p99_ms: rated.p99,
      errors: rated.errors,
      rss_mb: memory.take(),
    });
    refusals(`${name} (max)`, max);
    refusals(`${name} (at rate)`, rated);
    const crashed = await stillRunning(name);
    if (crashed) problems.push(crashed);
    const note = [
      crashed ?? "",
      max.errors ? `${max.errors} errors at max` : "",
      rated.okPerSecond < offered * 0.95 ? `only ${Math.round(rated.okPerSecond)}/s answered of ${offered}/s offered` : "",
    ]
      .filter(Boolean)
      .join("; ");
    notes.set(name, { achieved_rps: rated.okPerSecond, ...(note ? { note } : {}) });
  }

  if (only.has("ranking_compute")) {
    log("\nranking_compute (in-process, 10 runs):");
    const ranking = await childJson<RankingResult>("bench/ranking.ts", [manifestFile]);
    const runs = (t: { runs: number[] }) => t.runs.map((r) => Math.round(r)).join(", ");
    log(
      `  ${ranking.entries.toLocaleString("en")} entries: computed p50 ${ranking.computed.p50} ms (runs ${runs(ranking.computed)})`,
    );
    log(`  kept (nothing changed since): p50 ${ranking.kept.p50} ms (runs ${runs(ranking.kept)})`);
    rows.push({
      name: "ranking_compute",
      rps_max: null,
      offered_rps: null,
      p50_ms: ranking.computed.p50,
      p95_ms: ranking.computed.p95,
      p99_ms: ranking.computed.p99,
      errors: 0,
      rss_mb: ranking.rssMb,
    });
    notes.set("ranking_compute", { note: `computed every time; ${ranking.kept.p50} ms when kept (no review changed since)` });
  }

  const floored = FLOORED.filter((name) => only.has(name));
  if (floored.length) {
    log("\nfloor (node:http + better-sqlite3, JSON):");
    const floor = await startFloor({ port: port + 1, databasePath: manifest.file, logFile: path.join(DATA_DIR, "floor.log") });
    try {
      for (const name of floored) {
        const warm = await warmUp(floorPlanFor(name, manifest, floor.url, versions, seed++), floor.url);
        const max = await load(floorPlanFor(name, manifest, floor.url, versions, seed++), {
          amount: maxAmount(warm),
          timeoutSeconds: 60,
          durationSeconds: duration,
          url: floor.url,
        });
        log(`  ${name}: ${describe(max)}`);
        if (max.samples.length) log(`  refused, e.g. ${max.samples[0]}`);
        refusals(`${name} (floor)`, max);
        const row = rows.find((r) => r.name === name);
        if (row) row.floor_rps_max = max.okPerSecond;
      }
    } finally {
      await floor.stop();
    }
  }

  if (only.has("deadline_rush")) {
    await restartForProfile("deadline_rush");
    const { requests, uploads } = rushRequests(manifest, app.url, String(Date.now()));
    log(`\ndeadline_rush: ${uploads.length.toLocaleString("en")} teams each upload a PDF at ${RUSH_RATE.toFixed(1)}/s ...`);
    memory.take();
    const since = new Date().toISOString();
    const rush = await load({ kind: "once", items: requests }, { rate: RUSH_RATE, durationSeconds: 0, timeoutSeconds: 30 });
    const check = verifyRush(manifest, uploads, since);
    log(`  ${describe(rush)}; stored with the right hash: ${check.stored}/${uploads.length}, lost ${check.lost}`);
    if (rush.samples.length) log(`  refused, e.g. ${rush.samples[0]}`);
    rows.push({
      name: "deadline_rush",
      rps_max: null,
      offered_rps: RUSH_RATE,
      p50_ms: rush.p50,
      p95_ms: rush.p95,
      p99_ms: rush.p99,
      errors: rush.errors + check.lost,
      rss_mb: memory.take(),
    });
    refusals("deadline_rush", rush);
    if (check.lost) problems.push(`deadline_rush: ${check.lost} of ${uploads.length} uploads not stored with their hash`);
    const crashed = await stillRunning("deadline_rush");
    if (crashed) problems.push(crashed);
    notes.set("deadline_rush", {
      achieved_rps: rush.okPerSecond,
      note: `${check.stored} of ${uploads.length} stored with the right SHA-256 in ${rush.seconds.toFixed(1)} s${crashed ? `; ${crashed}` : ""}`,
    });
  }

  serverPeak = Math.max(serverPeak, memoryOf(app.child.pid!)?.peak ?? 0);
  memory.stop();
  await app.stop();

  const results: Results = {
    scale,
    node: process.version,
    date: new Date().toISOString(),
    results: rows.map(roundRow),
  };
  fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  log(
    `\nTrellis bench, scale ${scale} (${manifest.counts.entries?.toLocaleString("en")} entries, ${manifest.counts.reviews?.toLocaleString("en")} reviews), ${process.version}:`,
  );
  log(formatTable(results.results, notes));
  log(
    `Server peak RSS (VmHWM): ${Math.round(serverPeak)} MB. Data generated in ${manifest.seconds.toFixed(1)} s. Whole run ${seconds(started)} s.`,
  );
  log(
    `Wrote ${path.relative(ROOT, OUT)}${args.profile ? ` and CPU profiles in ${path.relative(ROOT, PROFILE_DIR)}/ (summarise with npx tsx bench/profile.ts <folder>)` : ""}.`,
  );
  if (problems.length) {
    log(`\nProblems (not timings):\n  ${problems.join("\n  ")}`);
    if (args.strict) process.exitCode = 1;
  }
}

await main();
