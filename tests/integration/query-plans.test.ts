// Every query behind the pages the bench measures (issue 9) finds its rows through an index: the
// real loaders and actions run against the bench's own synthetic contest (at a tiny scale) with
// every SQL statement captured, and SQLite's EXPLAIN QUERY PLAN for each must not scan a big table
// from end to end. SQLite without ANALYZE plans the same way at 20 teams as at 100,000, so what
// holds here holds at full scale.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb } from "#app/infra/db.server";
import { createLocalStorage } from "#app/infra/storage/local.server";
import { setStorage } from "#app/infra/storage/index.server";
import { loader as judgingLoader } from "#app/routes/judging._index";
import { action as reviewAction, loader as reviewLoader } from "#app/routes/reviews.$assignmentId";
import { loader as teamLoader } from "#app/routes/teams.$teamId";
import { loader as registrationsLoader } from "#app/routes/manage.$contestId.registrations._index";
import { loader as assignmentsLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.assignments";
import { loader as resultsLoader } from "#app/routes/manage.$contestId.rounds.$roundId_.results";
import { action as uploadAction } from "#app/routes/entries.$entryId.rounds.$roundId_.upload";
import { buildPdf } from "#db/demo-pdf";
import type { Database } from "#db/schema";
import { generate, type Manifest } from "../../bench/generate";

/** The tables that grow with the contest: a query may search them, never walk them whole. */
const BIG_TABLES = [
  "entries",
  "teams",
  "team_members",
  "assignments",
  "reviews",
  "criterion_scores",
  "submissions",
  "users",
  "sessions",
  "audit_events",
];

const APP = "http://localhost:3999";
const context = { cspNonce: "n", clientIp: "127.0.0.1" };
let dir: string;
let manifest: Manifest;
let sqlite: SQLite.Database;
let db: Kysely<Database>;
let captured: CompiledQuery[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-query-plans-"));
  manifest = await generate({ dir, scale: 0.0002 });
  sqlite = new SQLite(manifest.file);
  sqlite.pragma("foreign_keys = ON");
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === "query") captured.push(event.query);
    },
  });
  setDb(db);
  setStorage(createLocalStorage(manifest.uploadsDir));
}, 60_000);

afterAll(async () => {
  setDb(undefined);
  setStorage(undefined);
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Aliases in a statement (`from entries e`, `join "teams" as "t"`), so a plan's `SCAN e` is known for entries. */
function aliases(sql: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?\s+(?:as\s+)?"?(\w+)"?/gi)) {
    if (!/^(on|where|inner|left|join|group|order|limit|using)$/i.test(m[2]!)) found.set(m[2]!, m[1]!);
  }
  return found;
}

/** The plan lines that walk a big table (or all of one of its indexes) from end to end. */
function fullScans(query: CompiledQuery): string[] {
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{
    detail: string;
  }>;
  const named = aliases(query.sql);
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
      return scanned !== undefined && BIG_TABLES.includes(named.get(scanned) ?? scanned);
    });
}

/** Runs one request as Remix would and returns every statement it ran. */
async function queriesOf(run: () => Promise<unknown>): Promise<CompiledQuery[]> {
  captured = [];
  const response = await run().catch((thrown: unknown) => thrown);
  if (response instanceof Response && response.status >= 400) throw new Error(`The request failed with ${response.status}`);
  return captured;
}

function expectIndexed(queries: CompiledQuery[]) {
  expect(queries.length).toBeGreaterThan(0);
  const problems = queries.flatMap((q) => fullScans(q).map((line) => `${line}\n    in: ${q.sql}`));
  expect(problems).toEqual([]);
}

const get = (url: string, cookie: string) => new Request(`${APP}${url}`, { headers: { Cookie: cookie } });

describe("the hot queries use indexes", () => {
  it("sees a full scan when there is one (the check itself works)", () => {
    const scan = db.selectFrom("reviews").select("id").where("note", "=", "x").compile();
    expect(fullScans(scan)).toEqual(["SCAN reviews"]);
    const search = db.selectFrom("reviews").select("id").where("assignment_id", "=", 1).compile();
    expect(fullScans(search)).toEqual([]);
    const aliased = db.selectFrom("entries as e").select("e.id").where("e.answers_json", "=", "{}").compile();
    expect(fullScans(aliased)).toEqual(["SCAN e"]);
  });

  it("judge home", async () => {
    const judge = manifest.judges[0]!;
    expectIndexed(await queriesOf(() => judgingLoader({ request: get("/judging", judge.cookie), context, params: {} })));
  });

  it("scoring page", async () => {
    const { assignmentId, judge } = manifest.scoring[0]!;
    const request = get(`/reviews/${assignmentId}`, manifest.judges[judge]!.cookie);
    expectIndexed(await queriesOf(() => reviewLoader({ request, context, params: { assignmentId: String(assignmentId) } })));
  });

  it("draft save", async () => {
    const draft = manifest.drafts[0]!;
    const version = sqlite
      .prepare("select version from reviews where assignment_id = ?")
      .pluck()
      .get(draft.assignmentId) as number;
    const form = new URLSearchParams({
      intent: "autosave",
      version: String(version),
      feedback: "Clear market, thin plan.",
      note: "",
      confidence: "medium",
    });
    for (const c of manifest.criteria) form.set(`score-${c.id}`, String(c.min + 1));
    const request = new Request(`${APP}/reviews/${draft.assignmentId}`, {
      method: "POST",
      body: form,
      headers: { Cookie: manifest.judges[draft.judge]!.cookie, Origin: APP, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const queries = await queriesOf(() =>
      reviewAction({ request, context, params: { assignmentId: String(draft.assignmentId) } }),
    );
    expect(sqlite.prepare("select version from reviews where assignment_id = ?").pluck().get(draft.assignmentId)).toBe(
      version + 1,
    );
    expectIndexed(queries);
  });

  it("team dashboard", async () => {
    const lead = manifest.leads[0]!;
    expectIndexed(
      await queriesOf(() =>
        teamLoader({ request: get(`/teams/${lead.teamId}`, lead.cookie), context, params: { teamId: String(lead.teamId) } }),
      ),
    );
  });

  it.each([
    ["no filter", ""],
    ["a track, paged", `?track=${"TRACK"}&after=10`],
    ["a country", "?country=CN"],
    ["a stage and women-led", "?stage=prototype&womenLed=yes"],
    ["a search", "?q=Green"],
  ])("registration list: %s", async (_name, query) => {
    const url = `/manage/${manifest.contestId}/registrations${query.replace("TRACK", String(manifest.trackIds[1]))}`;
    const request = get(url, manifest.organiser.cookie);
    expectIndexed(
      await queriesOf(() => registrationsLoader({ request, context, params: { contestId: String(manifest.contestId) } })),
    );
  });

  it.each([
    ["first page", ""],
    ["a track, page 2", `?track=TRACK&page=2`],
    ["drafts of a track", `?track=TRACK&status=draft`],
    ["submitted", "?status=submitted"],
    ["not started", "?status=not_started&page=2"],
    ["missing judges", "?status=missing"],
  ])("progress matrix: %s", async (_name, query) => {
    const url = `/manage/${manifest.contestId}/rounds/${manifest.roundId}/assignments${query.replace("TRACK", String(manifest.trackIds[2]))}`;
    const request = get(url, manifest.organiser.cookie);
    const params = { contestId: String(manifest.contestId), roundId: String(manifest.roundId) };
    expectIndexed(await queriesOf(() => assignmentsLoader({ request, context, params })));
  });

  it("ranking page", async () => {
    const request = get(`/manage/${manifest.contestId}/rounds/${manifest.roundId}/results`, manifest.organiser.cookie);
    const params = { contestId: String(manifest.contestId), roundId: String(manifest.roundId) };
    expectIndexed(await queriesOf(() => resultsLoader({ request, context, params })));
  });

  it("deadline upload", async () => {
    const lead = manifest.leads[1]!;
    const form = new FormData();
    form.set("requirementId", String(manifest.deckRequirementId));
    form.set("file", new File([new Uint8Array(buildPdf(["Final deck"]))], "deck.pdf", { type: "application/pdf" }));
    const request = new Request(`${APP}/entries/${lead.entryId}/rounds/${manifest.roundId}/upload`, {
      method: "POST",
      body: form,
      headers: { Cookie: lead.cookie, Origin: APP },
    });
    const params = { entryId: String(lead.entryId), roundId: String(manifest.roundId) };
    const queries = await queriesOf(async () => {
      const response = await uploadAction({ request, context, params });
      expect(response.status).toBe(200);
      return response;
    });
    expectIndexed(queries);
  });
});
