// The load generator, run as its own process (`node --import tsx bench/load.ts spec.json out.json`)
// so that it never shares a CPU queue with the server it measures. It drives autocannon in one of
// two ways:
// - max: one autocannon run with N connections as fast as the server answers;
// - at a rate: one autocannon run per connection, each sending its share of the rate every second,
//   started evenly across the first second, so requests arrive spread out instead of in one burst
//   per second (autocannon's own rate limit sends a connection's whole second at once). The number
//   of connections bounds how many requests can wait at the server at once.
// Every response's latency is kept, so p95 is exact (autocannon's summary has p97.5, not p95).
import fs from "node:fs";
import autocannon, { type Instance, type Request } from "autocannon";
import { makeRandom } from "./text";

export interface PlainRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  /** Base64, so a multipart body with a PDF in it survives JSON. */
  body64?: string;
}

export interface DraftItem {
  path: string;
  cookie: string;
  version: number;
}

export type Plan =
  /** Requests taken in turn, again and again. */
  | { kind: "rotate"; items: PlainRequest[] }
  /** Each request exactly once (the deadline rush). */
  | { kind: "once"; items: PlainRequest[] }
  /**
   * Draft saves: each carries the version its review has, as the page's autosave does; a save that
   * succeeds moves that review's version on. A review is never saved twice at the same time.
   */
  | {
      kind: "drafts";
      origin: string;
      /** "app": the Remix page's autosave (single fetch, .data); "floor": the bare server's form post. */
      target: "app" | "floor";
      criteria: Array<{ id: number; min: number; max: number }>;
      items: DraftItem[];
      seed: number;
    };

export interface LoadSpec {
  url: string;
  plan: Plan;
  /** Offered requests per second; absent: as many as the server sustains. */
  rate?: number;
  /** At most this many requests outstanding (one per connection). */
  connections: number;
  durationSeconds: number;
  /** Instead of a duration: stop after this many responses. */
  amount?: number;
  timeoutSeconds: number;
}

export interface LoadResult {
  completed: number;
  ok: number;
  non2xx: number;
  unanswered: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Successful responses per second. */
  okPerSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** A few bodies of refused responses, to say why. */
  samples: string[];
}

function percentile(sorted: Float64Array, p: number): number | null {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}

function plainRequest(item: PlainRequest): Request {
  return {
    method: item.method,
    path: item.path,
    headers: item.headers,
    ...(item.body64 ? { body: Buffer.from(item.body64, "base64") } : {}),
  };
}

/** The request source shared by every autocannon instance of the run. */
function makeSource(plan: Plan) {
  const samples: string[] = [];
  // Every request autocannon builds is sent (the next one is built just before it goes out).
  const sent = { count: 0 };
  const keep = (status: number, body: string) => {
    if ((status < 200 || status >= 300) && samples.length < 5) samples.push(`${status}: ${body.slice(0, 300)}`);
  };
  if (plan.kind === "rotate" || plan.kind === "once") {
    let next = 0;
    const request: Request = {
      setupRequest: (req) => {
        // autocannon sends a new request after a timeout; once every item is sent, that one is a
        // harmless health check (the timed-out request already counts as an error).
        sent.count++;
        if (plan.kind === "once" && next >= plan.items.length) return { ...req, method: "GET", path: "/healthz" };
        const item = plan.items[next++ % plan.items.length]!;
        return { ...req, ...plainRequest(item) };
      },
      onResponse: (status, body) => keep(status, body),
    };
    return { request, samples, sent };
  }
  const random = makeRandom(plan.seed);
  const versions = plan.items.map((d) => d.version);
  const busy = new Uint8Array(plan.items.length);
  const broken = new Uint8Array(plan.items.length);
  const comments = Array.from({ length: 64 }, (_, i) => `Draft comment ${i}: `.padEnd(40 + ((i * 37) % 300), "considered "));
  const feedbacks = Array.from({ length: 64 }, (_, i) => `Feedback ${i}: `.padEnd(200 + ((i * 131) % 1300), "the team shows "));
  let next = 0;
  const request: Request = {
    setupRequest: (req, context) => {
      sent.count++;
      let index = -1;
      for (let tries = 0; tries < plan.items.length; tries++) {
        const candidate = next++ % plan.items.length;
        if (!busy[candidate] && !broken[candidate]) {
          index = candidate;
          break;
        }
      }
      if (index < 0) index = next++ % plan.items.length;
      busy[index] = 1;
      context.index = index;
      const item = plan.items[index]!;
      const form = new URLSearchParams();
      form.set("intent", "autosave");
      form.set("version", String(versions[index]));
      for (const c of plan.criteria) {
        form.set(`score-${c.id}`, String(random.int(c.min, c.max)));
        form.set(`comment-${c.id}`, random.next() < 0.6 ? random.pick(comments) : "");
      }
      form.set("feedback", random.pick(feedbacks));
      form.set("note", random.next() < 0.3 ? "Check the market size with the organisers." : "");
      form.set("confidence", String(random.int(1, 5)));
      return {
        ...req,
        method: "POST",
        path: plan.target === "app" ? `${item.path}.data` : item.path,
        headers: {
          Cookie: item.cookie,
          Origin: plan.origin,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: form.toString(),
      };
    },
    onResponse: (status, body, context) => {
      const index = context.index as number;
      busy[index] = 0;
      if (status >= 200 && status < 300) versions[index]! += 1;
      else broken[index] = 1;
      keep(status, body);
    },
  };
  return { request, samples, sent };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const source = makeSource(spec.plan);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  /** At a rate: requests sent that never got an answer before the run was cut off. */
  let unanswered = 0;
  /** At a rate: the seconds over which the connections were started. */
  let staggered = 0;
  /** The rate is counted from the start to the last answer (autocannon itself stops on a 1 s tick). */
  let lastAnswer = 0;
  const once = spec.plan.kind === "once" ? spec.plan.items.length : spec.amount;

  const watch = (instance: Instance) => {
    instance.on("response", (_client: unknown, status: number | undefined, _bytes: number, ms: number) => {
      // autocannon reports a reply cut short by its own reconnect with no status: not an answer.
      if (typeof status !== "number") return void errors++;
      lastAnswer = performance.now();
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    instance.on("reqError", () => errors++);
    return instance;
  };

  const started = performance.now();
  const base = {
    url: spec.url,
    timeout: spec.timeoutSeconds,
    requests: [source.request],
  };
  if (!spec.rate) {
    await watch(
      autocannon({
        ...base,
        connections: spec.connections,
        ...(once ? { amount: once } : { duration: spec.durationSeconds }),
      }),
    );
  } else {
    // `connections` runs of one connection each, started evenly across the first second; each
    // connection sends its share of the rate every second, one request after the other, until it
    // has sent its share of rate × duration; then every answer is awaited (up to the timeout), so a
    // slow answer counts as late, not as missing. A server that cannot keep up is cut off after
    // the duration plus the timeout, and what it never answered counts as errors.
    const total = once ?? Math.max(1, Math.round(spec.rate * spec.durationSeconds));
    const connections = Math.max(1, Math.min(spec.connections, total, Math.ceil(spec.rate)));
    staggered = (connections - 1) / connections;
    const instances: Instance[] = [];
    const cutOff = setTimeout(() => instances.forEach((i) => i.stop()), (total / spec.rate + spec.timeoutSeconds + 2) * 1000);
    for (let c = 0; c < connections; c++) {
      const rate = Math.floor(spec.rate / connections) + (c < Math.round(spec.rate) % connections ? 1 : 0);
      const amount = Math.floor(total / connections) + (c < total % connections ? 1 : 0);
      await new Promise((resolve) => setTimeout(resolve, c === 0 ? 0 : 1000 / connections));
      instances.push(watch(autocannon({ ...base, connections: 1, connectionRate: Math.max(1, rate), amount })));
    }
    await Promise.all(instances);
    clearTimeout(cutOff);
    unanswered = Math.max(0, source.sent.count - latencies.length - errors);
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const completed = latencies.length;
  const ok = Object.entries(statuses)
    .filter(([code]) => code.startsWith("2"))
    .reduce((s, [, n]) => s + n, 0);
  return {
    completed,
    ok,
    non2xx: completed - ok,
    unanswered,
    errors: errors + (completed - ok) + unanswered,
    statuses,
    seconds,
    // At a rate the connections start across the first second: that start is not a gap in sending.
    okPerSecond: ok / Math.max((lastAnswer ? (lastAnswer - started) / 1000 : seconds) - staggered, 0.001),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    samples: source.samples,
  };
}

// As a process: read the spec, run, write the result.
if (process.argv[1]?.endsWith("load.ts") && process.argv[2] && process.argv[3]) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as LoadSpec;
  const result = await runLoad(spec);
  fs.writeFileSync(process.argv[3], JSON.stringify(result));
}
