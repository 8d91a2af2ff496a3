// The processes a bench run starts: the built app (as `npm run start:prod` serves it, in
// production mode), the floor server, and the load generator; and the server's memory, read from
// /proc while it runs.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { LoadResult, LoadSpec } from "./load";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const BUILD_DIR = path.join(ROOT, "bench/.build");

export interface Running {
  child: ChildProcess;
  url: string;
  stop: () => Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, seconds: number, log: string) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped (exit ${child.exitCode}); see ${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer ${url}/healthz within ${seconds} s; see ${log}`);
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/** The built app on 127.0.0.1, its output in `logFile`. `profileDir` turns on --cpu-prof. */
export async function startApp(options: {
  port: number;
  databasePath: string;
  uploadsDir: string;
  logFile: string;
  profile?: { dir: string; name: string };
}): Promise<Running> {
  const url = `http://127.0.0.1:${options.port}`;
  const out = fs.openSync(options.logFile, "a");
  // One folder per scenario: node writes a profile per thread.
  const flags = options.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(options.profile.dir, options.profile.name)}`] : [];
  // The compiled server, as `npm start` runs it: plain node, no TypeScript loader.
  const child = spawn(process.execPath, [...flags, path.join(BUILD_DIR, "server.js")], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      APP_URL: url,
      DATABASE_PATH: options.databasePath,
      UPLOADS_DIR: options.uploadsDir,
      SESSION_SECRET: "bench-only-secret-bench-only-secret-0000",
      TRELLIS_BUILD_DIR: BUILD_DIR,
      SEED_DEMO: "false",
      // No SMTP_URL: mail stays in the outbox table, nothing is sent anywhere.
      CHECKIN_REMINDER_INTERVAL_MS: "0",
    },
  });
  fs.closeSync(out);
  await waitForHealth(url, child, 120, options.logFile);
  return { child, url, stop: stopper(child) };
}

export async function startFloor(options: { port: number; databasePath: string; logFile: string }): Promise<Running> {
  const url = `http://127.0.0.1:${options.port}`;
  const out = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor.ts", options.databasePath, String(options.port)], {
    cwd: ROOT,
    stdio: ["ignore", out, out],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" },
  });
  fs.closeSync(out);
  await waitForHealth(url, child, 60, options.logFile);
  return { child, url, stop: stopper(child) };
}

/** Runs the load generator in its own process and returns what it measured. */
export function runLoadProcess(spec: LoadSpec, workDir: string): Promise<LoadResult> {
  const specFile = path.join(workDir, "load-spec.json");
  const resultFile = path.join(workDir, "load-result.json");
  fs.writeFileSync(specFile, JSON.stringify(spec));
  fs.rmSync(resultFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/load.ts", specFile, resultFile], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`The load generator failed (exit ${code})`));
      resolve(JSON.parse(fs.readFileSync(resultFile, "utf8")) as LoadResult);
    });
  });
}

/** Resident memory of a process in MB, from /proc (Linux): now, and the peak since it started. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 100 ms; `take()` gives the highest since the last take. */
export function watchMemory(pid: number) {
  let highest = 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m) highest = Math.max(highest, m.rss);
  }, 100);
  timer.unref();
  return {
    take() {
      const m = memoryOf(pid);
      const value = Math.max(highest, m?.rss ?? 0);
      highest = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}
