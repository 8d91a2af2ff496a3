// ranking_compute: one round's full results (every entry's score by all five aggregation methods,
// then the ranking per track with tie-breakers and reasons) computed in-process by the results
// service, ten times; the median counts. The service keeps its round table until a review changes
// (app/services/change-cache.server.ts), so each timed run first moves the change counter on, as a
// submitted review would: these are full computations. Ten more runs without a change time the
// kept path. Run in its own process so its memory is its own:
// `node --import tsx bench/ranking.ts <manifest.json> <out.json>`.
import fs from "node:fs";
import { sql } from "kysely";
import { getDb, setDb, openDatabase } from "#app/infra/db.server";
import { buildActor } from "#app/services/identity.server";
import { roundResults } from "#app/services/results.server";
import { findUserById } from "#app/data/users.server";
import type { Manifest } from "./generate";
import { memoryOf } from "./processes";

export interface Timing {
  runs: number[];
  p50: number;
  p95: number;
  p99: number;
}

export interface RankingResult {
  computed: Timing;
  kept: Timing;
  rssMb: number;
  entries: number;
}

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
  return { runs: times, p50: at(50), p95: at(95), p99: at(99) };
}

export async function rankingCompute(m: Manifest, runs = 10): Promise<RankingResult> {
  setDb(openDatabase(m.file));
  const db = getDb();
  const organiser = await findUserById(db, m.organiser.userId);
  if (!organiser) throw new Error("The organiser is missing from the bench database");
  const ctx = {
    db,
    actor: await buildActor(db, organiser),
    now: new Date(),
    ip: null,
    userAgent: "bench",
    appUrl: "http://127.0.0.1",
  };
  let entries = 0;
  const time = async (change: boolean) => {
    if (change) await sql`update change_counters set value = value + 1 where name = 'results'`.execute(db);
    const t0 = performance.now();
    const result = await roundResults(ctx, m.contestId, m.roundId);
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(`roundResults refused: ${result.error.code}`);
    entries = result.value.tracks.reduce((s, t) => s + t.entries.length, 0);
    return ms;
  };
  const computed: number[] = [];
  for (let i = 0; i < runs; i++) computed.push(await time(true));
  const kept: number[] = [];
  for (let i = 0; i < runs; i++) kept.push(await time(false));
  await db.destroy();
  return { computed: timing(computed), kept: timing(kept), rssMb: memoryOf(process.pid)?.peak ?? 0, entries };
}

if (process.argv[1]?.endsWith("ranking.ts") && process.argv[2] && process.argv[3]) {
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as Manifest;
  fs.writeFileSync(process.argv[3], JSON.stringify(await rankingCompute(manifest)));
}
