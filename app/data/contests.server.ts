// Queries on contests and their configuration: tracks, rounds, materials, rubrics, questions.
import type { Kysely } from "kysely";
import { DEFAULT_TRACKS } from "#app/domain/default-tracks";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findContest(db: Q, id: number) {
  return db.selectFrom("contests").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findContestBySlug(db: Q, slug: string) {
  return db.selectFrom("contests").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function listTracks(db: Q, contestId: number) {
  return db.selectFrom("tracks").selectAll().where("contest_id", "=", contestId).orderBy("position").orderBy("id").execute();
}

export function listRounds(db: Q, contestId: number) {
  return db.selectFrom("rounds").selectAll().where("contest_id", "=", contestId).orderBy("position").orderBy("id").execute();
}

export async function listMaterials(db: Q, roundIds: number[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom("material_requirements")
    .selectAll()
    .where("round_id", "in", roundIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function listCriteria(db: Q, rubricIds: number[]) {
  if (!rubricIds.length) return [];
  return db.selectFrom("criteria").selectAll().where("rubric_id", "in", rubricIds).orderBy("position").orderBy("id").execute();
}

export function listRubrics(db: Q, contestId: number) {
  return db.selectFrom("rubrics").selectAll().where("contest_id", "=", contestId).orderBy("id").execute();
}

export function listQuestions(db: Q, contestId: number) {
  return db
    .selectFrom("registration_questions")
    .selectAll()
    .where("contest_id", "=", contestId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export async function countEntries(db: Q, contestId: number, filter: { trackId?: number } = {}) {
  let q = db
    .selectFrom("entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("contest_id", "=", contestId);
  if (filter.trackId) q = q.where("track_id", "=", filter.trackId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function nextPosition(db: Q, table: "tracks" | "rounds" | "registration_questions", contestId: number) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>("position").as("max"))
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/** Contests the public may see, newest registration deadline first. */
export function listVisibleContests(db: Q) {
  return db
    .selectFrom("contests")
    .select([
      "id",
      "slug",
      "name_i18n",
      "description_i18n",
      "state",
      "time_zone",
      "registration_opens_at",
      "registration_closes_at",
    ])
    .where("state", "in", ["registration_open", "running", "finished"])
    .orderBy("state")
    .orderBy("registration_closes_at", "desc")
    .limit(100)
    .execute();
}

export function listManagedContests(db: Q, userId: number, isAdmin: boolean) {
  let q = db.selectFrom("contests").select(["id", "slug", "name_i18n", "state"]);
  if (!isAdmin) {
    q = q.where("id", "in", (eb) =>
      eb.selectFrom("contest_roles").select("contest_id").where("user_id", "=", userId).where("role", "=", "organiser"),
    );
  }
  return q.orderBy("id", "desc").limit(200).execute();
}

/** A new contest's starting tracks: the China–ASEAN focus areas. */
export async function insertDefaultTracks(db: Q, contestId: number, at: string) {
  await db
    .insertInto("tracks")
    .values(
      DEFAULT_TRACKS.map((track, i) => ({
        contest_id: contestId,
        position: i + 1,
        name_i18n: JSON.stringify(track.name),
        description_i18n: null,
        women_led_only: track.womenLedOnly ? (1 as const) : (0 as const),
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}
