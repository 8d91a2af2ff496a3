// Judging rows for tests that are not about onboarding: an active judge who signed the agreement,
// a rubric on a round, and a round whose review window is open.
import type { DB } from "#app/infra/db.server";
import type { User } from "#db/schema";
import { grantRole, makeUser } from "./factories";

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

/** A round with a two-criterion rubric (0–10 by 1, weights 50/50) and its review window around `now`. */
export async function makeScoredRound(db: DB, contestId: number, options: { blind?: boolean; method?: string } = {}) {
  const at = new Date().toISOString();
  const rubric = await db
    .insertInto("rubrics")
    .values({
      contest_id: contestId,
      name_i18n: JSON.stringify({ en: "Final" }),
      copied_from_id: null,
      template: null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const criterion = (key: string, position: number) => ({
    rubric_id: rubric.id,
    key,
    position,
    name_i18n: JSON.stringify({ en: key }),
    description_i18n: null,
    weight: 50,
    scale_min: 0,
    scale_max: 10,
    scale_step: 1,
    levels_json: "[]",
  });
  const criteria = await db
    .insertInto("criteria")
    .values([criterion("pitch", 1), criterion("market", 2)])
    .returning("id")
    .execute();
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
      rubric_id: rubric.id,
      aggregation_method: options.method ?? "trimmed_mean",
      pitch_minutes: 8,
      qa_minutes: 7,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { roundId: round.id, criteria: criteria.map((c) => c.id) as [number, number] };
}
