// Queries behind an entry's texts in several languages: the versions stored per text, the places the
// originals have always lived (the team's pitch, the registration answers, text-answer submissions),
// and the rounds whose text answers a team may translate.
import type { Kysely } from "kysely";
import type { Database, EntryTextField } from "#db/schema";

type Q = Kysely<Database>;

/** Every stored version of the entries' texts, in a fixed order. Uses the entry_texts_version index. */
export function listEntryTexts(db: Q, entryIds: readonly number[], fields?: readonly EntryTextField[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom("entry_texts")
    .select([
      "id",
      "entry_id as entryId",
      "field",
      "ref",
      "language",
      "is_original as isOriginal",
      "body",
      "created_at as createdAt",
    ])
    .where("entry_id", "in", entryIds);
  if (fields) query = query.where("field", "in", fields);
  return query.orderBy("entry_id").orderBy("field").orderBy("ref").orderBy("language").execute();
}

export type EntryTextRow = Awaited<ReturnType<typeof listEntryTexts>>[number];

/** The entries with what their originals are read from: the team's pitch, the answers, the materials language. */
export function listTextSources(db: Q, entryIds: readonly number[]) {
  if (entryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("entries")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .select([
      "entries.id",
      "entries.contest_id as contestId",
      "entries.team_id as teamId",
      "entries.status",
      "entries.code",
      "entries.answers_json as answersJson",
      "entries.materials_language as materialsLanguage",
      "teams.pitch as teamPitch",
    ])
    .where("entries.id", "in", entryIds)
    .execute();
}

/** The languages a judge said they read for one contest (a JSON array), if they have a profile. */
export async function findJudgeLanguages(db: Q, contestId: number, userId: number): Promise<string[]> {
  const row = await db
    .selectFrom("judge_profiles")
    .select("languages_json")
    .where("contest_id", "=", contestId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  try {
    const parsed: unknown = JSON.parse(row?.languages_json ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** The contest's text-answer materials with their round's window, for one entry's translations page. */
export function listTextRequirements(db: Q, contestId: number) {
  return db
    .selectFrom("material_requirements")
    .innerJoin("rounds", "rounds.id", "material_requirements.round_id")
    .select([
      "material_requirements.id",
      "material_requirements.round_id as roundId",
      "material_requirements.label_i18n as labelJson",
      "material_requirements.max_chars as maxChars",
      "rounds.name_i18n as roundNameJson",
    ])
    .where("rounds.contest_id", "=", contestId)
    .where("material_requirements.kind", "=", "text_answer")
    .orderBy("rounds.position")
    .orderBy("material_requirements.position")
    .execute();
}

/** The newest text version the entry handed in for each of these requirements. */
export async function latestTextSubmissions(db: Q, entryId: number, requirementIds: readonly number[]) {
  if (requirementIds.length === 0) return [];
  const rows = await db
    .selectFrom("submissions")
    .select(["id", "requirement_id as requirementId", "version", "text_value as text", "language"])
    .where("entry_id", "=", entryId)
    .where("requirement_id", "in", requirementIds)
    .where("kind", "=", "text")
    .orderBy("requirement_id")
    .orderBy("version", "desc")
    .execute();
  return rows.filter((row, i) => i === 0 || rows[i - 1]!.requirementId !== row.requirementId);
}

/** The language the entry's materials are in, for a hand-in that does not say. */
export async function findMaterialsLanguage(db: Q, entryId: number): Promise<string | null> {
  const row = await db.selectFrom("entries").select("materials_language").where("id", "=", entryId).executeTakeFirst();
  return row?.materials_language ?? null;
}
