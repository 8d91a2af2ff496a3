// The kept round results, progress figures and registration statistics (app/services/change-cache.server.ts)
// are exactly what computing again would give: the change counters (migration 0013) move with
// every write those computations read, and not with a draft saved over a draft. Runs on the
// bench's synthetic contest at a tiny scale.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readChangeCounter } from "#app/data/change-counters.server";
import { openDatabase, type DB } from "#app/infra/db.server";
import { assignmentsPage } from "#app/services/judges-admin.server";
import { registrationStats } from "#app/services/registrations-admin.server";
import { roundResults } from "#app/services/results.server";
import { reopenReview, reviewPage, saveReview } from "#app/services/reviews.server";
import { findUserById } from "#app/data/users.server";
import type { ServiceContext } from "#app/services/context.server";
import { buildActor } from "#app/services/identity.server";
import { generate, type Manifest } from "../../bench/generate";

let dir: string;
let manifest: Manifest;
let db: DB;

async function ctxOf(userId: number): Promise<ServiceContext> {
  const user = await findUserById(db, userId);
  return {
    db,
    actor: await buildActor(db, user!),
    now: new Date(),
    ip: "127.0.0.1",
    userAgent: "vitest",
    appUrl: "http://localhost:3999",
  };
}

const organiser = () => ctxOf(manifest.organiser.userId);
const counter = (name: "results" | "registrations") => readChangeCounter(db, name);

async function results() {
  const result = await roundResults(await organiser(), manifest.contestId, manifest.roundId);
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const rowOf = (value: Awaited<ReturnType<typeof results>>, entryId: number) =>
  value.tracks.flatMap((t) => t.entries).find((e) => e.entryId === entryId)!;

/** A submitted review of the round, with its judge. */
async function submittedReview() {
  return db
    .selectFrom("assignments")
    .innerJoin("reviews", "reviews.assignment_id", "assignments.id")
    .select([
      "assignments.id as assignmentId",
      "assignments.entry_id as entryId",
      "assignments.judge_id as judgeId",
      "reviews.id as reviewId",
    ])
    .where("reviews.status", "=", "submitted")
    .orderBy("assignments.id")
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trellis-change-cache-"));
  manifest = await generate({ dir, scale: 0.0002 });
  db = openDatabase(manifest.file);
}, 60_000);

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("change counters", () => {
  it("do not move when a judge saves a draft over a draft, and move when the review is submitted", async () => {
    const draft = manifest.drafts[0]!;
    const judge = await ctxOf(manifest.judges[draft.judge]!.userId);
    const page = await reviewPage(judge, draft.assignmentId);
    if (!page.ok) throw new Error(page.error.code);
    const scores = Object.fromEntries(manifest.criteria.map((c) => [c.id, { value: c.min + 2, comment: "Solid." }]));
    const before = await counter("results");
    const saved = await saveReview(
      judge,
      draft.assignmentId,
      { version: page.value.review.version, scores, feedback: "Draft.", note: "", confidence: 3 },
      { submit: false },
    );
    expect(saved.ok).toBe(true);
    expect(await counter("results")).toBe(before);
    const submitted = await saveReview(
      judge,
      draft.assignmentId,
      { version: page.value.review.version + 1, scores, feedback: "Done.", note: "", confidence: 4 },
      { submit: true },
    );
    expect(submitted.ok).toBe(true);
    expect(await counter("results")).toBeGreaterThan(before!);
  });

  it("move for the registrations when a team changes, not when a review does", async () => {
    const registrations = await counter("registrations");
    const review = await submittedReview();
    await sql`update criterion_scores set value = value where review_id = ${review.reviewId}`.execute(db);
    expect(await counter("registrations")).toBe(registrations);
    await db.updateTable("teams").set({ city: "Nanning" }).where("id", "=", manifest.leads[0]!.teamId).execute();
    expect(await counter("registrations")).toBe(registrations! + 1);
  });
});

describe("kept results", () => {
  it("are shared while nothing changes, and frozen", async () => {
    const first = await results();
    const again = await results();
    const entryId = first.tracks[0]!.entries[0]!.entryId;
    expect(rowOf(again, entryId).reviews).toBe(rowOf(first, entryId).reviews);
    expect(() => (rowOf(first, entryId).reviews as unknown[]).push({})).toThrow(TypeError);
  });

  it("follow a changed score of a submitted review, and a team's new name", async () => {
    const review = await submittedReview();
    const before = rowOf(await results(), review.entryId);
    await sql`update criterion_scores set value = ${manifest.criteria[0]!.max} where review_id = ${review.reviewId}`.execute(db);
    await db.updateTable("teams").set({ name: "Renamed Robotics" }).where("id", "=", review.entryId).execute();
    const after = rowOf(await results(), review.entryId);
    expect(after.teamName).toBe("Renamed Robotics");
    expect(after.scores.mean).not.toBe(before.scores.mean);
    // The same as computing from scratch: a fresh handle on the same file keeps nothing yet.
    const fresh = openDatabase(manifest.file);
    try {
      const user = await findUserById(fresh, manifest.organiser.userId);
      const ctx = {
        db: fresh,
        actor: await buildActor(fresh, user!),
        now: new Date(),
        ip: null,
        userAgent: "vitest",
        appUrl: "x",
      };
      const computed = await roundResults(ctx, manifest.contestId, manifest.roundId);
      if (!computed.ok) throw new Error(computed.error.code);
      expect(JSON.stringify(computed.value)).toBe(JSON.stringify(await results()));
    } finally {
      await fresh.destroy();
    }
  });

  it("follow a reopened review, which no longer counts", async () => {
    const review = await submittedReview();
    const before = rowOf(await results(), review.entryId).reviews.length;
    const reopened = await reopenReview(await organiser(), manifest.contestId, review.assignmentId, "Check the scores again.");
    expect(reopened.ok).toBe(true);
    expect(rowOf(await results(), review.entryId).reviews.length).toBe(before - 1);
  });

  it("are computed afresh inside a transaction, which sees its own writes", async () => {
    const review = await submittedReview();
    // Built first: a query outside the transaction would wait for it (one connection).
    const outside = await organiser();
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable("teams").set({ name: "Only In This Transaction" }).where("id", "=", review.entryId).execute();
        const ctx = { ...outside, db: trx };
        const inside = await roundResults(ctx, manifest.contestId, manifest.roundId);
        if (!inside.ok) throw new Error(inside.error.code);
        expect(rowOf(inside.value, review.entryId).teamName).toBe("Only In This Transaction");
        throw new Error("roll back");
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== "roll back") throw error;
      });
    expect(rowOf(await results(), review.entryId).teamName).not.toBe("Only In This Transaction");
  });
});

describe("kept progress figures and registration statistics", () => {
  it("follow a submitted review in the round's summary", async () => {
    const query = { trackId: null, page: 1 };
    const page = async () => {
      const result = await assignmentsPage(await organiser(), manifest.contestId, manifest.roundId, query);
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    };
    const before = await page();
    const submittedBefore = before.judges.reduce((s, j) => s + j.submitted, 0);
    const draft = manifest.drafts[1]!;
    const judge = await ctxOf(manifest.judges[draft.judge]!.userId);
    const view = await reviewPage(judge, draft.assignmentId);
    if (!view.ok) throw new Error(view.error.code);
    const scores = Object.fromEntries(manifest.criteria.map((c) => [c.id, { value: c.max, comment: "" }]));
    const saved = await saveReview(
      judge,
      draft.assignmentId,
      { version: view.value.review.version, scores, feedback: "", note: "", confidence: null },
      { submit: true },
    );
    expect(saved.ok).toBe(true);
    const after = await page();
    expect(after.judges.reduce((s, j) => s + j.submitted, 0)).toBe(submittedBefore + 1);
  });

  it("follow a team's country", async () => {
    const stats = async () => {
      const result = await registrationStats(await organiser(), manifest.contestId, { country: "BR" });
      if (!result.ok) throw new Error(result.error.code);
      return result.value.total;
    };
    expect(await stats()).toBe(0);
    await db.updateTable("teams").set({ country: "BR" }).where("id", "=", manifest.leads[0]!.teamId).execute();
    expect(await stats()).toBe(1);
  });
});
