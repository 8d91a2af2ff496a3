// Judging rows for tests that are not about onboarding: an active judge who signed the agreement,
// a rubric on a round, and a round whose review window is open.
import type { DB } from "#app/infra/db.server";
import type { User } from "#db/schema";
import { saveReview } from "#app/services/reviews.server";
import { grantRole, makeCtx, makeUser } from "./factories";

let counter = 0;

/** A judge of the contest, active and signed, with a public-mail address (so no detected conflict). */
export async function makeSignedJudge(db: DB, contestId: number, name?: string): Promise<User> {
  const user = await makeUser(db, { email: `signed-judge${++counter}-${Date.now()}@gmail.com`, ...(name ? { name } : {}) });
  const at = new Date().toISOString();
  await grantRole(db, contestId, user.id, "judge");
  await db
    .insertInto("judge_profiles")
    .values({ contest_id: contestId, user_id: user.id, organisation: null, country: "SG", created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto("agreement_acceptances")
    .values({
      contest_id: contestId,
      user_id: user.id,
      agreement_version: 1,
      text_sha256: "0".repeat(64),
      language: "en",
      accepted_at: at,
      ip: null,
    })
    .execute();
  return user;
}

/** A rubric of criteria scored 0–10 (each with its weight and step); returns the rubric and criterion ids. */
export async function insertTestRubric(
  db: DB,
  contestId: number,
  criteria: ReadonlyArray<{ key: string; weight: number; step: number }>,
) {
  const at = new Date().toISOString();
  const rubric = await db
    .insertInto("rubrics")
    .values({
      contest_id: contestId,
      name_i18n: JSON.stringify({ en: "Rubric" }),
      copied_from_id: null,
      template: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = await db
    .insertInto("criteria")
    .values(
      criteria.map((c, i) => ({
        rubric_id: rubric.id,
        key: c.key,
        position: i + 1,
        name_i18n: JSON.stringify({ en: c.key }),
        description_i18n: null,
        weight: c.weight,
        scale_min: 0,
        scale_max: 10,
        scale_step: c.step,
        levels_json: "[]",
      })),
    )
    .returning("id")
    .execute();
  return { rubricId: rubric.id, criterionIds: rows.map((r) => r.id) };
}

/** A round with a two-criterion rubric (0–10 by 1, weights 50/50) and its review window around `now`. */
export async function makeScoredRound(db: DB, contestId: number, options: { blind?: boolean; method?: string } = {}) {
  const at = new Date().toISOString();
  const { rubricId, criterionIds } = await insertTestRubric(db, contestId, [
    { key: "pitch", weight: 50, step: 1 },
    { key: "market", weight: 50, step: 1 },
  ]);
  const round = await db
    .insertInto("rounds")
    .values({
      contest_id: contestId,
      position: 2,
      name_i18n: JSON.stringify({ en: "Final roadshow" }),
      submission_opens_at: "2020-01-01T00:00:00.000Z",
      submission_closes_at: "2020-02-01T00:00:00.000Z",
      review_opens_at: "2020-02-02T00:00:00.000Z",
      review_closes_at: "2099-01-01T00:00:00.000Z",
      blind_review: options.blind ? 1 : 0,
      judges_per_entry: 5,
      rubric_id: rubricId,
      aggregation_method: options.method ?? "trimmed_mean",
      pitch_minutes: 8,
      qa_minutes: 7,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { roundId: round.id, criteria: criterionIds as [number, number] };
}

/**
 * A judge assigned to an entry in a round who scores and submits through the real review service, on
 * a two-criterion round from makeScoredRound. Returns the assignment's id.
 */
export async function submitReview(
  db: DB,
  input: {
    roundId: number;
    entryId: number;
    judge: User;
    criteria: readonly [number, number];
    scores: readonly [number, number];
    feedback?: string;
    note?: string;
  },
): Promise<number> {
  const row = await db
    .insertInto("assignments")
    .values({
      round_id: input.roundId,
      entry_id: input.entryId,
      judge_id: input.judge.id,
      source: "manual",
      assigned_by: null,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const saved = await saveReview(
    await makeCtx(db, input.judge),
    row.id,
    {
      version: 0,
      scores: {
        [input.criteria[0]]: { value: input.scores[0], comment: "" },
        [input.criteria[1]]: { value: input.scores[1], comment: "" },
      },
      feedback: input.feedback ?? "",
      note: input.note ?? "",
      confidence: null,
    },
    { submit: true },
  );
  if (!saved.ok) throw new Error(`review not saved: ${saved.error.code}`);
  return row.id;
}
