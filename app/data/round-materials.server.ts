// Queries behind the organisers' view of a round's materials: the round itself, and every version
// handed in by the round's registered entries, with what the ZIP and its manifest need.
import type { Kysely } from "kysely";
import type { Database } from "#db/schema";

type Q = Kysely<Database>;

export function findContestRound(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("rounds")
    .select(["id", "position", "name_i18n", "submission_closes_at as closesAt"])
    .where("id", "=", roundId)
    .where("contest_id", "=", contestId)
    .executeTakeFirst();
}

/**
 * Every version handed in for the round by the contest's registered entries (withdrawn ones are
 * left out), with the entry's team, track and extension, in archive order. Versions, not files:
 * the caller picks the ones that count. Uses the submissions_round index.
 */
export function listRoundVersions(db: Q, contestId: number, roundId: number) {
  return db
    .selectFrom("submissions")
    .innerJoin("entries", "entries.id", "submissions.entry_id")
    .innerJoin("teams", "teams.id", "entries.team_id")
    .innerJoin("tracks", "tracks.id", "entries.track_id")
    .innerJoin("material_requirements", "material_requirements.id", "submissions.requirement_id")
    .leftJoin("users", "users.id", "submissions.uploaded_by")
    .leftJoin("deadline_extensions", (join) =>
      join.onRef("deadline_extensions.entry_id", "=", "entries.id").on("deadline_extensions.round_id", "=", roundId),
    )
    .select([
      "submissions.id",
      "submissions.requirement_id as requirementId",
      "submissions.version",
      "submissions.kind",
      "submissions.storage_key as storageKey",
      "submissions.sha256",
      "submissions.size_bytes as size",
      "submissions.file_name as fileName",
      "submissions.text_value as text",
      "submissions.url_value as url",
      "submissions.created_at as createdAt",
      "users.name as uploadedBy",
      "entries.id as entryId",
      "entries.code as entryCode",
      "teams.name as teamName",
      "tracks.id as trackId",
      "tracks.name_i18n as trackName",
      "material_requirements.kind as materialKind",
      "material_requirements.label_i18n as materialLabel",
      "deadline_extensions.until as extensionUntil",
    ])
    .where("submissions.round_id", "=", roundId)
    .where("entries.contest_id", "=", contestId)
    .where("entries.status", "=", "registered")
    .orderBy("tracks.position")
    .orderBy("tracks.id")
    .orderBy("entries.code")
    .orderBy("entries.id")
    .orderBy("material_requirements.position")
    .orderBy("material_requirements.id")
    .orderBy("submissions.version")
    .execute();
}

export type RoundVersionRow = Awaited<ReturnType<typeof listRoundVersions>>[number];
